import { runCli } from '../../src/cli/run-cli';
import { CSV_COLUMNS } from '../../src/core/compliance';
import { tempSqliteFile } from '../support/databases';
import { parseCsv } from '../support/read-csv';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['compliance', ...argv],
    // `live` and `app=` open the store (for the audit log and cached answers): never the checkout's own.
    { DATABASE_URL: tempSqliteFile() },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const WORKLOAD = ['web=2xstandard-2x', 'postgres=standard-0'];

describe('npx hosting-advisor compliance', () => {
  test('text is the default: the grouped checklist for both platforms', async () => {
    const { code, stdout, stderr } = await run('hipaa');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe('HIPAA Security Rule (45 CFR Part 164, Subpart C): hosting checklist');
    expect(stdout).toContain('CONTRACTS AND SCOPE');
    expect(stdout).toMatch(/^ {2}Heroku$/m);
    expect(stdout).toMatch(/^ {2}AWS$/m);
    expect(stdout).toContain('    To do: ');
  });

  test('text against a workload marks the gaps on Heroku only', async () => {
    const { code, stdout } = await run('hipaa', ...WORKLOAD);
    expect(code).toBe(0);
    expect(stdout).toContain('For: web=2xstandard-2x postgres=standard-0');
    expect(stdout).toContain('Findings: Heroku: 2 GAP, 13 attention');
    expect(stdout.match(/^ {2}Heroku \[GAP\]$/gm)).toHaveLength(2);
    expect(stdout).not.toMatch(/^ {2}AWS/m);
  });

  test('--format csv parses, one row per control, gaps where the workload has them', async () => {
    const { code, stdout } = await run('hipaa', ...WORKLOAD, '--format', 'csv');
    expect(code).toBe(0);
    const rows = parseCsv(stdout);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 15);
    const status = CSV_COLUMNS.indexOf('status');
    const id = CSV_COLUMNS.indexOf('control_id');
    expect(rows.filter((row) => row[status] === 'gap').map((row) => row[id])).toEqual([
      'hipaa-phi-compute',
      'hipaa-phi-data',
    ]);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  test('--format=md writes Markdown for the platform asked about', async () => {
    const { code, stdout } = await run('pci', 'aws', '--format=md');
    expect(code).toBe(0);
    expect(stdout.startsWith('# PCI DSS checklist\n')).toBe(true);
    expect(stdout).toContain('- **AWS**');
    expect(stdout).not.toContain('- **Heroku**');
  });

  test('--format json is one JSON document with the findings', async () => {
    const { code, stdout } = await run('soc2', 'aws', 'web=2xm5.large', 'rds=db.m6g.large', '--format', 'json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.framework.id).toBe('soc2');
    expect(document.evaluated).toBe(true);
    expect(document.platforms).toEqual(['aws']);
    expect(document.subject).toBe('web=2xm5.large rds=db.m6g.large');
    expect(document.controls.length).toBeGreaterThan(3);
    for (const control of document.controls) expect(control.platforms.aws.status).toMatch(/^(met|gap|attention)$/);
  });

  test('`heroku estimate` shows Heroku only, as `heroku` does everywhere else', async () => {
    const { code, stdout } = await run('hipaa', 'heroku', 'estimate', ...WORKLOAD, '--format', 'json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document.platforms).toEqual(['heroku']);
    for (const control of document.controls) expect(Object.keys(control.platforms)).toEqual(['heroku']);
    const text = (await run('hipaa', 'aws', 'estimate', 'web=2xm5.large')).stdout;
    expect(text).toMatch(/^ {2}AWS \[/m);
    expect(text).not.toMatch(/^ {2}Heroku/m);
  });

  test('the files say what was checked: the subject and what the findings stand on, as the text does', async () => {
    const note = 'Checked against what the estimate prices for production';
    const text = (await run('hipaa', 'estimate', ...WORKLOAD)).stdout;
    expect(text).toContain(note);
    const markdown = (await run('hipaa', 'estimate', ...WORKLOAD, '--format', 'md')).stdout;
    expect(markdown).toContain(note);
    const rows = parseCsv((await run('hipaa', 'estimate', ...WORKLOAD, '--format', 'csv')).stdout);
    const [header, ...body] = rows;
    for (const row of body) {
      expect(row[header.indexOf('subject')]).toBe('estimate web=2xstandard-2x postgres=standard-0');
      expect(row[header.indexOf('notes')]).toContain(note);
    }
    const document = JSON.parse((await run('hipaa', 'estimate', ...WORKLOAD, '--format', 'json')).stdout);
    expect(document.notes).toEqual([expect.stringContaining(note)]);
    // A general checklist has no notes: the fields are there, empty, so the shape does not change.
    expect(JSON.parse((await run('hipaa', '--format', 'json')).stdout).notes).toEqual([]);
  });

  test('a checklist from an estimate names what the estimate prices for each AWS control, with its period, source and date', async () => {
    // The same words priced by `estimate`: KMS, CloudTrail, GuardDuty and AWS Backup for HIPAA, AWS WAF for PCI.
    const words = [...WORKLOAD, 'hipaa'];
    const priced: string[] = [];
    const estimate = await runCli(
      ['estimate', ...words],
      { DATABASE_URL: tempSqliteFile() },
      { out: (t) => priced.push(t), err: () => {} },
    );
    expect(estimate).toBe(0);
    const printed = priced.join('\n');
    // The key's price is read from AWS's own KMS pricing page (docs/decisions.md, "Prices checked against AWS's own pages").
    expect(printed).toContain('KMS key for encrypted storage: 1 × $1.00/key-month = $1.00/mo, estimated [10]');
    expect(printed).toContain('[10] bundled list: AWS Key Management Service pricing page, 2026-12-08');

    const text = (await run('hipaa', 'estimate', ...words)).stdout;
    const row = (id: string) => text.slice(text.indexOf(`[${id}]`), text.indexOf('\n\n[', text.indexOf(`[${id}]`)));
    const awsFinding = (id: string) =>
      /^ {4}Finding \(\w+\): (.*)$/m.exec(row(id).slice(row(id).indexOf('  AWS [')))?.[1];
    expect(awsFinding('hipaa-encryption-at-rest')).toContain(
      'The estimate prices it on AWS (like-for-like tier, production): KMS key for encrypted storage $1.00/mo and KMS requests (100,000) $0.30/mo, estimated; bundled list: AWS Key Management Service pricing page, 2026-12-08; bundled list: Infracost price tests (third party, from the AWS price lists), 2024-07-01.',
    );
    expect(awsFinding('hipaa-audit-logs')).toContain(
      'CloudTrail data events (1,000,000) $1.00/mo, estimated; bundled list: AWS CloudTrail pricing page, 2026-12-08.',
    );
    expect(awsFinding('hipaa-threat-detection')).toContain(
      "GuardDuty event analysis (1,000,000 events) $4.00/mo and GuardDuty flow and DNS log analysis (10 GB) $10.00/mo, estimated; bundled list: AWS GuardDuty pricing page's figures as two third parties quote them, in agreement (API Evangelist, FactualMinds), 2026-10-07.",
    );
    expect(awsFinding('hipaa-backup-dr')).toContain(
      'AWS Backup of the database (64 GB) $6.08/mo (unconfirmed), estimated;',
    );

    const pci = (await run('pci', 'estimate', ...WORKLOAD, 'pci')).stdout;
    expect(pci).toContain(
      'AWS WAF web ACL $5.00/mo, AWS WAF rules (5) $5.00/mo and AWS WAF requests (10,000,000) $6.00/mo, estimated;',
    );
    // Described without `estimate`, nothing was priced, so nothing is said to be.
    expect((await run('hipaa', 'aws', 'web=2xm5.large', 'rds=db.m6g.large')).stdout).not.toContain(
      'The estimate prices',
    );
  });

  // 2: the words could not be read; 1: understood, but nothing is connected to read.
  test.each([
    [['nist'], 2, "I don't know the framework `nist`"],
    [['hipaa', 'azure'], 2, "I don't cover the platform `azure`"],
    [[], 2, 'Usage: `npx hosting-advisor compliance hipaa|pci|soc2|gdpr '],
    [['hipaa', '--format', 'pdf'], 2, '--format "pdf" is not a format: use md, csv, json or text'],
    [['hipaa', '--format'], 2, '--format needs a value'],
    [['hipaa', '--verbose'], 2, 'Unknown option "--verbose"'],
    [['hipaa', 'web=2xstandrd-2x'], 2, '`standrd-2x`'],
    [['hipaa', 'app=acme-api'], 1, 'needs HEROKU_API_TOKEN'],
    [['hipaa', 'live'], 1, 'AWS credentials'],
  ])('%j exits %i with the reason on stderr and nothing on stdout', async (argv, exit, reason) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(exit);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toMatch(/npx hosting-advisor compliance (hipaa|pci|soc2|gdpr) /);
    expect(stderr).not.toMatch(/at \w+ \(/);
  });

  test('an AWS workload: the key-rotation and key-management rows ask for rotation, not only for encryption', async () => {
    const findingOf = (stdout: string, id: string) =>
      /Finding \(\w+\): (.*)/.exec(stdout.slice(stdout.indexOf(`[${id}]`)))?.[1] ?? '';
    const hipaa = (await run('hipaa', 'aws', 'web=2xm5.large', 'rds=db.m6g.large')).stdout;
    expect(findingOf(hipaa, 'hipaa-key-rotation')).toMatch(/rotation/);
    const pci = (await run('pci', 'aws', 'web=2xm5.large', 'rds=db.m6g.large')).stdout;
    expect(findingOf(pci, 'pci-key-management')).toMatch(/rotation/);
  });

  test('an unknown word in the workload lists every flag the workload accepts', async () => {
    const { code, stderr } = await run('hipaa', 'web=2xstandard-2x', 'postgres=standard-0', 'nonsense');
    expect(code).toBe(2);
    expect(stderr).toContain("I don't know `nonsense`.");
    for (const flag of ['staging', 'review=N', 'storage=', 'multi-az', 'fargate', 'arm'])
      expect(stderr).toContain(flag);
  });

  test('help lists the command with an example', async () => {
    const out: string[] = [];
    expect(await runCli(['help'], {}, { out: (text) => out.push(text), err: () => {} })).toBe(0);
    expect(out.join('\n')).toContain('npx hosting-advisor compliance hipaa web=2xstandard-2x postgres=standard-0');
  });
});
