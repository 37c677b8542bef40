/**
 * The built bot (`node dist/index.js`, as the Procfile runs it) in a child process, so its memory
 * is its own: RSS read from /proc/<pid>/status.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PRODUCTION_NODE_FLAGS } from '../src/runtime';

/** dist-bench/bench → the repository root. */
export const BOT_ENTRY = path.resolve(__dirname, '../../dist/index.js');

export interface ChildBot {
  pid: number;
  /** The IPC channel (the loop probe answers on it). */
  process: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** Everything the bot wrote to stderr (its log) so far. */
  log(): string;
  /** Resolves when the log contains `text` (e.g. the jobs' start-up catch-up finishing). */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The V8 flags production runs the bot with (Procfile, Dockerfile, `npm start`; a deploy test keeps
 * them equal), so the memory measured is the memory a dyno sees. BOT_NODE_FLAGS overrides them to
 * compare settings.
 */
export const BOT_NODE_FLAGS = (process.env.BOT_NODE_FLAGS ?? PRODUCTION_NODE_FLAGS).split(' ').filter(Boolean);

export interface ChildBotOptions {
  /** Another build of the bot (a baseline), instead of this checkout's dist/index.js. */
  entry?: string;
  /** Node options before the entry, after the production flags (e.g. `--require` of the loop probe). */
  nodeArgs?: string[];
}

/**
 * A weekly digest schedule whose last time was three days ago (UTC), so a bot under test never posts
 * the digest on its own during a run: its start-up catch-up posts a digest missed by less than a day
 * (src/jobs/scheduler.ts), which on a Monday after 09:00 UTC took the week the bench then asks for.
 */
export function quietDigestSchedule(now: Date): Record<string, string> {
  const threeDaysBack = (now.getUTCDay() + 4) % 7;
  return { DIGEST_SCHEDULE: `0 0 * * ${threeDaysBack}`, DIGEST_TIMEZONE: 'UTC' };
}

export async function startChildBot(env: Record<string, string>, options: ChildBotOptions = {}): Promise<ChildBot> {
  const entry = options.entry ?? BOT_ENTRY;
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...BOT_NODE_FLAGS, ...(options.nodeArgs ?? []), entry], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...quietDigestSchedule(new Date()), ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let seen = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (chunk: Buffer) => {
    seen += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /listening on port (\d+)/.exec(seen);
      if (match) {
        child.stderr!.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stderr!.on('data', onData);
    exited.then(() => reject(new Error(`the bot exited before listening:\n${seen}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  return {
    pid: child.pid!,
    process: child,
    url,
    readyMs,
    log: () => seen,
    async waitForLog(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!seen.includes(text)) {
        if (Date.now() > deadline) throw new Error(`the bot never logged "${text}":\n${seen}`);
        if (child.exitCode !== null) throw new Error(`the bot exited:\n${seen}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM, RssAnon, RssFile); undefined off Linux. */
export function procStatusBytes(pid: number, field: string): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
