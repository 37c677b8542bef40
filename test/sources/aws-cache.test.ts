import fs from 'node:fs';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AwsSpendSource } from '../../src/sources/aws/aws-spend-source';
import { type CostExplorerClientOptions, createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { costExplorerCacheKey } from '../../src/sources/aws/cost-explorer-requests';
import { SourceError } from '../../src/sources/source-error';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-10T12:00:00Z');
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const isCreditsQuery = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';
const QUERY = { start: '2026-03-01', end: '2026-03-03', groupBy: 'service' as const };

let ce: FakeCostExplorer;
let store: Store;
let clients: CostExplorerClient[];
let clock: Date;
let file: string;
let warnings: string[];

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(async () => {
  ce.reset();
  clients = [];
  clock = t0;
  file = tempSqliteFile();
  warnings = [];
  store = await openStore(file);
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await store.close();
});

function source(client: CostExplorerClientOptions = {}, cacheTtlMs?: number): AwsSpendSource {
  const sdk = createCostExplorerClient({
    endpoint: ce.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
    ...client,
  });
  clients.push(sdk);
  return new AwsSpendSource({
    client: sdk,
    store,
    now: () => clock,
    logger: { warn: (...messages) => warnings.push(messages.map(String).join(' ')) },
    ...(cacheTtlMs ? { cacheTtlMs } : {}),
  });
}

/** Usage in `pages` pages (EC2 $1.25 a page) and one page of credits. */
function scriptSpend(pages = 1, amount = '1.25') {
  ce.pages(
    'GetCostAndUsage',
    Array.from({ length: pages }, () =>
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: BY_SERVICE,
        days: [{ day: '2026-03-01', groups: [{ keys: [EC2], amount }] }],
      }),
    ),
    { match: (input) => !isCreditsQuery(input) },
  );
  ce.pages(
    'GetCostAndUsage',
    [costAndUsagePage({ metric: 'UnblendedCost', groupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }], days: [] })],
    { match: isCreditsQuery },
  );
}

describe('caching', () => {
  test('a repeated query within the TTL sends nothing; after the TTL it asks again', async () => {
    scriptSpend();
    const spend = source();
    const first = await spend.dailyCost(QUERY);
    expect(first.fromCache).toBe(false);
    expect(first.asOf).toEqual(t0);
    expect(ce.requests()).toHaveLength(2);

    clock = new Date(t0.getTime() + 6 * HOUR - 1);
    const second = await spend.dailyCost(QUERY);
    expect(ce.requests()).toHaveLength(2);
    expect(second).toEqual({ ...first, fromCache: true, asOf: t0 });

    clock = new Date(t0.getTime() + 6 * HOUR);
    const third = await spend.dailyCost(QUERY);
    expect(ce.requests()).toHaveLength(4);
    expect(third.fromCache).toBe(false);
    expect(third.asOf).toEqual(clock);
  });

  test('a store that cannot save the paid answer: the answer is still returned, and the failure logged', async () => {
    scriptSpend();
    // The SQLite file deleted under the bot: reads still work, every write is refused.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    const spend = source();
    const answer = await spend.dailyCost(QUERY);
    expect(answer.fromCache).toBe(false);
    expect(answer.value.days[0]?.groups).toEqual([{ key: EC2, amount: '1.25' }]);
    expect(ce.requests()).toHaveLength(2);
    expect(warnings.join('\n')).toContain('could not store the GetCostAndUsage answer (the next ask pays again)');
    expect(warnings.join('\n')).toContain('could not be counted');
  });

  test('the cache is shared through the store, not held in the object', async () => {
    scriptSpend();
    await source().dailyCost(QUERY);
    const again = await source().dailyCost(QUERY);
    expect(again.fromCache).toBe(true);
    expect(ce.requests()).toHaveLength(2);
  });

  test('each distinct request is cached on its own', async () => {
    scriptSpend();
    const spend = source();
    await spend.dailyCost(QUERY);
    await spend.dailyCost({ ...QUERY, end: '2026-03-04' });
    expect(ce.requests()).toHaveLength(4);
    await spend.dailyCost({ ...QUERY, groupBy: { tag: 'team' } });
    // Same credits query as the first call, so only the tag-grouped usage query is new.
    expect(ce.requests()).toHaveLength(5);
  });

  test('honours a custom TTL', async () => {
    scriptSpend();
    const spend = source({}, HOUR);
    await spend.dailyCost(QUERY);
    clock = new Date(t0.getTime() + HOUR);
    await spend.dailyCost(QUERY);
    expect(ce.requests()).toHaveLength(4);
  });

  test('cache keys are stable whatever the order of the parameters', () => {
    const a = costExplorerCacheKey('GetCostAndUsage', {
      TimePeriod: { Start: '2026-03-01', End: '2026-03-02' },
      Metrics: ['UnblendedCost'],
      Granularity: 'DAILY',
    });
    const b = costExplorerCacheKey('GetCostAndUsage', {
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      TimePeriod: { End: '2026-03-02', Start: '2026-03-01' },
    });
    const other = costExplorerCacheKey('GetCostAndUsage', {
      Granularity: 'DAILY',
      Metrics: ['AmortizedCost'],
      TimePeriod: { End: '2026-03-02', Start: '2026-03-01' },
    });
    expect(a).toBe(b);
    expect(a).not.toBe(other);
    expect(a).not.toBe(costExplorerCacheKey('GetCostForecast', { Granularity: 'DAILY' }));
    expect(a).toMatch(/^cost-explorer:v1:GetCostAndUsage:[0-9a-f]{40}$/);
  });
});

describe('counting requests', () => {
  test('every page is counted, and requestsThisMonth prices them at $0.01', async () => {
    scriptSpend(3);
    const spend = source();
    const { value } = await spend.dailyCost(QUERY);
    expect(value.total).toBe('3.75');
    expect(ce.requests()).toHaveLength(4);
    expect(await store.requestCount('cost-explorer', '2026-03')).toBe(4);
    const month = await spend.requestsThisMonth();
    expect(month.month).toBe('2026-03');
    expect(month.requests).toBe(4);
    expect(month.cost.toFixed(2)).toBe('0.04');

    await spend.dailyCost(QUERY);
    expect((await spend.requestsThisMonth()).requests).toBe(4);
  });

  test('a retried request counts every attempt sent', async () => {
    scriptSpend();
    ce.reply('GetCostAndUsage', reply.throttle(), { times: 1 });
    const spend = source({ maxAttempts: 2, retryDelayMs: 1 });
    await spend.dailyCost(QUERY);
    expect(ce.requests()).toHaveLength(3);
    expect((await spend.requestsThisMonth()).requests).toBe(3);
  });

  test('counts land in the UTC month they were sent', async () => {
    scriptSpend();
    clock = new Date('2026-03-31T23:30:00Z');
    const spend = source();
    await spend.dailyCost(QUERY);
    clock = new Date('2026-04-01T00:30:00Z');
    expect(await spend.requestsThisMonth()).toEqual(expect.objectContaining({ month: '2026-04', requests: 0 }));
    expect(await store.requestCount('cost-explorer', '2026-03')).toBe(2);
  });
});

describe('stale answers when Cost Explorer fails', () => {
  test('an expired cached answer comes back labelled with when it was stored and why', async () => {
    scriptSpend();
    const fresh = await source().dailyCost(QUERY);
    clock = new Date(t0.getTime() + 30 * HOUR);
    ce.reply('GetCostAndUsage', reply.throttle());
    const stale = await source().dailyCost(QUERY);
    expect(stale.value).toEqual(fresh.value);
    expect(stale.fromCache).toBe(true);
    expect(stale.asOf).toEqual(t0);
    expect(stale.staleBecause).toBeInstanceOf(SourceError);
    expect(stale.staleBecause?.kind).toBe('throttled');
    expect(stale.staleBecause?.message).toMatch(/try again in a minute/);
  });

  test('after one request of a call fails, the rest of the call uses the cache without asking', async () => {
    scriptSpend();
    await source().dailyCost(QUERY);
    clock = new Date(t0.getTime() + 30 * HOUR);
    ce.reply('GetCostAndUsage', reply.serverError(503));
    const before = ce.requests().length;
    const stale = await source().dailyCost(QUERY);
    expect(stale.staleBecause?.kind).toBe('unavailable');
    // Only the usage query was tried; the credits query came from the cache.
    expect(ce.requests().length - before).toBe(1);
  });

  test('with nothing cached the failure is thrown', async () => {
    ce.reply('GetCostAndUsage', reply.throttle());
    await expect(source().dailyCost(QUERY)).rejects.toMatchObject({ source: 'aws', kind: 'throttled' });
  });

  test('half a call cached is not enough: a failure on the uncached half is thrown', async () => {
    scriptSpend();
    await source().dailyCost(QUERY);
    clock = new Date(t0.getTime() + 30 * HOUR);
    ce.reply('GetCostAndUsage', reply.serverError(503));
    // The tag-grouped usage query was never cached; its failure stops the call.
    await expect(source().dailyCost({ ...QUERY, groupBy: { tag: 'team' } })).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});
