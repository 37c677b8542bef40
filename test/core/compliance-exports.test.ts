import fc from 'fast-check';
import {
  CSV_COLUMNS,
  evaluateWorkload,
  type Finding,
  type Framework,
  getFramework,
  renderComplianceText,
  toCsv,
  toJson,
  toMarkdown,
} from '../../src/core/compliance';
import { toCsvText } from '../../src/core/compliance/csv';
import type { Workload } from '../../src/core/workload';
import { parseCsv } from '../support/read-csv';

const hipaa = getFramework('hipaa') as Framework;

const standardApp: Workload = {
  origin: 'heroku',
  processes: [{ name: 'web', count: 2, size: 'standard-2x', memoryGb: 1, vcpu: 1, dedicated: false }],
  database: { plan: 'standard-0', memoryGb: 4, storageGb: 64, highAvailability: false },
  addOns: [],
  egressGbPerMonth: 0,
  logGbPerMonth: 0,
  environments: { staging: false, reviewApps: 0 },
  compliance: [],
};
const findings = evaluateWorkload(hipaa, standardApp);
const meta = { generatedAt: '2026-06-01', subject: 'web=2xstandard-2x postgres=standard-0' };

describe('RFC 4180 CSV', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(toCsvText([['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\ronly']])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\ronly"\r\n',
    );
    expect(
      toCsvText([
        ['a', 'b,c'],
        ['d"', 'e'],
      ]),
    ).toBe('a,"b,c"\r\n"d""",e\r\n');
  });

  it('round-trips any text, commas, quotes and newlines included', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', '§', 'é') });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((width) =>
            fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }),
          ),
        (rows) => {
          expect(parseCsv(toCsvText(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe('toCsv', () => {
  const rows = parseCsv(toCsv(hipaa, findings, meta));
  const [header, ...body] = rows;
  const column = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);

  it('has a header and one row per control and platform', () => {
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(body).toHaveLength(hipaa.controls.length * 2);
    for (const row of body) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('carries each finding on its own platform’s row, exactly as evaluated', () => {
    const gap = findings.find((f) => f.controlId === 'hipaa-phi-compute') as Finding;
    const heroku = body.find(
      (row) => row[column('control_id')] === 'hipaa-phi-compute' && row[column('platform')] === 'heroku',
    );
    const aws = body.find(
      (row) => row[column('control_id')] === 'hipaa-phi-compute' && row[column('platform')] === 'aws',
    );
    expect(heroku?.[column('status')]).toBe('gap');
    expect(heroku?.[column('finding')]).toBe(gap.detail);
    expect(aws?.[column('status')]).toBe('');
    expect(aws?.[column('how')]).toContain('HIPAA-eligible services only');
  });

  it('round-trips findings with commas, quotes and newlines', () => {
    const awkward: Finding[] = [
      { controlId: 'hipaa-baa', status: 'attention', platform: 'heroku', detail: 'Apps "a", b\nand c,\r\nd' },
    ];
    const out = parseCsv(toCsv(hipaa, awkward, { generatedAt: '2026-06-01, 09:00', platforms: ['heroku'] }));
    const row = out.find((r) => r[column('control_id')] === 'hipaa-baa');
    expect(row?.[column('finding')]).toBe('Apps "a", b\nand c,\r\nd');
    expect(row?.[column('generated_at')]).toBe('2026-06-01, 09:00');
    expect(out).toHaveLength(1 + hipaa.controls.length);
  });
});

describe('toMarkdown', () => {
  const markdown = toMarkdown(hipaa, findings, meta);

  it('groups controls under the framework’s groups, in order', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(hipaa.groups.map((group) => `## ${group}`));
  });

  it('shows the date passed in, the subject and the finding counts', () => {
    expect(markdown).toContain('generated 2026-06-01');
    expect(markdown).toContain('for web=2xstandard-2x postgres=standard-0');
    expect(markdown).toContain('**Findings:** Heroku: 2 GAP, 13 attention');
  });

  it('escapes Markdown in the data, so shield-* and iam_* do not turn into emphasis', () => {
    expect(markdown).toContain('shield-\\* dynos');
    expect(markdown).toContain('iam\\_root\\_mfa\\_enabled');
    expect(markdown).not.toMatch(/[^\\]shield-\*/);
  });

  it('puts each finding under its platform', () => {
    const section = markdown.slice(markdown.indexOf('(hipaa-phi-compute)'), markdown.indexOf('(hipaa-phi-data)'));
    expect(section).toMatch(
      /- \*\*Heroku: GAP\*\*\n {2}- How: .*\n {2}- Evidence: .*\n {2}- Finding \(GAP\): Not Shield dynos/,
    );
    expect(section).toMatch(/- \*\*AWS\*\*\n/);
  });
});

describe('toJson', () => {
  const document = JSON.parse(toJson(hipaa, findings, meta));

  it('holds every control with both platforms’ answers and its findings', () => {
    expect(document.framework.id).toBe('hipaa');
    expect(document.generatedAt).toBe('2026-06-01');
    expect(document.controls).toHaveLength(hipaa.controls.length);
    const compute = document.controls.find((c: { id: string }) => c.id === 'hipaa-phi-compute');
    expect(compute.platforms.heroku.status).toBe('gap');
    expect(compute.platforms.heroku.findings).toHaveLength(1);
    expect(compute.platforms.aws.findings).toEqual([]);
    expect(compute.platforms.aws).not.toHaveProperty('status');
  });

  it('marks a plain checklist as not evaluated', () => {
    const plain = JSON.parse(toJson(hipaa, undefined, { generatedAt: '2026-06-01' }));
    expect(plain.evaluated).toBe(false);
    expect(plain).not.toHaveProperty('subject');
  });
});

describe('renderComplianceText', () => {
  const text = renderComplianceText(hipaa, findings, { ...meta, platforms: ['heroku'] });

  it('goes requirement → how → evidence → finding → what to do', () => {
    const block = text.slice(text.indexOf('[hipaa-phi-compute]'), text.indexOf('[hipaa-phi-data]'));
    const order = [
      'Cite:',
      'Why:',
      'Heroku [GAP]',
      'How:',
      'Evidence:',
      'Finding (GAP):',
      'To do:',
      'Cost:',
      'Verify:',
    ];
    const positions = order.map((label) => block.indexOf(label));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows only the platforms asked for', () => {
    expect(text).not.toMatch(/^ {2}AWS/m);
    expect(renderComplianceText(hipaa, findings, meta)).toMatch(/^ {2}AWS$/m);
  });

  it('states that eligibility is not compliance, and never that anything "is compliant"', () => {
    expect(text).toContain('compliance is a property of your configuration');
    expect(text).not.toMatch(/\bis (\w+ ){0,2}compliant\b/i);
  });

  it('renders a plain checklist without statuses', () => {
    const plain = renderComplianceText(hipaa, undefined, { generatedAt: '2026-06-01' });
    expect(plain).not.toContain('Findings:');
    expect(plain).not.toMatch(/\[(GAP|attention|met)\]/);
    expect(plain).toContain('[hipaa-risk-analysis]');
  });

  it('refuses findings for controls the framework does not have', () => {
    const stray: Finding[] = [{ controlId: 'pci-waf', status: 'gap', platform: 'aws', detail: 'x' }];
    expect(() => renderComplianceText(hipaa, stray, meta)).toThrow(/pci-waf/);
  });
});

describe('every export carries the same facts of each control', () => {
  const csv = parseCsv(toCsv(hipaa, findings, meta));
  const [header, ...body] = csv;
  const markdown = toMarkdown(hipaa, findings, meta);
  const text = renderComplianceText(hipaa, findings, meta);
  const json = JSON.parse(toJson(hipaa, findings, meta));

  it.each(hipaa.controls.map((control) => [control.id, control] as const))(
    '%s: why it matters, in all four',
    (id, control) => {
      const rows = body.filter((row) => row[header.indexOf('control_id')] === id);
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row[header.indexOf('why')]).toBe(control.why);
      expect(json.controls.find((c: { id: string }) => c.id === id).why).toBe(control.why);
      expect(text).toContain(`Why: ${control.why}`);
      expect(markdown).toContain(`**Why it matters:** ${control.why.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)}`);
    },
  );
});
