import { spendPeriod } from '../../src/core/spend/request';
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
  blocks?: { type: string; text?: { text: string }; elements?: { text?: string }[] }[];
}) {
  return (body.blocks ?? [])
    .map((block) => block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '))
    .join('\n');
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

describe('/hosting spend through the real receiver', () => {
  test('a lead sees AWS 7d: exact total over pages, credits apart, estimated, metric, as of, forecast', async () => {
    const period = scriptAws('7d');
    const before = harness.slack.responses.length;
    const { ack, response } = await spend('spend aws 7d');
    capture('spend-aws', response?.body);
    expect(ack.status).toBe(200);
    expect(ack.elapsedMs).toBeLessThan(3000);
    expect(ack.body.text).toContain('Fetching spend');
    expect(harness.slack.responses.length).toBe(before + 1);
    const body = response?.body as { text: string; blocks: unknown[]; response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    const shown = textOf(body as never);
    // 10.004 + 0.0000000004 + 20.004 + 5.004 + 0.3333333333 = 35.3453333337: rounded once, not per line.
    expect(shown).toContain('*$35.35* UnblendedCost');
    expect(shown).toContain(period.label);
    expect(shown).toContain('*estimated*');
    expect(shown).toContain('Credits and refunds (not netted above): -$12.50');
    expect(shown).toContain('+$5.35');
    expect(shown).toMatch(/Amazon Elastic Compute Cloud - Compute: \$30\.34/);
    expect(shown).toContain('$123.46 UnblendedCost');
    expect(shown).toMatch(/as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(shown).toMatch(/Cost Explorer requests this month \(\d{4}-\d{2}\): 7 = \$0\.07/);
    expect(body.text).toContain('$35.35');
    expect(shown).not.toContain('Heroku');
  });

  test('asking again makes no new Cost Explorer request, and says the figures are cached', async () => {
    const sent = ce.requests().length;
    const { response } = await spend('spend 7d by service aws');
    expect(ce.requests().length).toBe(sent);
    const shown = textOf(response?.body as never);
    expect(shown).toContain('*$35.35*');
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

  test('Heroku run-rate is exact to the cent, contract and unpriced add-ons flagged and excluded', async () => {
    const { response } = await spend('spend heroku');
    capture('spend-heroku', response?.body);
    const shown = textOf(response?.body as never);
    expect(shown).toContain('*$209.34/month*');
    expect(shown).toContain('shop-api: $202.34/month');
    expect(shown).toContain('acme-tools: $7.00/month');
    expect(shown).toContain('enterprise-search:dedicated — contract-priced');
    expect(shown).toContain('partner-metrics:custom — unpriced');
    expect(shown).toMatch(
      /Modelled on AWS \(list prices, infrastructure only, consolidated tier\): \$[\d,]+\.\d\d\/month/,
    );
    expect(shown).not.toContain('AWS (Cost Explorer)');
  });

  test('AWS failing (AccessDenied) still shows Heroku, with the AWS message', async () => {
    ce.reply('GetCostAndUsage', reply.accessDenied());
    const { response } = await spend('spend 30d');
    const shown = textOf(response?.body as never);
    expect(shown).toMatch(/Could not read AWS spend: .*ce:GetCostAndUsage/);
    expect(shown).toContain('*$209.34/month*');
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
