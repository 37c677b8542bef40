import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { Gate, waitUntil } from '../support/gate';
import { setProcessEnv } from '../support/process-env';

/**
 * `/hosting digest` end to end: the real receiver, Cost Explorer and Heroku fakes that speak the
 * wire protocols, and the recording Slack. The week is W47 (16–22 Nov 2026); "now" is Monday 09:00.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'CDIGEST01';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const BY_RECORD_TYPE = [{ Type: 'DIMENSION' as const, Key: 'RECORD_TYPE' }];
const isCredits = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';
const isDaily = (input: CeRequestBody) => input.Granularity === 'DAILY';
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDDIGESTTEST',
  AWS_SECRET_ACCESS_KEY: 'digest-test-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};

const day = (offset: number) => new Date(Date.UTC(2026, 9, 26 + offset)).toISOString().slice(0, 10);

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
let restoreEnv = () => {};

function scriptAws() {
  ce.reset();
  // EC2: $20/day for three weeks, $25/day in W47 → W47 $175.00, W46 $140.00.
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: BY_SERVICE,
        days: Array.from({ length: 28 }, (_, i) => ({
          day: day(i),
          groups: [{ keys: [EC2], amount: day(i) >= '2026-11-16' ? '25' : '20' }],
        })),
      }),
    ],
    { match: (input) => isDaily(input) && !isCredits(input) },
  );
  ce.pages('GetCostAndUsage', [costAndUsagePage({ metric: 'UnblendedCost', groupBy: BY_RECORD_TYPE, days: [] })], {
    match: (input) => isDaily(input) && isCredits(input),
  });
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '200', Unit: 'USD' }, ForecastResultsByTime: [] }));
  // Running hours by instance type for the AWS → Heroku model: 2 × m5.large all week.
  ce.pages(
    'GetCostAndUsage',
    [
      {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-11-16', End: '2026-11-23' },
            Total: {},
            Groups: [{ Keys: [EC2, 'm5.large'], Metrics: { UsageQuantity: { Amount: '336', Unit: 'Hrs' } } }],
            Estimated: false,
          },
        ],
        GroupDefinitions: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        DimensionValueAttributes: [],
      },
    ],
    { match: (input) => input.Granularity === 'MONTHLY' },
  );
}

async function seedSnapshots() {
  // shop-api: 2 × standard-2x at $50 → $3.333333/day; every day of the four weeks.
  for (let i = -25; i < 28; i++) {
    await h.bot.services.store.putSnapshot({
      day: day(i),
      app: 'shop-api',
      takenAt: NOW,
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
        ],
      },
    });
  }
}

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  const world = new HerokuWorld({ seed: 7 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }], addOns: [] });
  heroku = await FakeHeroku.start({ world });
  const env = { ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint };
  restoreEnv = setProcessEnv(env);
  h = await startHarness(
    { ...env, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url, DIGEST_CHANNEL: CHANNEL },
    { now: () => NOW },
  );
  h.slack.tsSeconds = Math.floor(NOW.getTime() / 1000);
  await seedSnapshots();
});

afterAll(async () => {
  await h.close();
  await ce.close();
  await heroku.close();
  restoreEnv();
});

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Block = any;
type Body = {
  text: string;
  response_type?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { text?: string }[] }[];
};
const shown = (body: Body) =>
  (body.blocks ?? []).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ')).join('\n');

async function digest(text: string, user = LEAD): Promise<{ ack: Body; answer?: Body }> {
  const before = h.slack.responses.length;
  const ack = await h.command(text, { user_id: user });
  expect(ack.status).toBe(200);
  await h.settle();
  return { ack: ack.body as Body, answer: h.slack.responses.slice(before).at(-1)?.body as Body | undefined };
}

describe('/hosting digest', () => {
  test('AWS failing (nothing cached yet) still gives the Heroku figures, and says why AWS is missing', async () => {
    ce.reset();
    ce.reply('GetCostAndUsage', reply.accessDenied());
    ce.reply('GetCostForecast', reply.accessDenied('GetCostForecast'));
    const { answer } = await digest('digest');
    const text = shown(answer!);
    expect(text).toContain('*AWS*: :warning: no figures this week.');
    expect(text).toMatch(/AWS denied ce:GetCostAndUsage: the IAM policy/);
    expect(text).toContain('*Heroku* last week: *$23.33* estimated');
  });

  test('the preview is acked while Cost Explorer is still answering, and follows once it has', async () => {
    scriptAws();
    const gate = new Gate();
    ce.reply(
      'GetCostForecast',
      reply.held(gate.opened, reply.ok({ Total: { Amount: '200', Unit: 'USD' }, ForecastResultsByTime: [] })),
    );
    const before = h.slack.responses.length;
    const ack = await h.command('digest', { user_id: LEAD });
    expect(ack.status).toBe(200);
    expect(ack.body.text).toBe('Building the digest preview…');
    await waitUntil(
      () => ce.requests('GetCostForecast').some((request) => request.outcome === 'pending'),
      'the forecast to be held',
    );
    expect(h.slack.responses).toHaveLength(before);
    gate.open();
    await waitUntil(() => h.slack.responses.length > before, 'the preview');
    await h.settle();
    expect(shown(h.slack.responses.at(-1)!.body as Body)).toMatch(/^\*AWS\* last week:/m);
  });

  test('a lead previews the digest privately: a headline per platform, figures that agree, Post now and Settings', async () => {
    scriptAws();
    const { answer } = await digest('digest');
    capture('digest-preview', answer);
    expect(answer?.response_type).toBe('ephemeral');
    const blocks = answer!.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(20);
    expect(blocks[0].text.text).toBe('Weekly hosting digest: Mon 16 – Sun 22 Nov 2026');
    // One verdict, right under the header.
    expect(blocks[1].text.text).toMatch(/^\*Verdict: /);
    expect(shown(answer!).match(/Verdict:/g)).toHaveLength(1);
    const headline = (name: string) => blocks.find((b) => b.text?.text.startsWith(`*${name}* last week:`))!;
    const aws = headline('AWS');
    expect(aws.text.text).toBe('*AWS* last week: *$175.00* actual, +$35.00 (+25.0%) on the week before');
    expect(aws.fields.map((f: Block) => f.text)).toEqual([
      '*November to date* (1–22 Nov)\n$475.00',
      // Month to date + Cost Explorer's $200.00 for the rest of the month.
      '*Forecast for November*\n$675.00',
      // The AWS workload on Heroku in three tiers (the cheapest to the dearest); the difference is the consolidated tier's.
      '*On Heroku (modelled)*\n$74.67–$233.33/week across three tiers (consolidated tier $233.33/week, +$58.33/week vs actual)',
      '*Biggest changes*\nAmazon Elastic Compute Cloud - Compute +$35.00 ($140.00 → $175.00)',
    ]);
    const heroku = headline('Heroku');
    // 7 × 2 × $50/30 = $23.333333.
    expect(heroku.text.text).toBe('*Heroku* last week: *$23.33* estimated, $0.00 (+0.0%) on the week before');
    const [mtd, forecast] = heroku.fields.map((f: Block) => f.text);
    // 22 days × $100/30 = $73.33; the forecast never passes a full month of today's apps ($100.00).
    expect(mtd).toBe('*November to date* (1–22 Nov)\n$73.33');
    expect(forecast).toBe('*Forecast for November*\n$100.00');
    const onAws = heroku.fields.map((f: Block) => f.text).find((t: string) => t.startsWith('*On AWS (modelled)*'));
    const [, low, high] = /\$([\d,.]+)–\$([\d,.]+)\/week across three tiers/.exec(onAws ?? '') ?? [];
    expect(Number(low?.replace(/,/g, ''))).toBeLessThanOrEqual(Number(high?.replace(/,/g, '')));
    // Both platforms cover the same week and the same month-to-date days (inclusive dates).
    expect(shown(answer!)).not.toMatch(/exclusive|2026-W47|168\/730|UnblendedCost/);
    expect(shown(answer!)).toContain('Weeks run Monday to Sunday in UTC');
    // The modelled figures' prices: the dates of the sources they used, not the catalog's newest date alone.
    expect(shown(answer!)).toMatch(
      /Modelled costs: list prices from sources dated \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}, infrastructure only/,
    );
    expect(shown(answer!)).not.toMatch(/list prices of/);
    expect(shown(answer!)).toContain('Compliance (live)');
    // A usage type Cost Explorer leaves empty is not shown as "Service / :".
    expect(shown(answer!)).toContain('• AWS Amazon Elastic Compute Cloud - Compute: $175.00 last week');
    const buttons = blocks.at(-1).elements;
    expect(buttons.map((b: Block) => [b.text.text, b.action_id])).toEqual([
      ['Post now', 'digest_post_now'],
      ['Settings', 'digest_settings'],
    ]);
    // The notification text: the headline figures and the verdict, short.
    expect(answer!.text).toContain(
      'AWS: $175.00 last week (+$35.00, +25.0%); November to date $475.00, forecast $675.00; on Heroku (modelled) $74.67–$233.33/week across three tiers',
    );
    expect(answer!.text.length).toBeLessThan(4000);
    const audit = await h.bot.services.store.auditLog();
    expect(audit.at(-1)).toMatchObject({ actor: LEAD, action: 'digest-preview', detail: 'previewed 2026-W47' });
  });

  test('a non-lead sees no figures', async () => {
    const { ack } = await digest('digest', NOT_LEAD);
    expect(ack.text).toContain('only hosting leads');
    expect(JSON.stringify(ack)).not.toMatch(/\$\d/);
    const post = await digest('digest post', NOT_LEAD);
    expect(post.ack.text).toContain('only hosting leads');
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL)).toHaveLength(0);
  });

  test('`digest post` posts to the channel with the chart in its thread; a second time says it is already there', async () => {
    scriptAws();
    const { answer } = await digest('digest post');
    expect(answer?.text).toContain(`Posted the digest for Mon 16 – Sun 22 Nov 2026 to <#${CHANNEL}>`);
    const posts = h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.body.text)).toContain('$175.00');
    expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(h.slack.callsTo('files.completeUploadExternal')[0]?.body.thread_ts).toBe(h.slack.messages.at(-1)?.ts);
    const again = await digest('digest post');
    expect(again.answer?.text).toContain('is already in');
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL)).toHaveLength(1);
  });

  test('Post now under the preview (after the week was posted) says where it is without a second post; Settings opens the form', async () => {
    scriptAws();
    const { answer } = await digest('digest');
    const [postNow, settings] = (answer!.blocks as Block[]).at(-1).elements;
    const press = async (button: Block, path: string) => {
      await h.interaction({
        type: 'block_actions',
        channel: { id: 'C0CHANNEL', name: 'eng' },
        container: { type: 'message', is_ephemeral: true },
        response_url: `${h.slack.url}/respond/${path}`,
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            block_id: 'digest_preview',
            value: button.value,
            text: button.text,
            action_ts: '1',
          },
        ],
      });
      await h.settle();
      return h.slack.responses.filter((r) => r.path.endsWith(path)).map((r) => r.body as Body);
    };
    const told = await press(postNow, 'preview-post');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`The digest for Mon 16 – Sun 22 Nov 2026 is already in <#${CHANNEL}>`);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL)).toHaveLength(1);
    const opened = h.slack.callsTo('views.open').length;
    // No zone chosen yet (DIGEST_TIMEZONE unset, none saved): the form starts on the lead's own,
    // from their Slack profile, with the scopes the manifest asks for.
    h.slack.answer('users.info', (body) => ({ ok: true, user: { id: body.user, tz: 'America/Chicago' } }));
    await press(settings, 'preview-settings');
    expect(h.slack.callsTo('views.open')).toHaveLength(opened + 1);
    const form = h.slack.callsTo('views.open').at(-1)!.body.view as Block;
    expect(form.callback_id).toBe('digest_settings_form');
    const zone = form.blocks.find((block: Block) => block.block_id === 'digest_timezone');
    expect(zone.element.initial_option.value).toBe('America/Chicago');
  });
});

describe('/hosting digest settings', () => {
  test.each([
    ['digest set schedule="61 * * * *"', /Nothing was changed[\s\S]*"61 \* \* \* \*" is not a cron expression/],
    ['digest set schedule="0 9 * *"', /has 4 fields; a schedule has 5/],
    ['digest set timezone=Mars/Olympus', /"Mars\/Olympus" is not an IANA time zone/],
    // The word as typed is named, not its first three letters; a day is a day's name or its start.
    ['digest set day=funday time=09:00', /"funday" is not a day/],
    ['digest set day=money time=09:00', /"money" is not a day/],
    ['digest set day=mon time=25:00', /"25:00" is not a time/],
    // The command's own example writes `channel=#eng-costs`: the fix is to let Slack fill the name in, not "(not #name)".
    [
      'digest set channel=#general',
      /^Nothing was changed: "#general" is not a channel I can post to: type # and pick the channel so Slack fills it in \(e\.g\. channel=#eng-costs\), or give its ID such as C012ABCDEF\.$/,
    ],
    ['digest set colour=blue', /"colour" is not a digest setting/],
  ])('%s is refused plainly and nothing changes', async (command, message) => {
    const before = await h.bot.services.store.settings();
    const { ack, answer } = await digest(command);
    expect((answer ?? ack).text).toMatch(message);
    expect(await h.bot.services.store.settings()).toEqual(before);
  });

  test('`digest set` with several problems reports every one of them, and nothing changes', async () => {
    const before = await h.bot.services.store.settings();
    const { ack, answer } = await digest('digest set timezone=Mars/Olympus day=funday time=25:00 colour=blue');
    const text = (answer ?? ack).text;
    expect(text).toMatch(/^Nothing was changed \(4 problems\):/);
    expect(text).toContain('"colour" is not a digest setting');
    expect(text).toContain('"funday" is not a day');
    expect(text).toContain('"25:00" is not a time');
    expect(text).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(await h.bot.services.store.settings()).toEqual(before);
  });

  test('a channel the bot is not in is refused with how to invite it', async () => {
    h.slack.answer('conversations.info', (body) => ({ ok: true, channel: { id: body.channel, is_member: false } }));
    const { answer } = await digest('digest set channel=<#CNOTIN001|costs>');
    expect(answer?.text).toContain('/invite @Hosting Advisor');
    h.slack.answer('conversations.info', { ok: false, error: 'channel_not_found' });
    const missing = await digest('digest set channel=<#CGONE0001|old>');
    expect(missing.answer?.text).toContain('cannot see that channel');
    h.slack.answer('conversations.info', (body) => ({ ok: true, channel: { id: body.channel, is_member: true } }));
  });

  test.each([
    ['Thursday', 'Thursdays'],
    ['thurs', 'Thursdays'],
    ['TUES', 'Tuesdays'],
    ['wed', 'Wednesdays'],
  ])('`day=%s` is read as a day of the week', async (day, days) => {
    const { answer } = await digest(`digest set day=${day} time=07:15`);
    expect(answer?.text).toContain('Saved.');
    expect(answer?.text).toContain(`${days} at 07:15`);
  });

  test('valid settings are saved, win over the environment, and show the next run in the zone', async () => {
    const { answer } = await digest('digest set channel=<#CCOSTS001|costs> day=tue time=08:30 timezone=Europe/Berlin');
    expect(answer?.text).toContain('Saved.');
    expect(answer?.text).toContain(
      '<#CCOSTS001>, Tuesdays at 08:30 Europe/Berlin; next on Tue 24 Nov 2026, 08:30 Europe/Berlin',
    );
    const { ack } = await digest('digest settings');
    expect(ack.text).toContain('<#CCOSTS001>');
    expect(await h.bot.services.store.auditLog()).toContainEqual(
      expect.objectContaining({ action: 'digest-settings', actor: LEAD }),
    );
  });
});
