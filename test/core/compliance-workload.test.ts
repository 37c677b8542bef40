import { evaluateWorkload, type Finding, type FindingStatus, getFramework } from '../../src/core/compliance';
import type { AddOn, Platform, Workload } from '../../src/core/workload';

interface Shape {
  processes: [name: string, count: number, size: string][];
  database?: string;
  ha?: boolean;
  cache?: string;
  addOns?: [service: string, plan: string][];
}

function workload(origin: Platform, shape: Shape): Workload {
  return {
    origin,
    processes: shape.processes.map(([name, count, size]) => ({
      name,
      count,
      size,
      memoryGb: 1,
      vcpu: 1,
      dedicated: false,
    })),
    ...(shape.database === undefined
      ? {}
      : { database: { plan: shape.database, memoryGb: 4, storageGb: 64, highAvailability: shape.ha ?? false } }),
    ...(shape.cache === undefined ? {} : { cache: { plan: shape.cache, memoryGb: 0.05 } }),
    addOns: (shape.addOns ?? []).map(([service, plan]): AddOn => ({ service, plan, monthlyCents: 0, contract: false })),
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };
}

function evaluate(frameworkId: string, subject: Workload): Finding[] {
  const framework = getFramework(frameworkId);
  if (framework === undefined) throw new Error(frameworkId);
  return evaluateWorkload(framework, subject);
}

function withStatus(findings: Finding[], status: FindingStatus): string[] {
  return findings
    .filter((finding) => finding.status === status)
    .map((finding) => finding.controlId)
    .sort();
}

function finding(findings: Finding[], controlId: string): Finding {
  const found = findings.find((f) => f.controlId === controlId);
  if (found === undefined) throw new Error(`no finding for ${controlId}`);
  return found;
}

const standardApp = workload('heroku', { processes: [['web', 2, 'standard-2x']], database: 'standard-0' });
const shieldApp = workload('heroku', { processes: [['web', 2, 'shield-m']], database: 'shield-0' });

describe('evaluateWorkload: HIPAA on Heroku', () => {
  it('finds exactly the dyno and Postgres gaps for web=2xstandard-2x postgres=standard-0', () => {
    const findings = evaluate('hipaa', standardApp);
    expect(withStatus(findings, 'gap')).toEqual(['hipaa-phi-compute', 'hipaa-phi-data']);
    expect(finding(findings, 'hipaa-phi-compute').detail).toContain(
      'web (2× standard-2x, nearest Shield size shield-s)',
    );
    expect(finding(findings, 'hipaa-phi-data').detail).toContain('Postgres standard-0');
  });

  it('finds none of those gaps for a Shield workload', () => {
    const findings = evaluate('hipaa', shieldApp);
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'hipaa-phi-compute').status).toBe('met');
    expect(finding(findings, 'hipaa-phi-data').status).toBe('met');
    expect(finding(findings, 'hipaa-backup-dr').status).toBe('met');
  });

  it('never meets "TLS only" from Shield: refusing TLS 1.0 does not show that nothing travels unencrypted', () => {
    for (const framework of ['hipaa', 'pci', 'soc2']) {
      const transit = evaluate(framework, shieldApp).find((f) =>
        ['hipaa-encryption-in-transit', 'pci-transmission', 'soc2-encryption'].includes(f.controlId),
      );
      expect(transit?.status).toBe('attention');
      expect(transit?.detail).toContain('Shield Private Spaces refuse TLS 1.0');
      expect(transit?.detail).toContain('serve only HTTPS and reach every service over TLS');
    }
  });

  it('treats Private Space dynos as outside Shield', () => {
    const findings = evaluate(
      'hipaa',
      workload('heroku', { processes: [['web', 1, 'private-m']], database: 'shield-0' }),
    );
    expect(withStatus(findings, 'gap')).toEqual(['hipaa-phi-compute']);
    expect(finding(findings, 'hipaa-phi-compute').detail).toContain('nearest Shield size shield-m');
  });

  it('names only the processes that are not on Shield', () => {
    const mixed = workload('heroku', {
      processes: [
        ['web', 2, 'shield-m'],
        ['worker', 1, 'performance-l'],
      ],
      database: 'shield-0',
    });
    const detail = finding(evaluate('hipaa', mixed), 'hipaa-phi-compute').detail;
    expect(detail).toContain('worker (1× performance-l, nearest Shield size shield-l)');
    expect(detail).not.toContain('web');
  });

  it('flags a Premium Postgres as a data gap but not an availability concern', () => {
    const findings = evaluate(
      'hipaa',
      workload('heroku', { processes: [['web', 1, 'shield-s']], database: 'premium-0' }),
    );
    expect(withStatus(findings, 'gap')).toEqual(['hipaa-phi-data']);
    expect(finding(findings, 'hipaa-backup-dr').status).toBe('met');
  });

  it('calls out Standard Postgres for having no HA', () => {
    const backup = finding(evaluate('hipaa', standardApp), 'hipaa-backup-dr');
    expect(backup.status).toBe('attention');
    expect(backup.detail).toMatch(/standard-0 has no high availability/);
  });

  it('flags a mini Key-Value Store as a data gap and as not encrypted at rest', () => {
    const findings = evaluate(
      'hipaa',
      workload('heroku', { processes: [['web', 1, 'shield-s']], database: 'shield-0', cache: 'mini' }),
    );
    expect(withStatus(findings, 'gap')).toEqual(['hipaa-phi-data']);
    expect(finding(findings, 'hipaa-phi-data').detail).toContain('Key-Value Store mini');
    expect(finding(findings, 'hipaa-encryption-at-rest').detail).toMatch(/mini is not listed as encrypted at rest/);
  });

  it('asks about add-ons whose HIPAA status an estimate cannot show', () => {
    const findings = evaluate(
      'hipaa',
      workload('heroku', {
        processes: [['web', 1, 'shield-s']],
        database: 'shield-0',
        addOns: [['papertrail', 'choklad']],
      }),
    );
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'hipaa-phi-data')).toMatchObject({ status: 'attention' });
    expect(finding(findings, 'hipaa-phi-data').detail).toContain('papertrail (choklad)');
  });

  it('does not call an unrecognised size a gap', () => {
    const findings = evaluate(
      'hipaa',
      workload('heroku', { processes: [['web', 1, 'mystery-9x']], database: 'shield-0' }),
    );
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'hipaa-phi-compute').detail).toContain(
      'Not recognised as Heroku dyno sizes: web (1× mystery-9x)',
    );
  });

  it('reports every control once, on the workload’s own platform', () => {
    const findings = evaluate('hipaa', standardApp);
    expect(findings.map((f) => f.controlId)).toEqual(getFramework('hipaa')?.controls.map((c) => c.id));
    expect(new Set(findings.map((f) => f.platform))).toEqual(new Set(['heroku']));
  });
});

describe('evaluateWorkload: other frameworks on Heroku', () => {
  it('PCI: Common Runtime dynos are exactly a network segmentation gap', () => {
    const findings = evaluate('pci', standardApp);
    expect(withStatus(findings, 'gap')).toEqual(['pci-network-segmentation']);
    expect(finding(findings, 'pci-network-segmentation').detail).toContain('web (2× standard-2x)');
  });

  it('PCI: Private Space dynos leave no gaps', () => {
    const findings = evaluate(
      'pci',
      workload('heroku', { processes: [['web', 2, 'private-m']], database: 'private-0' }),
    );
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'pci-network-segmentation').status).toBe('met');
  });

  it('PCI: always raises the SAQ A route and Heroku’s unconfirmed PCI status', () => {
    const findings = evaluate('pci', shieldApp);
    expect(finding(findings, 'pci-saq-a').status).toBe('attention');
    expect(finding(findings, 'pci-provider-status').status).toBe('attention');
  });

  it('PCI: disk encryption never counts as card numbers being unreadable', () => {
    expect(finding(evaluate('pci', shieldApp), 'pci-stored-data').status).toBe('attention');
  });

  it('SOC 2: the Common Runtime is something to look at, not a gap', () => {
    const findings = evaluate('soc2', standardApp);
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'soc2-network-boundary')).toMatchObject({ status: 'attention' });
    expect(finding(findings, 'soc2-availability').detail).toMatch(/no high availability/);
  });

  it('GDPR: never reports a gap, even for the Common Runtime', () => {
    expect(withStatus(evaluate('gdpr', standardApp), 'gap')).toEqual([]);
  });
});

describe('evaluateWorkload: AWS', () => {
  const singleAz = workload('aws', { processes: [['web', 2, 'm5.large']], database: 'db.m6g.large', ha: false });
  const multiAz = workload('aws', { processes: [['web', 2, 'm5.large']], database: 'db.m6g.large', ha: true });

  it('HIPAA: eligible services leave no gaps; the customer’s share is attention', () => {
    const findings = evaluate('hipaa', singleAz);
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(withStatus(findings, 'met')).toEqual(['hipaa-phi-compute', 'hipaa-phi-data']);
    expect(new Set(findings.map((f) => f.platform))).toEqual(new Set(['aws']));
    expect(finding(findings, 'hipaa-encryption-at-rest').detail).toMatch(/create KMS keys/);
    expect(finding(findings, 'hipaa-audit-logs').detail).toMatch(/CloudTrail/);
    expect(finding(findings, 'hipaa-threat-detection').detail).toMatch(/GuardDuty/);
    expect(finding(findings, 'hipaa-baa')).toMatchObject({
      status: 'attention',
      detail: expect.stringMatching(/yours to do/),
    });
  });

  it('calls out Single-AZ RDS, and not Multi-AZ RDS', () => {
    expect(finding(evaluate('hipaa', singleAz), 'hipaa-backup-dr').detail).toMatch(/db\.m6g\.large is Single-AZ/);
    const multi = finding(evaluate('hipaa', multiAz), 'hipaa-backup-dr').detail;
    expect(multi).toContain('RDS db.m6g.large is Multi-AZ.');
    expect(multi).not.toMatch(/Single-AZ/);
  });

  it('HIPAA: Fargate is an ECS launch type, and ECS is eligible, so met (as live ECS spend is)', () => {
    const fargate = workload('aws', { processes: [['web', 2, 'fargate']], database: 'db.t4g.small' });
    const compute = finding(evaluate('hipaa', fargate), 'hipaa-phi-compute');
    expect(compute.status).toBe('met');
    expect(compute.detail).toBe('ECS on Fargate is HIPAA-eligible: web (2× fargate).');
  });

  it('PCI: WAF is the customer’s to add, at the price its Cost quotes with a source (no bare figure here)', () => {
    const waf = finding(evaluate('pci', singleAz), 'pci-waf');
    expect(waf.status).toBe('attention');
    expect(waf.detail).toContain('what it costs, with its source, is under Cost');
    expect(waf.detail).not.toContain('$');
  });
});
