/**
 * Preloaded into the bot by the benchmark only (`node --require …/loop-probe.js dist/index.js`), so
 * the bot's own code carries no probe and the same probe measures any build of it (a baseline too).
 * perf_hooks' event-loop delay histogram, read and reset over the IPC channel the benchmark opens.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

if (process.send) {
  // 1 ms sampling: a stall shows as the lateness of the next sample.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ms = (ns: number) => ns / 1e6;
  process.on('message', (message: unknown) => {
    if (message === 'loop-probe:reset') {
      histogram.reset();
      process.send?.({ probe: 'reset' });
    } else if (message === 'loop-probe:read') {
      const delay: LoopDelay = {
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
        samples: histogram.count,
      };
      process.send?.({ probe: 'read', delay });
    }
  });
  // The channel must not keep a bot alive that is otherwise stopping.
  process.channel?.unref();
}
