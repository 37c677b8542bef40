import {
  evaluateInventory,
  type Finding,
  type FindingStatus,
  getFramework,
  type LiveInventory,
} from '../../src/core/compliance';

function evaluate(frameworkId: string, inventory: LiveInventory, platforms?: ('heroku' | 'aws')[]): Finding[] {
  const framework = getFramework(frameworkId);
  if (framework === undefined) throw new Error(frameworkId);
  return evaluateInventory(framework, inventory, platforms === undefined ? {} : { platforms });
}

function withStatus(findings: Finding[], status: FindingStatus): string[] {
  return findings
    .filter((finding) => finding.status === status)
    .map((finding) => `${finding.platform}:${finding.controlId}`)
    .sort();
}

function finding(findings: Finding[], platform: 'heroku' | 'aws', controlId: string): Finding {
  const found = findings.find((f) => f.controlId === controlId && f.platform === platform);
  if (found === undefined) throw new Error(`no ${platform} finding for ${controlId}`);
  return found;
}

/** One app in a Shield space with a HIPAA Postgres, one marketing app outside any space; bob has no 2FA. */
function inventory(): LiveInventory {
  return {
    heroku: {
      apps: [
        {
          name: 'clinic-api',
          team: 'acme',
          space: { name: 'phi-space', shield: true },
          addOns: [{ service: 'heroku-postgresql', plan: 'heroku-postgresql:shield-0', compliance: ['HIPAA'] }],
        },
        { name: 'marketing-site', team: 'acme', space: null, addOns: [] },
      ],
      members: [
        { email: 'alice@acme.test', team: 'acme', twoFactor: true },
        { email: 'bob@acme.test', team: 'acme', twoFactor: false },
      ],
    },
    aws: {
      servicesWithSpend: [
        'Amazon Elastic Compute Cloud - Compute',
        'Amazon Relational Database Service',
        'AWS Key Management Service',
        'AWS CloudTrail',
        'Amazon GuardDuty',
        'Tax',
      ],
      period: '2026-05-01 to 2026-05-31',
    },
  };
}

describe('evaluateInventory: HIPAA', () => {
  it('finds exactly the app outside Shield and the member without 2FA', () => {
    const findings = evaluate('hipaa', inventory());
    expect(withStatus(findings, 'gap')).toEqual(['heroku:hipaa-mfa', 'heroku:hipaa-phi-compute']);

    const compute = finding(findings, 'heroku', 'hipaa-phi-compute').detail;
    expect(compute).toContain('marketing-site (Common Runtime)');
    expect(compute).not.toContain('clinic-api');
    const mfa = finding(findings, 'heroku', 'hipaa-mfa').detail;
    expect(mfa).toContain('bob@acme.test (acme)');
    expect(mfa).not.toContain('alice');
  });

  it('meets the compute and MFA controls once everything is in Shield with 2FA', () => {
    const clean = inventory();
    clean.heroku!.apps = clean.heroku!.apps.slice(0, 1);
    clean.heroku!.members = clean.heroku!.members.map((member) => ({ ...member, twoFactor: true }));
    const findings = evaluate('hipaa', clean);
    expect(withStatus(findings, 'gap')).toEqual([]);
    expect(finding(findings, 'heroku', 'hipaa-phi-compute').status).toBe('met');
    expect(finding(findings, 'heroku', 'hipaa-mfa').status).toBe('met');
  });

  it('leaves encryption in transit to verify even when every app is in a Shield space', () => {
    const shieldOnly = inventory();
    shieldOnly.heroku!.apps = shieldOnly.heroku!.apps.slice(0, 1);
    const transit = finding(evaluate('hipaa', shieldOnly), 'heroku', 'hipaa-encryption-in-transit');
    expect(transit.status).toBe('attention');
    expect(transit.detail).toBe(
      'Every app is in a Shield Private Space, which refuses TLS 1.0; that the apps serve only HTTPS and reach every service over TLS is not in the data read: check it.',
    );
  });

  it('names add-on plans that do not declare HIPAA, and a Private space app as outside Shield', () => {
    const data = inventory();
    data.heroku!.apps.push({
      name: 'reports',
      space: { name: 'internal', shield: false },
      addOns: [
        { service: 'papertrail', plan: 'papertrail:choklad', compliance: null },
        { service: 'heroku-redis', plan: 'premium-0', compliance: ['PCI'] },
      ],
    });
    const findings = evaluate('hipaa', data);
    const addOns = finding(findings, 'heroku', 'hipaa-phi-data');
    expect(addOns.status).toBe('gap');
    expect(addOns.detail).toContain('reports: papertrail choklad, reports: heroku-redis premium-0');
    expect(addOns.detail).not.toContain('clinic-api');
    expect(finding(findings, 'heroku', 'hipaa-phi-compute').detail).toContain('reports (Private Space internal)');
  });

  it('calls out Standard Postgres for having no HA, naming the app', () => {
    const data = inventory();
    data.heroku!.apps[1].addOns.push({ service: 'heroku-postgresql', plan: 'standard-0', compliance: null });
    const backup = finding(evaluate('hipaa', data), 'heroku', 'hipaa-backup-dr');
    expect(backup.status).toBe('attention');
    expect(backup.detail).toContain('marketing-site: heroku-postgresql standard-0 (Standard: no HA');
  });

  it("never meets two-factor or roles when a team's members could not be read, and keeps the gaps it did see", () => {
    const data = inventory();
    data.heroku!.membersNotRead = [{ team: 'beta', reason: 'Heroku refused GET /teams/beta/members (403 Forbidden).' }];
    const findings = evaluate('hipaa', data);
    const mfa = finding(findings, 'heroku', 'hipaa-mfa');
    expect(mfa.status).toBe('gap');
    expect(mfa.detail).toBe(
      'Team members without two-factor authentication: bob@acme.test (acme). The members of team beta could not be read: check their two-factor authentication by hand.',
    );
    data.heroku!.members = data.heroku!.members.map((member) => ({ ...member, twoFactor: true, role: 'member' }));
    const clean = evaluate('hipaa', data);
    expect(finding(clean, 'heroku', 'hipaa-mfa').status).toBe('attention');
    const access = finding(clean, 'heroku', 'hipaa-access-control');
    expect(access.status).toBe('attention');
    expect(access.detail).toContain('The members of team beta could not be read: check their roles by hand.');
  });

  it('lists elevated roles for review when the source read them', () => {
    const data = inventory();
    data.heroku!.members[0].role = 'admin';
    data.heroku!.members[1].role = 'member';
    const access = finding(evaluate('hipaa', data), 'heroku', 'hipaa-access-control');
    expect(access.status).toBe('attention');
    expect(access.detail).toContain('alice@acme.test (acme) admin');
    expect(access.detail).not.toContain('bob');
  });
});

describe('evaluateInventory: AWS spend as evidence, not proof', () => {
  it('never counts spend as a control met: CloudTrail, GuardDuty, AWS Backup and WAF spend are evidence to check', () => {
    const data = inventory();
    data.aws!.servicesWithSpend.push('AWS Backup', 'AWS WAF');
    const hipaa = evaluate('hipaa', data);
    const pci = evaluate('pci', data);
    const soc2 = evaluate('soc2', data);
    const spendOnly = [
      finding(hipaa, 'aws', 'hipaa-audit-logs'),
      finding(hipaa, 'aws', 'hipaa-threat-detection'),
      finding(hipaa, 'aws', 'hipaa-backup-dr'),
      finding(pci, 'aws', 'pci-waf'),
      finding(pci, 'aws', 'pci-audit-logs'),
      finding(pci, 'aws', 'pci-intrusion-detection'),
      finding(soc2, 'aws', 'soc2-monitoring'),
      finding(soc2, 'aws', 'soc2-availability'),
    ];
    for (const result of spendOnly) {
      expect(result.status).toBe('attention');
      expect(result.detail).toMatch(/^Evidence, not proof: .* has spend in 2026-05-01 to 2026-05-31/);
    }
    // What spend can show (which services are in use, and whether they are eligible) may still be met.
    expect(finding(hipaa, 'aws', 'hipaa-phi-compute').status).toBe('met');
  });

  it('never counts KMS spend as encryption met: a key in use does not show what it encrypts', () => {
    const findings = evaluate('hipaa', inventory());
    for (const id of ['hipaa-encryption-at-rest', 'hipaa-key-rotation']) {
      const result = finding(findings, 'aws', id);
      expect(result.status).toBe('attention');
      expect(result.detail).toMatch(/^Evidence, not proof: KMS has spend in 2026-05-01 to 2026-05-31/);
    }
  });

  it('treats missing AWS Backup and WAF spend as something to look at, not a gap', () => {
    const backup = finding(evaluate('hipaa', inventory()), 'aws', 'hipaa-backup-dr');
    expect(backup.status).toBe('attention');
    expect(backup.detail).toMatch(/No AWS Backup spend in 2026-05-01 to 2026-05-31: evidence, not proof/);
    const waf = finding(evaluate('pci', inventory()), 'aws', 'pci-waf');
    expect(waf.status).toBe('attention');
    expect(waf.detail).toMatch(/No AWS WAF spend/);
  });

  it('lists services with spend whose HIPAA eligibility is unconfirmed', () => {
    const data = inventory();
    data.aws!.servicesWithSpend.push('AWS Backup', 'Amazon Route 53', 'Amazon Textract');
    const services = finding(evaluate('hipaa', data), 'aws', 'hipaa-phi-data');
    expect(services.status).toBe('attention');
    // A name the table does not know is shown as Cost Explorer writes it.
    expect(services.detail).toContain(
      'HIPAA eligibility unconfirmed for AWS Backup, Amazon Textract: keep PHI off them',
    );
    expect(services.detail).not.toContain('Tax');
  });

  it('does not mark PHI-on-eligible-services met while CloudTrail is eligible only in a third-party table: it says what to check', () => {
    const services = finding(evaluate('hipaa', inventory()), 'aws', 'hipaa-phi-data');
    expect(services.status).toBe('attention');
    expect(services.detail).toContain(
      "Not confirmed by AWS's own HIPAA Eligible Services Reference (only a third-party table lists it): CloudTrail. Check that it is listed at https://aws.amazon.com/compliance/hipaa-eligible-services-reference/",
    );
  });

  it('marks it met when every data service with spend is confirmed by AWS', () => {
    const data = inventory();
    data.aws!.servicesWithSpend = data.aws!.servicesWithSpend.filter((service) => service !== 'AWS CloudTrail');
    const services = finding(evaluate('hipaa', data), 'aws', 'hipaa-phi-data');
    expect(services.status).toBe('met');
    expect(services.detail).not.toContain('third-party');
  });
});

describe('evaluateInventory: missing or failed sources', () => {
  it('says so for every control when a platform is not connected', () => {
    const findings = evaluate('hipaa', { heroku: inventory().heroku });
    const aws = findings.filter((f) => f.platform === 'aws');
    expect(aws).toHaveLength(getFramework('hipaa')!.controls.length);
    for (const result of aws) {
      expect(result.status).toBe('attention');
      expect(result.detail).toMatch(/^AWS is not connected, so nothing on AWS was checked live/);
    }
  });

  it('keeps gaps but reports nothing as met from a partial read', () => {
    const data = inventory();
    data.heroku!.error = 'GET /teams/acme/members: 403 Forbidden';
    data.heroku!.members = [];
    const findings = evaluate('hipaa', data).filter((f) => f.platform === 'heroku');
    expect(withStatus(findings, 'gap')).toEqual(['heroku:hipaa-phi-compute']);
    expect(withStatus(findings, 'met')).toEqual([]);
    for (const result of findings)
      expect(result.detail).toMatch(/^Heroku data is incomplete \(GET \/teams\/acme\/members: 403/);
  });

  it('says a read that failed outright checked nothing, not that the account is empty', () => {
    const findings = evaluate('pci', {
      heroku: { apps: [], members: [], error: 'Heroku refused GET /account (401 Unauthorized)' },
      aws: { servicesWithSpend: [], period: '2026-05', error: 'AccessDeniedException' },
    });
    expect(withStatus(findings, 'attention')).toHaveLength(findings.length);
    for (const result of findings.filter((f) => f.platform === 'aws')) {
      expect(result.detail).toBe('AWS could not be read (AccessDeniedException), so nothing on AWS was checked live.');
    }
    for (const result of findings.filter((f) => f.platform === 'heroku')) {
      expect(result.detail).toBe(
        'Heroku could not be read (Heroku refused GET /account (401 Unauthorized)), so nothing on Heroku was checked live.',
      );
    }
  });

  it('reports only the platforms asked for', () => {
    const findings = evaluate('hipaa', inventory(), ['heroku']);
    expect(new Set(findings.map((f) => f.platform))).toEqual(new Set(['heroku']));
  });
});

describe('evaluateInventory: PCI', () => {
  it('finds exactly the Common Runtime app and the member without 2FA', () => {
    const findings = evaluate('pci', inventory());
    expect(withStatus(findings, 'gap')).toEqual(['heroku:pci-mfa', 'heroku:pci-network-segmentation']);
    expect(finding(findings, 'heroku', 'pci-network-segmentation').detail).toContain('marketing-site');
  });

  it('never reports Heroku’s PCI status as met, even when every add-on plan declares PCI', () => {
    const data = inventory();
    data.heroku!.apps[0].addOns[0].compliance = ['HIPAA', 'PCI'];
    const status = finding(evaluate('pci', data), 'heroku', 'pci-provider-status');
    expect(status.status).toBe('attention');
    expect(status.detail).toContain('PCI status: check the Salesforce Trust/compliance docs');
    expect(status.detail).toContain('Every add-on plan declares PCI in plan.compliance (1 read)');
  });

  it('asks about add-on plans that do not declare PCI without calling them gaps', () => {
    const addOns = finding(evaluate('pci', inventory()), 'heroku', 'pci-provider-status');
    expect(addOns.status).toBe('attention');
    expect(addOns.detail).toContain('do not declare PCI in plan.compliance: clinic-api: heroku-postgresql shield-0');
  });
});
