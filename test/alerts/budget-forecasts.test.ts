import type { Harness } from '../support/bot-harness';
import { type CeRequestBody, costAndUsagePage, type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { shownText } from '../support/slack-blocks';
import {
  alertJobs,
  EC2,
  headlines,
  putDailySnapshots,
  scriptDaily,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * A forecast for every scope a budget accepts: Heroku capped by the month's price (Heroku prorates
 * a dyno to the second up to its monthly price, so a 31-day month costs no more than a 30-day one),
 * and AWS linked accounts and tags from their own daily figures (month to date plus the last 7
 * days' average for each day left), asked in the request the budget already makes.
 */
const COSTS = 'C0COSTS';
const DEC_20 = new Date('2026-12-20T10:00:00Z');
const ACCOUNT = '123456789012';

let ce: FakeCostExplorer;
let h: Harness;
let clock = DEC_20;
const localCostExplorer = useLocalCostExplorer();

const dimension = (key: string) => (input: CeRequestBody) => input.GroupBy?.[0]?.Key === key;

/** Daily cost of one account ($40) or one tag value ($25) for every day asked. */
function scriptDimension(type: 'DIMENSION' | 'TAG', key: string, value: string, amount: string) {
  ce.reply(
    'GetCostAndUsage',
    (info) => {
      const days = [];
      for (let day = String(info.input.TimePeriod?.Start); day < String(info.input.TimePeriod?.End); ) {
        days.push({ day, groups: [{ keys: [value], amount }] });
        day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      }
      return reply.ok(costAndUsagePage({ metric: 'UnblendedCost', groupBy: [{ Type: type, Key: key }], days }));
    },
    { match: dimension(key) },
  );
}

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  scriptDaily(ce, () => [{ keys: [EC2, 'BoxUsage:m5.large'], amount: '5' }]);
  clock = DEC_20;
  h = await startAlertHarness(ce, () => clock);
});
afterEach(async () => h.close());

async function say(text: string): Promise<string> {
  const before = h.slack.responses.length;
  const ack = await h.command(text);
  await h.settle();
  return [String(ack.body?.text ?? ''), ...h.slack.responses.slice(before).map((r) => shownText(r.body))].join('\n');
}

test('Heroku: a month of 6 × Standard-2X is forecast at its price, $300, not 31 days × $10', async () => {
  await putDailySnapshots(h, 'api-prod', '2026-12', 20, 6);
  expect(await say(`budget set web 305/month app=api-prod alert=100 forecast channel=<#${COSTS}|costs>`)).toContain(
    'Saved budget web',
  );
  expect(await say('budget list')).toContain('$200.00 so far (65 %), forecast $300.00');
  await alertJobs(h, 'replica-a').checkBudgets(DEC_20);
  expect(headlines(h, COSTS)).toEqual([]);
});

test('AWS linked account and tag budgets are forecast from their own days, one request per dimension', async () => {
  scriptDimension('DIMENSION', 'LINKED_ACCOUNT', ACCOUNT, '40');
  scriptDimension('TAG', 'team', 'team$web', '25');
  await say(`budget set acct 1000/month account=${ACCOUNT} alert=100 forecast channel=<#${COSTS}|costs>`);
  await say(`budget set web-tag 700/month tag:team=web alert=100 forecast channel=<#${COSTS}|costs>`);
  const jobs = alertJobs(h, 'replica-a');
  await jobs.checkBudgets(DEC_20);
  await jobs.checkBudgets(new Date(DEC_20.getTime() + 3_600_000));
  // 1–19 Dec: $760 and $475 so far; $40 and $25 a day for the 12 days left.
  expect(headlines(h, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
    'Budget acct (AWS, account 123456789012, $1,000.00/month) is forecast to reach $1,240.00 this month, over budget by $240.00; $760.00 of $1,000.00 so far this month (76 %).',
    'Budget web-tag (AWS, tag team=web, $700.00/month) is forecast to reach $775.00 this month, over budget by $75.00; $475.00 of $700.00 so far this month (67 %).',
  ]);
  const asked = (key: string) => ce.requests('GetCostAndUsage').filter((r) => dimension(key)(r.body as CeRequestBody));
  expect(asked('LINKED_ACCOUNT').map((r) => (r.body as CeRequestBody).TimePeriod)).toEqual([
    { Start: '2026-12-01', End: '2026-12-20' },
  ]);
  expect(asked('team')).toHaveLength(1);
});

test('early in the month the account forecast still has a week of days behind it', async () => {
  scriptDimension('DIMENSION', 'LINKED_ACCOUNT', ACCOUNT, '40');
  await say(`budget set acct 1000/month account=${ACCOUNT} alert=100 forecast channel=<#${COSTS}|costs>`);
  const dec3 = new Date('2026-12-03T10:00:00Z');
  await alertJobs(h, 'replica-a').checkBudgets(dec3);
  // 1–2 Dec: $80; the 7 days before 3 Dec average $40, for the 29 days left: $1,240.
  expect(headlines(h, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
    expect.stringContaining('is forecast to reach $1,240.00 this month'),
  ]);
  const account = ce.requests('GetCostAndUsage').filter((r) => dimension('LINKED_ACCOUNT')(r.body as CeRequestBody));
  expect((account[0]!.body as CeRequestBody).TimePeriod).toEqual({ Start: '2026-11-26', End: '2026-12-03' });
});

test('on the 1st, no day of the month is over in Cost Explorer: the list says so, not "2026-12-01 to 2026-11-30"', async () => {
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '155', Unit: 'USD' } }));
  clock = new Date('2026-12-01T10:00:00Z');
  await say(`budget set aws-all 1000/month aws alert=100 forecast channel=<#${COSTS}|costs>`);
  const list = await say('budget list');
  expect(list).toContain('$0.00 so far (0 %), forecast $155.00');
  expect(list).not.toContain('2026-12-01 to 2026-11-30');
  expect(list).toContain(
    "AWS: no day of 2026-12 is over yet (Cost Explorer's month to date runs through yesterday, 2026-11-30)",
  );
});
