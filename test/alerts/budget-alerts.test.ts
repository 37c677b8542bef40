import { type Harness, NOT_LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { describePostgres, freshPostgresUrl } from '../support/databases';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import {
  alertJobs,
  EC2,
  headlines,
  replies,
  S3,
  scriptDaily,
  standard2xSnapshot,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * Budgets end to end: `/hosting budget set` through the signed receiver, the real Cost Explorer client
 * against the local Cost Explorer, the real Slack client against the recording Slack, and the store.
 * AWS spend: $50 a day ($40 EC2 + $10 S3); on 17 Nov the first 16 days make $800: 80 % of $1,000.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T10:00:00Z');
const later = (minutes: number, from = NOV_17) => new Date(from.getTime() + minutes * 60_000);
const fifty = () => [
  { keys: [EC2, 'BoxUsage:m5.large'], amount: '40.0000000001' },
  { keys: [S3, 'TimedStorage-ByteHrs'], amount: '9.9999999999' },
];

let ce: FakeCostExplorer;
const localCostExplorer = useLocalCostExplorer();
let clock = NOV_17;

beforeEach(() => {
  ce = localCostExplorer();
  ce.reset();
  clock = NOV_17;
  scriptDaily(ce, fifty);
  // The rest of November: $700 more, so the month is forecast at $1,500.
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '700.0', Unit: 'USD' } }));
  // October against September, as Cost Explorer's cost comparison drivers explain it.
  ce.reply(
    'GetCostComparisonDrivers',
    reply.ok({
      CostComparisonDrivers: [
        {
          CostSelector: {
            And: [
              { Dimensions: { Key: 'SERVICE', Values: [EC2] } },
              { Dimensions: { Key: 'USAGE_TYPE', Values: ['BoxUsage:m5.large'] } },
            ],
          },
          Metrics: {
            UnblendedCost: {
              BaselineTimePeriodAmount: '900',
              ComparisonTimePeriodAmount: '1200',
              Difference: '300',
              Unit: 'USD',
            },
          },
          CostDrivers: [
            { Type: 'USAGE_CHANGE', Name: 'Usage', Metrics: { UnblendedCost: { Difference: '350', Unit: 'USD' } } },
            {
              Type: 'SAVINGS_PLAN_USAGE',
              Name: 'Savings Plans',
              Metrics: { UnblendedCost: { Difference: '-50', Unit: 'USD' } },
            },
          ],
        },
      ],
    }),
  );
});

const start = (env: Record<string, string> = {}, instanceId = 'replica-a') =>
  startAlertHarness(ce, () => clock, env, undefined, instanceId);

async function setBudget(h: Harness, text: string) {
  const ack = await h.command(`budget set ${text}`);
  await h.settle();
  return [String(ack.body?.text ?? ''), ...h.slack.responses.map((r) => String(r.body.text))].join('\n');
}

describe('a budget on SQLite', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => h.close());

  test('80 % crossed and a forecast breach each post once: headline in the channel, detail in the thread', async () => {
    expect(await setBudget(h, `aws-all 1000/month aws alert=50,80,100 forecast channel=<#${COSTS}|costs>`)).toContain(
      'Saved budget aws-all',
    );
    const jobs = alertJobs(h, 'replica-a');
    await jobs.checkBudgets(NOV_17);
    await jobs.checkBudgets(later(60));
    await jobs.checkBudgets(later(120));
    const posted = headlines(h, COSTS);
    expect(posted.map((m) => m.text.split('\n')[0])).toEqual([
      'Budget aws-all (AWS, all spend, $1,000.00/month) passed 80 %: $800.00 of $1,000.00 so far this month (80 %).',
      'Budget aws-all (AWS, all spend, $1,000.00/month) is forecast to reach $1,500.00 this month, over budget by $500.00; $800.00 of $1,000.00 so far this month (80 %).',
    ]);
    capture(
      'budget-alerts',
      h.slack.callsTo('chat.postMessage').map((call) => call.body),
    );
    const thread = replies(h, COSTS, posted[0]!.ts);
    expect(thread).toHaveLength(1);
    // Cost Explorer's drivers explain it, so the thread never also says nothing does.
    expect(thread[0]!.text).not.toContain('No change in the figures');
    expect(thread[0]!.text).toContain('Where it stands:\n• AWS: $800.00 month to date');
    expect(thread[0]!.text).toContain('Forecast for 2026-11: $1,500.00, estimated');
    expect(thread[0]!.text).toContain(
      "AWS 2026-10 against 2026-09 (Cost Explorer's cost drivers): Amazon Elastic Compute Cloud - Compute / BoxUsage:m5.large: +$300.00 (usage change +$350.00, Savings Plans -$50.00)",
    );
    expect(ce.requests('GetCostComparisonDrivers')[0]!.body).toEqual({
      BaselineTimePeriod: { Start: '2026-09-01', End: '2026-10-01' },
      ComparisonTimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      MetricForComparison: 'UnblendedCost',
      MaxResults: 10,
    });
    const detail = h.slack.callsTo('chat.postMessage').find((call) => call.body.thread_ts === posted[0]!.ts)!;
    expect(JSON.stringify(detail.body.blocks)).toContain('2026-11-01 to 2026-11-16 from Cost Explorer');
    // One Cost Explorer usage request for three checks an hour apart: the day's answer is reused.
    expect(ce.requests('GetCostAndUsage')).toHaveLength(1);
    expect(ce.requests('GetCostForecast')).toHaveLength(1);
  });

  test('falling back under 80 % is said once; the level is not announced again that month', async () => {
    await setBudget(h, `aws-all 1000/month aws channel=<#${COSTS}|costs>`);
    const jobs = alertJobs(h, 'replica-a');
    await jobs.checkBudgets(NOV_17);
    // Next day Cost Explorer restates November lower: $40 a day, $680 for 1–17 Nov.
    ce.reset();
    scriptDaily(ce, () => [{ keys: [EC2, 'BoxUsage:m5.large'], amount: '40' }]);
    clock = later(24 * 60);
    await jobs.checkBudgets(clock);
    await jobs.checkBudgets(later(60, clock));
    const texts = headlines(h, COSTS).map((m) => m.text.split('\n')[0]);
    expect(texts).toEqual([
      expect.stringContaining('passed 80 %: $800.00'),
      expect.stringContaining('is back under 80 %: $680.00 of $1,000.00 so far this month (68 %)'),
    ]);
    // Back over 80 % later in the month: already announced this month, so nothing.
    ce.reset();
    scriptDaily(ce, fifty);
    clock = later(48 * 60);
    await jobs.checkBudgets(clock);
    expect(headlines(h, COSTS)).toHaveLength(2);
  });

  test('a crash between the post and the mark: the successor finds the message and does not post again', async () => {
    await setBudget(h, `aws-all 1000/month aws channel=<#${COSTS}|costs>`);
    await expect(alertJobs(h, 'replica-a', 'after-post').checkBudgets(NOV_17)).rejects.toThrow('crashed after-post');
    expect(headlines(h, COSTS)).toHaveLength(1);
    // While A's lease runs B leaves it alone; after it, B recovers the message instead of posting twice.
    await alertJobs(h, 'replica-b').checkBudgets(later(0.5));
    const result = await alertJobs(h, 'replica-b').checkBudgets(later(2));
    expect(result.posted[0]!.outcome).toMatchObject({ status: 'posted', recovered: true });
    expect(headlines(h, COSTS)).toHaveLength(1);
    expect(replies(h, COSTS, headlines(h, COSTS)[0]!.ts)).toHaveLength(1);
  });

  test('a budget on a team goes to the channel routed for that team', async () => {
    // Heroku team acme-eng: 6 × Standard-2X at $50/month = $10 a day from the daily snapshots.
    const data = standard2xSnapshot(6);
    for (let day = 1; day <= 17; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      await h.bot.services.store.putSnapshot({ day: date, app: 'api-prod', data, takenAt: NOV_17 });
    }
    const routed = await h.command(`alerts route team=acme-eng channel=<#C0ACME|acme-costs>`);
    await h.settle();
    expect(JSON.stringify(routed.body) + JSON.stringify(h.slack.responses)).toContain(
      'Heroku team acme-eng → <#C0ACME>',
    );
    await setBudget(h, 'acme 200/month team=acme-eng alert=80');
    await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
    expect(headlines(h, 'C0ACME').map((m) => m.text.split('\n')[0])).toEqual([
      'Budget acme (Heroku, team acme-eng, $200.00/month) passed 80 %: $170.00 of $200.00 so far this month (85 %).',
    ]);
    expect(headlines(h, COSTS)).toHaveLength(0);
  });
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('a budget on PostgreSQL with two replicas', () => {
  test('both check at once: 80 % and the forecast are each posted once', async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    try {
      await setBudget(a, `aws-all 1000/month aws forecast channel=<#${COSTS}|costs>`);
      const jobsA = alertJobs(a, 'replica-a');
      const jobsB = alertJobs(b, 'replica-b', undefined, a.slack.apiUrl);
      await Promise.all([jobsA.checkBudgets(NOV_17), jobsB.checkBudgets(NOV_17)]);
      await Promise.all([jobsA.checkBudgets(later(60)), jobsB.checkBudgets(later(60))]);
      expect(headlines(a, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
        expect.stringContaining('passed 80 %: $800.00 of $1,000.00'),
        expect.stringContaining('is forecast to reach $1,500.00 this month'),
      ]);
      expect(headlines(a, COSTS)).toHaveLength(2);
      expect(headlines(b, COSTS)).toHaveLength(0);
      // A day on, Cost Explorer restates November lower: both replicas check, "back under" is said once.
      ce.reset();
      scriptDaily(ce, () => [{ keys: [EC2, 'BoxUsage:m5.large'], amount: '40' }]);
      ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '100.0', Unit: 'USD' } }));
      clock = later(24 * 60);
      await Promise.all([jobsA.checkBudgets(clock), jobsB.checkBudgets(clock)]);
      await Promise.all([jobsA.checkBudgets(later(60, clock)), jobsB.checkBudgets(later(60, clock))]);
      expect(headlines(a, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
        expect.stringContaining('passed 80 %'),
        expect.stringContaining('is forecast to reach'),
        expect.stringContaining('is back under 80 %: $680.00 of $1,000.00'),
      ]);
    } finally {
      await b.close();
      await a.close();
    }
  });

  test('a crash between post and mark on one replica: the other recovers it, one post', async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    try {
      await setBudget(a, `aws-all 1000/month aws channel=<#${COSTS}|costs>`);
      await expect(alertJobs(a, 'replica-a', 'after-post').checkBudgets(NOV_17)).rejects.toThrow('crashed');
      const result = await alertJobs(b, 'replica-b', undefined, a.slack.apiUrl).checkBudgets(later(2));
      expect(result.posted[0]!.outcome).toMatchObject({ status: 'posted', recovered: true });
      expect(headlines(a, COSTS)).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

test('only leads may set budgets', async () => {
  const h = await start();
  try {
    const answer = await h.command('budget set x 10/month', { user_id: NOT_LEAD });
    expect(String(answer.body.text)).toContain('only hosting leads');
    expect(await h.bot.services.store.budgets()).toEqual([]);
  } finally {
    await h.close();
  }
});

test('Snooze 1 day from a budget message holds its next alert until the day is over', async () => {
  const h = await start();
  try {
    await setBudget(h, `aws-all 1000/month aws alert=50,90 channel=<#${COSTS}|costs>`);
    const jobs = alertJobs(h, 'replica-a');
    await jobs.checkBudgets(NOV_17);
    const [headline] = headlines(h, COSTS);
    expect(headline!.text).toContain('passed 50 %');
    const button = (
      h.slack.callsTo('chat.postMessage')[0]!.body.blocks as { elements?: { action_id: string; value: string }[] }[]
    )
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === 'alert_snooze_day')!;
    await h.interaction({
      type: 'block_actions',
      container: { type: 'message', message_ts: headline!.ts, channel_id: COSTS },
      channel: { id: COSTS, name: 'costs' },
      message: { type: 'message', ts: headline!.ts, text: headline!.text },
      response_url: `${h.slack.url}/respond/snooze`,
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: 'alert_actions',
          value: button.value,
          action_ts: '1.1',
        },
      ],
    });
    await h.settle();
    expect(replies(h, COSTS, headline!.ts).map((m) => m.text)).toContain(
      '<@ULEAD0001> snoozed alerts for this budget until 2026-11-18 10:00 UTC.',
    );
    expect(await h.bot.services.store.auditLog()).toContainEqual(
      expect.objectContaining({ actor: 'ULEAD0001', action: 'alert-snooze' }),
    );
    // Spend passes 90 % (a costly day): held while snoozed, posted once the snooze is over.
    ce.reset();
    scriptDaily(ce, () => [{ keys: [EC2, 'BoxUsage:m5.large'], amount: '60' }]);
    clock = later(22 * 60);
    await jobs.checkBudgets(clock);
    expect(headlines(h, COSTS)).toHaveLength(1);
    clock = later(25 * 60);
    await jobs.checkBudgets(clock);
    expect(headlines(h, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
      expect.stringContaining('passed 50 %'),
      expect.stringContaining('passed 90 %'),
    ]);
  } finally {
    await h.close();
  }
});
