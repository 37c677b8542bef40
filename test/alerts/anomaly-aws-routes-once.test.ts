import type { Harness } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl } from '../support/databases';
import { type CeRequestBody, type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import {
  alertJobs,
  EC2,
  headlines,
  S3,
  scriptDaily,
  scriptDailyByServiceAnd,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * Routing a new AWS anomaly costs Cost Explorer requests ($0.01 each, one per routed dimension), so
 * they are made only for an anomaly that will be announced: on the days after, while the same anomaly
 * is still open, the scan asks nothing more and says nothing again. The real Cost Explorer client
 * against the local Cost Explorer, which counts the requests; the routes set with the real command
 * through the signed receiver; on SQLite and on PostgreSQL.
 */
const COSTS = 'C0COSTS';
const TEAM_B = 'C0TEAMB';
const WEB = 'C0WEB';
const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const EC2_SPIKE = '2026-11-16';
const S3_SPIKE = '2026-11-17';
/** The scans: each looks at the day before (the latest whole day). */
const DAY_1 = new Date('2026-11-17T07:00:00Z');
const DAY_2 = new Date('2026-11-18T07:00:00Z');
const DAY_3 = new Date('2026-11-19T07:00:00Z');

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let clock = DAY_1;
let h: Harness | undefined;

/** A request by service and account or tag: the routing one (the daily one is by service and usage type). */
const routing = (input: CeRequestBody) =>
  input.GroupBy?.[0]?.Key === 'SERVICE' && input.GroupBy[1]?.Key !== 'USAGE_TYPE';

/**
 * EC2 $40 a day ($20 in each account) until account B's jumps to $100 on 16 Nov and stays there.
 * With `s3Spike`, S3 ($10 a day in account A) jumps to $60 from 17 Nov: a new anomaly on the second day.
 */
function script(s3Spike: boolean) {
  const ec2B = (day: string) => (day >= EC2_SPIKE ? '100.00' : '20.00');
  const s3 = (day: string) => (s3Spike && day >= S3_SPIKE ? '60.00' : '10.00');
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day >= EC2_SPIKE ? '120.00' : '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: s3(day) },
  ]);
  scriptDailyByServiceAnd(ce, { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, (day) => [
    { keys: [EC2, ACCOUNT_A], amount: '20.00' },
    { keys: [EC2, ACCOUNT_B], amount: ec2B(day) },
    { keys: [S3, ACCOUNT_A], amount: s3(day) },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
}

/** Runs the day's scan; the routing requests it made. */
async function scan(at: Date): Promise<number> {
  clock = at;
  const before = ce.requests('GetCostAndUsage').length;
  const result = await alertJobs(h!, 'replica-a').scanAnomalies(at);
  expect(result.problems).toEqual([]);
  return ce
    .requests('GetCostAndUsage')
    .slice(before)
    .filter((request) => routing(request.body as CeRequestBody)).length;
}

/** Every message posted so far, by channel: headlines and their threads. */
const posted = (channel: string) => h!.slack.messages.filter((m) => m.channel === channel).map((m) => m.text);

beforeEach(() => {
  ce = localCostExplorer();
  ce.reset();
  clock = DAY_1;
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(env: Record<string, string>) {
  h = await startAlertHarness(ce, () => clock, { ALERTS_CHANNEL: COSTS, ...env });
  for (const words of [
    `account=${ACCOUNT_B} channel=<#${TEAM_B}|team-b>`,
    `account=${ACCOUNT_A} channel=<#${WEB}|team-a>`,
  ]) {
    await h.command(`alerts route ${words}`);
    await h.settle();
  }
}

const stores: [string, jest.Describe, () => Promise<Record<string, string>>][] = [
  ['SQLite', describe, async () => ({})],
  // Skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
  ['PostgreSQL', describePostgres, async () => ({ DATABASE_URL: (await freshPostgresUrl())! })],
];

for (const [name, describeOn, env] of stores) {
  describeOn(`on ${name}`, () => {
    test('the day after, the routed anomaly still open: no routing request and no repeat alert (before: a routing request every day it stayed open)', async () => {
      script(false);
      await start(await env());
      expect(await scan(DAY_1)).toBe(1);
      expect(headlines(h!, TEAM_B).map((m) => m.text)).toEqual([
        expect.stringContaining('1 cost anomaly found on 2026-11-17'),
      ]);
      const day1 = h!.slack.messages.length;

      expect(await scan(DAY_2)).toBe(0);
      expect(h!.slack.messages.length).toBe(day1);
      expect(await scan(DAY_3)).toBe(0);
      expect(h!.slack.messages.length).toBe(day1);
      expect(posted(COSTS)).toEqual([]);
    });

    test('a new anomaly beside the open one is routed as before; only the scans that announce ask Cost Explorer to route', async () => {
      script(true);
      await start(await env());
      expect(await scan(DAY_1)).toBe(1);
      const day1 = h!.slack.messages.length;

      // 18 Nov: EC2 still up (not news), S3 new in account A: routed to account A's channel, as before.
      expect(await scan(DAY_2)).toBe(1);
      const [summary] = headlines(h!, WEB);
      expect(summary!.text).toContain('1 cost anomaly found on 2026-11-18');
      expect(summary!.text).toContain('AWS Amazon Simple Storage Service');
      expect(JSON.stringify(h!.slack.callsTo('chat.postMessage').map((c) => c.body.blocks))).toContain(
        `Sent to the channel routed for AWS account ${ACCOUNT_A}: of this service's cost, that account's rose most that day (+$50.00 against its usual day).`,
      );
      expect(headlines(h!, TEAM_B)).toHaveLength(1);
      expect(h!.slack.messages.length).toBe(day1 + 2);

      // 19 Nov: both still up, neither news: nothing asked, nothing said.
      expect(await scan(DAY_3)).toBe(0);
      expect(h!.slack.messages.length).toBe(day1 + 2);
      expect(posted(COSTS)).toEqual([]);
    });
  });
}
