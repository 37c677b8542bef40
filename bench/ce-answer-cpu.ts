/**
 * CPU a large Cost Explorer answer costs the process that asks: the bot's client
 * (src/sources/aws/cost-explorer-client.ts, quiet SDK logger) beside an SDK client with its default
 * logger, alternately in the same run, against the local fake. The fake answers in this process too,
 * so the difference is what the client side does differently: the default logger's copy of every
 * answer for its log (src/sources/sdk-logger.ts).
 */
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { createCostExplorerClient } from '../src/sources/aws/cost-explorer-client';
import { reply, startFakeCostExplorer } from '../test/support/fake-cost-explorer';
import { percentile } from './signed-requests';

type Print = (name: string, value: string) => void;

/** A month and more of daily cost by service and usage type: 40 days × 200 groups (~1.2 MB). */
const DAYS = 40;
const GROUPS = 200;
const ROUNDS = 9;

const BY_SERVICE_AND_USAGE = [
  { Type: 'DIMENSION' as const, Key: 'SERVICE' },
  { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
];

function answer() {
  const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
  return {
    GroupDefinitions: BY_SERVICE_AND_USAGE,
    ResultsByTime: Array.from({ length: DAYS }, (_, d) => ({
      TimePeriod: { Start: day(d), End: day(d + 1) },
      Total: {},
      Groups: Array.from({ length: GROUPS }, (_, g) => ({
        Keys: [`Service ${g % 40}`, `USE1-UsageType-${g}`],
        Metrics: { UnblendedCost: { Amount: '12.3456', Unit: 'USD' }, UsageQuantity: { Amount: '24', Unit: 'Hrs' } },
      })),
      Estimated: false,
    })),
    DimensionValueAttributes: [],
  };
}

export async function ceAnswerCpu(print: Print): Promise<void> {
  const ce = await startFakeCostExplorer();
  const body = answer();
  ce.reply('GetCostAndUsage', () => reply.ok(body));
  const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
  const clients = {
    bot: createCostExplorerClient({ endpoint: ce.endpoint, credentials }),
    sdkDefault: new CostExplorerClient({ region: 'us-east-1', endpoint: ce.endpoint, credentials }),
  };
  const input = {
    TimePeriod: { Start: body.ResultsByTime[0]!.TimePeriod.Start, End: body.ResultsByTime.at(-1)!.TimePeriod.End },
    Granularity: 'DAILY' as const,
    Metrics: ['UnblendedCost', 'UsageQuantity'],
    GroupBy: BY_SERVICE_AND_USAGE,
  };
  const cpu: Record<keyof typeof clients, number[]> = { bot: [], sdkDefault: [] };
  try {
    for (const client of Object.values(clients)) await client.send(new GetCostAndUsageCommand(input));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, client] of Object.entries(clients) as [keyof typeof clients, CostExplorerClient][]) {
        const before = process.cpuUsage();
        await client.send(new GetCostAndUsageCommand(input));
        const used = process.cpuUsage(before);
        cpu[name].push((used.user + used.system) / 1000);
      }
    }
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    await ce.close();
  }
  const kib = (JSON.stringify(body).length / 1024).toFixed(0);
  print(
    `ce_answer_cpu_ms_p50 (${DAYS} days × ${GROUPS} groups, ${kib} KiB; client and fake in the bench process): bot's client / SDK default logger`,
    `${percentile(cpu.bot, 50).toFixed(1)} / ${percentile(cpu.sdkDefault, 50).toFixed(1)}`,
  );
}
