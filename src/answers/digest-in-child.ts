/**
 * The bot's way to the digest (the scheduled post, `/hosting digest`, the App Home dashboard): the
 * same `gatherDigest`, run in a process of its own (src/digest-process.ts) so its second or so of
 * CPU, its garbage and its ~50 MiB stay off the thread that acks Slack. It reads the same store
 * (caches, snapshots, live prices) and sources; the CLI, a process of its own already, calls
 * `gatherDigest` directly. An in-memory SQLite store cannot be shared, so with one the digest is
 * gathered here.
 */
import path from 'node:path';
import { inBackgroundProcess } from '../background-process';
import type { Digest } from '../core/digest';
import { digestFromJson } from '../core/digest/digest-json';
import type { DigestJob, DigestProcessMessage, ErrorFacts } from '../digest-process';
import type { Services } from '../services';
import { rememberedSecrets } from '../sources/source-error';
import { type GatherOptions, gatherDigest } from './digest';

/** The compiled entry; under ts-jest (this file is TypeScript) the built one, as for the chart's process. */
const PROCESS_FILE = __filename.endsWith('.ts')
  ? path.resolve(__dirname, '../../dist/digest-process.js')
  : path.join(__dirname, '../digest-process.js');

/** The bot's own heap cap; young-generation pauses do not matter here, so they are made rarer. */
const PROCESS_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];

/** Longer than any caller waits (the scheduled post gives up after 5 minutes): a stuck process is ended. */
const PROCESS_TIMEOUT_MS = 10 * 60_000;

const errorFrom = (facts: ErrorFacts): Error => {
  const error = new Error(facts.message);
  error.name = facts.name;
  if (facts.stack) error.stack = facts.stack;
  return error;
};

export function gatherDigestInChild(services: Services, options: GatherOptions): Promise<Digest> {
  if (services.config.DATABASE_URL === ':memory:') return gatherDigest(services, options);
  const job: DigestJob = {
    config: services.config,
    secrets: rememberedSecrets(),
    now: options.now.toISOString(),
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.explain ? { explain: true } : {}),
  };
  return inBackgroundProcess<Digest>({
    file: PROCESS_FILE,
    job,
    nodeFlags: PROCESS_NODE_FLAGS,
    what: 'the digest',
    timeoutMs: PROCESS_TIMEOUT_MS,
    answer: (received) => {
      const message = received as DigestProcessMessage;
      if ('failure' in message) options.log?.(message.failure.message, errorFrom(message.failure.error));
      else if ('warn' in message) options.warn?.(...message.warn);
      else if ('digest' in message) return { value: digestFromJson(message.digest) };
      else return { error: errorFrom(message.error) };
      return undefined;
    },
  });
}
