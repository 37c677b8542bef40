import type { PriceSet } from '../../src/core/pricing';
import { isPostgresUrl, openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';

const day = (n: number) => new Date(Date.UTC(2026, 11, n, 4));
const set = (vendor: 'aws' | 'heroku', region: string, usd: string, at: Date): PriceSet => ({
  vendor,
  region,
  readAt: at.toISOString(),
  prices: [{ key: 'aws.ec2.m5.large', usd, unit: 'hour', sku: 'SKU1', effectiveDate: '2026-11-01' }],
});

function contract(open: () => Promise<Store>) {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  test('serves the newest used set of each vendor and region, never a held or failed one', async () => {
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'us-east-1',
      at: day(1),
      status: 'used',
      set: set('aws', 'us-east-1', '0.096', day(1)),
      detail: '',
    });
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'us-east-1',
      at: day(2),
      status: 'held',
      set: set('aws', 'us-east-1', '0.2', day(2)),
      detail: '1 price moved by more than 50%',
    });
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'us-east-1',
      at: day(3),
      status: 'failed',
      detail: 'throttled',
    });
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'eu-west-1',
      at: day(3),
      status: 'used',
      set: set('aws', 'eu-west-1', '0.107', day(3)),
      detail: '',
    });
    const used = await store.usedPriceSets();
    expect(used.map((s) => [s.region, s.prices[0].usd])).toEqual([
      ['eu-west-1', '0.107'],
      ['us-east-1', '0.096'],
    ]);
    expect(await store.latestPriceRefresh('aws', 'us-east-1')).toMatchObject({ status: 'failed', detail: 'throttled' });
    expect((await store.latestPriceRefresh('aws', 'us-east-1', 'held'))?.set?.prices[0].usd).toBe('0.2');
    const recent = await store.priceRefreshes(2);
    expect(recent.map((r) => [r.region, r.status])).toEqual([
      ['us-east-1', 'failed'],
      ['eu-west-1', 'used'],
    ]);
    expect(recent[0]).not.toHaveProperty('set');
  });

  test('leads are told about a refresh once, whichever replica gets there first', async () => {
    await store.putPriceRefresh({
      vendor: 'heroku',
      region: 'global',
      at: day(1),
      status: 'used',
      set: set('heroku', 'global', '50', day(1)),
      detail: '',
    });
    const marks = await Promise.all([
      store.markPriceRefreshNotified('heroku', 'global', day(1), day(1)),
      store.markPriceRefreshNotified('heroku', 'global', day(1), day(1)),
    ]);
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect((await store.latestPriceRefresh('heroku', 'global'))?.notifiedAt).toEqual(day(1));
  });

  test('keeps 90 days of refreshes, and always the newest used set however old', async () => {
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'us-east-1',
      at: day(1),
      status: 'used',
      set: set('aws', 'us-east-1', '0.096', day(1)),
      detail: '',
    });
    await store.putPriceRefresh({ vendor: 'aws', region: 'us-east-1', at: day(2), status: 'failed', detail: 'down' });
    const later = new Date(day(2).getTime() + 200 * 24 * 60 * 60_000);
    await store.putPriceRefresh({
      vendor: 'aws',
      region: 'us-east-1',
      at: later,
      status: 'failed',
      detail: 'down again',
    });
    expect((await store.priceRefreshes(10)).map((r) => r.detail)).toEqual(['down again', '']);
    expect(await store.usedPriceSets()).toHaveLength(1);
  });
}

describe('price refreshes in the store, SQLite', () => {
  contract(() => openStore(tempSqliteFile()));
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('price refreshes in the store, PostgreSQL', () => {
  contract(async () => {
    const url = await freshPostgresUrl();
    if (!url || !isPostgresUrl(url)) throw new Error('TEST_DATABASE_URL is not a postgres:// URL');
    return openStore(url);
  });
});
