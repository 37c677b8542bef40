import type { Harness } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { alertJobs, EC2, headlines, replies, S3, scriptDaily, useLocalCostExplorer, useReplicas } from './support';

/**
 * A budget message is a headline in the channel and its detail (why, where it stands) in the thread.
 * A replica that stops between the two (killed, or Slack's answer lost) leaves a headline whose
 * thread the next check fills, once, whichever replica runs it.
 * AWS spend: $50 a day; on 17 Nov the first 16 days make $800: 80 % of $1,000.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T10:00:00Z');
const later = (minutes: number) => new Date(NOV_17.getTime() + minutes * 60_000);

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let clock = NOV_17;

beforeEach(() => {
  ce = localCostExplorer();
  ce.reset();
  clock = NOV_17;
  scriptDaily(ce, () => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: '40' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10' },
  ]);
  ce.reply('GetCostComparisonDrivers', reply.ok({ CostComparisonDrivers: [] }));
});

const start = useReplicas(
  () => ce,
  () => clock,
);

async function setBudget(h: Harness) {
  await h.command(`budget set aws-all 1000/month aws channel=<#${COSTS}|costs>`);
  await h.settle();
}

function expectOneHeadlineWithItsDetail(h: Harness) {
  const posted = headlines(h, COSTS);
  expect(posted.map((m) => m.text.split('\n')[0])).toEqual([expect.stringContaining('passed 80 %: $800.00')]);
  const thread = replies(h, COSTS, posted[0]!.ts);
  expect(thread).toHaveLength(1);
  expect(thread[0]!.text).toContain('Where it stands:\n• AWS: $800.00 month to date');
}

test('killed after the headline was recorded, before its detail: the next check posts the detail in its thread, once', async () => {
  const h = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-a');
  await setBudget(h);
  // The detail's post is the second one to be claimed: the process dies there.
  const killed = alertJobs(h, 'replica-a', { point: 'after-claim', nth: 2 });
  await expect(killed.checkBudgets(NOV_17)).rejects.toThrow('crashed');
  expect(replies(h, COSTS, headlines(h, COSTS)[0]!.ts)).toHaveLength(0);
  // The restarted bot's hourly checks.
  const restarted = alertJobs(h, 'replica-a2');
  clock = later(60);
  await restarted.checkBudgets(later(60));
  clock = later(120);
  await restarted.checkBudgets(later(120));
  expectOneHeadlineWithItsDetail(h);
});

test('Slack posted the detail but its answer was lost: the next check finds it in the thread and posts nothing more', async () => {
  const h = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-a');
  await setBudget(h);
  h.slack.answer('chat.postMessage', (body) => (body.thread_ts ? { __drop: true } : h.slack.accept(body)));
  const first = await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  expect(first.unfinished).toEqual([expect.stringMatching(/:2026-11:actual:80:thread$/)]);
  h.slack.answer('chat.postMessage', (body) => h.slack.accept(body));
  clock = later(60);
  await alertJobs(h, 'replica-a').checkBudgets(later(60));
  expectOneHeadlineWithItsDetail(h);
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('two replicas on PostgreSQL, one Slack', () => {
  test('A is killed between the headline and its detail; both check an hour later: one detail', async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    await setBudget(a);
    await expect(alertJobs(a, 'replica-a', { point: 'after-claim', nth: 2 }).checkBudgets(NOV_17)).rejects.toThrow(
      'crashed',
    );
    clock = later(60);
    await Promise.all([
      alertJobs(a, 'replica-a2').checkBudgets(later(60)),
      alertJobs(b, 'replica-b', undefined, a.slack.apiUrl).checkBudgets(later(60)),
    ]);
    expectOneHeadlineWithItsDetail(a);
    expect(headlines(b, COSTS)).toHaveLength(0);
  });
});
