import { takeHerokuSnapshot } from '../../src/jobs/heroku-snapshot';
import { type Harness, LEAD, NOT_LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import {
  alertJobs,
  alertPressPayload,
  EC2,
  headlines,
  quiet,
  replies,
  S3,
  S3_ANOMALY,
  scriptDaily,
  standard2xSnapshot,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * Anomalies end to end: 28 days of history, then a spike; the real Heroku client against the local
 * Heroku (today's snapshot is taken by the bot's own snapshot job), the real Cost Explorer client
 * against the local Cost Explorer, and the buttons pressed through the signed receiver.
 */
const COSTS = 'C0COSTS';
const ACME = 'C0ACME';
const NOV_17 = new Date('2026-11-17T07:00:00Z');

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let world: HerokuWorld;
const localCostExplorer = useLocalCostExplorer();
let h: Harness;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  world = new HerokuWorld({ seed: 17 });
  world.addTeam('acme-eng');
  // Scaled from 2 to 6 Standard-2X this morning.
  world.addApp('api-prod', { team: 'acme-eng', formation: [{ type: 'web', quantity: 6, size: 'standard-2X' }] });
  heroku = await FakeHeroku.start({ world });
  h = await startAlertHarness(ce, () => NOV_17, { ALERTS_CHANNEL: COSTS }, heroku);
  // The 28 days before: 2 × Standard-2X, as the bot's daily snapshots recorded them.
  for (let i = 1; i <= 28; i++) {
    const day = new Date(NOV_17.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    await h.bot.services.store.putSnapshot({ day, app: 'api-prod', data: standard2xSnapshot(2), takenAt: NOV_17 });
  }
  // AWS: EC2 steady at $40 a day, S3 at $10; on 16 Nov (the latest whole day) EC2 m5.large jumps to $120.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120.00' : '40.00' },
    { keys: [EC2, 'EBS:VolumeUsage.gp3'], amount: '3.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

const allText = (channel: string) =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.body.channel === channel)
    .map((call) => `${call.body.text}\n${JSON.stringify(call.body.blocks)}`)
    .join('\n');

test('a Heroku app scaled 2 → 6 Standard-2X: one alert naming the app, process, dyno change and dollar impact; routed to its team', async () => {
  await h.command(`alerts route team=acme-eng channel=<#${ACME}|acme>`);
  await h.settle();
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', NOV_17, quiet)).toEqual({ apps: 1 });
  const jobs = alertJobs(h, 'replica-a');
  const result = await jobs.scanAnomalies(NOV_17);
  expect(result.found.map((f) => f.subject).sort()).toEqual([
    'aws-service:Amazon Elastic Compute Cloud - Compute',
    'heroku-app:api-prod',
  ]);
  const [summary, ...more] = headlines(h, ACME);
  expect(more).toEqual([]);
  expect(summary!.text).toContain(
    '1 cost anomaly found on 2026-11-17, +$6.67 above a usual day: Heroku app api-prod (team acme-eng) +$6.67',
  );
  const [detail] = replies(h, ACME, summary!.ts);
  expect(detail!.text).toContain(
    'Heroku app api-prod (team acme-eng): $10.00 on 2026-11-17 against a usual $3.33, +$6.67 that day',
  );
  expect(detail!.text).toContain(
    'api-prod: web dynos went from 2 × Standard-2X to 6 × Standard-2X (+$200.00/month, +$6.67/day)',
  );
  expect(detail!.text).toContain('Found by: Hosting Advisor (robust z-score');
  // The day's figure is the snapshot's formation at list prices, an estimate: said so, with when it was taken.
  expect(allText(ACME)).toContain(
    "Heroku, 2026-11-17 (UTC day), estimated: the formation and add-ons in the bot's daily snapshot (taken 2026-11-17 07:00 UTC) at Heroku list prices (a month's price ÷ 30 a day), not Heroku's invoice.",
  );
  // Scanning again (another replica, or the next day while it lasts): first detection only, one summary a day.
  await alertJobs(h, 'replica-b').scanAnomalies(new Date(NOV_17.getTime() + 3_600_000));
  expect(headlines(h, ACME)).toHaveLength(1);
});

test('a Heroku spike of today and an AWS spike of yesterday in one channel: the summary gives each figure its day', async () => {
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', NOV_17, quiet)).toEqual({ apps: 1 });
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  // Heroku's figure is today's snapshot (17 Nov), AWS's the latest whole day (16 Nov): the $80.00 is not the 17th's.
  expect(headlines(h, COSTS).map((m) => m.text)).toEqual([
    '2 cost anomalies found on 2026-11-17, +$86.67 in all, each above its usual day: AWS Amazon Elastic Compute Cloud - Compute +$80.00 on 2026-11-16; Heroku app api-prod (team acme-eng) +$6.67 on 2026-11-17. Details and buttons in the thread.',
  ]);
});

test('more anomalies than the summary names: the largest are named, the rest given as one amount, so the lines add up to the total', async () => {
  const { store } = h.bot.services;
  for (const app of ['web-a', 'web-b', 'web-c']) {
    for (let i = 1; i <= 28; i++) {
      const day = new Date(NOV_17.getTime() - i * 86_400_000).toISOString().slice(0, 10);
      await store.putSnapshot({ day, app, data: standard2xSnapshot(2), takenAt: NOV_17 });
    }
    await store.putSnapshot({ day: '2026-11-17', app, data: standard2xSnapshot(6), takenAt: NOV_17 });
  }
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', NOV_17, quiet)).toEqual({ apps: 1 });
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  const [summary] = headlines(h, COSTS).map((m) => m.text);
  expect(summary).toMatch(/^5 cost anomalies found on 2026-11-17, \+\$106\.68 in all, each above its usual day: /);
  // The largest named first (AWS's +$80.00), then two at +$6.67, and the other two as one amount: $93.34 + $13.34 = $106.68.
  expect(summary).toMatch(
    /: AWS Amazon Elastic Compute Cloud - Compute \+\$80\.00 on 2026-11-16; [^;]* \+\$6\.67 on 2026-11-17; [^;]* \+\$6\.67 on 2026-11-17; and 2 more \(\+\$13\.34\)\. /,
  );
});

test('a spike found a day after it began (too little history the day before) is explained by the change that made it, on its day', async () => {
  const { store } = h.bot.services;
  // A week-old app: 2 × Standard-2X from 10 Nov, 6 from 16 Nov. On the 16th six days of history are too few to judge.
  const ran = (day: string, quantity: number) =>
    store.putSnapshot({ day, app: 'new-api', data: standard2xSnapshot(quantity), takenAt: NOV_17 });
  for (const day of ['10', '11', '12', '13', '14', '15']) await ran(`2026-11-${day}`, 2);
  await ran('2026-11-16', 6);
  await ran('2026-11-17', 6);
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  const found = result.found.find((finding) => finding.subject === 'heroku-app:new-api');
  // Before: 'no formation or add-on change between 2026-11-16 and 2026-11-17; the cost rose over several days'.
  expect(found?.why).toEqual([
    'new-api: web dynos went from 2 × Standard-2X to 6 × Standard-2X (+$200.00/month, +$6.67/day), between 2026-11-15 and 2026-11-16, and the same every day since',
  ]);
});

test('an AWS spike names the service and the usage type; Cost Anomaly Detection findings say which detector found them', async () => {
  ce.reset();
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120.00' : '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  ce.reply(
    'GetAnomalies',
    reply.ok({
      Anomalies: [S3_ANOMALY],
    }),
  );
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  const text = allText(COSTS);
  expect(text).toContain(
    'AWS Amazon Elastic Compute Cloud - Compute: $120.00 on 2026-11-16 against a usual $40.00, +$80.00',
  );
  expect(text).toContain(
    'Amazon Elastic Compute Cloud - Compute / BoxUsage:m5.large: $120.00 that day against a usual $40.00 (+$80.00)',
  );
  capture(
    'anomaly-alerts',
    h.slack.callsTo('chat.postMessage').map((call) => call.body),
  );
  expect(text).toContain('Found by: AWS Cost Anomaly Detection (monitor services-monitor, score 0.91)');
  expect(text).toContain(
    'Amazon Simple Storage Service / Requests-Tier1 in us-east-1, account 123456789012: $42.50 of the impact',
  );
  // Cost Anomaly Detection's impact is a total over its days: not added to a one-day excess as "above a usual day".
  expect(headlines(h, COSTS).map((m) => m.text)).toEqual([
    '2 cost anomalies found on 2026-11-17: AWS Amazon Elastic Compute Cloud - Compute +$80.00 above a usual day (2026-11-16); AWS Amazon Simple Storage Service +$42.50 in total since 2026-11-15 (AWS Cost Anomaly Detection). Details and buttons in the thread.',
  ]);
  expect(ce.requests('GetAnomalies')[0]!.body).toEqual({
    DateInterval: { StartDate: '2026-11-10', EndDate: '2026-11-17' },
  });
});

test("Cost Anomaly Detection's figures say what they are: its totals foot, its one-day MaxImpact is never called a total, and spend it did not send is not shown as $0.00", async () => {
  ce.reply(
    'GetAnomalies',
    reply.ok({
      Anomalies: [
        // AWS sends doubles: 62.505 − 20.004 = 42.501, which round to $62.51, $20.00 and $42.50.
        {
          ...S3_ANOMALY,
          Impact: { MaxImpact: 30, TotalImpact: 42.501, TotalActualSpend: 62.505, TotalExpectedSpend: 20.004 },
        },
        // Only MaxImpact is required of an answer (ce-service-2.json); this one ended on the 16th.
        { ...S3_ANOMALY, AnomalyId: 'anomaly-2', Impact: { MaxImpact: 30 }, AnomalyEndDate: '2026-11-16' },
      ],
    }),
  );
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  const [summary] = headlines(h, COSTS);
  const details = replies(h, COSTS, summary!.ts).map((m) => m.text.split('\n')[0]);
  // Before: '… $62.51 spent since 2026-11-15 against $20.00 expected, +$42.50 impact' and
  // '… $0.00 spent since 2026-11-15 against $0.00 expected, +$30.00 impact', summed up as '+$30.00 in total'.
  expect(details).toEqual(
    expect.arrayContaining([
      'AWS Amazon Simple Storage Service: $62.51 spent since 2026-11-15 against $20.00 expected, +$42.51 impact',
      'AWS Amazon Simple Storage Service: +$30.00 on its costliest day, from 2026-11-15 to 2026-11-16 (Cost Anomaly Detection gave no actual or expected spend)',
    ]),
  );
  expect(summary!.text).toContain(
    'AWS Amazon Simple Storage Service +$30.00 on its costliest day, from 2026-11-15 to 2026-11-16 (AWS Cost Anomaly Detection)',
  );
  expect(allText(COSTS)).toContain(
    'AWS Cost Anomaly Detection, from 2026-11-15 to 2026-11-16: largest one-day impact $30.00 (it gave no total), as listed at 2026-11-17 07:00 UTC.',
  );
});

test('Slack rate-limits the summary (429, Retry-After: 1): the post waits as asked and the anomaly is announced once, that day', async () => {
  // Slack allows about one message a second per channel: a burst of alerts meets a 429 with Retry-After.
  // Anomalies are announced only on the day they are found, so a post given up at once is lost for good.
  h.slack.answer(
    'chat.postMessage',
    (body) =>
      body.channel === COSTS
        ? { __status: 429, __headers: { 'retry-after': '1' }, ok: false, error: 'ratelimited' }
        : h.slack.accept(body),
    (body) => h.slack.accept(body),
  );
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.problems).toEqual([]);
  const [summary, ...more] = headlines(h, COSTS);
  expect(more).toEqual([]);
  expect(summary!.text).toContain('1 cost anomaly found on 2026-11-17');
  expect(replies(h, COSTS, summary!.ts)).toHaveLength(1);
  // One refused attempt, the summary once Slack took it, its detail in the thread.
  expect(h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === COSTS)).toHaveLength(3);
});

test('Slack asks for a longer wait than an alert waits (Retry-After: 120): not cut short, and the leads are told what the summary said', async () => {
  h.slack.answer('chat.postMessage', (body) =>
    body.channel === COSTS
      ? { __status: 429, __headers: { 'retry-after': '120' }, ok: false, error: 'ratelimited' }
      : h.slack.accept(body),
  );
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === COSTS)).toHaveLength(1);
  expect(result.problems).toEqual([
    'anomalies:2026-11-17 was not posted to C0COSTS: refused: Slack kept answering "rate limited" (HTTP 429) for more than 60 s of waiting as it asked.',
  ]);
  const told = h.slack.messages.filter((m) => m.channel !== COSTS && !m.threadTs).map((m) => m.text);
  expect(told).toHaveLength(1);
  expect(told[0]).toContain('could not post a cost alert to <#C0COSTS>');
  expect(told[0]).toContain('> 1 cost anomaly found on 2026-11-17');
  expect(told[0]).toContain('this summary will not be posted later');
  // And the detail it would have had in its thread, in the thread of the leads' message.
  expect(h.slack.messages.filter((m) => m.channel !== COSTS && m.threadTs).map((m) => m.text)).toEqual([
    expect.stringContaining('AWS Amazon Elastic Compute Cloud - Compute: $123.00 on 2026-11-16 against a usual $43.00'),
  ]);
});

async function press(actionId: string, value: string, user = LEAD, type = 'button') {
  const summary = headlines(h, COSTS)[0]!;
  const detail = replies(h, COSTS, summary.ts).find((m) =>
    m.text.includes(value.includes('anomaly-1') ? 'Cost Anomaly' : 'api-prod'),
  )!;
  await h.interaction(
    alertPressPayload({
      summary,
      detail,
      channel: COSTS,
      actionId,
      value,
      user,
      responseUrl: `${h.slack.url}/respond/act-${user}-${actionId}`,
      type: type as 'button' | 'overflow',
    }),
  );
  await h.settle();
  return {
    summary,
    said: h.slack.responses.filter((r) => r.path.endsWith(`act-${user}-${actionId}`)).map((r) => String(r.body.text)),
  };
}

describe('acting from the message', () => {
  const HEROKU_ALERT = 'heroku-app:api-prod@2026-11-17';
  const CE_ALERT = 'ce-anomaly:anomaly-1@2026-11-15';

  beforeEach(async () => {
    ce.reply(
      'GetAnomalies',
      reply.ok({
        Anomalies: [S3_ANOMALY],
      }),
    );
    ce.reply('ProvideAnomalyFeedback', (info) =>
      reply.ok({ AnomalyId: String((info.input as { AnomalyId?: string }).AnomalyId) }),
    );
    await takeHerokuSnapshot(h.bot.services, 'replica-a', NOV_17, quiet);
    await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  });

  test('others are told politely and nothing changes', async () => {
    const { said } = await press('alert_acknowledge', HEROKU_ALERT, NOT_LEAD);
    expect(said).toEqual([expect.stringContaining('Sorry, only hosting leads can act on cost alerts')]);
    expect(await h.bot.services.store.alert(HEROKU_ALERT)).toMatchObject({ status: 'new' });
    await press('alert_expected', CE_ALERT, NOT_LEAD);
    expect(ce.requests('ProvideAnomalyFeedback')).toHaveLength(0);
  });

  test('Acknowledge: said in the thread, kept in the audit log', async () => {
    const { summary } = await press('alert_acknowledge', HEROKU_ALERT);
    expect(replies(h, COSTS, summary.ts).map((m) => m.text)).toContain(`<@${LEAD}> acknowledged this.`);
    expect(await h.bot.services.store.alert(HEROKU_ALERT)).toMatchObject({ status: 'acknowledged', statusBy: LEAD });
    expect(await h.bot.services.store.auditLog()).toContainEqual(
      expect.objectContaining({ actor: LEAD, action: 'alert-acknowledge', detail: HEROKU_ALERT }),
    );
  });

  test('pressed twice (a double click, or a second lead): said privately who did it first; one thread line, one feedback to AWS, one audit entry', async () => {
    const { summary } = await press('alert_acknowledge', HEROKU_ALERT);
    const { said } = await press('alert_acknowledge', HEROKU_ALERT);
    expect(said.at(-1)).toBe(
      `This alert was already acknowledged by <@${LEAD}> at 2026-11-17 07:00 UTC; nothing was changed.`,
    );
    expect(replies(h, COSTS, summary.ts).filter((m) => m.text.includes('acknowledged this'))).toHaveLength(1);
    await press('alert_expected', CE_ALERT);
    await press('alert_expected', CE_ALERT);
    expect(ce.requests('ProvideAnomalyFeedback')).toHaveLength(1);
    const acts = (await h.bot.services.store.auditLog()).filter((e) => e.action.startsWith('alert-'));
    expect(acts.map((e) => e.action)).toEqual(['alert-acknowledge', 'alert-expected']);
  });

  test('Mark expected on an AWS anomaly sends ProvideAnomalyFeedback PLANNED_ACTIVITY; the overflow sends YES or NO', async () => {
    const { summary } = await press('alert_expected', CE_ALERT);
    const sent = ce.requests('ProvideAnomalyFeedback');
    expect(sent.map((r) => r.body)).toEqual([{ AnomalyId: 'anomaly-1', Feedback: 'PLANNED_ACTIVITY' }]);
    expect(sent[0]!.target).toBe('AWSInsightsIndexService.ProvideAnomalyFeedback');
    expect(replies(h, COSTS, summary.ts).map((m) => m.text)).toContain(
      `<@${LEAD}> marked this expected (AWS Cost Anomaly Detection was told: planned activity).`,
    );
    await press('alert_feedback', `NO|${CE_ALERT}`, LEAD, 'overflow');
    expect(ce.requests('ProvideAnomalyFeedback').map((r) => r.body)).toEqual([
      { AnomalyId: 'anomaly-1', Feedback: 'PLANNED_ACTIVITY' },
      { AnomalyId: 'anomaly-1', Feedback: 'NO' },
    ]);
    expect((await h.bot.services.store.auditLog()).map((e) => e.action)).toEqual(
      expect.arrayContaining(['alert-expected', 'alert-feedback']),
    );
  });

  test('Mark expected when AWS refuses: nothing changes and the lead is told', async () => {
    ce.reply('ProvideAnomalyFeedback', reply.accessDenied('ProvideAnomalyFeedback'));
    const { said } = await press('alert_expected', CE_ALERT);
    // The permission to add is the one AWS refused, not Cost Explorer's reads (ce:Get* does not cover a write);
    // a refusal is not something pressing again in a minute changes.
    expect(said).toEqual([
      'Nothing was changed: AWS denied ce:ProvideAnomalyFeedback: the IAM policy for these credentials needs ce:ProvideAnomalyFeedback, the one write the bot asks for (ce:Get* does not cover it), to tell Cost Anomaly Detection what a lead said.',
    ]);
    expect(await h.bot.services.store.alert(CE_ALERT)).toMatchObject({ status: 'new' });
  });

  test('Snooze 1 week on a Cost Anomaly Detection finding holds the service it names, not only that finding (announced once anyway)', async () => {
    const { summary } = await press('alert_snooze_week', CE_ALERT);
    expect(replies(h, COSTS, summary.ts).map((m) => m.text)).toContain(
      `<@${LEAD}> snoozed alerts for AWS Amazon Simple Storage Service until 2026-11-24 07:00 UTC.`,
    );
    // The next day S3 spikes: the bot's own detection finds it and Cost Anomaly Detection lists a new finding on it.
    ce.reset();
    scriptDaily(ce, (day) => [
      { keys: [EC2, 'BoxUsage:m5.large'], amount: '40.00' },
      { keys: [S3, 'TimedStorage-ByteHrs'], amount: day === '2026-11-17' ? '90.00' : '10.00' },
    ]);
    ce.reply(
      'GetAnomalies',
      reply.ok({ Anomalies: [S3_ANOMALY, { ...S3_ANOMALY, AnomalyId: 'anomaly-2', AnomalyStartDate: '2026-11-17' }] }),
    );
    const next = await alertJobs(h, 'replica-a').scanAnomalies(new Date('2026-11-18T07:00:00Z'));
    expect(next.found).toEqual([]);
    expect(headlines(h, COSTS)).toHaveLength(1);
  });

  test('Snooze 1 week: the app is snoozed until then, said in the thread', async () => {
    const { summary } = await press('alert_snooze_week', HEROKU_ALERT);
    expect(replies(h, COSTS, summary.ts).map((m) => m.text)).toContain(
      `<@${LEAD}> snoozed alerts for Heroku app api-prod until 2026-11-24 07:00 UTC.`,
    );
    expect(await h.bot.services.store.snoozedUntil('heroku-app:api-prod')).toEqual(new Date('2026-11-24T07:00:00Z'));
  });
});

test('Cost Anomaly Detection denied (no ce:GetAnomalies): the scan says which permission is missing, and still reports its own findings', async () => {
  ce.reply('GetAnomalies', reply.accessDenied('GetAnomalies'));
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(result.problems).toEqual([
    "AWS Cost Anomaly Detection: AWS denied ce:GetAnomalies: the IAM policy for these credentials needs ce:GetAnomalies (ce:Get* covers it) to list Cost Anomaly Detection's findings.",
  ]);
  expect(result.found.map((f) => f.subject)).toEqual(['aws-service:Amazon Elastic Compute Cloud - Compute']);
});
