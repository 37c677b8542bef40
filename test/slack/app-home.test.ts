/**
 * App Home through the real receiver, with the Web API pointed at the recording Slack server and
 * live spend read from the local Cost Explorer and Heroku: the lead dashboard and the guide for
 * everyone else, each button's round trip, the settings modal's errors, the caches, the audit log.
 */
import type { HomeView } from '@slack/types';
import { loadDigestSettings } from '../../src/answers/digest-settings';
import { CHART_WIDTH } from '../../src/charts/daily-cost-chart';
import { MAX_TEXT } from '../../src/slack/block-kit';
import { HOME_ACTIONS, MAX_HOME_BLOCKS } from '../../src/slack/home/home-blocks';
import { DASHBOARD_CACHE_KEY } from '../../src/slack/listeners/events/home-dashboard';
import { DIGEST_SETTINGS_FORM, SETTINGS_FIELDS } from '../../src/slack/listeners/views/digest-settings-form';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import {
  dailyByService,
  type FakeCostExplorer,
  type FakeRequestInfo,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { Gate, waitUntil } from '../support/gate';
import { setProcessEnv } from '../support/process-env';
import { parseCsv } from '../support/read-csv';

const DIGEST_CHANNEL = 'CDIGEST01';
/** A second hosting lead: the chart must show on every lead's Home, not only the first one's. */
const LEAD2 = 'ULEAD0002';
/** The direct message with the app that conversations.open gives each user here. */
const dmOf = (user: string) => `D${user.slice(1)}`;
/**
 * Cost Explorer holds every answer until the first test opens this gate, so it can show the ack and
 * the first publish did not wait on Cost Explorer; from then on it answers at once.
 */
const ceGate = new Gate();

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDHOMETEST',
  AWS_SECRET_ACCESS_KEY: 'home-test-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 7 });
  w.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  return w;
}

/**
 * Any GetCostAndUsage: by SERVICE, $10 of EC2 and $5 of RDS a day; anything else (credits, usage)
 * answered with no rows. Held until `ceGate` opens, so a test can see that nothing waits on it.
 */
const costAndUsage = (info: FakeRequestInfo) =>
  reply.held(
    ceGate.opened,
    dailyByService({ 'Amazon Elastic Compute Cloud - Compute': '10', 'Amazon Relational Database Service': '5' })(info),
  );

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
let restoreEnv = () => {};

/**
 * The bot's clock: a fixed time moving on in real time, so the figures' weeks are the same whenever
 * the suite runs. A Wednesday noon: every UTC day of last week is over in Berlin and in UTC.
 */
function clockFrom(iso: string): () => Date {
  const startedAt = Date.now();
  return () => new Date(Date.parse(iso) + (Date.now() - startedAt));
}
const clock = clockFrom('2026-12-09T12:00:00Z');
/** When the suite started (whole seconds): every audit entry it makes is from then on. */
const suiteStartedAt = new Date(Math.floor(clock().getTime() / 1000) * 1000);

/** A bot on `now` with the fakes, and five weeks of daily formation snapshots before today. */
async function startHome(now: () => Date): Promise<Harness> {
  const harness = await startHarness(
    {
      ...AWS_ENV,
      AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
      HEROKU_API_TOKEN: heroku.token,
      HEROKU_API_URL: heroku.url,
      DIGEST_CHANNEL,
      DIGEST_TIMEZONE: 'Europe/Berlin',
      HOSTING_LEADS: `${LEAD},${LEAD2}`,
    },
    { now },
  );
  harness.slack.distinctFileIds();
  harness.slack.answer('views.publish', (body) => ({ ok: true, view: { id: 'VHOME0001', ...(body.view as object) } }));
  // Five weeks of daily formation snapshots, as the snapshot job would have taken: shop-api's 2 web dynos and Postgres.
  for (let back = 35; back >= 1; back--) {
    await harness.bot.services.store.putSnapshot({
      day: new Date(now().getTime() - back * 86_400_000).toISOString().slice(0, 10),
      app: 'shop-api',
      takenAt: now(),
      data: {
        v: 1,
        team: null,
        items: [
          {
            kind: 'dyno',
            key: 'dyno:web:standard-2x',
            item: 'web: standard-2x',
            quantity: 2,
            unitMonthlyCents: 5000,
            contract: false,
          },
          {
            kind: 'addon',
            key: 'addon:pg:standard-0',
            item: 'heroku-postgresql:standard-0',
            quantity: 1,
            unitMonthlyCents: 5000,
            contract: false,
          },
        ],
      },
    });
  }
  // The first request pays Bolt's lazy auth.test and module loading.
  await harness.command('help');
  await harness.settle();
  harness.slack.answer('conversations.open', (body) => ({
    ok: true,
    channel: { id: `D${String(body.users).slice(1)}` },
  }));
  return harness;
}

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  ce.reply('GetCostAndUsage', costAndUsage);
  ce.reply(
    'GetCostForecast',
    reply.held(ceGate.opened, reply.ok({ Total: { Amount: '900', Unit: 'USD' }, ForecastResultsByTime: [] })),
  );
  heroku = await FakeHeroku.start({ world: world() });
  restoreEnv = setProcessEnv({ ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint });
  h = await startHome(clock);
});

afterAll(async () => {
  await h.close();
  await ce.close();
  await heroku.close();
  restoreEnv();
});

// ---------------------------------------------------------------------------------------------

type Published = { user_id: string; view: HomeView };
const publishes = (user?: string) =>
  h.slack
    .callsTo('views.publish')
    .map((call) => call.body as unknown as Published)
    .filter((body) => !user || body.user_id === user);

/** Every text in a view, one per text object. */
function texts(view: HomeView): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'text' && typeof child === 'string') out.push(child);
        else walk(child);
      }
    }
  };
  walk(view.blocks);
  return out;
}
const shown = (view: HomeView) => texts(view).join('\n');

function withinLimits(view: HomeView) {
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
  for (const text of texts(view)) expect(text.length).toBeLessThanOrEqual(MAX_TEXT);
}

/** Opens Home; with `publishes`, waits for that many views (a gather can outlast settle()'s patience). */
async function openHome(user: string, expected?: number) {
  const before = publishes(user).length;
  const ack = await h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
  if (expected !== undefined) await waitUntil(() => publishes(user).length >= before + expected, 'the Home views');
  await h.settle();
  return {
    ack,
    views: publishes(user)
      .slice(before)
      .map((p) => p.view),
  };
}

async function press(actionId: string, user = LEAD) {
  const before = publishes(user).length;
  const ack = await h.interaction({
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'view', view_id: 'VHOME0001' },
    view: { id: 'VHOME0001', type: 'home', callback_id: '', hash: 'h1' },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'home_buttons', action_ts: '1700000000.000001', value: '' },
    ],
  });
  await h.settle();
  return {
    ack,
    views: publishes(user)
      .slice(before)
      .map((p) => p.view),
  };
}

const CHANNEL_ANSWER = (id: string) => ({ selected_conversation: id });
function settingsValues(
  overrides: Partial<Record<keyof typeof SETTINGS_FIELDS, Record<string, unknown>>> = {},
): Record<string, Record<string, unknown>> {
  const fields = {
    channel: CHANNEL_ANSWER(DIGEST_CHANNEL),
    day: { selected_option: { value: 'tue' } },
    time: { selected_time: '08:30' },
    timezone: { value: 'Europe/Berlin' },
    usergroup: { value: '' },
    spendChannels: { selected_conversations: [] },
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      SETTINGS_FIELDS[field as keyof typeof SETTINGS_FIELDS],
      { value: { type: 'x', ...value } },
    ]),
  );
}

async function submitSettings(values: Record<string, Record<string, unknown>>, user = LEAD) {
  const ack = await h.interaction({
    type: 'view_submission',
    user: { id: user, name: 'someone', team_id: 'T1' },
    view: {
      id: 'VMODAL001',
      type: 'modal',
      callback_id: DIGEST_SETTINGS_FORM,
      private_metadata: '',
      hash: 'h2',
      state: { values },
    },
  });
  await h.settle();
  return ack;
}

/** The file inside the multipart/form-data body filesUploadV2 posts to the upload URL. */
function uploadedFile(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.startsWith('--')) return text;
  const boundary = text.slice(0, text.indexOf('\r\n'));
  const part = text.split(boundary)[1];
  return part.slice(part.indexOf('\r\n\r\n') + 4, part.lastIndexOf('\r\n'));
}

const ceCount = () => ce.requests().length;

type ChartImage = { slack_file?: { id?: string }; alt_text: string; title?: { text: string } };
const chartOf = (view: HomeView) => view.blocks.find((block) => block.type === 'image') as ChartImage | undefined;
const dashboardAudits = async () =>
  (await h.bot.services.store.auditLog()).filter((entry) => entry.action === 'dashboard');

// ---------------------------------------------------------------------------------------------

describe('the lead dashboard', () => {
  test('first open: published from the cache at once (Cost Explorer still answering), fresh figures after', async () => {
    const before = publishes(LEAD).length;
    const ack = await h.event({ type: 'app_home_opened', user: LEAD, channel: dmOf(LEAD), tab: 'home' });
    // The event ack and the first publish come while Cost Explorer holds every answer.
    expect(ack.status).toBe(200);
    await waitUntil(() => publishes(LEAD).length === before + 1, 'the first publish');
    await waitUntil(() => ceCount() > 0, 'the gather to reach Cost Explorer');
    expect(ce.requests().every((request) => request.outcome === 'pending')).toBe(true);
    expect(shown(publishes(LEAD)[before].view)).toContain(
      'No figures yet · fetching fresh figures; this page updates by itself',
    );
    // Nothing more is published until Cost Explorer answers; then the fresh figures, once.
    expect(publishes(LEAD)).toHaveLength(before + 1);
    ceGate.open();
    await waitUntil(() => publishes(LEAD).length === before + 2, 'the fresh figures');
    await h.settle();
    const views = publishes(LEAD)
      .slice(before)
      .map((p) => p.view);
    expect(views).toHaveLength(2);
    expect(ce.requests().every((request) => request.outcome === 200)).toBe(true);
    const text = shown(views[1]);
    expect(text).toMatch(/^\*AWS\*\n\*Month to date \([^)]*\)\*\n\$[\d,]+\.\d\d\n\*Forecast for \w+\*\n\$/m);
    expect(text).toContain('*Largest last week*\nAmazon Elastic Compute Cloud - Compute $70.00');
    expect(text).toMatch(/^\*Heroku\*\n\*Month to date/m);
    expect(text).toMatch(
      /\*On (AWS|Heroku) \(modelled\)\*\n\$[\d,.]+–\$[\d,.]+\/week across three tiers \(consolidated \$[\d,.]+, [+-]\$/,
    );
    expect(text).toContain('*AWS and Heroku together*');
    expect(text).toContain('*Compliance (live)*');
    expect(text).toMatch(
      new RegExp(`\\*Next digest\\*: \\w{3} \\d+ \\w{3} \\d{4}, 09:00 Europe/Berlin in <#${DIGEST_CHANNEL}>`),
    );
    expect(text).toMatch(/Cost Explorer queries this month: [1-9]\d* \(\$0\.\d\d\)/);
    capture('home', views[1]);
    // The daily-cost chart: drawn at 2× and shared in the lead's own direct message with the app (a
    // file shared nowhere is private to the bot, so no lead's Home could show it), shown from that file.
    const image = chartOf(views[1]);
    const chartUploads = h.slack.calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(chartUploads).toHaveLength(1);
    expect(chartUploads[0]!.body.channel_id).toBe(dmOf(LEAD));
    expect(h.slack.callsTo('conversations.open').at(-1)?.body.users).toBe(LEAD);
    expect(image?.slack_file?.id).toMatch(/^F\d+$/);
    expect(h.slack.fileShares.get(image!.slack_file!.id!)).toEqual([dmOf(LEAD)]);
    expect(image?.alt_text).toMatch(/^Daily cost over the 4 weeks to .*; weekly totals AWS: \$/);
    expect(image?.title?.text).toMatch(/^Daily cost, AWS and Heroku, 4 weeks to /);
    const body = h.slack.uploads.at(-1)!.bytes;
    const png = body.subarray(body.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
    expect(png.length).toBeGreaterThan(1000);
    // 2× resolution: the width in the PNG header is twice the chart's.
    expect(png.readUInt32BE(16)).toBe(2 * CHART_WIDTH);
    expect(text).toMatch(/Figures as of .* Europe\/Berlin/);
    expect(ceCount()).toBeGreaterThan(0);
    console.log(`lead view: ${views[1].blocks.length} blocks`);
    for (const view of views) withinLimits(view);
  });

  test('opening again within 15 minutes: one publish from the cache and no Cost Explorer request', async () => {
    const before = ceCount();
    for (let i = 0; i < 3; i++) {
      const { views } = await openHome(LEAD);
      expect(views).toHaveLength(1);
      expect(shown(views[0])).toMatch(/Figures as of .*, cached/);
      expect(shown(views[0])).not.toContain('fetching fresh figures');
    }
    expect(ceCount()).toBe(before);
    console.log(`3 repeated opens: ${ceCount() - before} Cost Explorer requests`);
  });

  test('once the dashboard cache is old, opening gathers again; the AWS source cache still saves every request', async () => {
    const { store } = h.bot.services;
    const entry = await store.cacheGet(DASHBOARD_CACHE_KEY);
    const old = new Date(clock().getTime() - 16 * 60 * 1000);
    await store.cachePut(DASHBOARD_CACHE_KEY, entry!.value, old);
    const before = ceCount();
    const { views } = await openHome(LEAD);
    expect(views).toHaveLength(2);
    expect(shown(views[0])).toContain('fetching fresh figures');
    expect(ceCount()).toBe(before);
    // Stored again by this gather, not left as it was.
    expect((await store.cacheGet(DASHBOARD_CACHE_KEY))!.storedAt > old).toBe(true);
    // The same day's chart is reused: no second upload.
    expect(h.slack.calls.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(1);
    expect(views[1]!.blocks.some((block) => block.type === 'image')).toBe(true);
  });

  test('when Slack refuses the chart image, Home is published again without it, figures intact', async () => {
    h.slack.answer('views.publish', (body) => {
      const view = body.view as HomeView;
      if (view.blocks.some((block) => block.type === 'image')) return { ok: false, error: 'invalid_blocks' };
      return { ok: true, view: { id: 'VHOME0001', ...view } };
    });
    try {
      const before = h.slack.calls.filter((c) => c.method === 'views.publish').length;
      await openHome(LEAD);
      const sent = h.slack.calls.filter((c) => c.method === 'views.publish').slice(before);
      expect(sent.map((c) => (c.body.view as HomeView).blocks.some((b) => b.type === 'image'))).toEqual([true, false]);
      expect(shown(sent[1]!.body.view as HomeView)).toContain('*AWS and Heroku together*');
    } finally {
      h.slack.answer('views.publish', (body) => ({ ok: true, view: { id: 'VHOME0001', ...(body.view as object) } }));
    }
  });

  test('every view of the figures is in the audit log: who, what, when, and never a figure', async () => {
    const audits = await dashboardAudits();
    // First open: the fresh view (the first had no figures); three cached opens; the stale open: two;
    // the open whose chart Slack refused: one (the view published without it).
    expect(audits).toHaveLength(7);
    for (const entry of audits) {
      expect(entry.actor).toBe(LEAD);
      expect(entry.detail).toMatch(/^App Home dashboard \((cached|fresh); figures as of \d{4}-/);
      expect(entry.detail).not.toContain('$');
      expect(entry.at >= suiteStartedAt).toBe(true);
    }
  });
});

describe("the chart on every lead's Home", () => {
  test('a second lead sees it too: shared in their own direct message, once a day each', async () => {
    const uploads = () => h.slack.callsTo('files.completeUploadExternal');
    const before = uploads().length;
    // The file the first lead's Home showed (the last view with the chart; one was refused without it).
    const shownTo = (user: string) =>
      publishes(user)
        .map((p) => chartOf(p.view)?.slack_file?.id)
        .filter(Boolean)
        .at(-1);
    const first = shownTo(LEAD)!;
    expect(first).toBeDefined();
    const { views } = await openHome(LEAD2, 1);
    const image = chartOf(views.at(-1)!);
    expect(uploads()).toHaveLength(before + 1);
    expect(uploads().at(-1)!.body.channel_id).toBe(dmOf(LEAD2));
    // LEAD2's Home shows a file shared with LEAD2, not the one shared with the first lead.
    expect(image?.slack_file?.id).not.toBe(first);
    expect(h.slack.fileShares.get(image!.slack_file!.id!)).toEqual([dmOf(LEAD2)]);
    expect(h.slack.fileShares.get(first)).toEqual([dmOf(LEAD)]);
    // The same day, neither lead gets it again.
    await openHome(LEAD2);
    await openHome(LEAD);
    expect(uploads()).toHaveLength(before + 1);
    expect(chartOf(publishes(LEAD2).at(-1)!.view)?.slack_file?.id).toBe(image!.slack_file!.id);
    expect(chartOf(publishes(LEAD).at(-1)!.view)?.slack_file?.id).toBe(first);
    expect(shownTo(LEAD)).toBe(first);
  });
});

describe('everyone else', () => {
  test('gets the guide: what the bot does, examples, who the leads are, and no figure at all', async () => {
    const audits = (await dashboardAudits()).length;
    const before = ceCount();
    const { views } = await openHome(NOT_LEAD);
    expect(views).toHaveLength(1);
    const text = shown(views[0]);
    expect(text).toContain('/hosting estimate web=');
    expect(text).toContain('/hosting compliance hipaa');
    expect(text).toContain(`<@${LEAD}>`);
    expect(JSON.stringify(views[0])).not.toContain('$');
    expect(text).not.toContain('month to date');
    withinLimits(views[0]);
    console.log(`non-lead view: ${views[0].blocks.length} blocks`);
    expect(ceCount()).toBe(before);
    expect((await dashboardAudits()).length).toBe(audits);
  });

  test("a non-lead's /hosting spend gets no figure, only who to ask", async () => {
    const responses = h.slack.responses.length;
    const ack = await h.command('spend', { user_id: NOT_LEAD });
    await h.settle();
    expect(ack.body.response_type).toBe('ephemeral');
    expect(ack.body.text).toContain(`<@${LEAD}>`);
    expect(JSON.stringify(ack.body)).not.toContain('$');
    expect(h.slack.responses.length).toBe(responses);
  });

  test('a non-lead pressing a lead button (an old view) gets the guide, not figures', async () => {
    const uploads = h.slack.callsTo('files.completeUploadExternal').length;
    for (const action of [HOME_ACTIONS.refresh, HOME_ACTIONS.exportAudit, HOME_ACTIONS.digestSettings]) {
      const { views } = await press(action, NOT_LEAD);
      expect(views).toHaveLength(1);
      expect(JSON.stringify(views[0])).not.toContain('$');
    }
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    // Only the leads' daily chart was ever uploaded; the non-lead's presses upload nothing.
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(uploads);
  });
});

describe('the buttons', () => {
  test('Refresh: cached figures at once, then gathered again through the caches (no Cost Explorer request)', async () => {
    const before = ceCount();
    const { ack, views } = await press(HOME_ACTIONS.refresh);
    expect(ack.status).toBe(200);
    expect(views).toHaveLength(2);
    expect(shown(views[0])).toContain('fetching fresh figures');
    expect(shown(views[1])).not.toContain('fetching fresh figures');
    expect(shown(views[1])).not.toMatch(/Figures as of [^·\n]*, cached/);
    expect(ceCount()).toBe(before);
  });

  test('Refresh now: re-reads Heroku; pressed again within 5 minutes it is refused with a plain note', async () => {
    const herokuBefore = heroku.log.length;
    const ceBefore = ceCount();
    const first = await press(HOME_ACTIONS.refreshNow);
    expect(first.views).toHaveLength(2);
    expect(shown(first.views[1])).toContain('Refreshed: Heroku was read again just now.');
    const herokuAfterFirst = heroku.log.length;
    expect(herokuAfterFirst).toBeGreaterThan(herokuBefore);

    const second = await press(HOME_ACTIONS.refreshNow);
    expect(second.views).toHaveLength(1);
    expect(shown(second.views[0])).toMatch(
      /You re-read Heroku at .*; that works once every 5 minutes per person, so these are the figures from then\. It works again from /,
    );
    expect(heroku.log.length).toBe(herokuAfterFirst);
    expect(ceCount()).toBe(ceBefore);
    const log = await h.bot.services.store.auditLog();
    expect(log.filter((e) => e.detail.startsWith('App Home dashboard (forced refresh'))).toHaveLength(1);
  });

  test('New estimate opens the estimate form with the trigger, for anyone', async () => {
    for (const user of [LEAD, NOT_LEAD]) {
      const before = h.slack.callsTo('views.open').length;
      await press(HOME_ACTIONS.newEstimate, user);
      const opened = h.slack.callsTo('views.open').slice(before);
      expect(opened).toHaveLength(1);
      expect(opened[0].body.trigger_id).toMatch(/^trigger-\d+$/);
      expect(opened[0].body.view).toMatchObject({ type: 'modal', callback_id: 'estimate_form' });
    }
  });

  test('Digest settings opens the modal pre-filled with the settings in force', async () => {
    const before = h.slack.callsTo('views.open').length;
    await press(HOME_ACTIONS.digestSettings);
    const opened = h.slack.callsTo('views.open').slice(before);
    expect(opened).toHaveLength(1);
    const view = opened[0].body.view as { callback_id: string; blocks: Record<string, unknown>[] };
    expect(view.callback_id).toBe(DIGEST_SETTINGS_FORM);
    const element = (block: string) =>
      (view.blocks.find((b) => b.block_id === block) as { element: Record<string, unknown> }).element;
    expect(element(SETTINGS_FIELDS.channel)).toMatchObject({
      type: 'conversations_select',
      initial_conversation: DIGEST_CHANNEL,
    });
    expect(element(SETTINGS_FIELDS.day)).toMatchObject({ type: 'static_select', initial_option: { value: 'mon' } });
    expect(element(SETTINGS_FIELDS.time)).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    // A menu of every IANA zone in groups of at most 100, on the zone in force.
    const zone = element(SETTINGS_FIELDS.timezone) as {
      type: string;
      initial_option: { value: string };
      option_groups: { options: { value: string }[] }[];
    };
    expect(zone.type).toBe('static_select');
    expect(zone.initial_option.value).toBe('Europe/Berlin');
    const zones = zone.option_groups.flatMap((group) => group.options.map((option) => option.value));
    expect(zones).toEqual(expect.arrayContaining(['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin']));
    for (const group of zone.option_groups) expect(group.options.length).toBeLessThanOrEqual(100);
    // The leads group by its handle, from the workspace's groups.
    const group = element(SETTINGS_FIELDS.usergroup) as {
      type: string;
      options: { text: { text: string }; value: string }[];
    };
    expect(group.type).toBe('static_select');
    expect(group.options.map((o) => [o.text.text, o.value])).toEqual([
      ['No user group', 'none'],
      ['@hosting-leads (Hosting leads)', 'SLEADS001'],
      ['@platform (Platform team)', 'SPLATFRM1'],
    ]);
    // Slack adds "(optional)" itself: no label says it again.
    expect(JSON.stringify(view)).not.toContain('(optional)');
    capture('digest-settings', opened[0].body);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  test('Export audit log: a CSV in the lead’s direct message holding every view of cost data; the export is recorded', async () => {
    await h.command('spend heroku', { user_id: LEAD });
    await h.settle();
    const uploadsBefore = h.slack.uploads.length;
    const { views } = await press(HOME_ACTIONS.exportAudit);
    expect(h.slack.callsTo('conversations.open').at(-1)?.body).toMatchObject({ users: LEAD });
    const complete = h.slack.callsTo('files.completeUploadExternal').at(-1);
    expect(complete?.body.channel_id).toBe(`D${LEAD.slice(1)}`);
    expect(h.slack.uploads.length).toBe(uploadsBefore + 1);
    const rows = parseCsv(uploadedFile(h.slack.uploads.at(-1)!.bytes));
    expect(rows[0]).toEqual(['at', 'actor', 'action', 'detail']);
    const log = await h.bot.services.store.auditLog();
    const shownBefore = log.filter((e) => e.action !== 'audit-export');
    expect(rows.slice(1)).toEqual(
      shownBefore.slice(0, rows.length - 1).map((e) => [e.at.toISOString(), e.actor, e.action, e.detail]),
    );
    expect(rows.filter((r) => r[2] === 'dashboard').length).toBeGreaterThanOrEqual(6);
    expect(rows.some((r) => r[1] === LEAD && r[2] === 'spend' && r[3].startsWith('heroku'))).toBe(true);
    expect(log.filter((e) => e.action === 'audit-export')).toEqual([
      expect.objectContaining({
        actor: LEAD,
        detail: `audit log, ${rows.length - 1} entries, CSV to a direct message`,
      }),
    ]);
    expect(shown(views.at(-1)!)).toContain(`Sent the audit log (${rows.length - 1} entries)`);
  });

  test('Export audit log when Slack refuses the upload: the lead is told why on Home, nothing recorded', async () => {
    h.slack.answer('files.getUploadURLExternal', { ok: false, error: 'missing_scope' });
    try {
      const exportsBefore = (await h.bot.services.store.auditLog()).filter((e) => e.action === 'audit-export').length;
      const { views } = await press(HOME_ACTIONS.exportAudit);
      expect(shown(views.at(-1)!)).toContain('The app needs the im:write and files:write scopes');
      const exportsAfter = (await h.bot.services.store.auditLog()).filter((e) => e.action === 'audit-export').length;
      expect(exportsAfter).toBe(exportsBefore);
    } finally {
      h.slack.answer('files.getUploadURLExternal', () => ({
        ok: true,
        upload_url: `${h.slack.url}/upload/F0001`,
        file_id: 'F0001',
      }));
    }
  });
});

describe('the Digest settings modal', () => {
  const errorsOf = (ack: { body: { response_action?: string; errors?: Record<string, string> } }) => {
    expect(ack.body.response_action).toBe('errors');
    return ack.body.errors ?? {};
  };

  test('a bad time, a bad time zone and a bad user group: every error at once, each on its field, text unaltered', async () => {
    const errors = errorsOf(
      await submitSettings(
        settingsValues({
          time: { selected_time: '25:61' },
          timezone: { selected_option: { value: 'Mars/Olympus' } },
          usergroup: { value: 'team-leads' },
        }),
      ),
    );
    expect(errors[SETTINGS_FIELDS.time]).toContain('"25:61" is not a time of day');
    expect(errors[SETTINGS_FIELDS.timezone]).toBe(
      '"Mars/Olympus" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.',
    );
    expect(errors[SETTINGS_FIELDS.usergroup]).toContain('is not a user group ID');
    delete errors[SETTINGS_FIELDS.usergroup];
    expect(Object.keys(errors).sort()).toEqual([SETTINGS_FIELDS.time, SETTINGS_FIELDS.timezone].sort());
  });

  test('a channel the bot is not in: tells how to invite it', async () => {
    h.slack.answer('conversations.info', (body) => ({
      ok: true,
      channel: { id: body.channel, name: 'finance', is_member: false },
    }));
    try {
      const errors = errorsOf(await submitSettings(settingsValues({ channel: CHANNEL_ANSWER('CFINANCE1') })));
      expect(errors[SETTINGS_FIELDS.channel]).toBe(
        'Hosting Advisor is not a member of #finance: type /invite @Hosting Advisor in that channel, then save again.',
      );
      expect(h.slack.callsTo('conversations.info').at(-1)?.body).toMatchObject({ channel: 'CFINANCE1' });
    } finally {
      h.slack.answer('conversations.info', (body) => ({ ok: true, channel: { id: body.channel, is_member: true } }));
    }
  });

  test('a private channel the bot cannot see (channel_not_found): tells how to invite it', async () => {
    h.slack.answer('conversations.info', { ok: false, error: 'channel_not_found' });
    try {
      const errors = errorsOf(await submitSettings(settingsValues({ channel: CHANNEL_ANSWER('GSECRET01') })));
      expect(errors[SETTINGS_FIELDS.channel]).toContain('/invite @Hosting Advisor');
    } finally {
      h.slack.answer('conversations.info', (body) => ({ ok: true, channel: { id: body.channel, is_member: true } }));
    }
  });

  test('a user group ID that is not one, and one Slack does not know', async () => {
    let errors = errorsOf(await submitSettings(settingsValues({ usergroup: { value: 'team-leads' } })));
    expect(errors[SETTINGS_FIELDS.usergroup]).toContain('"TEAM-LEADS" is not a user group ID: it starts with S');
    h.slack.answer('usergroups.users.list', { ok: false, error: 'no_such_subteam' });
    try {
      errors = errorsOf(await submitSettings(settingsValues({ usergroup: { value: 'SNOPE0001' } })));
      expect(errors[SETTINGS_FIELDS.usergroup]).toBe(
        "Slack has no user group SNOPE0001: copy the ID from the group's menu (Copy group ID).",
      );
    } finally {
      h.slack.answer('usergroups.users.list', { ok: true, users: [] });
    }
  });

  test('nothing is saved while any field is wrong', async () => {
    const settings = await loadDigestSettings(h.bot.services.store, h.bot.services.config);
    expect(settings).toEqual({ channel: DIGEST_CHANNEL, schedule: '0 9 * * 1', timezone: 'Europe/Berlin' });
  });

  test('only leads may save', async () => {
    const errors = errorsOf(await submitSettings(settingsValues(), NOT_LEAD));
    expect(errors[SETTINGS_FIELDS.channel]).toBe('Only hosting leads can change these settings.');
  });

  test('a valid form is saved, the modal closes, Home is published again with the new next digest', async () => {
    const before = publishes(LEAD).length;
    const ack = await submitSettings(settingsValues({ spendChannels: { selected_conversations: ['CSPEND001'] } }));
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    const settings = await loadDigestSettings(h.bot.services.store, h.bot.services.config);
    expect(settings).toEqual({ channel: DIGEST_CHANNEL, schedule: '30 8 * * 2', timezone: 'Europe/Berlin' });
    expect(await h.bot.services.store.getSetting('spend.channels')).toBe('CSPEND001');
    const view = publishes(LEAD).slice(before).at(-1)!.view;
    expect(shown(view)).toContain(
      `Saved. The digest goes out Tuesdays at 08:30 Europe/Berlin in <#${DIGEST_CHANNEL}>.`,
    );
    expect(shown(view)).toMatch(/\*Next digest\*: Tue \d+ \w{3} \d{4}, 08:30 Europe\/Berlin/);
    const log = await h.bot.services.store.auditLog();
    expect(log.filter((e) => e.action === 'settings')).toEqual([
      expect.objectContaining({
        actor: LEAD,
        detail: `digest ${DIGEST_CHANNEL} 30 8 * * 2 Europe/Berlin; leads group none; spend channels CSPEND001`,
      }),
    ]);
  });
});

describe('the leads user group in the Digest settings modal', () => {
  const USERGROUP = SETTINGS_FIELDS.usergroup;
  type GroupMenu = {
    options: { text: { text: string }; value: string }[];
    initial_option?: { value: string };
  };
  const openGroupMenu = async () => {
    const before = h.slack.callsTo('views.open').length;
    await press(HOME_ACTIONS.digestSettings);
    const view = h.slack.callsTo('views.open').slice(before)[0]!.body.view as { blocks: Record<string, unknown>[] };
    return (view.blocks.find((b) => b.block_id === USERGROUP) as { element: GroupMenu }).element;
  };
  afterEach(async () => {
    await h.bot.services.store.setSetting('leads.usergroup', '');
    h.slack.answer('usergroups.list', {
      ok: true,
      usergroups: [
        { id: 'SLEADS001', handle: 'hosting-leads', name: 'Hosting leads' },
        { id: 'SPLATFRM1', handle: 'platform', name: 'Platform team' },
      ],
    });
  });

  // Slack cannot empty a single-choice menu once it has a value: without a "none" choice a group,
  // once made leads, could never be taken off from here.
  test('a group picked from the menu can be taken off again: "No user group" saves none', async () => {
    await h.bot.services.store.setSetting('leads.usergroup', 'SPLATFRM1');
    const menu = await openGroupMenu();
    expect(menu.initial_option?.value).toBe('SPLATFRM1');
    const none = menu.options.find((option) => option.text.text === 'No user group');
    expect(none).toBeDefined();
    const ack = await submitSettings(settingsValues({ usergroup: { selected_option: { value: none!.value } } }));
    expect(ack.body).toBe('');
    expect(await h.bot.services.store.getSetting('leads.usergroup')).toBe('');
    expect(h.slack.callsTo('usergroups.users.list').at(-1)?.body.usergroup).not.toBe(none!.value);
  });

  test('the group in force stays chosen when the workspace has more groups than a menu holds', async () => {
    const groups = Array.from({ length: 150 }, (_, i) => ({
      id: `SGROUP${String(i).padStart(3, '0')}`,
      handle: `group-${i}`,
      name: `Group ${i}`,
    }));
    h.slack.answer('usergroups.list', { ok: true, usergroups: groups });
    await h.bot.services.store.setSetting('leads.usergroup', 'SGROUP140');
    const menu = await openGroupMenu();
    expect(menu.options.length).toBeLessThanOrEqual(100);
    // Saving the form unchanged keeps the leads group it had, instead of dropping it unseen.
    expect(menu.initial_option?.value).toBe('SGROUP140');
    expect(menu.options.map((option) => option.value)).toContain('SGROUP140');
  });
});

describe('opens faster than Slack takes a view', () => {
  test('opened 20 times while a view is being published: two views, not 20, the last one current', async () => {
    const before = publishes(LEAD2).length;
    const published = () => h.slack.answered.filter((method) => method === 'views.publish').length;
    const publishedBefore = published();
    const gate = new Gate();
    h.slack.hold('views.publish', gate.opened);
    try {
      const open = () => h.event({ type: 'app_home_opened', user: LEAD2, channel: dmOf(LEAD2), tab: 'home' });
      expect((await open()).status).toBe(200);
      await waitUntil(() => publishes(LEAD2).length === before + 1, 'the first publish');
      const acks = await Promise.all(Array.from({ length: 19 }, open));
      // Every event is acknowledged while the first view is still with Slack, and none starts another.
      expect(acks.every((ack) => ack.status === 200)).toBe(true);
      expect(published()).toBe(publishedBefore);
      expect(publishes(LEAD2)).toHaveLength(before + 1);
    } finally {
      gate.open();
    }
    await h.settle();
    // One was under way when the others came; one more follows it, with what is true then.
    const views = publishes(LEAD2).slice(before);
    expect(views).toHaveLength(2);
    expect(shown(views[1].view)).toMatch(/Figures as of .*, cached/);
    withinLimits(views[1].view);
    // The next open after them is published as usual.
    expect((await openHome(LEAD2)).views).toHaveLength(1);
  });
});

describe('just after midnight in Berlin, with Sunday still going on in UTC', () => {
  // Monday 7 Dec, 00:12 in Berlin: the week Mon 30 Nov – Sun 6 Dec has ended there, but Sunday 6 Dec,
  // the UTC day Cost Explorer counts, goes on until 01:00 Berlin.
  let edge: Harness;
  beforeAll(async () => {
    edge = await startHome(clockFrom('2026-12-06T23:12:00Z'));
    // Cost Explorer answers at once here (also when this test runs alone).
    ceGate.open();
  });
  afterAll(async () => {
    await edge.close();
  });

  test('last week counts Monday to Saturday on both platforms, says why and until when, and compares like for like', async () => {
    const published = () => edge.slack.callsTo('views.publish').map((call) => call.body as unknown as Published);
    await edge.event({ type: 'app_home_opened', user: LEAD, channel: dmOf(LEAD), tab: 'home' });
    await waitUntil(() => published().length === 2, 'the fresh figures');
    await edge.settle();
    const text = shown(published()[1]!.view);
    expect(text).toContain('Week Mon 30 Nov – Sun 6 Dec 2026');
    expect(text).toContain(
      ':hourglass_flowing_sand: Sun 6 Dec is not over in UTC, the day Cost Explorer and the Heroku snapshots count, until 01:00 Europe/Berlin: every week here counts Monday to Saturday',
    );
    // $10 of EC2 and $5 of RDS a day; Heroku $150 a month, $5 a day: six days of each, against six.
    expect(text).toContain('*AWS and Heroku together*');
    expect(text).toMatch(
      /\*Last week, Mon–Sat\*\n\$120\.00\n\*Change on the week before, Mon–Sat\*\n\$0\.00 \(0\.0%\)/,
    );
    expect(text).toMatch(
      /^\*AWS\*\n(.*\n){4}\*Last week, Mon–Sat\*\n\$90\.00\n\*Change on the week before, Mon–Sat\*\n\$0\.00 \(0\.0%\)/m,
    );
    expect(text).toContain('*Largest last week, Mon–Sat*\nAmazon Elastic Compute Cloud - Compute $60.00');
    expect(text).toMatch(
      /^\*Heroku\*\n(.*\n){4}\*Last week, Mon–Sat\*\n\$30\.00\n\*Change on the week before, Mon–Sat\*\n\$0\.00 \(0\.0%\)/m,
    );
    expect(text).toMatch(/\(consolidated \$[\d,.]+, [+-]\$[\d,.]+ vs Mon–Sat’s daily rate\)/);
    expect(text).not.toContain('*Biggest changes*');
    withinLimits(published()[1]!.view);
  });
});
