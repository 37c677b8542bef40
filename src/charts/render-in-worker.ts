/**
 * The chart drawn in a child process, one per chart: laying out and rasterising take a few hundred
 * milliseconds of CPU and ~40 MiB of heap once a week, which would otherwise stall every Slack ack
 * behind them and raise the bot's resident memory for good (a worker thread's heap is freed, but the
 * allocator keeps most of it). The process ends when the chart is drawn, and its memory with it.
 * Same input → the same PNG bytes as `renderDailyCostChart` in this process.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { ChartAnswer, ChartJob } from './chart-worker';
import type { DailyCostChartInput } from './daily-cost-chart';

/**
 * The compiled worker beside this file; under ts-jest (this file is TypeScript) the built one in
 * dist/, since a child process runs JavaScript only (`npm run build` comes before the tests).
 */
const WORKER_FILE = __filename.endsWith('.ts')
  ? path.resolve(__dirname, '../../dist/charts/chart-worker.js')
  : path.join(__dirname, 'chart-worker.js');

/** Room for Vega's scenegraph of a few weeks of days; a chart needs ~40 MiB. */
const WORKER_NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4'];

/**
 * The chart is background work: at the lowest CPU priority, the bot's own thread takes the CPU
 * whenever a Slack request wakes it, instead of sharing a core with the chart (a dyno has few).
 */
const WORKER_NICENESS = 19;

/** A chart that takes longer than this is given up (the digest is posted without it). */
const WORKER_TIMEOUT_MS = 60_000;

export function renderDailyCostChartInWorker(input: DailyCostChartInput, { scale = 1 } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER_FILE, [], {
      execArgv: WORKER_NODE_FLAGS,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, WORKER_NICENESS);
    } catch {
      // Lowering a process's priority is always allowed on Linux; elsewhere, drawing at normal priority is fine.
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
      settle(() => reject(new Error(`the chart was not drawn within ${WORKER_TIMEOUT_MS / 1000} s`)));
    }, WORKER_TIMEOUT_MS);
    child.once('message', (answer: ChartAnswer) =>
      settle(() => {
        if ('png' in answer) resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
        else reject(new Error(answer.error));
      }),
    );
    child.once('error', (error) => settle(() => reject(new Error(`the chart could not be drawn: ${error.message}`))));
    child.once('close', (code, signal) =>
      settle(() =>
        reject(new Error(`the chart process stopped (${signal ?? `exit code ${code}`}) before drawing the chart`)),
      ),
    );
    child.send({ input, scale } satisfies ChartJob);
  });
}
