import { snapshotData } from '../../src/core/heroku-run-rate';
import { formatCents } from '../../src/core/money';
import { readableRange, spendPeriod } from '../../src/core/spend/request';
import { centsForDays, chargedDays } from '../../src/core/spend/rows';
import { addDays } from '../../src/core/utc-days';
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
import { setProcessEnv } from '../support/process-env';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const S3 = 'Amazon Simple Storage Service';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const BY_RECORD_TYPE = [{ Type: 'DIMENSION' as const, Key: 'RECORD_TYPE' }];
const isCredits = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';
const starts = (day: string) => (input: CeRequestBody) => input.TimePeriod?.Start === day;

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDSPENDTEST',
  AWS_SECRET_ACCESS_KEY: 'spend-test-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 5 });
  w.addTeam('acme', { type: 'enterprise' });
  // 2×5000 + 2500 + 5000 + 1500 + 1234 = 20234 cents; the contract add-on is excluded.
  w.addApp('shop-api', {
    formation: [
      { type: 'web', quantity: 2, size: 'standard-2X' },
      { type: 'worker', quantity: 1, size: 'standard-1X' },
    ],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
      { service: 'papertrail', plan: 'volmar', cents: 1234 },
      { service: 'enterprise-search', plan: 'dedicated', contract: true },
    ],
  });
  // 700 cents; the add-on without a billed price is excluded.
  w.addApp('acme-tools', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 1, size: 'basic' }],
    addOns: [{ service: 'partner-metrics', plan: 'custom', billed: 'none' }],
  });
  return w;
}

function textOf(body: {
  text?: string;
  blocks?: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string }[] }[];
}) {
  return (body.blocks ?? [])
    .map((block) =>
      [
        block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '),
        ...(block.fields ?? []).map((field) => field.text),
      ].join('\n'),
    )
    .join('\n');
}

function findButton(body: unknown, actionId: string): { action_id: string; value: string } {
  const blocks = (body as { blocks: { elements?: { action_id?: string; value?: string }[] }[] }).blocks;
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
  if (!button?.value) throw new Error(`no ${actionId} button`);
  return button as { action_id: string; value: string };
}

/** Presses a spend answer's Details button as a lead; the `views.*` calls it made. */
async function pressDetails(h: Harness, body: unknown) {
  const button = findButton(body, 'spend_details');
  const calls = h.slack.calls.length;
  await h.interaction({
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    response_url: `${h.slack.url}/respond/spend-details`,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'spend_actions',
        value: button.value,
        action_ts: '1700000001.000200',
      },
    ],
  });
  await h.settle();
  return h.slack.calls.slice(calls).filter((c) => c.method.startsWith('views.'));
}

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let harness: Harness;
let restoreEnv = () => {};

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  heroku = await FakeHeroku.start({ world: world() });
  // The AWS SDK reads its endpoint and credentials from the process environment.
  const env = { ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint };
  restoreEnv = setProcessEnv(env);
  harness = await startHarness({ ...env, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});

afterAll(async () => {
  await harness.close();
  await ce.close();
  await heroku.close();
  restoreEnv();
});

/** Scripts a period: three usage pages, one credits page, and the previous period on one page. */
function scriptAws(periodName: '7d' | '30d') {
  const period = spendPeriod(periodName, new Date());
  const day = (n: number) => {
    const date = new Date(`${period.start}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + n);
    return date.toISOString().slice(0, 10);
  };
  const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const metric = 'UnblendedCost';
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [
          {
            day: day(0),
            groups: [
              { keys: [EC2], amount: '10.004' },
              { keys: [S3], amount: '0.0000000004' },
            ],
          },
          { day: day(1), groups: [{ keys: [EC2], amount: '20.004' }] },
        ],
      }),
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [{ day: day(1), groups: [{ keys: [RDS], amount: '5.004' }] }],
      }),
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [{ day: last, estimated: true, groups: [{ keys: [EC2], amount: '0.3333333333' }] }],
      }),
    ],
    { match: (input) => !isCredits(input) && starts(period.start)(input) },
  );
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric,
        groupBy: BY_RECORD_TYPE,
        days: [{ day: day(0), groups: [{ keys: ['Credit'], amount: '-12.5' }] }],
      }),
    ],
    { match: (input) => isCredits(input) && starts(period.start)(input) },
  );
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [{ day: period.previous.start, groups: [{ keys: [EC2], amount: '30' }] }],
      }),
    ],
    { match: (input) => !isCredits(input) && starts(period.previous.start)(input) },
  );
  ce.pages('GetCostAndUsage', [costAndUsagePage({ metric, groupBy: BY_RECORD_TYPE, days: [] })], {
    match: (input) => isCredits(input) && starts(period.previous.start)(input),
  });
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '123.456', Unit: 'USD' }, ForecastResultsByTime: [] }));
  return period;
}

async function spend(text: string, user = LEAD) {
  const ack = await harness.command(text, { user_id: user });
  await harness.settle();
  const response = harness.slack.responses.at(-1);
  return { ack, response };
}

/** Every `• label: $x` line of one platform's section and its `Total:` line, in cents. */
function footing(shown: string, platform: string): { lines: number[]; total: number } {
  const block = shown.split(`*${platform} by `)[1] ?? '';
  const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);
  const lines = [...block.split('*Total:')[0]!.matchAll(/^• .*: (-?\$[\d,]+\.\d\d)$/gm)].map((m) => cents(m[1]!));
  const total = cents(/\*Total: (-?\$[\d,]+\.\d\d)\*/.exec(block)?.[1] ?? 'NaN');
  return { lines, total };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('/hosting spend through the real receiver', () => {
  test('a lead sees AWS 7d: the total first, before and after credits, lines that add up with Other, plain words', async () => {
    const period = scriptAws('7d');
    const before = harness.slack.responses.length;
    const { ack, response } = await spend('spend aws 7d');
    capture('spend-aws', response?.body);
    expect(ack.status).toBe(200);
    expect(ack.body.text).toContain('Fetching spend');
    expect(harness.slack.responses.length).toBe(before + 1);
    const body = response?.body as {
      text: string;
      blocks: { type: string; text?: { text: string } }[];
      response_type: string;
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    const shown = textOf(body as never);
    // 10.004 + 0.0000000004 + 20.004 + 5.004 + 0.3333333333 = 35.3453333337: rounded once, not per line.
    expect(body.blocks[0]?.text?.text).toBe(`AWS spend, ${period.label}: $35.35`);
    expect(period.label).toMatch(/^\d{1,2}( \w{3})? – \d{1,2} \w{3} \d{4} \(7 days\)$/);
    // Net after credits beside gross: 35.35 − 12.50.
    expect(shown).toContain('$35.35 before credits · $22.85 after');
    expect(shown).toContain(`+$5.35 (+17.8%) on ${readableRange(period.previous)}`);
    // The largest services, then Other (S3's sub-cent and the cent rounding moved), adding up to the total.
    expect(shown).toContain('• Amazon Elastic Compute Cloud - Compute: $30.34');
    expect(shown).toContain('• Amazon Relational Database Service: $5.00');
    expect(shown).toContain('• Other (1 more service): $0.01');
    const aws = footing(shown, 'AWS');
    expect(aws.total).toBe(3535);
    expect(sum(aws.lines)).toBe(aws.total);
    expect(shown).toContain('Cost Explorer, cost before credits');
    expect(shown).toMatch(/Forecast for the rest of \w+ \([^)]+\): \$123\.46/);
    expect(shown).toMatch(/as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // The exact metric and the request count are for the details, not the answer.
    expect(JSON.stringify(body)).not.toContain('UnblendedCost');
    expect(shown).not.toMatch(/exclusive/i);
    expect(body.text).toContain('$35.35 before credits · $22.85 after');
    expect(body.text.length).toBeLessThan(4000);
    expect(shown).not.toContain('Heroku');
  });

  test('Details opens every line, the exact Cost Explorer metric and the request count, from the cache', async () => {
    const sent = ce.requests().length;
    const { response } = await spend('spend aws 7d');
    const views = await pressDetails(harness, response?.body);
    expect(views.map((c) => c.method)).toEqual(['views.open', 'views.update']);
    const view = views[1]!.body.view as { blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
    capture('spend-details', views[1]!.body);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const detail = textOf(view as never);
    expect(detail).toContain('Cost Explorer metric: UnblendedCost (cost before credits)');
    expect(detail).toContain('Credits and refunds: -$12.50');
    expect(detail).toMatch(/Cost Explorer requests this month \(\d{4}-\d{2}\): 7, \$0\.07/);
    expect(detail).toContain('• Amazon Simple Storage Service: $0.00');
    expect(detail).toContain('Amazon Relational Database Service: +$5.00 ($0.00 → $5.00)');
    const every = footing(detail, 'AWS');
    expect(sum(every.lines)).toBe(every.total);
    expect(ce.requests().length).toBe(sent);
  });

  test('asking again makes no new Cost Explorer request, and says the figures are cached', async () => {
    const sent = ce.requests().length;
    const { response } = await spend('spend 7d by service aws');
    expect(ce.requests().length).toBe(sent);
    const shown = textOf(response?.body as never);
    expect(shown).toContain('$35.35 before credits');
    expect(shown).toContain('(cached)');
  });

  test('the audit log records the lead viewing spend, without figures', async () => {
    const log = await harness.bot.services.store.auditLog();
    const views = log.filter((entry) => entry.action === 'spend');
    expect(views.length).toBeGreaterThanOrEqual(1);
    expect(views[0]).toMatchObject({ actor: LEAD, action: 'spend', detail: 'aws 7d by service' });
    expect(JSON.stringify(views)).not.toContain('$');
  });

  test('a non-lead is refused at once, told who can see spend, and sees no figures', async () => {
    const sent = ce.requests().length;
    const responses = harness.slack.responses.length;
    const ack = await harness.command('spend aws 7d', { user_id: NOT_LEAD });
    await harness.settle();
    expect(ack.body.response_type).toBe('ephemeral');
    expect(ack.body.text).toContain(`<@${LEAD}>`);
    expect(JSON.stringify(ack.body)).not.toContain('$');
    expect(harness.slack.responses.length).toBe(responses);
    expect(ce.requests().length).toBe(sent);
  });

  test('Heroku before any daily snapshot: the run-rate for the same days, labelled, lines adding up, exclusions counted', async () => {
    const period = spendPeriod('7d', new Date());
    const days = chargedDays(period);
    const { response } = await spend('spend heroku');
    capture('spend-heroku-run-rate', response?.body);
    const shown = textOf(response?.body as never);
    // shop-api 20234 and acme-tools 700 cents a month, each for `days` thirtieths, rounded once per app.
    const shop = centsForDays(20234, days);
    const tools = centsForDays(700, days);
    expect(shown).toContain(`• shop-api: ${formatCents(shop)}`);
    expect(shown).toContain(`• acme-tools: ${formatCents(tools)}`);
    expect(shown).toContain(`*Total: ${formatCents(shop + tools)}*`);
    expect(
      ((response?.body ?? { blocks: [] }) as { blocks: { text?: { text: string } }[] }).blocks[0]?.text?.text,
    ).toBe(`Heroku spend, ${period.label}: ${formatCents(shop + tools)}`);
    expect(shown).toContain('*Heroku* (run-rate)');
    expect(shown).toContain(`Run-rate: today's apps at Heroku's billed prices for ${days} days`);
    expect(shown).toContain('2 contract-priced or unpriced items not counted (never as $0)');
    expect(shown).not.toContain('/month');
    expect(shown).not.toContain('AWS');
  });

  test('AWS failing (AccessDenied) still shows Heroku, with the AWS message, and no combined total', async () => {
    ce.reply('GetCostAndUsage', reply.accessDenied());
    const { response } = await spend('spend 30d');
    const shown = textOf(response?.body as never);
    expect(shown).toMatch(/Could not read AWS spend: .*ce:GetCostAndUsage/);
    expect(shown).toContain('*Heroku by app*');
    expect(shown).not.toContain('Together');
    expect(shown).not.toContain('spend-test-secret');
  });

  test('words it does not know get an example, not a guess', async () => {
    const ack = await harness.command('spend aws yesterday');
    expect(ack.body.text).toContain('`yesterday`');
    expect(ack.body.text).toContain('/hosting spend aws 30d by service');
  });

  test('`share` from a lead posts in a channel the leads allowed for spend', async () => {
    await harness.bot.services.store.setSetting('spend.channels', 'C0CHANNEL');
    const { response } = await spend('spend heroku share');
    expect(response?.body).toMatchObject({ response_type: 'in_channel' });
  });
});

describe('/hosting spend once daily snapshots cover the period', () => {
  test('Heroku for the same days as AWS from the snapshots, with the change, and one total for both that adds up', async () => {
    const period = scriptAws('7d'); // answered from the cache when the tests above ran
    const store = harness.bot.services.store;
    const app = (web: number) =>
      snapshotData({
        name: 'shop-api',
        team: null,
        formation: [{ type: 'web', quantity: web, size: 'standard-2x', monthlyCents: 5000 }],
        addOns: [{ id: 'a1', service: 'heroku-postgresql', plan: 'standard-0', monthlyCents: 5000, contract: false }],
      });
    // The 7 days before: two web dynos; the period: one. Each day of a $50 item is $50/30.
    for (let d = 0; d < 14; d++) {
      const day = addDays(period.previous.start, d);
      await store.putSnapshot({ day, app: 'shop-api', data: app(d < 7 ? 2 : 1), takenAt: new Date() });
    }
    const { response } = await spend('spend 7d');
    capture('spend-both', response?.body);
    const body = response?.body as { text: string; blocks: { text?: { text: string } }[] };
    const shown = textOf(body as never);
    // Period: 7 days × (5000 + 5000) thirtieths = $23.33; the week before 7 × 15000 / 30 = $35.00.
    expect(shown).toContain('• shop-api: $23.33');
    expect(shown).toContain(`-$11.67 (-33.3%) on ${readableRange(period.previous)}`);
    expect(shown).toContain("Estimated from the bot's daily snapshots of what ran");
    expect(shown).not.toContain('run-rate');
    const heroku = footing(shown, 'Heroku');
    const aws = footing(shown, 'AWS');
    expect(sum(heroku.lines)).toBe(heroku.total);
    expect(sum(aws.lines)).toBe(aws.total);
    // One period for both, and the combined figure is the sum of the two shown.
    expect(shown).toContain('UTC days, both ends included, the same on each platform.');
    expect(shown.match(new RegExp(`on ${readableRange(period.previous)}`, 'g'))?.length).toBe(2);
    expect(aws.total + heroku.total).toBe(3535 + 2333);
    expect(body.blocks[0]?.text?.text).toBe(`AWS and Heroku spend, ${period.label}: $58.68`);
    expect(shown).toContain('*Together* (estimated)\n$58.68 before credits · $46.18 after');
    expect(body.text).toContain('Together: $58.68 before credits · $46.18 after');

    // A snapshot written since (the day re-taken with a third web dyno) shows in the next answer:
    // what was worked out from the snapshots before is not reused once they change.
    const lastDay = addDays(period.previous.start, 13);
    await store.putSnapshot({ day: lastDay, app: 'shop-api', data: app(3), takenAt: new Date() });
    const again = textOf((await spend('spend 7d')).response?.body as never);
    // 6 days × 10,000 + 1 day × 20,000 thirtieths of a cent = $26.67.
    expect(again).toContain('• shop-api: $26.67');
    expect(footing(again, 'Heroku').total).toBe(2667);
  });
});

describe('/hosting spend by a grouping Heroku does not have', () => {
  /** The lines of one platform's section: its heading, then what sits between it and the first figure. */
  const underHeading = (shown: string, platform: string) =>
    (shown.split(`*${platform} by `)[1] ?? '').split('\n').slice(0, 2).join('\n');

  test('by service on both platforms: AWS by service as asked; Heroku by app, saying why under its heading', async () => {
    scriptAws('7d'); // answered from the cache when the tests above ran
    const { response } = await spend('spend 7d by service');
    capture('spend-both-by-service', response?.body);
    const shown = textOf(response?.body as never);
    expect(underHeading(shown, 'AWS')).toMatch(/^service\*\n• Amazon Elastic Compute Cloud - Compute: /);
    expect(underHeading(shown, 'Heroku')).toBe(
      'app*\n_By app, not by service as asked: Heroku bills per app (its dynos and add-ons) and has no service dimension to group by._',
    );
    // Said once, for Heroku only, and the figures still add up.
    expect(shown.match(/not by service as asked/g)?.length).toBe(1);
    const heroku = footing(shown, 'Heroku');
    expect(sum(heroku.lines)).toBe(heroku.total);
    // Details shows the same words above every line.
    const views = await pressDetails(harness, response?.body);
    const detail = textOf(views[1]!.body.view as never);
    expect(underHeading(detail, 'Heroku')).toContain('By app, not by service as asked');
  });

  test.each([
    [
      'spend heroku 7d by account',
      'By app, not by account as asked: Heroku bills per app (its dynos and add-ons) and has no linked accounts to group by.',
    ],
    [
      'spend heroku 7d by tag:team',
      'By app, not by tag:team as asked: Heroku bills per app (its dynos and add-ons) and has no cost-allocation tags to group by.',
    ],
  ])('%s says Heroku is broken down by app, and why', async (words, note) => {
    const shown = textOf((await spend(words)).response?.body as never);
    expect(underHeading(shown, 'Heroku')).toBe(`app*\n_${note}_`);
  });

  test.each(['spend heroku 7d', 'spend heroku 7d by app', 'spend 7d'])(
    '%s (no other grouping asked) has no such note',
    async (words) => {
      const shown = textOf((await spend(words)).response?.body as never);
      expect(shown).toContain('*Heroku by app*');
      expect(shown).not.toContain('as asked');
    },
  );
});

describe('/hosting spend with nothing configured', () => {
  let bare: Harness;
  beforeAll(async () => {
    bare = await startHarness({ AWS_ACCESS_KEY_ID: '', AWS_ENDPOINT_URL_COST_EXPLORER: '', AWS_PROFILE: '' });
  });
  afterAll(() => bare.close());

  test('each platform says plainly that it is off and how to turn it on', async () => {
    await bare.command('spend');
    await bare.settle();
    const shown = textOf(bare.slack.responses.at(-1)?.body as never);
    expect(shown).toContain('AWS spend is off: set AWS credentials');
    expect(shown).toContain('Heroku spend is off: set HEROKU_API_TOKEN');
    expect(shown).not.toContain('$');
    expect((await bare.bot.services.store.auditLog()).filter((e) => e.action === 'spend')).toEqual([]);
  });
});

/** A bot reading Heroku only (AWS not connected), with its own store for the snapshots a test writes. */
const herokuOnly = () =>
  startHarness({
    AWS_ACCESS_KEY_ID: '',
    AWS_ENDPOINT_URL_COST_EXPLORER: '',
    AWS_PROFILE: '',
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });

describe('/hosting spend when the daily snapshots miss days of the period', () => {
  let gappy: Harness;
  beforeAll(async () => {
    gappy = await herokuOnly();
  });
  afterAll(() => gappy.close());

  test('a period with days missing is not compared with a whole one: no change, no movers, and it says why', async () => {
    const period = spendPeriod('7d', new Date());
    const store = gappy.bot.services.store;
    // The same formation every day ($150.00 a month: $5.00 a day); the snapshot job failed on two days this period.
    const data = snapshotData({
      name: 'shop-api',
      team: null,
      formation: [{ type: 'web', quantity: 2, size: 'standard-2x', monthlyCents: 5000 }],
      addOns: [{ id: 'a1', service: 'heroku-postgresql', plan: 'standard-0', monthlyCents: 5000, contract: false }],
    });
    const missed = [addDays(period.start, 2), addDays(period.start, 3)];
    for (let d = 0; d < 14; d++) {
      const day = addDays(period.previous.start, d);
      if (!missed.includes(day)) await store.putSnapshot({ day, app: 'shop-api', data, takenAt: new Date() });
    }
    await gappy.command('spend heroku 7d', { user_id: LEAD });
    await gappy.settle();
    const response = gappy.slack.responses.at(-1);
    const body = response?.body as { text: string };
    const shown = textOf(body as never);
    // 5 covered days × $5.00; the week before, 7 × $5.00. Nothing ran less: two days have no snapshot.
    expect(shown).toContain('• shop-api: $25.00');
    expect(shown).toContain('5 of 7 days covered');
    expect(shown).not.toContain('-$10.00');
    expect(shown).not.toContain('-28.6%');
    expect(body.text).not.toContain('-$10.00');

    // Details says why there is no change, and lists no "biggest changes" made by the missing days.
    const views = await pressDetails(gappy, response?.body);
    const detail = textOf(views.find((c) => c.method === 'views.update')?.body.view as never);
    expect(detail).toContain(`No change shown: snapshots cover 5 of 7 days of ${readableRange(period)}.`);
    expect(detail).not.toContain('Biggest changes');
    expect(detail).not.toContain('-$10.00');
  });
});

describe('/hosting spend when the daily snapshots miss days of the period before', () => {
  let before: Harness;
  beforeAll(async () => {
    before = await herokuOnly();
  });
  afterAll(() => before.close());

  test('the answer itself says why no change is shown, not only its Details', async () => {
    const period = spendPeriod('7d', new Date());
    const data = snapshotData({
      name: 'shop-api',
      team: null,
      formation: [{ type: 'web', quantity: 2, size: 'standard-2x', monthlyCents: 5000 }],
      addOns: [],
    });
    // Every day of this period; the snapshot job failed on two days of the period before.
    const missed = [addDays(period.previous.start, 1), addDays(period.previous.start, 2)];
    for (let d = 0; d < 14; d++) {
      const day = addDays(period.previous.start, d);
      if (!missed.includes(day))
        await before.bot.services.store.putSnapshot({ day, app: 'shop-api', data, takenAt: new Date() });
    }
    await before.command('spend heroku 7d', { user_id: LEAD });
    await before.settle();
    const answer = before.slack.responses.at(-1)?.body;
    capture('spend-heroku-before-missing', answer);
    const shown = textOf(answer as never);
    expect(shown).toContain('• shop-api: $23.33');
    expect(shown).toContain(`not compared with ${readableRange(period.previous)}: 5 of its 7 days have a snapshot`);
  });
});

describe('/hosting spend heroku when the apps run in Private and Shield Spaces', () => {
  // Before, neither the run-rate nor the snapshots' figure said that the Spaces' fees (contract prices,
  // in no snapshot) were left out: a lead read the figure as Heroku's bill.
  let spaced: FakeHeroku;
  let bot: Harness;
  // The bot's clock, from noon UTC today: moved on past the inventory's hour in the cache, never past the day.
  let clock = Date.parse(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);
  beforeAll(async () => {
    const w = new HerokuWorld({ seed: 8 });
    w.addTeam('care', { type: 'enterprise' });
    w.addSpace('care-shield', { team: 'care', shield: true });
    w.addSpace('care-private', { team: 'care', shield: false });
    w.addApp('care-api', {
      team: 'care',
      space: 'care-shield',
      formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
      addOns: [{ service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA'] }],
    });
    // Two apps in one Space: one fee.
    for (const name of ['care-web', 'care-admin'])
      w.addApp(name, {
        team: 'care',
        space: 'care-private',
        formation: [{ type: 'web', quantity: 1, size: 'private-M' }],
      });
    w.addApp('blog', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
    spaced = await FakeHeroku.start({ world: w });
    bot = await startHarness(
      {
        AWS_ACCESS_KEY_ID: '',
        AWS_ENDPOINT_URL_COST_EXPLORER: '',
        AWS_PROFILE: '',
        HEROKU_API_TOKEN: spaced.token,
        HEROKU_API_URL: spaced.url,
      },
      { now: () => new Date(clock) },
    );
  });
  afterAll(async () => {
    await bot.close();
    await spaced.close();
  });

  async function spendHeroku() {
    await bot.command('spend heroku 7d', { user_id: LEAD });
    await bot.settle();
    const response = bot.slack.responses.at(-1);
    const views = await pressDetails(bot, response?.body);
    return {
      body: response?.body,
      shown: textOf(response?.body as never),
      detail: textOf(views.find((c) => c.method === 'views.update')?.body.view as never),
    };
  }

  /** The note's count is every item Details lists as not counted, the two Space fees among them. */
  function expectSpaceFeesSaid(shown: string, detail: string) {
    const note =
      /(\d+) contract-priced or unpriced items not counted \(never as \$0\), among them the fees of the 1 Private Space and 1 Shield Private Space the apps run in \(contract prices, which neither Heroku's API nor the daily snapshots hold; your Heroku account executive or invoice has them\)/.exec(
        shown,
      );
    expect(note).not.toBeNull();
    expect(detail).toContain('Not counted: the fee of Private Space care-private (a contract price).');
    expect(detail).toContain('Not counted: the fee of Shield Private Space care-shield (a contract price).');
    expect(Number(note![1])).toBe(detail.match(/^Not counted: /gm)?.length);
    const heroku = footing(shown, 'Heroku');
    expect(sum(heroku.lines)).toBe(heroku.total);
  }

  test('before any snapshot: the run-rate says the two Space fees are not in it, with the other items left out', async () => {
    const { body, shown, detail } = await spendHeroku();
    capture('spend-heroku-spaces-run-rate', body);
    expect(shown).toContain('*Heroku* (run-rate)');
    expectSpaceFeesSaid(shown, detail);
  });

  test('from the snapshots, which hold no Space: the same Spaces, from the last inventory read, however old, without asking Heroku', async () => {
    const store = bot.bot.services.store;
    const period = spendPeriod('7d', new Date(clock));
    const data = snapshotData({
      name: 'care-web',
      team: { name: 'care' },
      formation: [{ type: 'web', quantity: 1, size: 'private-m', monthlyCents: 45000 }],
      addOns: [],
    });
    for (let d = 0; d < 14; d++)
      await store.putSnapshot({ day: addDays(period.previous.start, d), app: 'care-web', data, takenAt: new Date() });
    // Two hours on, the inventory the run-rate read is past its hour: a fresh one would be a request per app.
    clock += 2 * 3_600_000;
    const asked = spaced.log.length;
    const { body, shown, detail } = await spendHeroku();
    expect(spaced.log.slice(asked)).toEqual([]);
    expect(detail).toMatch(/The Spaces are those Heroku listed the apps in, as of \d{4}-\d\d-\d\d 12:00 UTC/);
    capture('spend-heroku-spaces-snapshots', body);
    expect(shown).toContain("Estimated from the bot's daily snapshots of what ran");
    // 7 days × $450/30 = $105.00, the figure itself unchanged.
    expect(shown).toContain('• care-web: $105.00');
    expectSpaceFeesSaid(shown, detail);
  });
});
