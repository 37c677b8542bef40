/**
 * The baseline build's bot (dist-baseline/ or BENCH_BASELINE, see baseline.ts) started in this
 * process beside this build's, so ack latencies can be compared in the same run.
 */
import path from 'node:path';
import { type Logger, LogLevel } from '@slack/bolt';
import { baselineDist } from './baseline';

interface BaselineBot {
  label: string;
  url: string;
  stop(): Promise<void>;
}

type StartBot = (
  env: NodeJS.ProcessEnv,
  options: { retries: number; jobs: boolean; logger: Logger },
) => Promise<{ port: number; stop(): Promise<void> }>;
type CreateLogger = (level: LogLevel, secrets: string[], write: (line: string) => void) => Logger;

export async function startBaselineBot(env: NodeJS.ProcessEnv): Promise<BaselineBot | undefined> {
  const baseline = baselineDist();
  if (!baseline) return undefined;
  const { startBot } = require(path.join(baseline.dir, 'server')) as { startBot: StartBot };
  const { createLogger } = require(path.join(baseline.dir, 'logger')) as { createLogger: CreateLogger };
  const bot = await startBot(env, { retries: 0, jobs: false, logger: createLogger(LogLevel.ERROR, [], () => {}) });
  return { label: baseline.label, url: `http://127.0.0.1:${bot.port}`, stop: () => bot.stop() };
}
