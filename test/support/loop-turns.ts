/**
 * Counts turns of the event loop while a test runs something: a setImmediate that queues itself runs
 * once a turn. "The work let the loop turn" (or "came at once") is then a count, not a time.
 */
export function countTurns(): { now(): number; stop(): void } {
  let turns = 0;
  let handle = setImmediate(function tick() {
    turns++;
    handle = setImmediate(tick);
  });
  return { now: () => turns, stop: () => clearImmediate(handle) };
}
