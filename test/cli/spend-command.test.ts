import { runCli } from '../../src/cli/run-cli';
import { spendPeriod } from '../../src/core/spend/request';
import { addDays } from '../../src/core/utc-days';
import { tempSqliteFile } from '../support/databases';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';

/** `npx hosting-advisor spend` where nothing asked for is connected: a script must not read that as spend. */
async function run(...argv: string[]) {
  return runWith({}, ...argv);
}

async function runWith(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['spend', ...argv],
    { DATABASE_URL: tempSqliteFile(), ...env },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('spend with no platform connected', () => {
  test('exits 1 and says on stderr which variables to set', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AWS spend is off: set AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(stderr).toContain('Heroku spend is off: set HEROKU_API_TOKEN');
  });

  test('one platform asked for and off: exits 1 too', async () => {
    const { code, stdout, stderr } = await run('aws', '30d', 'by', 'service');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AWS spend is off');
  });

  test('--json: the same statuses on stdout for a script to read, and exit 1', async () => {
    const { code, stdout } = await run('heroku', '--json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { platforms: { platform: string; status: string; problem: string }[] };
    expect(json.platforms).toEqual([
      expect.objectContaining({
        platform: 'heroku',
        status: 'off',
        problem: expect.stringContaining('HEROKU_API_TOKEN'),
      }),
    ]);
  });
});

describe('spend --json against the text, with both platforms connected', () => {
  delete process.env.SSL_CERT_DIR;
  delete process.env.SSL_CERT_FILE;
  let live: LiveAccounts;
  beforeAll(async () => {
    live = await startLiveAccounts();
  });
  afterAll(() => live.close());

  test("spend heroku says the Shield Space's fee is not in the figure, in the text and in --json's notes", async () => {
    // phi-api runs in the Shield Private Space acme-shield: its fee is a contract price no snapshot or run-rate holds.
    const env = { HEROKU_API_TOKEN: live.heroku.token, HEROKU_API_URL: live.heroku.url };
    const text = await runWith(env, 'heroku');
    const json = await runWith(env, 'heroku', '--json');
    expect([text.code, json.code]).toEqual([0, 0]);
    const clause =
      "among them the fee of the 1 Shield Private Space the apps run in (a contract price, which neither Heroku's API nor the daily snapshots hold; your Heroku account executive or invoice has it)";
    expect(text.stdout).toMatch(
      new RegExp(
        `\\d+ contract-priced or unpriced items? not counted \\(never as \\$0\\), ${clause.replace(/[()$]/g, '\\$&')}`,
      ),
    );
    expect(text.stdout).toContain('Not counted: the fee of Shield Private Space acme-shield (a contract price).');
    const heroku = JSON.parse(json.stdout).platforms.find((p: { platform: string }) => p.platform === 'heroku');
    expect(heroku.notes.join('\n')).toContain(clause);
  });

  test("spend aws shows Cost Explorer's forecast of the rest of the month, with its range, not an error", async () => {
    const env = { ...live.awsEnv };
    const text = await runWith(env, 'aws', 'mtd');
    expect(text.code).toBe(0);
    const rest = spendPeriod('mtd', new Date()).restOfMonth;
    // The live estate's forecast: $17.00 a day for the days left, 80–120 % of it as the range.
    const days = (Date.parse(rest.end) - Date.parse(rest.start)) / 86_400_000;
    const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(text.stdout).toContain(
      `: ${dollars(days * 1700)} (80% range ${dollars(days * 1360)}–${dollars(days * 2040)}), cost before credits`,
    );
    expect(text.stdout).not.toContain('bug in Hosting Advisor');
  });

  test('the period as dates and the change in percent, as the text (and Slack) say them', async () => {
    const env = { HEROKU_API_TOKEN: live.heroku.token, HEROKU_API_URL: live.heroku.url, ...live.awsEnv };
    const text = await runWith(env);
    const json = await runWith(env, '--json');
    expect([text.code, json.code]).toEqual([0, 0]);
    const period = spendPeriod('7d', new Date());
    const report = JSON.parse(json.stdout) as {
      period: string;
      dates: { first: string; last: string };
      currency: string;
      platforms: { platform: string; change?: string; changePercent?: string | null }[];
    };
    expect(report.period).toBe(period.label);
    expect(report.dates).toEqual({ first: period.start, last: addDays(period.end, -1) });
    expect(report.currency).toBe('USD');
    const aws = report.platforms.find((p) => p.platform === 'aws');
    // The text: `+$0.00 (+0.0%) on 23 – 29 Nov 2026 ($17.00)`.
    const [, percent] = /^[+-]\$[\d,.]+ \(([+-][\d.]+)%\) on /m.exec(text.stdout) ?? [];
    expect(percent).toBeDefined();
    expect(aws?.changePercent).toBe(String(Number(percent).toFixed(1)));
  });
});
