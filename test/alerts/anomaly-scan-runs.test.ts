import type { Harness } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { alertJobs, EC2, headlines, replies, S3, scriptDaily, useLocalCostExplorer, useReplicas } from './support';

/**
 * The day's anomaly scan is finished whatever happens to the replica that started it: killed after
 * Slack took the summary (before the store recorded it), Slack not answering, the bot down at the
 * scheduled time. Every replica's 5-minute check (and the one at start) finishes it the same UTC day,
 * through the store's claims, with one summary and its detail in the thread.
 */
const COSTS = 'C0COSTS';
const SEVEN = new Date('2026-11-17T07:00:00Z');
const later = (minutes: number) => new Date(SEVEN.getTime() + minutes * 60_000);

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let clock = SEVEN;

beforeEach(() => {
  ce = localCostExplorer();
  ce.reset();
  clock = SEVEN;
  // EC2 steady at $40 a day; on 16 Nov (the latest whole day) m5.large jumps to $120: one anomaly.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120.00' : '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
});

const replicas = useReplicas(
  () => ce,
  () => clock,
);
const start = (env: Record<string, string>, instanceId: string) =>
  replicas({ ALERTS_CHANNEL: COSTS, ...env }, instanceId);

const summaryLine =
  '1 cost anomaly found on 2026-11-17, +$80.00 above a usual day on 2026-11-16: AWS Amazon Elastic Compute Cloud';

function expectOneSummaryWithItsDetail(h: Harness) {
  const posted = headlines(h, COSTS);
  expect(posted.map((m) => m.text)).toEqual([expect.stringContaining(summaryLine)]);
  expect(replies(h, COSTS, posted[0]!.ts).map((m) => m.text)).toEqual([
    expect.stringContaining('AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16 against a usual $40.00'),
  ]);
}

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('two replicas on PostgreSQL, one Slack', () => {
  test('A is killed after Slack took the summary, before the store recorded it: B finishes the scan, one summary, its detail in the thread', async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    const jobsB = alertJobs(b, 'replica-b', undefined, a.slack.apiUrl);
    // Both timers fire at 07:00; A claims the scan and dies between Slack's answer and the mark.
    await expect(alertJobs(a, 'replica-a', 'after-post').scanAnomaliesIfDue(SEVEN)).rejects.toThrow('crashed');
    expect(await jobsB.scanAnomaliesIfDue(SEVEN)).not.toBe('done');
    expect(headlines(a, COSTS)).toHaveLength(1);
    expect(replies(a, COSTS, headlines(a, COSTS)[0]!.ts)).toHaveLength(0);
    // B's 5-minute checks, after A's leases ran out (a minute here).
    clock = later(5);
    await jobsB.scanAnomaliesIfDue(later(5));
    clock = later(10);
    expect(await jobsB.scanAnomaliesIfDue(later(10))).toBe('done');
    expectOneSummaryWithItsDetail(a);
    expect(headlines(b, COSTS)).toHaveLength(0);
    // Later checks of either replica, and the next scheduled day's first minutes before 07:00, post nothing.
    expect(await alertJobs(a, 'replica-a2').scanAnomaliesIfDue(later(60))).toBe('done');
    expect(await jobsB.scanAnomaliesIfDue(new Date('2026-11-18T06:55:00Z'))).toBe('not-due');
    expect(a.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === COSTS)).toHaveLength(2);
  });

  test('both replicas scan at the same moment: one summary, one detail', async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    const outcomes = await Promise.all([
      alertJobs(a, 'replica-a').scanAnomaliesIfDue(SEVEN),
      alertJobs(b, 'replica-b', undefined, a.slack.apiUrl).scanAnomaliesIfDue(SEVEN),
    ]);
    expect(outcomes.sort()).toEqual(['busy', 'done']);
    expectOneSummaryWithItsDetail(a);
    expect(a.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === COSTS)).toHaveLength(2);
  });
});

describe('one bot on SQLite', () => {
  test('Slack took the summary but its answer was lost: the next check finds it in the channel and posts the detail, once', async () => {
    const h = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-a');
    // Slack posts the summary, then the connection drops before its answer arrives.
    h.slack.answer(
      'chat.postMessage',
      (body) => (body.channel === COSTS && !body.thread_ts ? { __drop: true } : h.slack.accept(body)),
      (body) => h.slack.accept(body),
    );
    const jobs = alertJobs(h, 'replica-a');
    const first = await jobs.scanAnomaliesIfDue(SEVEN);
    expect(first).toBe('unfinished');
    clock = later(5);
    expect(await jobs.scanAnomaliesIfDue(later(5))).toBe('done');
    expectOneSummaryWithItsDetail(h);
    // Nobody was told it failed: it did not.
    expect(h.slack.messages.filter((m) => m.channel !== COSTS)).toEqual([]);
  });

  test('the bot was down at 07:00: its first check when back, at 09:30, scans, once', async () => {
    const h = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-a');
    const jobs = alertJobs(h, 'replica-a');
    expect(await jobs.scanAnomaliesIfDue(new Date('2026-11-17T06:55:00Z'))).toBe('not-due');
    clock = later(150);
    expect(await jobs.scanAnomaliesIfDue(later(150))).toBe('done');
    expect(await jobs.scanAnomaliesIfDue(later(155))).toBe('done');
    expectOneSummaryWithItsDetail(h);
  });
  test('Cost Explorer cannot be read at 07:00: the scan waits for it and looks at the day when it answers; past two hours it goes on without AWS and the leads hear which day was not looked at', async () => {
    const h = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-a');
    const jobs = alertJobs(h, 'replica-a');
    // Before: the scan was done at 07:00 without AWS, and 16 Nov's EC2 spike was never looked at again.
    ce.reply('GetCostAndUsage', reply.serverError(503));
    expect(await jobs.scanAnomaliesIfDue(SEVEN)).toBe('unfinished');
    expect(h.slack.messages).toEqual([]);
    // Cost Explorer answers again.
    scriptDaily(ce, (day) => [
      { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120.00' : '40.00' },
      { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
    ]);
    clock = later(5);
    expect(await jobs.scanAnomaliesIfDue(later(5))).toBe('done');
    expectOneSummaryWithItsDetail(h);

    const other = await start({ DATABASE_URL: tempSqliteFile() }, 'replica-c');
    const stuck = alertJobs(other, 'replica-c');
    ce.reply('GetCostAndUsage', reply.serverError(503));
    clock = later(60);
    expect(await stuck.scanAnomaliesIfDue(later(60))).toBe('unfinished');
    clock = later(125);
    expect(await stuck.scanAnomaliesIfDue(later(125))).toBe('done');
    expect(other.slack.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(
        /^Today's cost anomaly scan \(2026-11-17\) could not read AWS Cost Explorer, so no AWS service was checked for 2026-11-16: Cost Explorer is unavailable \(HTTP 503/,
      ),
    ]);
  });
});
