/**
 * A large Cost Explorer answer, against the local fake in this process:
 * - CPU it costs the client: the bot's client (src/sources/aws/cost-explorer-client.ts, quiet SDK
 *   logger) beside an SDK client with its default logger, alternately in the same run; the fake's
 *   own work is in both, so the difference is the default logger's copy of every answer for its log
 *   (src/sources/sdk-logger.ts);
 * - the longest the event loop is held while the bot's Cost Explorer layer reads it (SDK, checks,
 *   cache), this build beside the baseline build (bench/baseline.ts) when there is one.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { createCostExplorerClient } from '../src/sources/aws/cost-explorer-client';
import { reply, startFakeCostExplorer } from '../test/support/fake-cost-explorer';
import { baselineDist } from './baseline';
import { BOT_ENTRY, BOT_NODE_FLAGS } from './child-bot';
import { percentile } from './signed-requests';

type Print = (name: string, value: string) => void;

/** A month and more of daily cost by service and usage type: 40 days × 200 groups (~1.2 MB). */
const DAYS = 40;
const GROUPS = 200;
const ROUNDS = 9;
const CHILD = path.join(__dirname, 'ce-answer-child.js');

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

/**
 * The longest blocks, measured in a process of its own (bench/ce-answer-child.ts): in this one they
 * would include the fake's own work on the answer.
 */
function longestBlocks(
  dist: string,
  endpoint: string,
  input: object,
): Promise<{ fresh: number[]; fromStore: number[] }> {
  return new Promise((resolve, reject) => {
    // The bot's production flags: its 2 MiB young generation is collected in shorter pauses.
    const child = fork(CHILD, [], {
      execArgv: BOT_NODE_FLAGS,
      env: {
        PATH: process.env.PATH ?? '',
        CE_CHILD_DIST: dist,
        CE_CHILD_ENDPOINT: endpoint,
        CE_CHILD_ROUNDS: String(ROUNDS),
        CE_CHILD_INPUT: JSON.stringify(input),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (blocks: { fresh: number[]; fromStore: number[] }) => resolve(blocks));
    child.once('exit', (code) => reject(new Error(`the Cost Explorer child exited (code ${code}) without an answer`)));
  });
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
    const builds = [{ label: 'this build', dir: path.dirname(BOT_ENTRY) }, ...[baselineDist() ?? []].flat()];
    for (const build of builds) {
      const blocks = await longestBlocks(build.dir, ce.endpoint, input);
      print(
        `ce_answer_longest_block_ms_p50 (${build.label}; the bot's Cost Explorer layer reading it afresh: its client, checks, cache)`,
        percentile(blocks.fresh, 50).toFixed(1),
      );
      print(
        `ce_answer_longest_block_ms_p50 (${build.label}; read back from the store after a restart)`,
        percentile(blocks.fromStore, 50).toFixed(1),
      );
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
