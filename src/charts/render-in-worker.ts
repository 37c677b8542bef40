/**
 * The chart drawn in a child process, one per chart: laying out and rasterising take a few hundred
 * milliseconds of CPU and ~40 MiB of heap once a week, which would otherwise stall every Slack ack
 * behind them and raise the bot's resident memory for good (a worker thread's heap is freed, but the
 * allocator keeps most of it). The process ends when the chart is drawn, and its memory with it.
 * Same input → the same PNG bytes as `renderDailyCostChart` in this process.
 */
import path from 'node:path';
import { inBackgroundProcess } from '../background-process';
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

/** A chart that takes longer than this is given up (the digest is posted without it). */
const WORKER_TIMEOUT_MS = 60_000;

export function renderDailyCostChartInWorker(input: DailyCostChartInput, { scale = 1 } = {}): Promise<Buffer> {
  return inBackgroundProcess<Buffer>({
    file: WORKER_FILE,
    job: { input, scale } satisfies ChartJob,
    nodeFlags: WORKER_NODE_FLAGS,
    serialization: 'advanced',
    what: 'the chart',
    timeoutMs: WORKER_TIMEOUT_MS,
    answer: (message) => {
      const answer = message as ChartAnswer;
      return 'png' in answer
        ? { value: Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength) }
        : { error: new Error(answer.error) };
    },
  });
}
