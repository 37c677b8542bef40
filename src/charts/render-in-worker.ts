/**
 * The chart drawn in a worker thread, one thread per chart: laying out and rasterising take a few
 * hundred milliseconds of CPU and ~40 MiB of heap once a week, which would otherwise stall every
 * Slack ack behind them. The thread ends when the chart is drawn, and its heap
 * with it. Same input → the same PNG bytes as `renderDailyCostChart` in this thread.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChartAnswer, ChartJob } from './chart-worker';
import type { DailyCostChartInput } from './daily-cost-chart';

/**
 * The compiled worker beside this file; under ts-jest (this file is TypeScript) the built one in
 * dist/, since a worker thread runs JavaScript only (`npm run build` comes before the tests).
 */
const WORKER_FILE = __filename.endsWith('.ts')
  ? path.resolve(__dirname, '../../dist/charts/chart-worker.js')
  : path.join(__dirname, 'chart-worker.js');

/** Room for Vega's scenegraph of a few weeks of days; a chart needs ~40 MiB. */
const WORKER_HEAP_MB = 96;

export function renderDailyCostChartInWorker(input: DailyCostChartInput, { scale = 1 } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: { input, scale } satisfies ChartJob,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let answered = false;
    worker.once('message', (answer: ChartAnswer) => {
      answered = true;
      if ('png' in answer) resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
      else reject(new Error(answer.error));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      answered = true;
      reject(new Error(`the chart could not be drawn: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the chart worker stopped (exit code ${code}) before drawing the chart`));
    });
  });
}
