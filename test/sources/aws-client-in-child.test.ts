import { GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { costExplorerError } from '../../src/sources/aws/cost-explorer-errors';
import { CostExplorerClientInChild } from '../../src/sources/aws/cost-explorer-in-child';
import { childProcesses } from '../support/child-processes';
import { type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';
import { Gate, waitUntil } from '../support/gate';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

/** A month and more of daily cost by service and usage type: 40 days × 200 groups, ~1.2 MB. */
function bigAnswer() {
  const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
  return {
    GroupDefinitions: [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    ResultsByTime: Array.from({ length: 40 }, (_, d) => ({
      TimePeriod: { Start: day(d), End: day(d + 1) },
      Total: {},
      Groups: Array.from({ length: 200 }, (_, g) => ({
        Keys: [`Service ${g % 40}`, `USE1-UsageType-${g}`],
        Metrics: { UnblendedCost: { Amount: `${d}.${g}`, Unit: 'USD' } },
      })),
      Estimated: d > 37,
    })),
    DimensionValueAttributes: [],
    NextPageToken: 'page-2',
  };
}

const input = {
  TimePeriod: { Start: '2026-10-01', End: '2026-11-10' },
  Granularity: 'DAILY' as const,
  Metrics: ['UnblendedCost'],
  GroupBy: [
    { Type: 'DIMENSION' as const, Key: 'SERVICE' },
    { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
  ],
};

const costExplorerProcesses = () => childProcesses('cost-explorer-process.js').map(Number);

let ce: FakeCostExplorer;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  ce.reset();
  // No test leaves a process behind.
  await waitUntil(() => costExplorerProcesses().length === 0, 'the Cost Explorer processes to end');
});
afterAll(() => ce.close());

function clientInChild() {
  const client = new CostExplorerClientInChild({ endpoint: ce.endpoint, credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

describe("the bot's Cost Explorer client, sending from a process of its own", () => {
  test('a large answer, sent back in pieces, reads as the SDK client in this process reads it', async () => {
    ce.reply('GetCostAndUsage', reply.ok(bigAnswer()));
    const direct = createCostExplorerClient({ endpoint: ce.endpoint, credentials, maxAttempts: 1 });
    clients.push(direct);
    const here = await direct.send(new GetCostAndUsageCommand(input));
    const there = await clientInChild().send(new GetCostAndUsageCommand(input));
    const { $metadata: hereMeta, ...hereAnswer } = here;
    const { $metadata: thereMeta, ...thereAnswer } = there;
    expect(thereAnswer).toEqual(hereAnswer);
    expect(thereAnswer.ResultsByTime).toHaveLength(40);
    expect(thereMeta).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(hereMeta).toMatchObject({ httpStatusCode: 200, attempts: 1 });
  });

  test('an answer without buckets, and one with none in its list, come back as they were sent', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [], DimensionValueAttributes: [] }));
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '12.5', Unit: 'USD' }, ForecastResultsByTime: [] }));
    const client = clientInChild();
    await expect(client.send(new GetCostAndUsageCommand(input))).resolves.toMatchObject({
      ResultsByTime: [],
      DimensionValueAttributes: [],
    });
    const forecast = await client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: '2026-11-10', End: '2026-12-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
      }),
    );
    expect(forecast.Total).toEqual({ Amount: '12.5', Unit: 'USD' });
  });

  test('its process starts with the first request and ends when the client is destroyed', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    const client = clientInChild();
    expect(costExplorerProcesses()).toHaveLength(0);
    await client.send(new GetCostAndUsageCommand(input));
    await client.send(new GetCostAndUsageCommand(input));
    expect(costExplorerProcesses()).toHaveLength(1);
    client.destroy();
    await waitUntil(() => costExplorerProcesses().length === 0, 'the process to end');
  });

  test('a process that stops mid-request fails that request plainly; the next request starts another', async () => {
    const gate = new Gate();
    ce.reply('GetCostAndUsage', reply.held(gate.opened, reply.ok({ ResultsByTime: [] })));
    const client = clientInChild();
    const sent = client.send(new GetCostAndUsageCommand(input));
    await waitUntil(() => ce.requests().length === 1, 'the request to reach Cost Explorer');
    const [pid] = costExplorerProcesses();
    process.kill(pid!, 'SIGKILL');
    const error = await sent.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(costExplorerError(error, 'GetCostAndUsage')).toMatchObject({
      kind: 'unavailable',
      message: 'Cost Explorer GetCostAndUsage failed (Error); try again later.',
    });
    gate.open();
    await expect(client.send(new GetCostAndUsageCommand(input))).resolves.toMatchObject({ ResultsByTime: [] });
    expect(costExplorerProcesses()).not.toContain(pid);
  });
});
