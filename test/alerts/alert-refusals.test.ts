import { type Harness, LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import {
  alertJobs,
  alertPressPayload,
  EC2,
  headlines,
  replies,
  S3,
  scriptDaily,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * Slack refusing an alert (the bot not in the channel, the channel gone or archived): every lead is
 * told privately, once per reason; the alert is not marked as sent, so a budget alert goes out at
 * the first check after the channel is fixed, once.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T10:00:00Z');
const later = (minutes: number) => new Date(NOV_17.getTime() + minutes * 60_000);

let ce: FakeCostExplorer;
const localCostExplorer = useLocalCostExplorer();
let h: Harness;
let clock = NOV_17;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  clock = NOV_17;
  // $50 a day; on 16 Nov EC2 jumps to $120 (an anomaly); 1–16 Nov make $880, 88 % of $1,000.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120' : '40' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10' },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  ce.reply('GetCostComparisonDrivers', reply.ok({ CostComparisonDrivers: [] }));
  h = await startAlertHarness(ce, () => clock, { ALERTS_CHANNEL: COSTS });
});
afterEach(async () => h.close());

/** Slack answers `error` to every post in COSTS, and posts elsewhere (the leads' DMs) as usual. */
function refuseIn(channel: string, error: string) {
  h.slack.answer('chat.postMessage', (body) =>
    body.channel === channel ? { ok: false, error } : h.slack.accept(body),
  );
}

const dmsToLead = () =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.body.channel === LEAD)
    .map((call) => String(call.body.text));

test('a budget alert Slack refuses: the leads are told once, it is not marked sent, and it goes out once the bot is invited', async () => {
  await h.command(`budget set aws-all 1000/month aws alert=80 channel=<#${COSTS}|costs>`);
  await h.settle();
  refuseIn(COSTS, 'not_in_channel');
  const jobs = alertJobs(h, 'replica-a');
  const first = await jobs.checkBudgets(NOV_17);
  expect(headlines(h, COSTS)).toEqual([]);
  expect(first.problems).toContainEqual(expect.stringContaining('not a member of <#C0COSTS>'));
  const [told, ...more] = dmsToLead();
  expect(more).toEqual([]);
  expect(told).toContain('could not post a cost alert to <#C0COSTS>');
  expect(told).toContain('type `/invite @Hosting Advisor` in that channel');
  expect(told).toContain('Budget aws-all (AWS, all spend, $1,000.00/month) passed 80 %: $880.00 of $1,000.00');
  expect(told).toContain('It is not marked as sent: the budget check tries again every time it runs');
  const tag = first.posted[0]!.tag;
  expect(await h.bot.services.store.digestRun(COSTS, tag)).toMatchObject({ status: 'failed' });

  // Still refused an hour later: no second message to the leads for the same reason.
  clock = later(60);
  await jobs.checkBudgets(clock);
  expect(dmsToLead()).toHaveLength(1);

  // Archived now: a new reason, said once.
  refuseIn(COSTS, 'is_archived');
  clock = later(120);
  await jobs.checkBudgets(clock);
  expect(dmsToLead()).toHaveLength(2);
  expect(dmsToLead()[1]).toContain('<#C0COSTS> is archived');

  // The bot is invited: the next check posts it, once.
  h.slack.answer('chat.postMessage', (body) => h.slack.accept(body));
  clock = later(180);
  await jobs.checkBudgets(clock);
  clock = later(240);
  await jobs.checkBudgets(clock);
  expect(headlines(h, COSTS).map((m) => m.text.split('\n')[0])).toEqual([
    expect.stringContaining('Budget aws-all (AWS, all spend, $1,000.00/month) passed 80 %'),
  ]);
  expect(await h.bot.services.store.digestRun(COSTS, tag)).toMatchObject({ status: 'posted' });
  expect(dmsToLead()).toHaveLength(2);
});

test("an anomaly summary Slack refuses: the leads get what it said, why it was not posted, and each anomaly's detail with its buttons in the thread", async () => {
  refuseIn(COSTS, 'channel_not_found');
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.found.map((finding) => finding.subject)).toEqual([
    'aws-service:Amazon Elastic Compute Cloud - Compute',
  ]);
  expect(headlines(h, COSTS)).toEqual([]);
  const [told, ...more] = headlines(h, LEAD);
  expect(more).toEqual([]);
  expect(told!.text).toContain('could not post a cost alert to <#C0COSTS>: Slack cannot find channel <#C0COSTS>');
  expect(told!.text).toContain('1 cost anomaly found on 2026-11-17, +$80.00 above a usual day');
  expect(told!.text).toContain('this summary will not be posted later');
  expect(told!.text).toContain(
    "What its thread would have held is in this message's thread: the detail, with the buttons to act on it.",
  );
  expect(told!.text).toContain('`/hosting alerts channel=#…`');
  // Before: the headline alone; the day's figures, why and the buttons were lost for good.
  const [detail, ...others] = replies(h, LEAD, told!.ts);
  expect(others).toEqual([]);
  expect(detail!.text).toContain(
    'AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16 against a usual $40.00, +$80.00 that day',
  );
  expect(detail!.text).toContain(
    'Why: Amazon Elastic Compute Cloud - Compute / BoxUsage:m5.large: $120.00 that day against a usual $40.00 (+$80.00)',
  );
  const sent = h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === LEAD);
  capture(
    'anomaly-refused-leads',
    sent.map((call) => call.body),
  );
  expect(JSON.stringify(sent[1]!.body.blocks)).toContain('alert_acknowledge');
  expect(
    await h.bot.services.store.alert('aws-service:Amazon Elastic Compute Cloud - Compute@2026-11-16'),
  ).toMatchObject({ status: 'new' });
  // A lead acts on it from there; it is said in that thread.
  await h.interaction(
    alertPressPayload({
      summary: told!,
      detail: detail!,
      channel: LEAD,
      actionId: 'alert_acknowledge',
      value: 'aws-service:Amazon Elastic Compute Cloud - Compute@2026-11-16',
      user: LEAD,
      responseUrl: `${h.slack.url}/respond/dm-ack`,
    }),
  );
  await h.settle();
  expect(replies(h, LEAD, told!.ts).map((m) => m.text)).toContain(`<@${LEAD}> acknowledged this.`);
});
