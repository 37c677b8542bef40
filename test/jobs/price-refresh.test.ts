import type { PricingClient } from '@aws-sdk/client-pricing';
import { parseEstimate, renderEstimateText } from '../../src/core/estimate';
import { estimate } from '../../src/core/model';
import { PriceRefresher } from '../../src/jobs/price-refresh';
import { PriceBook } from '../../src/price-book';
import { HerokuApi } from '../../src/sources/heroku/heroku-api';
import { readAwsPriceSet } from '../../src/sources/prices/aws-price-list';
import type { PriceReaders } from '../../src/sources/prices/connect-price-readers';
import { readHerokuPriceSet } from '../../src/sources/prices/heroku-price-list';
import { createPricingClient } from '../../src/sources/prices/pricing-client';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { type FakePriceList, startFakePriceList } from '../support/fake-price-list';
import { priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';

const credentials = { accessKeyId: 'AKIDPRICES', secretAccessKey: 'test-secret' };
let clock = new Date('2026-12-05T04:00:00Z');
const now = () => clock;

let store: Store;
let fake: FakePriceList;
let client: PricingClient;
let book: PriceBook;
let told: string[];
let refresher: PriceRefresher;

function awsReader(): PriceReaders {
  return { aws: () => readAwsPriceSet({ client, region: 'us-east-1', now, sleep: async () => {}, attempts: 1 }) };
}

function estimateText(words = 'aws web=2xm5.large'): string {
  const parsed = parseEstimate(words, book.catalog);
  if (!parsed.ok || parsed.request.kind !== 'workload') throw new Error('bad estimate words');
  return renderEstimateText(estimate(parsed.request.workload, book.catalog, parsed.request.options));
}

beforeEach(async () => {
  clock = new Date('2026-12-05T04:00:00Z');
  store = await openStore(tempSqliteFile());
  fake = await startFakePriceList(priceListItems('us-east-1', US_EAST_1_PRICES));
  client = createPricingClient({ endpoint: fake.url, credentials, maxAttempts: 2, retryDelayMs: 1 });
  book = new PriceBook({ region: 'us-east-1', store });
  told = [];
  refresher = new PriceRefresher({
    store,
    book,
    readers: awsReader(),
    now,
    tellLeads: async (text) => void told.push(text),
  });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
  await store.close();
});

describe('refreshing prices, and estimates after it', () => {
  test('an estimate made after a refresh shows the new price and its vendor date', async () => {
    expect(estimateText()).toMatch(
      /bundled list: AWS Price List, EC2 on-demand Linux us-east-1 \(AWS's Karpenter price table\), 2026-07-20/,
    );
    fake.setProducts(
      priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.0990000000' }, '2026-11-15'),
    );
    const [outcome] = await refresher.refresh(['aws']);
    expect(outcome).toMatchObject({ vendor: 'aws', status: 'used' });
    const text = estimateText();
    expect(text).toMatch(/2 × m5\.large: 1,460 × \$0\.099\/hour = \$144\.54\/mo/);
    expect(text).toMatch(/\[\d\] AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-15/);
    expect(fake.problems).toEqual([]);
  });

  test('with the Price List unreachable, the stored price stays in use, labelled; with nothing stored, the bundled one', async () => {
    // Nothing stored and the API down: the bundled price, labelled as such.
    fake.fail('down', { times: 10 });
    const [down] = await refresher.refresh(['aws']);
    expect(down).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/Could not reach the AWS Price List \(HTTP 500/),
    });
    expect(estimateText()).toMatch(
      /m5\.large: 1,460 × \$0\.096\/hour.*\n(.*\n)*.*bundled list: AWS Price List, EC2 on-demand Linux us-east-1/,
    );

    await fake.close();
    fake = await startFakePriceList(
      priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.0990000000' }),
    );
    client.destroy();
    client = createPricingClient({ endpoint: fake.url, credentials, maxAttempts: 2, retryDelayMs: 1 });
    expect((await refresher.refresh(['aws']))[0].status).toBe('used');

    // Then the API goes away altogether: the stored set stays in use, and says when it is from.
    await fake.close();
    clock = new Date('2026-12-12T04:00:00Z');
    const [unreachable] = await refresher.refresh(['aws']);
    expect(unreachable.status).toBe('failed');
    expect(unreachable.detail).toMatch(/prices in use|last good prices/);
    expect(estimateText()).toMatch(/\$0\.099\/hour/);
    expect(estimateText()).toMatch(/AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-01/);
    // A fresh book (a restart) serves the same stored set.
    const restarted = new PriceBook({ region: 'us-east-1', store });
    await restarted.reload();
    expect(restarted.catalog.entries.get('aws.ec2.m5.large')?.origin).toBe('live');
    fake = await startFakePriceList([]);
  });
});

describe('the price guard, on a refresh', () => {
  beforeEach(async () => {
    await refresher.refresh(['aws']);
    told = [];
  });

  test('a 60% move leaves the last good prices in use and tells the leads', async () => {
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1536000000' }));
    const [outcome] = await refresher.refresh(['aws']);
    expect(outcome.status).toBe('held');
    expect(estimateText()).toMatch(/\$0\.096\/hour/);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /New AWS Price List \(us-east-1\) prices were kept aside, not used: 1 price moved by more than 50%: aws\.ec2\.m5\.large 0\.0960000000 → 0\.1536000000 \(\+60%\)/,
    );
    expect(told[0]).toMatch(/Estimates keep using the prices read 2026-12-05/);
  });

  test('a response missing a third of the keys leaves the last good prices in use and tells the leads', async () => {
    // Every family still answers, but 14 of 43 prices (10 EC2 types, 4 RDS classes) are gone.
    const gone = (name: string) =>
      (name.startsWith('ec2:') && !['ec2:t3.micro', 'ec2:m5.large'].includes(name)) ||
      (name.startsWith('rds:') && !name.endsWith('db.t4g.micro'));
    const third = Object.fromEntries(Object.entries(US_EAST_1_PRICES).filter(([name]) => !gone(name)));
    fake.setProducts(priceListItems('us-east-1', third));
    const [outcome] = await refresher.refresh(['aws']);
    expect(outcome.status).toBe('held');
    expect(outcome.detail).toMatch(/14 of 43 prices are missing \(33%, more than 10%\)/);
    expect(book.catalog.entries.get('aws.ec2.t3.micro')?.origin).toBe('live');
    expect(told[0]).toMatch(/kept aside, not used/);
  });

  test('changes that pass are used and listed to the leads once', async () => {
    fake.setProducts(priceListItems('us-east-1', { ...US_EAST_1_PRICES, 'nat:hour': '0.0480000000' }));
    const [outcome] = await refresher.refresh(['aws']);
    expect(outcome.status).toBe('used');
    expect(told).toEqual([
      'AWS Price List (us-east-1) prices changed (now in use):\n• aws.nat.hour: 0.0450000000 → 0.0480000000',
    ]);
    const refresh = await store.latestPriceRefresh('aws', 'us-east-1');
    // Another replica reaching the same refresh does not tell them again.
    expect(await store.markPriceRefreshNotified('aws', 'us-east-1', refresh!.at, clock)).toBe(false);
  });
});

describe('what is due', () => {
  test('Heroku daily, AWS weekly; a failed refresh is tried again at the next run', async () => {
    const heroku = await FakeHeroku.start({ world: new HerokuWorld({ seed: 2 }) });
    const api = new HerokuApi({ token: heroku.token, host: heroku.url, sleep: async () => {} });
    const readers: PriceReaders = { ...awsReader(), heroku: () => readHerokuPriceSet(api, now) };
    const due = new PriceRefresher({ store, book, readers, now });
    try {
      expect((await due.refreshDue()).map((o) => `${o.vendor}:${o.status}`)).toEqual(['heroku:used', 'aws:used']);
      clock = new Date('2026-12-06T04:00:00Z');
      expect((await due.refreshDue()).map((o) => o.vendor)).toEqual(['heroku']);
      clock = new Date('2026-12-12T04:00:00Z');
      fake.fail('down', { times: 10 });
      expect((await due.refreshDue()).map((o) => `${o.vendor}:${o.status}`)).toEqual(['heroku:used', 'aws:failed']);
      clock = new Date('2026-12-12T05:00:00Z');
      expect((await due.refreshDue()).map((o) => o.vendor)).toEqual(['aws']);
    } finally {
      await heroku.close();
    }
  });
});

describe('the scheduled refresh, in the log', () => {
  test('a refresh that failed says why, at warn, without the operator opening Slack', async () => {
    let logged: (line: { level: string; text: string }) => void = () => {};
    const line = new Promise<{ level: string; text: string }>((resolve) => (logged = resolve));
    const log =
      (level: string) =>
      (...parts: unknown[]) => {
        const text = parts.map(String).join(' ');
        if (text.startsWith('price refresh aws')) logged({ level, text });
      };
    const scheduled = new PriceRefresher({
      store,
      book,
      readers: awsReader(),
      now,
      tellLeads: async () => {},
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
    });
    fake.fail('down', { times: 10 });
    await scheduled.start('0 4 * * *'); // runs what is due at once, in the background
    const seen = await line;
    await scheduled.stop();
    expect(seen.level).toBe('warn');
    expect(seen.text).toMatch(/^price refresh aws us-east-1: failed: Could not reach the AWS Price List \(HTTP 500/);
  });
});
