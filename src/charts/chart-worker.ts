/**
 * Runs in a child process (see render-in-worker.ts): draws one chart from the job it is sent and
 * sends back its PNG bytes, or the error's message, then exits. Vega, Vega-Lite and resvg are loaded
 * here, so their start-up and their ~40 MiB stay out of the bot's process and go away with this one.
 */
// First: no stop signal may find this process without its handlers (src/stop-signals.ts).
import '../stop-signals';
import { type DailyCostChartInput, renderDailyCostChart } from './daily-cost-chart';

export interface ChartJob {
  input: DailyCostChartInput;
  scale: number;
}

export type ChartAnswer = { png: Uint8Array } | { error: string };

const answer = (message: ChartAnswer) => process.send?.(message, () => process.disconnect?.());

process.once('message', (job: ChartJob) => {
  renderDailyCostChart(job.input, { scale: job.scale }).then(
    (png) => answer({ png }),
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});
