import { type Harness, LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type CeRequestBody, type FakeCostExplorer, type FakeReply, reply } from '../support/fake-cost-explorer';
import { directMessageOf } from '../support/fake-slack';
import {
  alertJobs,
  EC2,
  headlines,
  replies,
  S3,
  scriptDaily,
  scriptDailyByServiceAnd,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * The bot's own AWS anomalies follow the routes leads set for AWS accounts and tags, as Heroku apps'
 * follow their team's: the anomaly goes to the channel of the account (or tag value) whose cost of
 * that service rose most. The real Cost Explorer client against the local Cost Explorer; the
 * routes set with the real command through the signed receiver.
 */
const COSTS = 'C0COSTS';
const TEAM_B = 'C0TEAMB';
const WEB = 'C0WEB';
const NOV_17 = new Date('2026-11-17T07:00:00Z');
const SPIKE = '2026-11-16';
const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let h: Harness;

/** The second GroupBy key of a request by service and something. */
const secondKey = (input: CeRequestBody) => input.GroupBy?.[1]?.Key;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  // EC2 $40 a day ($20 in each account), on 16 Nov account B's jumps to $100; S3 steady.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === SPIKE ? '120.00' : '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  scriptDailyByServiceAnd(ce, { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, (day) => [
    { keys: [EC2, ACCOUNT_A], amount: '20.00' },
    { keys: [EC2, ACCOUNT_B], amount: day === SPIKE ? '100.00' : '20.00' },
    { keys: [S3, ACCOUNT_A], amount: '10.00' },
  ]);
  scriptDailyByServiceAnd(ce, { Type: 'TAG', Key: 'team' }, (day) => [
    { keys: [EC2, 'team$web'], amount: day === SPIKE ? '100.00' : '20.00' },
    { keys: [EC2, 'team$'], amount: '20.00' },
    { keys: [S3, 'team$'], amount: '10.00' },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  h = await startAlertHarness(ce, () => NOV_17, { ALERTS_CHANNEL: COSTS });
});
afterEach(() => h.close());

async function route(words: string) {
  await h.command(`alerts route ${words}`);
  await h.settle();
}

test('an EC2 anomaly goes to the channel routed for the account whose EC2 cost rose (before: always the alerts channel)', async () => {
  await route(`account=${ACCOUNT_B} channel=<#${TEAM_B}|team-b>`);
  await route(`account=${ACCOUNT_A} channel=<#${WEB}|team-a>`);
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.problems).toEqual([]);
  expect(headlines(h, COSTS)).toEqual([]);
  expect(headlines(h, WEB)).toEqual([]);
  const [summary] = headlines(h, TEAM_B);
  expect(summary!.text).toContain('1 cost anomaly found on 2026-11-17, +$80.00 above a usual day on 2026-11-16');
  const [detail] = replies(h, TEAM_B, summary!.ts);
  const blocks = JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.body.blocks));
  expect(detail!.text).toContain('AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16');
  expect(blocks).toContain(
    `Sent to the channel routed for AWS account ${ACCOUNT_B}: of this service's cost, that account's rose most that day (+$80.00 against its usual day).`,
  );
  capture(
    'anomaly-aws-routed',
    h.slack.callsTo('chat.postMessage').map((call) => call.body),
  );
  // One request by service and account, besides the daily one.
  expect(ce.requests('GetCostAndUsage').map((r) => secondKey(r.body as CeRequestBody))).toEqual([
    'USAGE_TYPE',
    'LINKED_ACCOUNT',
  ]);
});

test('routed by a tag: the tag value whose cost rose, when no account route claims it', async () => {
  await route(`tag:team=web channel=<#${WEB}|web>`);
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(headlines(h, COSTS)).toEqual([]);
  expect(headlines(h, WEB).map((m) => m.text)).toEqual([expect.stringContaining('AWS Amazon Elastic Compute Cloud')]);
});

test('account and tag routes, the account that rose routed: no request by tag, which could change nothing (before: one by tag too, $0.01)', async () => {
  await route(`account=${ACCOUNT_B} channel=<#${TEAM_B}|team-b>`);
  await route(`tag:team=web channel=<#${WEB}|web>`);
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.problems).toEqual([]);
  expect(headlines(h, TEAM_B).map((m) => m.text)).toEqual([
    expect.stringContaining('AWS Amazon Elastic Compute Cloud'),
  ]);
  expect(headlines(h, WEB)).toEqual([]);
  // The Cost Explorer requests the local Cost Explorer received: the daily one and the one by account.
  expect(ce.requests('GetCostAndUsage').map((r) => secondKey(r.body as CeRequestBody))).toEqual([
    'USAGE_TYPE',
    'LINKED_ACCOUNT',
  ]);
});

test('account and tag routes, the account that rose not routed: the tag is asked, and routes it', async () => {
  await route(`account=${ACCOUNT_A} channel=<#${TEAM_B}|team-a>`);
  await route(`tag:team=web channel=<#${WEB}|web>`);
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(headlines(h, WEB).map((m) => m.text)).toEqual([expect.stringContaining('AWS Amazon Elastic Compute Cloud')]);
  expect(ce.requests('GetCostAndUsage').map((r) => secondKey(r.body as CeRequestBody))).toEqual([
    'USAGE_TYPE',
    'LINKED_ACCOUNT',
    'team',
  ]);
});

test('no route for the account that rose: the alerts channel, with no word of a route', async () => {
  await route(`account=${ACCOUNT_A} channel=<#${WEB}|team-a>`);
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(headlines(h, WEB)).toEqual([]);
  expect(headlines(h, COSTS)).toHaveLength(1);
  expect(JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.body.blocks))).not.toContain(
    'Sent to the channel routed',
  );
});

/** The request by service and account answers `failure` (after the SDK's own retries, one attempt here). */
const failRouting = (failure: FakeReply) =>
  ce.reply('GetCostAndUsage', failure, { match: (input) => secondKey(input) === 'LINKED_ACCOUNT' });
const NOT_ROUTED = (why: string) =>
  `The bot could not ask Cost Explorer where this service's cost is by linked account (${why}), so it was not routed and went where alerts no route claims go.`;

test.each([
  ['throttled', reply.throttle(), 'Cost Explorer was throttling requests'],
  ['unavailable (HTTP 503)', reply.serverError(503), 'Cost Explorer was unavailable'],
])(
  'the routing request %s: the anomaly still comes, whole, to the alerts channel, saying plainly it was not routed (before: no word of it)',
  async (_, failure, why) => {
    await route(`account=${ACCOUNT_B} channel=<#${TEAM_B}|team-b>`);
    failRouting(failure);
    const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
    expect(result.problems).toEqual([expect.stringContaining('could not read AWS cost by linked account')]);
    expect(headlines(h, TEAM_B)).toEqual([]);
    const [summary] = headlines(h, COSTS);
    expect(summary!.text).toContain('1 cost anomaly found on 2026-11-17, +$80.00 above a usual day on 2026-11-16');
    const [detail] = replies(h, COSTS, summary!.ts);
    expect(detail!.text).toContain('AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16');
    const blocks = JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.body.blocks));
    expect(blocks).toContain(NOT_ROUTED(why));
    expect(blocks).not.toContain('LimitExceeded');
    capture(
      `anomaly-aws-not-routed-${failure.type === 'error' ? failure.name : 'failed'}`,
      h.slack.callsTo('chat.postMessage').map((c) => c.body),
    );
  },
);

test('the routing request throttled and no alerts channel set: every lead gets the anomaly privately, its detail and buttons in the thread (before: only a log line, and the anomaly never announced)', async () => {
  await h.close();
  h = await startAlertHarness(ce, () => NOV_17);
  await route(`account=${ACCOUNT_B} channel=<#${TEAM_B}|team-b>`);
  failRouting(reply.throttle());
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.problems).toEqual([
    expect.stringContaining('could not read AWS cost by linked account'),
    expect.stringContaining('no channel to post to'),
  ]);
  expect(headlines(h, TEAM_B)).toEqual([]);
  const [told, ...more] = headlines(h, directMessageOf(LEAD));
  expect(more).toEqual([]);
  expect(told!.text).toContain('Hosting Advisor found a cost anomaly today with no channel to post it to:');
  expect(told!.text).toContain('> 1 cost anomaly found on 2026-11-17, +$80.00 above a usual day on 2026-11-16');
  const [detail] = replies(h, directMessageOf(LEAD), told!.ts);
  expect(detail!.text).toContain('AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16');
  const sent = h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === directMessageOf(LEAD));
  expect(JSON.stringify(sent.map((call) => call.body.blocks))).toContain(
    NOT_ROUTED('Cost Explorer was throttling requests'),
  );
  capture(
    'anomaly-aws-not-routed-nowhere',
    sent.map((call) => call.body),
  );
});
