import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  COST_EXPLORER_REGION,
  createCostExplorerClient,
  DEFAULT_MAX_ATTEMPTS,
} from '../../src/sources/aws/cost-explorer-client';
import { type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const input = {
  TimePeriod: { Start: '2026-03-01', End: '2026-03-02' },
  Granularity: 'DAILY' as const,
  Metrics: ['UnblendedCost'],
};

let ce: FakeCostExplorer;

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(() => {
  ce.reset();
});

describe('createCostExplorerClient', () => {
  test('honours AWS_ENDPOINT_URL_COST_EXPLORER when no endpoint is given', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    const saved = process.env.AWS_ENDPOINT_URL_COST_EXPLORER;
    process.env.AWS_ENDPOINT_URL_COST_EXPLORER = ce.endpoint;
    const client = createCostExplorerClient({ credentials, maxAttempts: 1 });
    try {
      await client.send(new GetCostAndUsageCommand(input));
    } finally {
      client.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_COST_EXPLORER;
      else process.env.AWS_ENDPOINT_URL_COST_EXPLORER = saved;
    }
    expect(ce.requests()).toHaveLength(1);
  });

  test('signs for us-east-1, the only Cost Explorer region', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    const client = createCostExplorerClient({ endpoint: ce.endpoint, credentials, maxAttempts: 1 });
    await client.send(new GetCostAndUsageCommand(input));
    client.destroy();
    expect(COST_EXPLORER_REGION).toBe('us-east-1');
    expect(await client.config.region()).toBe('us-east-1');
    expect(ce.requests()[0]).toMatchObject({ signingRegion: 'us-east-1', signingService: 'ce' });
  });

  test(`retries throttling with the SDK's standard strategy, ${DEFAULT_MAX_ATTEMPTS} attempts by default`, async () => {
    ce.reply('GetCostAndUsage', reply.throttle());
    const client = createCostExplorerClient({ endpoint: ce.endpoint, credentials, retryDelayMs: 1 });
    await expect(client.send(new GetCostAndUsageCommand(input))).rejects.toMatchObject({
      name: 'LimitExceededException',
      $metadata: expect.objectContaining({ attempts: 3 }),
    });
    client.destroy();
    expect(ce.requests().map((r) => r.sdkAttempt)).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
  });

  test('does not retry what retrying cannot fix', async () => {
    ce.reply('GetCostAndUsage', reply.accessDenied());
    const client = createCostExplorerClient({ endpoint: ce.endpoint, credentials, retryDelayMs: 1 });
    await expect(client.send(new GetCostAndUsageCommand(input))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    client.destroy();
    expect(ce.requests()).toHaveLength(1);
  });

  test('a request past the timeout fails instead of only warning', async () => {
    ce.reply('GetCostAndUsage', reply.slow(2_000, reply.ok({ ResultsByTime: [] })));
    const client = createCostExplorerClient({
      endpoint: ce.endpoint,
      credentials,
      maxAttempts: 1,
      requestTimeoutMs: 50,
    });
    await expect(client.send(new GetCostAndUsageCommand(input))).rejects.toMatchObject({ name: 'TimeoutError' });
    client.destroy();
  });

  test('refuses a nonsensical attempt count', () => {
    expect(() => createCostExplorerClient({ maxAttempts: 0 })).toThrow(RangeError);
  });
});
