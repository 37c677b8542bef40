/**
 * Turns of the bot's one event loop, shared by every long piece of work: computations written as
 * steps and run in slices (src/in-slices.ts: a fleet modelled, a large Cost Explorer answer checked
 * or summed), many Heroku answers arriving together (src/sources/heroku/heroku-api.ts) and snapshots
 * read or written page by page (src/store/sql-store.ts). However many run at once, they take one
 * turn each, first come first served, and Slack's requests come first.
 *
 * Each waiting on its own setImmediate would run every waiting piece in the same check phase: three
 * digest gatherers at once made a 12 ms stall of 4 ms slices. And while a request is being answered
 * (`answering`), the work waits, up to MAX_WAIT_MS, so an ack that needs a few loop turns (read,
 * verify, answer) does not wait behind a piece at each of them. Imports nothing: any layer may use it.
 */

/** The longest work waits for requests being answered, so a stuck request cannot stop a digest. */
const MAX_WAIT_MS = 50;

const waiting: Array<() => void> = [];
let requestsBeingAnswered = 0;
let waitingSince: number | undefined;

/** Wakes the work that has waited longest; the next one waits for the next loop turn. */
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

/** Resolves on a later event-loop turn, after the work that asked before. */
export function nextTurn(): Promise<void> {
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
