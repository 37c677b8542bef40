import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { createPricingClient } from '../../src/sources/prices/pricing-client';
import { costAndUsagePage, type FakeCostExplorer, startFakeCostExplorer } from '../support/fake-cost-explorer';
import { type FakePriceList, startFakePriceList } from '../support/fake-price-list';
import { priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];

let ce: FakeCostExplorer;
let priceList: FakePriceList;
beforeAll(async () => {
  ce = await startFakeCostExplorer();
  priceList = await startFakePriceList(priceListItems('us-east-1', US_EAST_1_PRICES));
});
afterAll(async () => {
  await ce.close();
  await priceList.close();
});

/** The middleware ahead of the SDK's logger middleware that counts the copies made for its log. */
function countLogCopies(client: CostExplorerClient | PricingClient): { copies: number } {
  const counted = { copies: 0 };
  (client.middlewareStack as CostExplorerClient['middlewareStack']).add(
    (next, context) => (args) => {
      const filter = context.outputFilterSensitiveLog as (output: unknown) => unknown;
      context.outputFilterSensitiveLog = (output: unknown) => {
        counted.copies++;
        return filter(output);
      };
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'countLogCopies' },
  );
  return counted;
}

/** How many times the SDK copied one Cost Explorer answer to filter it for its log. */
async function logCopiesOfOneAnswer(client: CostExplorerClient): Promise<number> {
  const counted = countLogCopies(client);
  ce.pages('GetCostAndUsage', [
    costAndUsagePage({
      metric: 'UnblendedCost',
      groupBy: BY_SERVICE,
      days: [{ day: '2026-03-01', groups: [{ keys: ['Amazon Simple Storage Service'], amount: '1.25' }] }],
    }),
  ]);
  const output = await client.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: '2026-03-01', End: '2026-03-02' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: BY_SERVICE,
    }),
  );
  expect(output.ResultsByTime?.[0]?.Groups?.[0]?.Metrics?.UnblendedCost?.Amount).toBe('1.25');
  client.destroy();
  return counted.copies;
}

/** The same for one Price List answer. */
async function logCopiesOfOnePriceListAnswer(client: PricingClient): Promise<number> {
  const counted = countLogCopies(client);
  const output = await client.send(
    new GetProductsCommand({
      ServiceCode: 'AmazonEC2',
      Filters: [{ Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' }],
      MaxResults: 10,
    }),
  );
  expect(output.PriceList?.length).toBeGreaterThan(0);
  client.destroy();
  return counted.copies;
}

describe('the AWS SDK clients the bot makes', () => {
  test('do not copy every answer for a log line no one writes (the SDK default logger does)', async () => {
    const bots = await logCopiesOfOneAnswer(createCostExplorerClient({ endpoint: ce.endpoint, credentials }));
    const sdkDefault = await logCopiesOfOneAnswer(
      new CostExplorerClient({ region: 'us-east-1', endpoint: ce.endpoint, credentials }),
    );
    expect({ bots, sdkDefault }).toEqual({ bots: 0, sdkDefault: 1 });
  });

  test('the Price List client is made the same way', async () => {
    const bots = await logCopiesOfOnePriceListAnswer(
      createPricingClient({ endpoint: priceList.url, credentials, maxAttempts: 1 }),
    );
    const sdkDefault = await logCopiesOfOnePriceListAnswer(
      new PricingClient({ region: 'us-east-1', endpoint: priceList.url, credentials }),
    );
    expect({ bots, sdkDefault }).toEqual({ bots: 0, sdkDefault: 1 });
  });
});
