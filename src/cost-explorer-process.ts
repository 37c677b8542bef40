/**
 * The bot's Cost Explorer requests sent from a process of its own (started by
 * src/sources/aws/cost-explorer-in-child.ts): the AWS SDK reads an answer as one piece of work (a
 * 40-day × 200-group page, 1.2 MB, held the bot's thread 30–45 ms), so the SDK client lives here,
 * with its own retries, and each answer goes back a thousand groups a message. Reads the AWS
 * credentials and endpoint from the bot's environment, as the bot's own client would.
 */
// First: no stop signal may find this process without its handlers (src/stop-signals.ts).
import './stop-signals';
import {
  type CostExplorerClient,
  GetAnomaliesCommand,
  type GetAnomaliesCommandInput,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetCostComparisonDriversCommand,
  type GetCostComparisonDriversCommandInput,
  GetCostForecastCommand,
  type GetCostForecastCommandInput,
  ProvideAnomalyFeedbackCommand,
  type ProvideAnomalyFeedbackCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { type CostExplorerClientOptions, createCostExplorerClient } from './sources/aws/cost-explorer-client';

/** What the bot asks: one command, by the SDK's name for it, with its input. */
export interface CostExplorerJob {
  id: number;
  command: string;
  input: object;
}

/** What the bot is told it needs to make its client here (once, before the first job). */
export interface CostExplorerSetup {
  setup: Omit<CostExplorerClientOptions, 'credentials'> & {
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
}

/** An SDK error's facts that say what went wrong (src/sources/aws/cost-explorer-errors.ts reads them). */
export interface SdkErrorFacts {
  name: string;
  message: string;
  code?: string;
  $metadata?: object;
  $fault?: string;
  $retryable?: object;
}

export type CostExplorerProcessMessage =
  | { id: number; buckets: unknown[] }
  /** `sliced`: the answer's ResultsByTime came before it, in `buckets` messages. */
  | { id: number; output: object; sliced?: true }
  | { id: number; error: SdkErrorFacts };

/** Groups a message at most: ~150 KB, a few milliseconds for the bot to take in. */
export const GROUPS_PER_MESSAGE = 1000;

/** The commands the bot sends, by the SDK's name for them. */
const COMMANDS: Record<string, (client: CostExplorerClient, input: never) => Promise<object>> = {
  GetCostAndUsageCommand: (client, input: GetCostAndUsageCommandInput) =>
    client.send(new GetCostAndUsageCommand(input)),
  GetCostForecastCommand: (client, input: GetCostForecastCommandInput) =>
    client.send(new GetCostForecastCommand(input)),
  GetAnomaliesCommand: (client, input: GetAnomaliesCommandInput) => client.send(new GetAnomaliesCommand(input)),
  ProvideAnomalyFeedbackCommand: (client, input: ProvideAnomalyFeedbackCommandInput) =>
    client.send(new ProvideAnomalyFeedbackCommand(input)),
  GetCostComparisonDriversCommand: (client, input: GetCostComparisonDriversCommandInput) =>
    client.send(new GetCostComparisonDriversCommand(input)),
};

const send = (message: CostExplorerProcessMessage) => process.send?.(message);

const factsOf = (error: unknown): SdkErrorFacts => {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const e = error as Error & Omit<SdkErrorFacts, 'name' | 'message'>;
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.$metadata ? { $metadata: { ...e.$metadata } } : {}),
    ...(e.$fault ? { $fault: e.$fault } : {}),
    ...(e.$retryable ? { $retryable: { ...e.$retryable } } : {}),
  };
};

/** A GetCostAndUsage answer's buckets go first, a thousand groups a message (GROUPS_PER_MESSAGE); the rest of it after. */
function sendOutput(id: number, output: { ResultsByTime?: { Groups?: unknown[] }[] } & object): void {
  const { ResultsByTime: buckets, ...rest } = output;
  if (!Array.isArray(buckets)) return void send({ id, output });
  let slice: unknown[] = [];
  let groups = 0;
  for (const bucket of buckets) {
    slice.push(bucket);
    groups += bucket.Groups?.length ?? 1;
    if (groups >= GROUPS_PER_MESSAGE) {
      send({ id, buckets: slice });
      slice = [];
      groups = 0;
    }
  }
  if (slice.length > 0) send({ id, buckets: slice });
  send({ id, output: rest, sliced: true });
}

let client: CostExplorerClient | undefined;

process.on('message', (message: CostExplorerSetup | CostExplorerJob) => {
  if ('setup' in message) {
    client = createCostExplorerClient(message.setup);
    return;
  }
  const { id, command, input } = message;
  const sendCommand = COMMANDS[command];
  if (!client || !sendCommand) {
    send({ id, error: { name: 'Error', message: `the Cost Explorer process cannot send ${command}` } });
    return;
  }
  sendCommand(client, input as never).then(
    (output) => sendOutput(id, output as object),
    (error: unknown) => send({ id, error: factsOf(error) }),
  );
});
