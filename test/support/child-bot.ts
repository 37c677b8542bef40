import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SIGNING_SECRET } from './bot-harness';
import { tempSqliteFile } from './databases';

/** The built bot (`npm test` builds first), run as production runs it, as a child process. */
const BOT_ENTRY = path.resolve(__dirname, '../../dist/index.js');

export interface ChildBot {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resident memory now, MiB (Linux /proc). */
  rssMiB(): number;
  exited: Promise<number | null>;
}

export async function startChildBot(env: Record<string, string>, nodeFlags: string[] = []): Promise<ChildBot> {
  const child = spawn(process.execPath, [...nodeFlags, BOT_ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test-child',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /listening on port (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    };
    child.stderr!.on('data', check);
    void exited.then((code) => reject(new Error(`exited early with ${code}: ${seen}`)));
  });
  return {
    child,
    port,
    exited,
    stderr: () => seen,
    rssMiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
    },
  };
}
