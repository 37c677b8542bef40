import { EXIT_CODE } from '../../src/cli/cli-outcome';
import { cliContext } from '../../src/cli/run-cli';
import { spendCliCommand } from '../../src/cli/spend-command';
import { loadConfig } from '../../src/config';
import { tempSqliteFile } from '../support/databases';
import {
  type CeRequestBody,
  costAndUsagePage,
  type DayGroups,
  type FakeCostExplorer,
  nextDay,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { setProcessEnv } from '../support/process-env';

/**
 * `npx hosting-advisor spend` on a fixed clock, against the local Cost Explorer answering each
 * day asked for: the periods' days and what each period is compared with.
 */
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const S3 = 'Amazon Simple Storage Service';
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDPERIODS',
  AWS_SECRET_ACCESS_KEY: 'periods-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};
const isCredits = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';

let ce: FakeCostExplorer;
let restoreEnv = () => {};
beforeAll(async () => {
  ce = await startFakeCostExplorer();
  restoreEnv = setProcessEnv({ ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint });
});
afterAll(async () => {
  restoreEnv();
  await ce.close();
});

/**
 * Cost Explorer answers every day asked for with `groups(day)`; `today` is still being recorded:
 * estimated, and only the hours so far.
 */
function scriptDays(today: string, groups: (day: string) => DayGroups['groups']) {
  ce.reset();
  ce.reply(
    'GetCostAndUsage',
    (info) => {
      const days: DayGroups[] = [];
      for (
        let day = String(info.input.TimePeriod?.Start);
        day < String(info.input.TimePeriod?.End);
        day = nextDay(day)
      ) {
        days.push({ day, estimated: day === today, groups: groups(day) });
      }
      return reply.ok(
        costAndUsagePage({ metric: 'UnblendedCost', groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }], days }),
      );
    },
    { match: (input) => !isCredits(input) },
  );
  ce.pages(
    'GetCostAndUsage',
    [costAndUsagePage({ metric: 'UnblendedCost', groupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }], days: [] })],
    { match: isCredits },
  );
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '1200', Unit: 'USD' } }));
}

/** $40 of EC2 and $10 of S3 a whole day; today, a few hours in, $1.50 and $0.50. */
const steadyWith = (today: string) => (day: string) =>
  day === today
    ? [
        { keys: [EC2], amount: '1.5' },
        { keys: [S3], amount: '0.5' },
      ]
    : [
        { keys: [EC2], amount: '40' },
        { keys: [S3], amount: '10' },
      ];

async function spend(now: string, ...args: string[]) {
  const env = { DATABASE_URL: tempSqliteFile(), ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint };
  const out: string[] = [];
  const io = { out: (text: string) => void out.push(text), err: (text: string) => void out.push(text) };
  const outcome = await spendCliCommand.run(
    args,
    cliContext(loadConfig(env, { requireSlack: false }), undefined, io, () => new Date(now)),
  );
  const code = EXIT_CODE[outcome];
  return { code, stdout: out.join('\n') };
}

interface JsonPlatform {
  beforeCredits: string;
  previous?: { range: string; amount: string };
  compared?: { range: string; amount: string };
  change?: string;
  changePercent?: string | null;
  notes: string[];
}
const awsOf = (stdout: string) => (JSON.parse(stdout) as { platforms: JsonPlatform[] }).platforms[0]!;

describe('month to date: today is still being recorded by Cost Explorer', () => {
  test('on the 5th, the change counts the 4 whole days against the 4 before, not a part day against a whole one', async () => {
    scriptDays('2026-03-05', steadyWith('2026-03-05'));
    const { code, stdout } = await spend('2026-03-05T09:00:00Z', 'aws', 'mtd');
    expect(code).toBe(0);
    // The total is every day so far, today's hours included.
    expect(stdout).toContain('AWS spend, 1 – 5 Mar 2026 (5 days, today so far)');
    expect(stdout).toContain('$202.00 before credits');
    // Spend is steady: no drop of a day's cost, and no service listed as a mover.
    expect(stdout).toContain('+$0.00 (+0.0%) on 25 – 28 Feb 2026 ($200.00), for 1 – 4 Mar 2026 ($200.00)');
    expect(stdout).not.toContain('Biggest changes');
    expect(stdout).toContain('5 Mar is left out of the change: Cost Explorer is still recording it');
    const json = await spend('2026-03-05T09:00:00Z', 'aws', 'mtd', '--json');
    expect(awsOf(json.stdout)).toMatchObject({
      beforeCredits: '202.00',
      previous: { range: '25 – 28 Feb 2026', amount: '200.00' },
      compared: { range: '1 – 4 Mar 2026', amount: '200.00' },
      change: '0.00',
      changePercent: '0.0',
    });
  });

  test('on the 1st, today is the only day: no change at all, and it says why', async () => {
    scriptDays('2026-03-01', steadyWith('2026-03-01'));
    const { code, stdout } = await spend('2026-03-01T09:00:00Z', 'aws', 'mtd');
    expect(code).toBe(0);
    expect(stdout).toContain('$2.00 before credits');
    // Before: "-$48.00 (-96.0%) on 28 Feb 2026 ($50.00)" and every service a mover.
    expect(stdout).not.toMatch(/-\$48\.00|%\) on/);
    expect(stdout).not.toContain('Biggest changes');
    expect(stdout).toContain(
      'No change shown: 1 Mar is the only day so far, and Cost Explorer is still recording it; a part day against a whole one would read as a drop.',
    );
    const json = await spend('2026-03-01T09:00:00Z', 'aws', 'mtd', '--json');
    expect(awsOf(json.stdout).change).toBeUndefined();
  });

  test('7 days are all whole: compared as they are, with the 7 before', async () => {
    scriptDays('2026-03-05', steadyWith('2026-03-05'));
    const { stdout } = await spend('2026-03-05T09:00:00Z', 'aws', '7d', '--json');
    const aws = awsOf(stdout);
    expect(aws).toMatchObject({ beforeCredits: '350.00', previous: { range: '19 – 25 Feb 2026', amount: '350.00' } });
    expect(aws.compared).toBeUndefined();
  });
});

describe('a currency other than US dollars', () => {
  test('AWS figures in euros are not shown as dollars: AWS says why, the exit is 1', async () => {
    scriptDays('2026-03-05', (day) => [{ keys: [EC2], amount: day === '2026-03-05' ? '1.5' : '40', unit: 'EUR' }]);
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '1200', Unit: 'EUR' } }));
    const { code, stdout } = await spend('2026-03-05T09:00:00Z', 'aws', '7d');
    // Before: "$280.00 before credits" and a forecast of "$1,200.00" for 280 and 1,200 euros.
    expect(stdout).not.toMatch(/\$\d/);
    expect(stdout).toContain(
      "Could not read AWS spend: Cost Explorer reports this account's costs in EUR; Hosting Advisor shows US dollars only",
    );
    expect(code).toBe(1);
  });

  test('a forecast in another currency is left out, said in the details, while the dollar figures stand', async () => {
    scriptDays('2026-03-05', steadyWith('2026-03-05'));
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '1200', Unit: 'JPY' } }));
    const { code, stdout } = await spend('2026-03-05T09:00:00Z', 'aws', '7d');
    expect(code).toBe(0);
    expect(stdout).toContain('$350.00 before credits');
    expect(stdout).not.toContain('Forecast for the rest of March');
    expect(stdout).toContain(
      "No forecast for the rest of March (5 – 31 Mar 2026): Cost Explorer reports this account's costs in JPY",
    );
  });
});
