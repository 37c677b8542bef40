import { type Harness, LEAD } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl } from '../support/databases';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { directMessageOf } from '../support/fake-slack';
import {
  alertJobs,
  EC2,
  headlines,
  replies,
  S3,
  scriptDaily,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * An anomaly with no channel to go to (no route claims it, and neither the alerts nor the digest channel
 * is set) reaches every lead privately, once: a scan retried the same day (it failed or stopped after
 * telling the leads, or a second replica's) does not tell them again. The scan through its real claim
 * (scanAnomaliesIfDue), the real Slack poster against the local Slack, the real Cost Explorer client
 * against the local Cost Explorer; on SQLite and on PostgreSQL.
 */
const SECOND_LEAD = 'ULEAD0002';
const LEADS = [LEAD, SECOND_LEAD];
/** The scan is due at 07:00 (ANOMALIES_SCHEDULE's default); the checks every 5 minutes retry it. */
const SCAN = new Date('2026-11-17T07:00:00Z');
const RETRY = new Date('2026-11-17T07:05:00Z');
const SPIKE = '2026-11-16';

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let clock = SCAN;
let h: Harness | undefined;

beforeEach(() => {
  ce = localCostExplorer();
  ce.reset();
  clock = SCAN;
  // EC2 $40 a day, $120 on 16 Nov: one AWS anomaly, and no route, alerts or digest channel for it.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === SPIKE ? '120.00' : '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * What each lead was sent privately (in their direct message, or posted to their user ID, which Slack
 * delivers there too): the notices, and the details in each notice's thread.
 */
function told(lead: string) {
  const notices = [lead, directMessageOf(lead)].flatMap((channel) =>
    headlines(h!, channel).map((m) => ({ ...m, details: replies(h!, channel, m.ts) })),
  );
  return {
    notices: notices.map((m) => m.text.split('\n')[0]),
    details: notices.map((m) => m.details.map((r) => r.text.split('\n')[0])),
  };
}

/** Past the two hours a scan waits for Cost Explorer, it goes on without AWS and tells the leads so. */
const PAST_WAIT = new Date('2026-11-17T09:05:00Z');
const PAST_WAIT_RETRY = new Date('2026-11-17T09:10:00Z');
const AWS_UNREAD = expect.stringMatching(
  /^Today's cost anomaly scan \(2026-11-17\) could not read AWS Cost Explorer, so no AWS service was checked for 2026-11-16: Cost Explorer is unavailable/,
);

const NOTICE = 'Hosting Advisor found a cost anomaly today with no channel to post it to:';
const DETAIL =
  'AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16 against a usual $40.00, +$80.00 that day';

const stores: [string, jest.Describe, () => Promise<Record<string, string>>][] = [
  ['SQLite', describe, async () => ({})],
  // Skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
  ['PostgreSQL', describePostgres, async () => ({ DATABASE_URL: (await freshPostgresUrl())! })],
];

for (const [name, describeOn, env] of stores) {
  describeOn(`on ${name}`, () => {
    beforeEach(async () => {
      h = await startAlertHarness(ce, () => clock, { HOSTING_LEADS: LEADS.join(','), ...(await env()) });
    });

    test('the scan fails after telling the leads; its retry at the next check tells no one again (before: every lead twice)', async () => {
      // Stopped after the last detail went out (2 leads × notice and detail), before anything was marked.
      await expect(
        alertJobs(h!, 'replica-a', { point: 'after-post', nth: 4 }).scanAnomaliesIfDue(SCAN),
      ).rejects.toThrow('crashed after-post');
      for (const lead of LEADS) expect(told(lead)).toEqual({ notices: [NOTICE], details: [[DETAIL]] });

      clock = RETRY;
      expect(await alertJobs(h!, 'replica-b').scanAnomaliesIfDue(RETRY)).toBe('done');
      for (const lead of LEADS) expect(told(lead)).toEqual({ notices: [NOTICE], details: [[DETAIL]] });
    });

    test('the bot stops between a notice and its mark: that lead is not sent it again, the others get theirs once (before: the first lead twice)', async () => {
      await expect(
        alertJobs(h!, 'replica-a', { point: 'after-post', nth: 1 }).scanAnomaliesIfDue(SCAN),
      ).rejects.toThrow('crashed after-post');
      expect(told(LEAD).notices).toEqual([NOTICE]);
      expect(told(SECOND_LEAD).notices).toEqual([]);

      clock = RETRY;
      expect(await alertJobs(h!, 'replica-b').scanAnomaliesIfDue(RETRY)).toBe('done');
      // The bot cannot read its direct messages, so the notice that may have gone out is not sent again;
      // its thread, which needs the notice's ts the stopped bot never recorded, stays empty.
      expect(told(LEAD)).toEqual({ notices: [NOTICE], details: [[]] });
      expect(told(SECOND_LEAD)).toEqual({ notices: [NOTICE], details: [[DETAIL]] });
    });

    test("Cost Explorer still cannot be read past the scan's wait: a second replica's scan tells no lead again which day of AWS was not checked (before: every lead twice)", async () => {
      ce.reply('GetCostAndUsage', reply.serverError(503));
      clock = PAST_WAIT;
      await alertJobs(h!, 'replica-a').scanAnomalies(PAST_WAIT);
      const second = await alertJobs(h!, 'replica-b').scanAnomalies(PAST_WAIT);
      expect(second.unfinished).toEqual([]);
      for (const lead of LEADS) expect(told(lead)).toEqual({ notices: [AWS_UNREAD], details: [[]] });
    });

    test('the scan past its wait stops between the first lead\'s "could not read AWS" and its mark: its retry tells that lead nothing more and the other once', async () => {
      ce.reply('GetCostAndUsage', reply.serverError(503));
      clock = PAST_WAIT;
      await expect(
        alertJobs(h!, 'replica-a', { point: 'after-post', nth: 1 }).scanAnomaliesIfDue(PAST_WAIT),
      ).rejects.toThrow('crashed after-post');
      clock = PAST_WAIT_RETRY;
      expect(await alertJobs(h!, 'replica-b').scanAnomaliesIfDue(PAST_WAIT_RETRY)).toBe('done');
      for (const lead of LEADS) expect(told(lead)).toEqual({ notices: [AWS_UNREAD], details: [[]] });
    });

    test("a second replica's scan of the same day tells no one again (before: every lead twice)", async () => {
      await alertJobs(h!, 'replica-a').scanAnomalies(SCAN);
      const second = await alertJobs(h!, 'replica-b').scanAnomalies(RETRY);
      expect(second.found).toHaveLength(1);
      expect(second.unfinished).toEqual([]);
      for (const lead of LEADS) expect(told(lead)).toEqual({ notices: [NOTICE], details: [[DETAIL]] });
    });
  });
}
