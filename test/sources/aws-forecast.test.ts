import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AwsSpendSource, COST_METRICS, type CostMetric, FORECAST_METRIC } from '../../src/sources/aws/aws-spend-source';
import { createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import { type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';

const clock = new Date('2026-03-10T12:00:00Z');
const REST_OF_MARCH = { start: '2026-03-10', end: '2026-04-01' };

let ce: FakeCostExplorer;
let store: Store;
let clients: CostExplorerClient[];

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

function source(metric?: CostMetric): AwsSpendSource {
  const client = createCostExplorerClient({
    endpoint: ce.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  clients.push(client);
  return new AwsSpendSource({ client, store, now: () => clock, ...(metric ? { metric } : {}) });
}

const forecastBody = {
  Total: { Amount: '1234.5678901234', Unit: 'USD' },
  ForecastResultsByTime: [
    {
      TimePeriod: { Start: '2026-03-10', End: '2026-04-01' },
      MeanValue: '1234.5678901234',
      PredictionIntervalLowerBound: '1100.0000000001',
      PredictionIntervalUpperBound: '1400.9999999999',
    },
  ],
};

describe('forecast', () => {
  test('asks GetCostForecast for the period, monthly, and returns the exact total and interval', async () => {
    ce.reply('GetCostForecast', reply.ok(forecastBody));
    const result = await source().forecast(REST_OF_MARCH);
    expect(result.fromCache).toBe(false);
    expect(result.value).toEqual({
      available: true,
      metric: 'UnblendedCost',
      start: '2026-03-10',
      end: '2026-04-01',
      unit: 'USD',
      total: '1234.5678901234',
      lower: '1100.0000000001',
      upper: '1400.9999999999',
      predictionIntervalLevel: 80,
      periods: [
        {
          start: '2026-03-10',
          end: '2026-04-01',
          mean: '1234.5678901234',
          lower: '1100.0000000001',
          upper: '1400.9999999999',
        },
      ],
    });
    expect(ce.requests('GetCostForecast').map((r) => r.body)).toEqual([
      {
        TimePeriod: { Start: '2026-03-10', End: '2026-04-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
        Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
        PredictionIntervalLevel: 80,
      },
    ]);
  });

  test('forecasts usage before credits and refunds, as the spend figure it stands beside is', async () => {
    // Cost Explorer forecasts whatever the filter leaves in: unfiltered, its history holds the
    // monthly credits, so the forecast comes out net of them ($200), while the answer calls it
    // "cost before credits" and budgets add it to month-to-date usage before credits.
    const excludesCredits = (body: { Filter?: unknown }) =>
      JSON.stringify(body.Filter) ===
      JSON.stringify({ Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } });
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '200.00', Unit: 'USD' } }));
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '1200.00', Unit: 'USD' } }), {
      match: (body) => excludesCredits(body),
    });
    const { value } = await source().forecast(REST_OF_MARCH);
    expect(value).toMatchObject({ available: true, total: '1200' });
    const [request] = ce.requests('GetCostForecast');
    expect(request.outcome).toBe(200);
  });

  test.each(COST_METRICS)('maps %s to the forecast enum the service accepts', async (metric) => {
    ce.reply('GetCostForecast', reply.ok(forecastBody));
    const { value } = await source(metric).forecast(REST_OF_MARCH);
    expect(value.metric).toBe(metric);
    const [request] = ce.requests('GetCostForecast');
    expect(request.body?.Metric).toBe(FORECAST_METRIC[metric]);
    expect(request.outcome).toBe(200);
  });

  test('the enum mapping is the documented one', () => {
    expect(FORECAST_METRIC).toEqual({
      UnblendedCost: 'UNBLENDED_COST',
      AmortizedCost: 'AMORTIZED_COST',
      BlendedCost: 'BLENDED_COST',
      NetUnblendedCost: 'NET_UNBLENDED_COST',
      NetAmortizedCost: 'NET_AMORTIZED_COST',
    });
  });

  test('a forecast over several months gives the total and per-month intervals, but no summed interval', async () => {
    ce.reply(
      'GetCostForecast',
      reply.ok({
        Total: { Amount: '300.10', Unit: 'USD' },
        ForecastResultsByTime: [
          {
            TimePeriod: { Start: '2026-04-01', End: '2026-05-01' },
            MeanValue: '150.05',
            PredictionIntervalLowerBound: '120',
            PredictionIntervalUpperBound: '180',
          },
          {
            TimePeriod: { Start: '2026-05-01', End: '2026-06-01' },
            MeanValue: '150.05',
            PredictionIntervalLowerBound: '110',
            PredictionIntervalUpperBound: '190',
          },
        ],
      }),
    );
    const { value } = await source().forecast({ start: '2026-04-01', end: '2026-06-01' });
    expect(value.available).toBe(true);
    if (!value.available) return;
    expect(value.total).toBe('300.1');
    expect(value.lower).toBeUndefined();
    expect(value.upper).toBeUndefined();
    expect(value.periods.map((p) => [p.start, p.lower, p.upper])).toEqual([
      ['2026-04-01', '120', '180'],
      ['2026-05-01', '110', '190'],
    ]);
  });

  test('not enough history is a plain answer, cached like any other', async () => {
    ce.reply('GetCostForecast', reply.dataUnavailable());
    const spend = source();
    const first = await spend.forecast(REST_OF_MARCH);
    expect(first.value).toEqual({
      available: false,
      metric: 'UnblendedCost',
      start: '2026-03-10',
      end: '2026-04-01',
      reason: expect.stringMatching(/^Not enough history to forecast/),
    });
    expect(first.staleBecause).toBeUndefined();
    const second = await spend.forecast(REST_OF_MARCH);
    expect(second.fromCache).toBe(true);
    expect(ce.requests('GetCostForecast')).toHaveLength(1);
    expect((await spend.requestsThisMonth()).requests).toBe(1);
  });

  test('other failures are errors naming the forecast permission', async () => {
    ce.reply('GetCostForecast', reply.accessDenied('GetCostForecast'));
    await expect(source().forecast(REST_OF_MARCH)).rejects.toMatchObject({
      kind: 'permission',
      message: expect.stringMatching(/^AWS denied ce:GetCostForecast/),
    });
  });

  test('a forecast without a Total is a bad response', async () => {
    ce.reply('GetCostForecast', reply.ok({ ForecastResultsByTime: [] }));
    await expect(source().forecast(REST_OF_MARCH)).rejects.toMatchObject({ kind: 'bad-response' });
  });
});
