import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AwsSpendSource, type AwsSpendSourceOptions } from '../../src/sources/aws/aws-spend-source';
import { createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const S3 = 'Amazon Simple Storage Service';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const BY_RECORD_TYPE = [{ Type: 'DIMENSION' as const, Key: 'RECORD_TYPE' }];
const isCreditsQuery = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';
const isUsageQuery = (input: CeRequestBody) => !isCreditsQuery(input);

let ce: FakeCostExplorer;
let store: Store;
let clients: CostExplorerClient[];
const clock = new Date('2026-03-10T12:00:00Z');

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(async () => {
  ce.reset();
  clients = [];
  store = await openStore(tempSqliteFile());
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await store.close();
});

function source(options: Partial<AwsSpendSourceOptions> = {}): AwsSpendSource {
  const client = createCostExplorerClient({
    endpoint: ce.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  clients.push(client);
  return new AwsSpendSource({ client, store, now: () => clock, ...options });
}

/** Three pages of usage; 2026-03-02 is split across pages 1 and 2, 2026-03-03 across 2 and 3. */
function scriptThreeUsagePages(metric = 'UnblendedCost') {
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [
          {
            day: '2026-03-01',
            groups: [
              { keys: [EC2], amount: '10.1234567891' },
              { keys: [S3], amount: '0.0000000004' },
            ],
          },
          { day: '2026-03-02', groups: [{ keys: [EC2], amount: '20.0000000001' }] },
        ],
      }),
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [
          { day: '2026-03-02', groups: [{ keys: [RDS], amount: '5.5555555555' }] },
          { day: '2026-03-03', estimated: true, groups: [{ keys: [EC2], amount: '0.3333333333' }] },
        ],
      }),
      costAndUsagePage({
        metric,
        groupBy: BY_SERVICE,
        days: [
          {
            day: '2026-03-03',
            estimated: true,
            groups: [
              { keys: [RDS], amount: '0.6666666667' },
              { keys: [S3], amount: '1.0000000005' },
            ],
          },
        ],
      }),
    ],
    { match: isUsageQuery },
  );
}

function scriptCredits(metric = 'UnblendedCost') {
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric,
        groupBy: BY_RECORD_TYPE,
        days: [
          { day: '2026-03-01', groups: [{ keys: ['Credit'], amount: '-5.0000000001' }] },
          { day: '2026-03-02', groups: [{ keys: ['Refund'], amount: '-1.25' }] },
          { day: '2026-03-03', estimated: true, groups: [{ keys: ['Credit'], amount: '-0.0000000001' }] },
        ],
      }),
      // The last day continues on a second page, Credit included.
      costAndUsagePage({
        metric,
        groupBy: BY_RECORD_TYPE,
        days: [
          {
            day: '2026-03-03',
            estimated: true,
            groups: [
              { keys: ['Credit'], amount: '-0.0000000001' },
              { keys: ['Refund'], amount: '0' },
            ],
          },
        ],
      }),
    ],
    { match: isCreditsQuery },
  );
}

describe('dailyCost by service', () => {
  test('sums every page exactly, beyond the cent', async () => {
    scriptThreeUsagePages();
    scriptCredits();
    const { value, fromCache, staleBecause } = await source().dailyCost({
      start: '2026-03-01',
      end: '2026-03-04',
      groupBy: 'service',
    });
    expect(fromCache).toBe(false);
    expect(staleBecause).toBeUndefined();
    expect(value.metric).toBe('UnblendedCost');
    expect(value.unit).toBe('USD');
    // Page 1 alone would give 30.1234567896; only all three pages make this total.
    expect(value.total).toBe('37.6790123456');
    expect(value.keys).toEqual([EC2, RDS, S3]);
    expect(value.days).toEqual([
      {
        day: '2026-03-01',
        estimated: false,
        total: '10.1234567895',
        groups: [
          { key: EC2, amount: '10.1234567891' },
          { key: RDS, amount: '0' },
          { key: S3, amount: '0.0000000004' },
        ],
      },
      {
        day: '2026-03-02',
        estimated: false,
        total: '25.5555555556',
        groups: [
          { key: EC2, amount: '20.0000000001' },
          { key: RDS, amount: '5.5555555555' },
          { key: S3, amount: '0' },
        ],
      },
      {
        day: '2026-03-03',
        estimated: true,
        total: '2.0000000005',
        groups: [
          { key: EC2, amount: '0.3333333333' },
          { key: RDS, amount: '0.6666666667' },
          { key: S3, amount: '1.0000000005' },
        ],
      },
    ]);
    expect(value.estimated).toBe(true);
  });

  test('a key that comes back twice for one day (split across pages) is added exactly', async () => {
    const day = (amount: string) =>
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: BY_SERVICE,
        days: [{ day: '2026-03-01', groups: [{ keys: [EC2], amount }] }],
      });
    ce.pages('GetCostAndUsage', [day('0.1'), day('0.2')], { match: isUsageQuery });
    scriptCredits();
    const { value } = await source().dailyCost({ start: '2026-03-01', end: '2026-03-02', groupBy: 'service' });
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(value.days).toEqual([
      { day: '2026-03-01', estimated: false, total: '0.3', groups: [{ key: EC2, amount: '0.3' }] },
    ]);
    expect(value.total).toBe('0.3');
  });

  test('sends the same parameters on every page, adding only the token it was given', async () => {
    scriptThreeUsagePages();
    scriptCredits();
    await source().dailyCost({ start: '2026-03-01', end: '2026-03-04', groupBy: 'service' });
    const usagePages = ce.requests('GetCostAndUsage').filter((r) => r.body && isUsageQuery(r.body));
    expect(usagePages).toHaveLength(3);
    expect(usagePages.every((r) => r.outcome === 200)).toBe(true);
    const [first, ...rest] = usagePages.map((r) => r.body!);
    expect(first).toEqual({
      TimePeriod: { Start: '2026-03-01', End: '2026-03-04' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: BY_SERVICE,
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });
    for (const page of rest) {
      const { NextPageToken, ...parameters } = page;
      expect(typeof NextPageToken).toBe('string');
      expect(parameters).toEqual(first);
    }
    expect(rest[0].NextPageToken).not.toEqual(rest[1].NextPageToken);
    expect(ce.requests().every((r) => r.target === `AWSInsightsIndexService.${r.operation}`)).toBe(true);
  });

  test('shows credits and refunds apart from usage, from one RECORD_TYPE-grouped query', async () => {
    scriptThreeUsagePages();
    scriptCredits();
    const { value } = await source().dailyCost({ start: '2026-03-01', end: '2026-03-04', groupBy: 'service' });
    expect(value.credits).toEqual([
      { day: '2026-03-01', recordType: 'Credit', amount: '-5.0000000001' },
      { day: '2026-03-02', recordType: 'Refund', amount: '-1.25' },
      { day: '2026-03-03', recordType: 'Credit', amount: '-0.0000000002' },
      { day: '2026-03-03', recordType: 'Refund', amount: '0' },
    ]);
    expect(value.creditsTotal).toBe('-6.2500000003');
    // Credits never leak into usage.
    expect(value.total).toBe('37.6790123456');
    const creditQueries = ce.requests('GetCostAndUsage').filter((r) => r.body && isCreditsQuery(r.body));
    const creditsRequest = {
      TimePeriod: { Start: '2026-03-01', End: '2026-03-04' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: BY_RECORD_TYPE,
      Filter: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } },
    };
    expect(creditQueries.map((r) => r.body)).toEqual([
      creditsRequest,
      { ...creditsRequest, NextPageToken: expect.any(String) },
    ]);
  });

  test('a day with no data at all and a service that appears mid-period do not break the table', async () => {
    ce.pages(
      'GetCostAndUsage',
      [
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: BY_SERVICE,
          days: [
            { day: '2026-03-01', groups: [] },
            { day: '2026-03-02', groups: [{ keys: [S3], amount: '0.02' }] },
            { day: '2026-03-03', groups: [{ keys: [EC2], amount: '3' }] },
          ],
        }),
      ],
      { match: isUsageQuery },
    );
    ce.pages('GetCostAndUsage', [costAndUsagePage({ metric: 'UnblendedCost', groupBy: BY_RECORD_TYPE, days: [] })], {
      match: isCreditsQuery,
    });
    const { value } = await source().dailyCost({ start: '2026-03-01', end: '2026-03-04', groupBy: 'service' });
    expect(value.keys).toEqual([EC2, S3]);
    expect(value.days.map((d) => [d.day, d.total, d.groups.map((g) => g.amount)])).toEqual([
      ['2026-03-01', '0', ['0', '0']],
      ['2026-03-02', '0.02', ['0', '0.02']],
      ['2026-03-03', '3', ['3', '0']],
    ]);
    expect(value.credits).toEqual([]);
    expect(value.creditsTotal).toBe('0');
    expect(value.estimated).toBe(false);
  });

  test('uses the configured metric in the request and the answer', async () => {
    scriptThreeUsagePages('AmortizedCost');
    scriptCredits('AmortizedCost');
    const { value } = await source({ metric: 'AmortizedCost' }).dailyCost({
      start: '2026-03-01',
      end: '2026-03-04',
      groupBy: 'service',
    });
    expect(value.metric).toBe('AmortizedCost');
    expect(value.total).toBe('37.6790123456');
    // Three usage pages and two credit pages, all for the configured metric.
    const metrics = ce.requests('GetCostAndUsage').map((r) => r.body?.Metrics);
    expect(metrics).toEqual(Array.from({ length: 5 }, () => ['AmortizedCost']));
  });

  test('rejects a period that is not whole UTC days with end after start', async () => {
    const spend = source();
    await expect(spend.dailyCost({ start: '2026-03-04', end: '2026-03-04', groupBy: 'service' })).rejects.toThrow(
      /end \(2026-03-04\) must be after start/,
    );
    await expect(spend.dailyCost({ start: '2026-3-1', end: '2026-03-04', groupBy: 'service' })).rejects.toThrow(
      /YYYY-MM-DD/,
    );
    await expect(spend.dailyCost({ start: '2026-02-30', end: '2026-03-04', groupBy: 'service' })).rejects.toThrow(
      /start must be a UTC day/,
    );
    expect(ce.requests()).toHaveLength(0);
  });
});

describe('dailyCost by tag and by account', () => {
  test('tag values come from key$value, and key$ is "(untagged)"', async () => {
    const byTeam = [{ Type: 'TAG' as const, Key: 'team' }];
    ce.pages(
      'GetCostAndUsage',
      [
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: byTeam,
          days: [
            {
              day: '2026-03-01',
              groups: [
                { keys: ['team$api'], amount: '4.10' },
                { keys: ['team$'], amount: '7.005' },
              ],
            },
          ],
        }),
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: byTeam,
          days: [{ day: '2026-03-01', groups: [{ keys: ['team$web'], amount: '0.995' }] }],
        }),
      ],
      { match: isUsageQuery },
    );
    scriptCredits();
    const { value } = await source().dailyCost({ start: '2026-03-01', end: '2026-03-02', groupBy: { tag: 'team' } });
    expect(value.keys).toEqual(['(untagged)', 'api', 'web']);
    expect(value.days[0].groups).toEqual([
      { key: '(untagged)', amount: '7.005' },
      { key: 'api', amount: '4.1' },
      { key: 'web', amount: '0.995' },
    ]);
    expect(value.total).toBe('12.1');
    expect(ce.requests('GetCostAndUsage')[0].body?.GroupBy).toEqual(byTeam);
  });

  test('linked accounts are keyed by id and named from DimensionValueAttributes', async () => {
    const byAccount = [{ Type: 'DIMENSION' as const, Key: 'LINKED_ACCOUNT' }];
    ce.pages(
      'GetCostAndUsage',
      [
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: byAccount,
          days: [
            {
              day: '2026-03-01',
              groups: [
                { keys: ['111111111111'], amount: '1.5' },
                { keys: ['222222222222'], amount: '2.5' },
              ],
            },
          ],
          attributes: [
            { Value: '111111111111', Attributes: { description: 'Production' } },
            { Value: '222222222222', Attributes: { description: 'Staging' } },
          ],
        }),
      ],
      { match: isUsageQuery },
    );
    scriptCredits();
    const { value } = await source().dailyCost({ start: '2026-03-01', end: '2026-03-02', groupBy: 'account' });
    expect(value.keys).toEqual(['222222222222', '111111111111']);
    expect(value.labels).toEqual({ '111111111111': 'Production', '222222222222': 'Staging' });
    expect(ce.requests('GetCostAndUsage')[0].body?.GroupBy).toEqual(byAccount);
  });
});
