import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { type FakePriceList, startFakePriceList } from '../support/fake-price-list';
import { pressButton } from '../support/press-button';
import { priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';
import { setProcessEnv } from '../support/process-env';

/**
 * `/hosting prices` and `/hosting prices refresh` through the real Bolt receiver, signed, with the
 * real Price List client against the local Price List and heroku-client against the fake Heroku.
 */

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text?: string }[];
}

function textOf(body: { blocks?: Block[] }): string {
  return (body.blocks ?? [])
    .map((block) =>
      [block.text?.text, ...(block.fields ?? []).map((f) => f.text), ...(block.elements ?? []).map((e) => e.text)]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDPRICESTEST',
  AWS_SECRET_ACCESS_KEY: 'prices-test-secret',
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '2',
};

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 21 });
  w.plan('heroku-postgresql', 'standard-0', { cents: 5000 });
  w.plan('heroku-postgresql', 'shield-0', { cents: 0, contract: true });
  w.plan('heroku-redis', 'premium-0', { cents: 1500 });
  return w;
}

let priceList: FakePriceList;
let heroku: FakeHeroku;
let harness: Harness;
let restoreEnv = () => {};

beforeAll(async () => {
  // Ireland's list: the same products, m5.large at its own price.
  const ireland = priceListItems('eu-west-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1070000000' });
  priceList = await startFakePriceList([...priceListItems('us-east-1', US_EAST_1_PRICES), ...ireland]);
  heroku = await FakeHeroku.start({ world: world() });
  const env = { ...AWS_ENV, AWS_ENDPOINT_URL_PRICING: priceList.url };
  restoreEnv = setProcessEnv(env);
  harness = await startHarness({
    ...env,
    AWS_PRICING_REGION: 'us-east-1,eu-west-1',
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
});

afterAll(async () => {
  await harness.close();
  await priceList.close();
  await heroku.close();
  restoreEnv();
});

/** The next answer sent to response_url: a refresh paces its Price List requests, so it takes seconds. */
async function nextResponse(before: number): Promise<{ text: string; blocks: Block[] }> {
  for (let waited = 0; harness.slack.responses.length <= before; waited += 20) {
    if (waited > 20_000) throw new Error('no answer to the refresh');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await harness.settle();
  return harness.slack.responses[before].body as unknown as { text: string; blocks: Block[] };
}

const lastResponse = () => harness.slack.responses.at(-1)!.body as unknown as { text: string; blocks: Block[] };

describe('/hosting prices, through the signed receiver', () => {
  test('before any refresh: every price from the bundled list, and what each source would need', async () => {
    const res = await harness.command('prices', { user_id: NOT_LEAD });
    expect(res.status).toBe(200);
    await harness.settle();
    const answer = lastResponse();
    capture('prices-before', answer);
    expect(answer.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Where prices come from' } });
    const text = textOf(answer);
    expect(text).toContain('`PRICING_FILE` (your contract) > live vendor prices > bundled list');
    expect(text).toContain('Every price now comes from the bundled list.');
    expect(text).toMatch(
      /\*AWS Price List \(us-east-1\)\*\nNo prices read yet: the bundled list is used \(us-east-1\)\./,
    );
    expect(text).toMatch(/\*Heroku Platform API\*\nNo prices read yet: the bundled list is used\./);
    expect(text).toMatch(/\*Prices in use now:\* 0 from `PRICING_FILE`, 0 live, \d+ from the bundled list\./);
    expect(text).toContain('None: no `PRICING_FILE` is set');
    expect(text).toContain('Estimates price AWS in us-east-1 (eu-west-1 with `region=`).');
    expect(text).toMatch(/\*AWS Price List \(eu-west-1\)\*\nNo prices read yet/);
    // Nothing was read to answer: prices are never fetched on the request path.
    expect(priceList.requests).toHaveLength(0);
  });

  test('`estimate … region=eu-west-1` before any eu-west-1 prices are stored says so plainly', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x region=eu-west-1', { user_id: NOT_LEAD });
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(
      /^There are no AWS prices for eu-west-1 yet: the bundled price list covers us-east-1 only/,
    );
    expect(body.text).toContain('ask again with region=us-east-1');
  });

  test('`refresh` by someone who is not a lead is declined politely, and nothing is read', async () => {
    const res = await harness.command('prices refresh', { user_id: NOT_LEAD });
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toBe(
      'Sorry, only hosting leads can refresh prices. `/hosting prices` shows where prices come from now.',
    );
    await harness.settle();
    expect(priceList.requests).toHaveLength(0);
    expect(heroku.log.filter((entry) => entry.path.includes('plans'))).toHaveLength(0);
  });

  test('`refresh` by a lead reads both vendors, then shows the live prices in use with their dates', async () => {
    const before = harness.slack.responses.length;
    const res = await harness.command('prices refresh', { user_id: LEAD });
    expect(res.status).toBe(200);
    expect(res.body.text).toContain('Refreshing prices from Heroku and the AWS Price List');
    const answer = await nextResponse(before);
    capture('prices-refreshed', answer);
    const text = textOf(answer);
    // 43 prices: the 39 read before and, read now, the recorded list's ElastiCache Valkey node, the
    // Secrets Manager secret and API requests, and RDS backup storage.
    expect(text).toMatch(/• AWS Price List \(us-east-1\): refreshed and in use \(first read, 43 prices\)\./);
    expect(text).toMatch(/• AWS Price List \(eu-west-1\): refreshed and in use \(first read, 43 prices\)\./);
    expect(text).toMatch(/• Heroku Platform API: refreshed and in use \(first read, \d+ prices\)\./);
    expect(text).toMatch(
      /\*AWS Price List \(us-east-1\)\*\nIn use: 43 prices read \d{4}-\d{2}-\d{2}, newest effective date 2026-11-01\./,
    );
    expect(text).toContain('ElastiCache Redis OSS nodes; ElastiCache Valkey nodes;');
    expect(text).not.toContain('Every price now comes from the bundled list.');
    expect(text).toMatch(/\*Prices in use now:\* 0 from `PRICING_FILE`, [1-9]\d* live, \d+ from the bundled list\./);
    expect(priceList.problems).toEqual([]);
    // The lead's action is in the audit log.
    const audit = await harness.bot.services.store.auditLog();
    expect(audit.map((entry) => `${entry.actor} ${entry.action}`)).toContain(`${LEAD} prices-refresh`);
  });

  test('an estimate after the refresh cites the live prices with their dates', async () => {
    const { body } = await harness.command('estimate aws web=2xm5.large', { user_id: NOT_LEAD });
    // Each line's source is in the answer's Details.
    const details = textOf((await pressButton(harness, body, 'Details', NOT_LEAD)).openedView());
    expect(details).toMatch(/\[\d+\] AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-01/);
    expect(details).toMatch(/\[\d+\] Heroku Platform API, read \d{4}-\d{2}-\d{2}/);
    // Every AWS price the model used came from the Price List, the public IPv4 address-hour too.
    expect(details).not.toMatch(/bundled list: AWS/);
  });

  test("a checklist's costs after the refresh quote Secrets Manager and RDS backup storage from the Price List", async () => {
    const { body } = await harness.command('compliance hipaa', { user_id: NOT_LEAD });
    const costs: string[] = [];
    for (const group of ['Encryption', 'Resilience']) {
      const block = body.blocks.find(
        (b: { text?: { text: string }; accessory?: { action_id: string } }) =>
          b.accessory?.action_id === 'compliance_details' && b.text?.text.startsWith(`*${group}*`),
      );
      const calls = harness.slack.calls.length;
      await harness.interaction({
        type: 'block_actions',
        user: { id: NOT_LEAD, name: 'someone', team_id: 'T1' },
        container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
        channel: { id: 'C0CHANNEL', name: 'eng' },
        response_url: `${harness.slack.url}/respond/compliance-${group}`,
        actions: [{ type: 'button', ...block.accessory, block_id: block.block_id, action_ts: '1700000000.000200' }],
      });
      await harness.settle();
      const open = harness.slack.calls.slice(calls).find((call) => call.method === 'views.open');
      costs.push(
        ...textOf(open!.body.view as { blocks: Block[] })
          .split('\n')
          .filter((l) => l.startsWith('Cost: ')),
      );
    }
    const live = /AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-01/;
    // AWS lists API calls at $0.0000050000 a request: the checklist says $0.05 per 10k requests.
    const rotation = costs.find((cost) => cost.includes('Secrets Manager'))!;
    expect(rotation).toContain('Secrets Manager $0.40 per secret-month plus $0.05 per 10k requests.');
    expect(rotation).toMatch(live);
    const backup = costs.find((cost) => cost.includes('backup storage beyond the free amount'))!;
    expect(backup).toContain('backup storage beyond the free amount $0.095 per GB-month');
    expect(backup).toMatch(new RegExp(`before tax: ${live.source}\\.$`));
  });

  test('`region=eu-west-1` after the refresh prices AWS in Ireland, from its own price list', async () => {
    const { body } = await harness.command('estimate aws web=2xm5.large region=eu-west-1', { user_id: NOT_LEAD });
    capture('estimate-eu-west-1', body);
    const shown = textOf(body);
    expect(body.blocks[0].text.text).toMatch(/^Estimate: AWS \$277\.19\/mo now;/);
    expect(shown).toContain('*AWS (eu-west-1) as it runs: $277.19/mo*');
    expect(shown).toContain('• web: 2 × m5.large: *$156.22*');
    // Which layers priced it, with their dates: the Price List's effective date, Heroku's read day.
    expect(shown).toMatch(/\(AWS Price List, effective 2026-11-01; Heroku Platform API, read \d{4}-\d{2}-\d{2}\)/);
    const details = textOf((await pressButton(harness, body, 'Details', NOT_LEAD)).openedView());
    expect(details).toContain('*AWS (eu-west-1) as it runs*: *$277.19/mo* infrastructure');
    expect(details).toContain('2 × m5.large: 1,460 × $0.107/hour = *$156.22/mo*');
    // The buttons carry the words, region included, so a shared estimate is the same estimate.
    expect(JSON.stringify(body.blocks.at(-1))).toContain('region=eu-west-1');
  });
});
