/**
 * Runs a long pure computation (src/core/steps.ts) in slices of a few milliseconds, letting the
 * event loop answer Slack between them: a digest of 500 apps takes far longer than the ~20 ms a
 * request may wait behind synchronous work.
 */
import type { Steps } from '../core/steps';

/** Work done before the event loop gets a turn. */
const SLICE_MS = 4;

const turn = () => new Promise((resolve) => setImmediate(resolve));

export async function inSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
}
