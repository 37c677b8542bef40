import type { PricingClient } from '@aws-sdk/client-pricing';
import { PriceRefresher } from '../../src/jobs/price-refresh';
import { PriceBook } from '../../src/price-book';
import { readAwsPriceSet } from '../../src/sources/prices/aws-price-list';
import { createPricingClient } from '../../src/sources/prices/pricing-client';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';
import { type FakePriceList, startFakePriceList } from '../support/fake-price-list';
import { priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';

/**
 * Two replicas of the bot on one store, each with its own refresher and clock-alike: whatever they
 * both see, the leads hear it once, and a scheduled refresh reads the Price List once.
 */

const credentials = { accessKeyId: 'AKIDREPLICAS', secretAccessKey: 'test-secret' };

interface Replica {
  store: Store;
  refresher: PriceRefresher;
}

function replicaSuite(databaseUrl: () => Promise<string>) {
  let clock: Date;
  let fake: FakePriceList;
  let client: PricingClient;
  let url: string;
  let told: { owner: string; text: string }[];
  let a: Replica;
  let b: Replica;

  /** What a replica does to tell the leads: by default, Slack takes a moment and answers. */
  const slackAnswers = (owner: string) => async (text: string) => {
    // Slack takes a moment: long enough for the other replica to reach the same notice.
    await new Promise((resolve) => setTimeout(resolve, 20));
    told.push({ owner, text });
  };

  async function replica(owner: string, tellLeads = slackAnswers(owner)): Promise<Replica> {
    const store = await openStore(url);
    const book = new PriceBook({ region: 'us-east-1', store });
    const refresher = new PriceRefresher({
      store,
      book,
      readers: { aws: () => readAwsPriceSet({ client, region: 'us-east-1', now: () => clock, sleep: async () => {} }) },
      now: () => clock,
      owner,
      tellLeads,
    });
    return { store, refresher };
  }

  beforeEach(async () => {
    clock = new Date('2026-12-05T04:00:00Z');
    url = await databaseUrl();
    fake = await startFakePriceList(priceListItems('us-east-1', US_EAST_1_PRICES));
    client = createPricingClient({ endpoint: fake.url, credentials, maxAttempts: 2, retryDelayMs: 1 });
    told = [];
    a = await replica('replica-a');
    b = await replica('replica-b');
    // The first set, read by one replica: nothing to compare with, nothing to tell.
    expect((await a.refresher.refresh(['aws']))[0].status).toBe('used');
  });

  afterEach(async () => {
    client.destroy();
    await fake.close();
    await a.store.close();
    await b.store.close();
  });

  test('a held set both replicas read at once is told to the leads once, and not again the next day', async () => {
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1536000000' }));
    const [fromA, fromB] = await Promise.all([a.refresher.refresh(['aws']), b.refresher.refresh(['aws'])]);
    expect([fromA[0].status, fromB[0].status]).toEqual(['held', 'held']);
    expect(told).toHaveLength(1);
    expect(told[0].text).toMatch(/kept aside, not used: 1 price moved by more than 50%: aws\.ec2\.m5\.large/);

    // The vendor still sends the same figures a day later: the leads already know.
    clock = new Date('2026-12-06T04:00:00Z');
    await Promise.all([a.refresher.refresh(['aws']), b.refresher.refresh(['aws'])]);
    expect(told).toHaveLength(1);
  });

  test('a replica stalls after telling the leads, past its claim; the other, reading the same held set, does not tell them again (before: twice)', async () => {
    // C tells the leads, then freezes before recording it (a long GC pause, a frozen container).
    let thaw = () => {};
    const frozen = new Promise<void>((resolve) => {
      thaw = resolve;
    });
    const c = await replica('replica-c', async (text) => {
      told.push({ owner: 'replica-c', text });
      await frozen;
    });
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1536000000' }));
    const stalled = c.refresher.refresh(['aws']);
    await until(() => told.length === 1);
    // B reads the same set four minutes later, past the notice's three-minute claim.
    clock = new Date('2026-12-05T04:04:00Z');
    expect((await b.refresher.refresh(['aws']))[0].status).toBe('held');
    expect(told.map((t) => t.owner)).toEqual(['replica-c']);
    // C wakes and records the notice it sent: still its own, so no duplicate is reported.
    thaw();
    expect((await stalled)[0].status).toBe('held');
    expect(told).toHaveLength(1);
    await c.store.close();
  });

  test('a change that passes, seen by both replicas, is listed to the leads once', async () => {
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'nat:hour': '0.0480000000' }));
    const outcomes = await Promise.all([a.refresher.refresh(['aws']), b.refresher.refresh(['aws'])]);
    expect(outcomes.map(([o]) => o.status)).toEqual(['used', 'used']);
    expect(told.map((t) => t.text)).toEqual([
      'AWS Price List (us-east-1) prices changed (now in use):\n• aws.nat.hour: 0.0450000000 → 0.0480000000',
    ]);
  });

  test('the scheduled refresh runs on one replica: the Price List is read once', async () => {
    clock = new Date('2026-12-12T04:00:00Z');
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'nat:hour': '0.0480000000' }));
    const before = fake.requests.length;
    const [fromA, fromB] = await Promise.all([a.refresher.refreshDue(), b.refresher.refreshDue()]);
    const ran = [...fromA, ...fromB];
    expect(ran.map((o) => `${o.vendor}:${o.status}`)).toEqual(['aws:used']);
    const oneRead = fake.requests.length - before;
    expect(told).toHaveLength(1);

    // A read alone costs the same number of requests: the other replica sent none.
    clock = new Date('2026-12-19T04:00:00Z');
    const alone = fake.requests.length;
    await a.refresher.refreshDue();
    expect(fake.requests.length - alone).toBe(oneRead);
  });
}

/** Waits (a few ms at a time) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('price refreshes across replicas, SQLite', () => {
  replicaSuite(async () => tempSqliteFile());
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('price refreshes across replicas, PostgreSQL', () => {
  replicaSuite(async () => (await freshPostgresUrl())!);
});
