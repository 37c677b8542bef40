import { DEFAULT_CATALOG, layerPrices, priceOf } from '../../src/core/pricing';
import { HerokuApi } from '../../src/sources/heroku/heroku-api';
import { DYNO_SIZES_NEED_TOKEN, readHerokuPriceSet } from '../../src/sources/prices/heroku-price-list';
import { FakeHeroku, HerokuWorld, validateHerokuResource } from '../support/fake-heroku';

const now = () => new Date('2026-12-05T04:00:00Z');

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 14 });
  w.plan('heroku-postgresql', 'essential-0', { cents: 500 });
  w.plan('heroku-postgresql', 'standard-0', { cents: 5000 });
  w.plan('heroku-postgresql', 'shield-0', { cents: 0, contract: true });
  w.plan('heroku-redis', 'mini', { cents: 300, unit: 'monthly' });
  w.plan('heroku-redis', 'premium-0', { cents: 1500 });
  w.plan('heroku-redis', 'private-7', { cents: 0, contract: true });
  // Standard-2X priced per "monthly", as some answers spell it; Standard-1X per an hour, which is not read.
  w.dynoSize('standard-2X').cost = { cents: 4500, unit: 'monthly' };
  w.dynoSize('standard-1X').cost = { cents: 3, unit: 'hour' };
  return w;
}

describe('Heroku prices from the Platform API', () => {
  let fake: FakeHeroku;
  let api: HerokuApi;

  beforeEach(async () => {
    fake = await FakeHeroku.start({ world: world() });
    api = new HerokuApi({ token: fake.token, host: fake.url, sleep: async () => {} });
  });
  afterEach(() => fake.close());

  test('reads dyno sizes and the Postgres and Key-Value Store plans, each schema-valid', async () => {
    const { set } = await readHerokuPriceSet(api, now);
    expect(fake.schemaViolations).toEqual([]);
    for (const size of fake.world.dynoSizes) expect(validateHerokuResource('dyno-size', size)).toEqual([]);
    for (const plan of fake.world.plans) expect(validateHerokuResource('plan', plan)).toEqual([]);
    expect(fake.log.map((entry) => entry.path)).toEqual([
      '/dyno-sizes',
      '/addon-services/heroku-postgresql/plans',
      '/addon-services/heroku-redis/plans',
    ]);
    expect(set).toMatchObject({ vendor: 'heroku', region: 'global', readAt: '2026-12-05T04:00:00.000Z' });
    const price = (key: string) => set.prices.find((p) => p.key === key);
    expect(price('heroku.dyno.performance-m')).toEqual({ key: 'heroku.dyno.performance-m', usd: '250', unit: 'month' });
    expect(price('heroku.dyno.standard-2x')?.usd).toBe('45');
    expect(price('heroku.dyno.basic')?.usd).toBe('7');
    expect(price('heroku.postgres.essential-0')?.usd).toBe('5');
    expect(price('heroku.kvs.mini')?.usd).toBe('3');
  });

  test('cost: null and contract: true never become $0', async () => {
    const { set, notes } = await readHerokuPriceSet(api, now);
    const price = (key: string) => set.prices.find((p) => p.key === key);
    // cost: null: no live price at all (eco, private and shield sizes), so the bundled figure stands.
    expect(price('heroku.dyno.eco')).toBeUndefined();
    expect(price('heroku.dyno.private-s')).toBeUndefined();
    expect(notes[0]).toMatch(/^Heroku lists no price for .*\beco\b.*: the bundled list or a contract price stands/);
    // contract: true with 0 cents: a contract price, not a free plan.
    expect(price('heroku.postgres.shield-0')).toEqual({ key: 'heroku.postgres.shield-0', usd: null, unit: 'month' });
    // A unit the bot does not know is left out, and said.
    expect(price('heroku.dyno.standard-1x')).toBeUndefined();
    expect(notes[1]).toMatch(/standard-1X \(hour\)/);

    const layered = layerPrices({ bundled: DEFAULT_CATALOG, liveSets: [set], awsRegion: 'us-east-1' });
    if (!layered.ok) throw new Error(layered.message);
    const catalog = layered.catalog;
    expect(priceOf(catalog, 'heroku.postgres.shield-0')).toMatchObject({ unitPrice: null, contract: true });
    expect(priceOf(catalog, 'heroku.kvs.private-7')).toMatchObject({ unitPrice: null, contract: true });
    expect(priceOf(catalog, 'heroku.dyno.eco').unitPrice?.toString()).toBe('5');
    expect(priceOf(catalog, 'heroku.dyno.eco').origin).toBe('bundled');
    expect(priceOf(catalog, 'heroku.dyno.standard-2x')).toMatchObject({
      source: 'Heroku Platform API, read 2026-12-05',
      origin: 'live',
    });
    expect(priceOf(catalog, 'heroku.dyno.standard-2x').unitPrice?.toString()).toBe('45');
  });

  test('without a token, the add-on plans are read anonymously and dyno prices stay the bundled ones', async () => {
    const anonymous = new HerokuApi({ anonymous: true, host: fake.url, sleep: async () => {} });
    const { set, notes } = await readHerokuPriceSet(anonymous, now, { dynoSizes: false });
    expect(fake.log.map((entry) => `${entry.path} ${entry.auth} ${entry.status}`)).toEqual([
      '/addon-services/heroku-postgresql/plans none 200',
      '/addon-services/heroku-redis/plans none 200',
    ]);
    expect(set.prices.find((p) => p.key === 'heroku.postgres.standard-0')?.usd).toBe('50');
    expect(set.prices.find((p) => p.key === 'heroku.postgres.shield-0')?.usd).toBeNull();
    expect(set.prices.some((p) => p.key.startsWith('heroku.dyno.'))).toBe(false);
    expect(notes[0]).toBe(DYNO_SIZES_NEED_TOKEN);
    // GET /dyno-sizes does need a token: asked anonymously, Heroku refuses it.
    await expect(readHerokuPriceSet(anonymous, now)).rejects.toThrow(/401|credentials|unauthori[sz]ed/i);
  });

  test('a failure part-way returns nothing, so no half-read set is stored', async () => {
    fake.inject({ path: '/addon-services/heroku-redis/plans', times: 10, fault: { type: 'status', status: 503 } });
    await expect(readHerokuPriceSet(api, now)).rejects.toThrow(/503/);
  });
});
