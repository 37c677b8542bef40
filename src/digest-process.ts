/**
 * The weekly digest gathered in a process of its own (started by src/answers/digest-in-child.ts):
 * reading a month of snapshots for hundreds of apps, Cost Explorer's pages, modelling every app and
 * building the message take about a second of CPU and tens of MiB, which on the bot's one thread
 * held up every Slack ack behind them. It opens the bot's store, reads the same caches, prices and
 * sources, gathers one digest, sends it back as JSON (src/core/digest/digest-json.ts) and exits.
 * What it would log goes to the bot's logger, which hides the configured secrets.
 */
// First: no stop signal may find this process without its handlers (src/stop-signals.ts).
import './stop-signals';
import { inspect } from 'node:util';
import { gatherDigest } from './answers/digest';
import type { Config } from './config';
import { connectServices } from './connect-services';
import { digestToJson } from './core/digest/digest-json';
import { closeSources } from './sources/connect-sources';
import { rememberSecrets } from './sources/source-error';
import { openStore } from './store/open-store';

export interface DigestJob {
  config: Config;
  /** What the bot hides from logs and error texts. */
  secrets: string[];
  /** The bot's clock when it asked (ISO): this process's clock stands still at it. */
  now: string;
  timezone?: string;
  force?: boolean;
  explain?: boolean;
}

/** An error as the bot logs it: its own name, message and this process's stack. */
export interface ErrorFacts {
  name: string;
  message: string;
  stack?: string;
}

export type DigestProcessMessage =
  | { failure: { message: string; error: ErrorFacts } }
  | { warn: string[] }
  | { digest: string }
  | { error: ErrorFacts };

const send = (message: DigestProcessMessage, then: () => void = () => {}) =>
  process.send?.(message, undefined, {}, then);

const factsOf = (error: unknown): ErrorFacts =>
  error instanceof Error
    ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { name: 'Error', message: String(error) };

async function gather(job: DigestJob): Promise<string> {
  rememberSecrets(job.secrets);
  const at = new Date(job.now);
  const now = () => new Date(at);
  const store = await openStore(job.config, at);
  try {
    const logger = {
      warn: (...messages: unknown[]) =>
        send({ warn: messages.map((m) => (typeof m === 'string' ? m : inspect(m, { depth: 4 }))) }),
    };
    const services = await connectServices(job.config, store, now, { owner: 'digest', logger });
    try {
      const digest = await gatherDigest(services, {
        now: at,
        ...(job.timezone ? { timezone: job.timezone } : {}),
        ...(job.force ? { force: true } : {}),
        ...(job.explain ? { explain: true } : {}),
        log: (message, error) => send({ failure: { message, error: factsOf(error) } }),
      });
      return digestToJson(digest);
    } finally {
      closeSources(services.sources);
    }
  } finally {
    await store.close();
  }
}

process.once('message', (job: DigestJob) => {
  gather(job).then(
    (digest) => send({ digest }, () => process.disconnect?.()),
    (error: unknown) => send({ error: factsOf(error) }, () => process.disconnect?.()),
  );
});
