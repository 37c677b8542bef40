/**
 * One piece of background work in a process of its own (the digest's chart, the digest itself):
 * forked at the lowest CPU priority, sent its job, ended when it answers, fails or runs too long. A
 * process rather than a worker thread: its heap goes away with it (a worker's is freed, but the
 * allocator keeps most of it), and the bot's thread takes a core whenever a Slack request wakes it
 * instead of sharing one with the work (a dyno has few).
 */
import { fork, type Serializable } from 'node:child_process';
import os from 'node:os';

const NICENESS = 19;

export interface BackgroundJob<T> {
  /** The compiled entry to run. */
  file: string;
  job: Serializable;
  nodeFlags: string[];
  /** Default: JSON. 'advanced' sends binary (a PNG) without copying it through text. */
  serialization?: 'json' | 'advanced';
  /** What the work makes, for failures: "the chart", "the digest". */
  what: string;
  timeoutMs: number;
  /** Each message from the process: its answer (`value` or `error`), or undefined for one on the way (a log line). */
  answer(message: unknown): { value: T } | { error: Error } | undefined;
}

export function inBackgroundProcess<T>(work: BackgroundJob<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(work.file, [], {
      execArgv: work.nodeFlags,
      serialization: work.serialization ?? 'json',
      // The AWS SDK reads its credentials and endpoint from the environment: the bot's, as it is now.
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, NICENESS);
    } catch {
      // Lowering a process's priority is always allowed on Linux; elsewhere, normal priority is fine.
    }
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new Error(`${work.what} was not ready within ${Math.round(work.timeoutMs / 1000)} s`)));
    }, work.timeoutMs);
    timer.unref();
    child.on('message', (message: unknown) => {
      const answer = work.answer(message);
      if (!answer) return;
      settle(() => ('value' in answer ? resolve(answer.value) : reject(answer.error)));
    });
    child.once('error', (error) => settle(() => reject(new Error(`${work.what} could not be made: ${error.message}`))));
    child.once('close', (code, signal) =>
      settle(() => reject(new Error(`the process making ${work.what} stopped (${signal ?? `exit code ${code}`})`))),
    );
    child.send(work.job);
  });
}
