/**
 * Runs a long pure computation (src/core/steps.ts) in slices of a few milliseconds, letting the
 * event loop answer Slack between them: a digest of 500 apps takes far longer than the ~20 ms a
 * request may wait behind synchronous work. Slices take their turns with every other long piece of
 * work, after Slack's requests (src/loop-turns.ts).
 */
import type { Steps } from './core/steps';
import { nextTurn } from './loop-turns';

/** Work done before the event loop gets a turn. */
const SLICE_MS = 4;

export async function inSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  let stepStart = sliceStart;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const now = performance.now();
    // The next step will take about as long as this one: yield now rather than overrun the slice.
    if (now - sliceStart + (now - stepStart) >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
      stepStart = sliceStart;
    } else {
      stepStart = now;
    }
  }
}
