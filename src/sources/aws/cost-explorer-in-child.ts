/**
 * The bot's Cost Explorer client: the same SDK client, the same retries and errors, but each request
 * is sent from a process of its own (src/cost-explorer-process.ts). The AWS SDK reads an answer as
 * one piece of work, and a month of daily cost by service and usage type (1.2 MB) held the bot's
 * thread 30–45 ms while Slack waited on acks; the answer now comes back a thousand groups a
 * message. The process starts at the first request and ends when none has come for a while, and
 * when the bot stops. The CLI and the digest's process, which no Slack request waits on, use the
 * SDK client directly.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { CostExplorerClient, type ServiceOutputTypes } from '@aws-sdk/client-cost-explorer';
import type {
  CostExplorerJob,
  CostExplorerProcessMessage,
  CostExplorerSetup,
  SdkErrorFacts,
} from '../../cost-explorer-process';
import {
  type CostExplorerClientOptions,
  costExplorerConfig,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './cost-explorer-client';

/** The compiled entry; under ts-jest (this file is TypeScript) the built one, as for the digest's process. */
const PROCESS_FILE = __filename.endsWith('.ts')
  ? path.resolve(__dirname, '../../../dist/cost-explorer-process.js')
  : path.join(__dirname, '../../cost-explorer-process.js');

/**
 * The bot's own heap caps: reading 1.2 MB answers, the process peaked at 78 MiB resident with them
 * and 107 MiB without. The bot has printed the AWS SDK's warnings (its Node version notice) once
 * already; each new process would print them again.
 */
const PROCESS_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=2', '--no-warnings'];

/** The process ends after this long without a request (a spend or alert check asks a few in a row). */
const IDLE_MS = 30_000;

/** Beyond every attempt's own timeout and the SDK's backoff between them, the process is taken to be stuck. */
const STUCK_AFTER_MS = 60_000;

interface Pending {
  resolve(output: object): void;
  reject(error: Error): void;
  buckets: unknown[];
  timer: NodeJS.Timeout;
}

/** The SDK's error rebuilt from its facts: what src/sources/aws/cost-explorer-errors.ts reads to explain it. */
function sdkError(facts: SdkErrorFacts): Error {
  return Object.assign(new Error(facts.message), facts);
}

/** The process the requests are sent from, started when first needed. */
class CostExplorerProcess {
  #child: ChildProcess | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #idle: NodeJS.Timeout | undefined;
  readonly #setup: CostExplorerSetup;
  readonly #stuckAfterMs: number;

  constructor(options: CostExplorerClientOptions) {
    const { credentials, ...rest } = options;
    if (typeof credentials === 'function') {
      throw new TypeError('a Cost Explorer client in its own process takes credentials as keys, not a provider');
    }
    this.#setup = { setup: { ...rest, ...(credentials ? { credentials } : {}) } };
    const attempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#stuckAfterMs = attempts * (options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) + STUCK_AFTER_MS;
  }

  send(command: string, input: object): Promise<object> {
    clearTimeout(this.#idle);
    // A process whose channel has closed is on its way out: the request goes to a new one.
    const child = this.#child?.connected ? this.#child : this.#start();
    // While a request is under way the process keeps the bot's event loop alive; idle, it does not.
    child.ref();
    child.channel?.ref();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#settle(id, (p) =>
          p.reject(
            Object.assign(new Error(`Cost Explorer ${command} timed out`), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
          ),
        );
        this.stop();
      }, this.#stuckAfterMs);
      timer.unref();
      this.#pending.set(id, { resolve, reject, buckets: [], timer });
      child.send({ id, command, input } satisfies CostExplorerJob);
    });
  }

  /** Ends the process; requests under way fail as a process that stopped. */
  stop(): void {
    clearTimeout(this.#idle);
    const child = this.#child;
    this.#child = undefined;
    if (child?.connected) child.disconnect();
  }

  #start(): ChildProcess {
    const child = fork(PROCESS_FILE, [], {
      execArgv: PROCESS_NODE_FLAGS,
      serialization: 'advanced',
      // The SDK reads the credentials and endpoint from the environment: the bot's, as it is now.
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: CostExplorerProcessMessage) => this.#received(message));
    const stopped = (why: string) => {
      if (this.#child === child) this.#child = undefined;
      for (const id of [...this.#pending.keys()]) {
        this.#settle(id, (p) => p.reject(new Error(`the Cost Explorer process stopped (${why})`)));
      }
    };
    child.once('exit', (code, signal) => stopped(signal ?? `exit code ${code}`));
    // A failed spawn, or a message the closed channel could not take: every one is the process's end.
    child.on('error', (error) => stopped(error.message));
    child.send(this.#setup);
    this.#child = child;
    return child;
  }

  #received(message: CostExplorerProcessMessage): void {
    if ('buckets' in message) {
      const pending = this.#pending.get(message.id);
      for (const bucket of message.buckets) pending?.buckets.push(bucket);
      return;
    }
    this.#settle(message.id, (p) => {
      if ('error' in message) p.reject(sdkError(message.error));
      else p.resolve(message.sliced ? { ...message.output, ResultsByTime: p.buckets } : message.output);
    });
  }

  #settle(id: number, settle: (pending: Pending) => void): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    settle(pending);
    if (this.#pending.size > 0 || !this.#child) return;
    this.#child.unref();
    this.#child.channel?.unref();
    this.#idle = setTimeout(() => this.stop(), IDLE_MS);
    this.#idle.unref();
  }
}

/**
 * A Cost Explorer client like `createCostExplorerClient`'s, whose requests go out from its own
 * process: a middleware at the start of every command hands it there and returns its answer, so
 * callers, retries and error handling are the SDK's as before.
 */
export class CostExplorerClientInChild extends CostExplorerClient {
  readonly #process: CostExplorerProcess;

  constructor(options: CostExplorerClientOptions = {}) {
    super(costExplorerConfig(options));
    const elsewhere = new CostExplorerProcess(options);
    this.#process = elsewhere;
    this.middlewareStack.add(
      (_next, context) => async (args) => ({
        output: (await elsewhere.send(context.commandName ?? '', args.input as object)) as ServiceOutputTypes,
        response: undefined,
      }),
      { step: 'initialize', priority: 'high', name: 'sendFromCostExplorerProcess' },
    );
  }

  override destroy(): void {
    this.#process.stop();
    super.destroy();
  }
}
