/**
 * Runs in a worker thread (see render-in-worker.ts): draws one chart and posts its PNG bytes, or the
 * error's message. Vega, Vega-Lite and resvg are loaded here, so their start-up and their heap stay
 * off the bot's event loop and go away with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type DailyCostChartInput, renderDailyCostChart } from './daily-cost-chart';

export interface ChartJob {
  input: DailyCostChartInput;
  scale: number;
}

export type ChartAnswer = { png: Uint8Array } | { error: string };

const job = workerData as ChartJob;
renderDailyCostChart(job.input, { scale: job.scale }).then(
  (png) => parentPort?.postMessage({ png } satisfies ChartAnswer),
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ChartAnswer),
);
