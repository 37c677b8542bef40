/**
 * A long pure computation written as a generator that yields between its steps (an app, a day),
 * so that a caller on the bot's one thread can pause between them and answer Slack meanwhile
 * (src/in-slices.ts); `finish` runs it through at once, as before. Yielding is all a step
 * does besides computing: no I/O, no clock.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now and returns the result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
