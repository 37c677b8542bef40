/** Shared set-up for the alert tests: the local Cost Explorer scripted with daily cost by service and usage type. */
import { WebClient } from '@slack/web-api';
import { AlertJobs } from '../../src/jobs/alert-jobs';
import type { AlertCrashPoint } from '../../src/jobs/post-once';
import { BUDGET_FORM } from '../../src/slack/alerts/budget-form';
import { slackAlertPoster } from '../../src/slack/alerts/slack-alert-poster';
import { BOT_TOKEN, type Harness, LEAD, startHarness } from '../support/bot-harness';
import {
  type CeRequestBody,
  costAndUsagePage,
  type DayGroups,
  type FakeCostExplorer,
  type FakeReply,
  nextDay,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { type FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { setProcessEnv } from '../support/process-env';
import { shownText } from '../support/slack-blocks';
import { standard2xSnapshot } from '../support/snapshots';

export { standard2xSnapshot };

export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDALERTTEST',
  AWS_SECRET_ACCESS_KEY: 'alert-test-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};
export const EC2 = 'Amazon Elastic Compute Cloud - Compute';
export const S3 = 'Amazon Simple Storage Service';
const MONITOR = 'arn:aws:ce::123456789012:anomalymonitor/services-monitor';

/** A finding of AWS Cost Anomaly Detection on S3 requests, as GetAnomalies lists it. */
export const S3_ANOMALY = {
  AnomalyId: 'anomaly-1',
  AnomalyStartDate: '2026-11-15',
  DimensionValue: 'Amazon Simple Storage Service',
  RootCauses: [
    {
      Service: S3,
      UsageType: 'Requests-Tier1',
      Region: 'us-east-1',
      LinkedAccount: '123456789012',
      Impact: { Contribution: 42.5 },
    },
  ],
  AnomalyScore: { MaxScore: 0.91, CurrentScore: 0.8 },
  Impact: { MaxImpact: 30, TotalImpact: 42.5, TotalActualSpend: 62.5, TotalExpectedSpend: 20 },
  MonitorArn: MONITOR,
};

const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const BY_SERVICE_AND_USAGE = [
  { Type: 'DIMENSION' as const, Key: 'SERVICE' },
  { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
];
/**
 * One local Cost Explorer for the test file, with the AWS SDK's environment pointed at it; call at
 * the top of the file, read it in the tests (each `beforeEach` resets it as it needs).
 */
export function useLocalCostExplorer(): () => FakeCostExplorer {
  let ce: FakeCostExplorer | undefined;
  let restoreEnv = () => {};
  beforeAll(async () => {
    ce = await startFakeCostExplorer();
    restoreEnv = setProcessEnv({ ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint });
  });
  afterAll(async () => {
    restoreEnv();
    await ce?.close();
  });
  return () => ce!;
}

/** The bot against the local Cost Explorer (and Heroku, when given), on the clock `now`; Slack's message times from its start. */
export async function startAlertHarness(
  ce: FakeCostExplorer,
  now: () => Date,
  env: Record<string, string> = {},
  heroku?: FakeHeroku,
  instanceId?: string,
): Promise<Harness> {
  const h = await startHarness(
    {
      ...AWS_ENV,
      AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
      ...(heroku ? { HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url } : {}),
      ...env,
    },
    { now, ...(instanceId ? { instanceId } : {}) },
  );
  h.slack.tsSeconds = Math.floor(now().getTime() / 1000);
  return h;
}

/**
 * Starts the bots of one test and closes them after it, the last started first: replicas share a
 * store through `env` (one DATABASE_URL) and one Slack (SLACK_API_URL of the first one's).
 */
export function useReplicas(
  ce: () => FakeCostExplorer,
  now: () => Date,
): (env: Record<string, string>, instanceId: string) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0).reverse()) await h.close();
  });
  return async (env, instanceId) => {
    const h = await startAlertHarness(ce(), now, env, undefined, instanceId);
    open.push(h);
    return h;
  };
}

export const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export const byServiceAndUsage = (input: CeRequestBody) =>
  input.GroupBy?.length === 2 && input.GroupBy[0]?.Key === 'SERVICE' && input.GroupBy[1]?.Key === 'USAGE_TYPE';

/** Days start ≤ d < end, each with the groups `groups(day)` returns (amounts as strings, as CE sends them). */
function dailyPage(
  input: CeRequestBody,
  groupBy: { Type: 'DIMENSION' | 'TAG'; Key: string }[],
  groups: (day: string) => DayGroups['groups'],
) {
  const days: DayGroups[] = [];
  const end = String(input.TimePeriod?.End);
  for (let day = String(input.TimePeriod?.Start); day < end; day = nextDay(day))
    days.push({ day, groups: groups(day) });
  return costAndUsagePage({ metric: 'UnblendedCost', groupBy, days });
}

/** Scripts the alert query for the window Cost Explorer will be asked for. */
export function scriptDaily(ce: FakeCostExplorer, groups: (day: string) => DayGroups['groups']) {
  ce.reply('GetCostAndUsage', (info) => reply.ok(dailyPage(info.input, BY_SERVICE_AND_USAGE, groups)), {
    match: byServiceAndUsage,
  });
}

/**
 * The digest's own questions: daily cost by service (`groups(day)` for each day asked), an empty
 * answer to every other question but the alert checks' (credits, running hours), and `forecast`.
 */
export function scriptDigestCosts(
  ce: FakeCostExplorer,
  groups: (day: string) => DayGroups['groups'],
  forecast: FakeReply = reply.ok({ Total: { Amount: '200', Unit: 'USD' } }),
) {
  const byServiceOnly = (input: CeRequestBody) => input.GroupBy?.length === 1 && input.GroupBy[0]?.Key === 'SERVICE';
  ce.reply('GetCostAndUsage', (info) => reply.ok(dailyPage(info.input, BY_SERVICE, groups)), { match: byServiceOnly });
  ce.reply('GetCostAndUsage', reply.ok(costAndUsagePage({ metric: 'UnblendedCost', groupBy: [], days: [] })), {
    match: (input) => !byServiceOnly(input) && !byServiceAndUsage(input),
  });
  ce.reply('GetCostForecast', forecast);
}

/** Scripts the daily query by SERVICE and `second` (LINKED_ACCOUNT, or a tag key as a TAG), for its window. */
export function scriptDailyByServiceAnd(
  ce: FakeCostExplorer,
  second: { Type: 'DIMENSION' | 'TAG'; Key: string },
  groups: (day: string) => DayGroups['groups'],
) {
  const groupBy = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }, second];
  ce.reply('GetCostAndUsage', (info) => reply.ok(dailyPage(info.input, groupBy, groups)), {
    match: (input) => input.GroupBy?.length === 2 && input.GroupBy[1]?.Key === second.Key,
  });
}

/**
 * A replica's alert jobs posting to `slackApiUrl`. `crashAt` stops it as a crash would, the first time
 * a post reaches that point, or the `nth` time (the detail is the second post of a budget message).
 */
export function alertJobs(
  h: Harness,
  owner: string,
  crashAt?: AlertCrashPoint | { point: AlertCrashPoint; nth: number },
  slackApiUrl = h.slack.apiUrl,
): AlertJobs {
  const client = new WebClient(BOT_TOKEN, { slackApiUrl, retryConfig: { retries: 0 } });
  const stop = typeof crashAt === 'string' ? { point: crashAt, nth: 1 } : crashAt;
  let reached = 0;
  return new AlertJobs({
    services: h.bot.services,
    poster: slackAlertPoster(client, h.bot.services, quiet),
    logger: quiet,
    owner,
    leaseMs: 60_000,
    ...(stop
      ? {
          crashAt: (point: AlertCrashPoint) => {
            if (point === stop.point && ++reached === stop.nth) throw new Error(`crashed ${point}`);
          },
        }
      : {}),
  });
}

export type Posted = { channel: string; text: string; threadTs?: string; ts: string };

/** Top-level messages in a channel (not thread replies). */
export const headlines = (h: Harness, channel: string): Posted[] =>
  h.slack.messages.filter((m) => m.channel === channel && !m.threadTs);
export const replies = (h: Harness, channel: string, ts: string): Posted[] =>
  h.slack.messages.filter((m) => m.channel === channel && m.threadTs === ts);

/** The app ran `quantity` × Standard-2X every day from the 1st of `month` (YYYY-MM) to `lastDay`. */
export async function putDailySnapshots(h: Harness, app: string, month: string, lastDay: number, quantity: number) {
  for (let day = 1; day <= lastDay; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    await h.bot.services.store.putSnapshot({ day: date, app, data: standard2xSnapshot(quantity), takenAt: new Date() });
  }
}

/** Form field values as Slack sends them in view.state. */
export const textValue = (value: string) => ({ value: { type: 'plain_text_input', value } });
export const selectValue = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

/** Submits the App Home budget form with these values, through the signed receiver; the ack. */
/** The budget form's submission, acknowledged: what runs after the ack may still be going. */
export const sendBudgetForm = (h: Harness, state: Record<string, Record<string, unknown>>, user = LEAD) =>
  h.interaction({
    type: 'view_submission',
    user: { id: user, name: 'someone', team_id: 'T1' },
    view: {
      id: 'VBUDGET1',
      type: 'modal',
      callback_id: BUDGET_FORM,
      private_metadata: '',
      hash: 'h1',
      state: { values: state },
    },
  });

export async function submitBudgetForm(h: Harness, state: Record<string, Record<string, unknown>>, user = LEAD) {
  const ack = await sendBudgetForm(h, state, user);
  await h.settle();
  return ack;
}

/** A Heroku account with a team's app and a personal one, for budgets that name them. */
export function teamAndPersonalApp(): HerokuWorld {
  const world = new HerokuWorld({ seed: 3 });
  world.addTeam('acme-eng');
  world.addApp('shop-api', { team: 'acme-eng', formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  world.addApp('blog', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  return world;
}

/** A press: the button (or the feedback menu's choice, `YES|<alert id>`) and the alert it is on. */
export type AlertPress = { actionId: string; alertId: string; value?: string };

/**
 * Presses the button on the alert's detail in the thread of the channel's first summary, as `user`,
 * through `via`'s receiver (Slack is `slack`'s); Slack answers privately to `/respond/race-<user>-<actionId>`.
 */
export function pressOnAlert(via: Harness, slack: Harness, channel: string, pressed: AlertPress, user: string) {
  const { actionId, alertId, value } = pressed;
  const summary = headlines(slack, channel)[0]!;
  const detail = replies(slack, channel, summary.ts).find((m) =>
    m.text.includes(alertId.startsWith('ce-') ? 'Cost Anomaly' : 'BoxUsage'),
  )!;
  return via.interaction(
    alertPressPayload({
      summary,
      detail,
      channel,
      actionId,
      value: value ?? alertId,
      user,
      responseUrl: `${slack.slack.url}/respond/race-${user}-${actionId}`,
      ...(value ? { type: 'overflow' as const } : {}),
    }),
  );
}

/** What Slack was told privately for `user`'s presses of `actionId` (by pressOnAlert), in order. */
export const saidTo = (slack: Harness, user: string, actionId: string) =>
  slack.slack.responses.filter((r) => r.path.endsWith(`race-${user}-${actionId}`)).map((r) => String(r.body.text));

/**
 * A press of an alert button (or the feedback menu's choice) on the detail `detail` in the thread of
 * `summary`, as Slack sends it: the payload for `h.interaction`; Slack answers privately to `responseUrl`.
 */
export function alertPressPayload(press: {
  summary: Posted;
  detail: Posted;
  channel: string;
  actionId: string;
  value: string;
  user: string;
  responseUrl: string;
  type?: 'button' | 'overflow';
}): Record<string, unknown> {
  const { summary, detail, channel, actionId, value, user, type = 'button' } = press;
  const common = { type, action_id: actionId, block_id: 'alert_actions', action_ts: '1.2' };
  const action =
    type === 'overflow'
      ? { ...common, selected_option: { value } }
      : { ...common, value, text: { type: 'plain_text', text: 'x' } };
  return {
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'message', message_ts: detail.ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'costs' },
    message: { type: 'message', ts: detail.ts, thread_ts: summary.ts, text: detail.text },
    response_url: press.responseUrl,
    actions: [action],
  };
}

/** What a `/hosting` command shows its sender: the ack's text, then every answer posted to its response_url. */
export async function commandAnswer(h: Harness, text: string): Promise<string> {
  const before = h.slack.responses.length;
  const ack = await h.command(text);
  await h.settle();
  return [
    typeof ack.body === 'object' ? String(ack.body.text ?? '') : '',
    ...h.slack.responses.slice(before).map((r) => shownText(r.body)),
  ].join('\n');
}
