/**
 * Preloaded into the bot by the benchmark only (`node --require …/loop-probe.js dist/index.js`), so
 * the bot's own code carries no probe and the same probe measures any build of it (a baseline too).
 * perf_hooks' event-loop delay histogram, read and reset over the IPC channel the benchmark opens;
 * and where the memory is: the largest V8 heap (committed and used), external and ArrayBuffer
 * memory seen in 100 ms samples since the last reset, and the heap's spaces now.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

/** Bytes: the largest of each seen since the last reset. */
export interface MemoryPeaks {
  heapCommitted: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  /** Committed size of each heap space now (after the peaks), by space name. */
  spacesNow: Record<string, number>;
}

if (process.send) {
  // 1 ms sampling: a stall shows as the lateness of the next sample.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ms = (ns: number) => ns / 1e6;
  const zero = () => ({ heapCommitted: 0, heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 });
  let peaks = zero();
  const sample = () => {
    const usage = process.memoryUsage();
    peaks = {
      heapCommitted: Math.max(peaks.heapCommitted, usage.heapTotal),
      heapUsed: Math.max(peaks.heapUsed, usage.heapUsed),
      external: Math.max(peaks.external, usage.external),
      arrayBuffers: Math.max(peaks.arrayBuffers, usage.arrayBuffers),
      rss: Math.max(peaks.rss, usage.rss),
    };
  };
  setInterval(sample, 100).unref();
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
    } else if (message === 'loop-probe:memory') {
      sample();
      const spacesNow: Record<string, number> = {};
      for (const space of v8.getHeapSpaceStatistics()) spacesNow[space.space_name] = space.space_size;
      const memory: MemoryPeaks = { ...peaks, spacesNow };
      peaks = zero();
      process.send?.({ probe: 'memory', memory });
    }
  });
  // The channel must not keep a bot alive that is otherwise stopping.
  process.channel?.unref();
}
