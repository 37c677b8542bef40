/**
 * Runs a long pure computation (src/core/steps.ts) in slices of a few milliseconds, letting the
 * event loop answer Slack between them: a digest of 500 apps takes far longer than the ~20 ms a
 * request may wait behind synchronous work.
 *
 * Computations running at once (the digest gathers several) take turns: one slice per event-loop
 * turn in all, first come first served. Each waiting on its own setImmediate would run every
 * waiting slice in the same check phase, so three at once made a 12 ms stall of 4 ms slices.
 *
 * And Slack comes first: while a request is being answered (`answering`), slices wait, up to
 * MAX_WAIT_MS, so an ack that needs a few loop turns (read, verify, answer) does not wait a slice
 * at each of them.
 */
import type { Steps } from '../core/steps';

/** Work done before the event loop gets a turn. */
const SLICE_MS = 4;
/** The longest slices wait for requests being answered, so a stuck request cannot stop a digest. */
const MAX_WAIT_MS = 50;

const waiting: Array<() => void> = [];
let requestsBeingAnswered = 0;
let waitingSince: number | undefined;

/** Wakes the computation that has waited longest; the next one waits for the next loop turn. */
function wakeNext(): void {
  if (requestsBeingAnswered > 0) {
    waitingSince ??= performance.now();
    if (performance.now() - waitingSince < MAX_WAIT_MS) {
      setTimeout(wakeNext, 1);
      return;
    }
  }
  waitingSince = undefined;
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(wakeNext);
}

/** Resolves on a later event-loop turn, after the computations that asked before. */
function turn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(wakeNext);
  });
}

/** A request Slack waits on has arrived; call what this returns once it is answered (or gone). */
export function answering(): () => void {
  requestsBeingAnswered++;
  let answered = false;
  return () => {
    if (answered) return;
    answered = true;
    requestsBeingAnswered--;
  };
}

export async function inSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  let stepStart = sliceStart;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const now = performance.now();
    // The next step will take about as long as this one: yield now rather than overrun the slice.
    if (now - sliceStart + (now - stepStart) >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
      stepStart = sliceStart;
    } else {
      stepStart = now;
    }
  }
}
