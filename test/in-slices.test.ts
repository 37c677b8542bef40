import type { Steps } from '../src/core/steps';
import { inSlices } from '../src/in-slices';
import { answering } from '../src/loop-turns';
import { countTurns } from './support/loop-turns';

/** A computation whose every step is longer than a slice, recording the loop turn it ran in. */
function* busySteps(name: string, steps: number, log: Array<[string, number]>, turn: () => number): Steps<string> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + 5;
    while (performance.now() < until) {
      // each step outlasts a slice, so every step ends one
    }
    log.push([name, turn()]);
    yield;
  }
  return `${name} done`;
}

describe('inSlices', () => {
  test('computations running at once take turns: one slice per event-loop turn in all', async () => {
    const turns = countTurns();
    const log: Array<[string, number]> = [];
    try {
      const results = await Promise.all(['a', 'b', 'c'].map((name) => inSlices(busySteps(name, 4, log, turns.now))));
      expect(results).toEqual(['a done', 'b done', 'c done']);
    } finally {
      turns.stop();
    }
    const slicesPerTurn = new Map<number, string[]>();
    for (const [name, turn] of log) slicesPerTurn.set(turn, [...(slicesPerTurn.get(turn) ?? []), name]);
    // The first steps run at once, as each computation starts; after that never two in one turn.
    const afterStart = [...slicesPerTurn.entries()].filter(([turn]) => turn > 0);
    expect(afterStart.filter(([, names]) => names.length > 1)).toEqual([]);
    // First come, first served: the three alternate rather than one running to the end.
    expect(log.map(([name]) => name).join('')).toBe('abcabcabcabc');
  });

  test('a request waiting on the loop gets its turn between slices', async () => {
    const log: Array<[string, number]> = [];
    const answered: number[] = [];
    const computing = inSlices(busySteps('digest', 6, log, () => answered.length));
    // A socket's callback waits on the loop like this timer does.
    await new Promise((resolve) => setTimeout(resolve, 0));
    answered.push(log.length);
    await computing;
    expect(answered[0]).toBeLessThan(6);
  });

  test('while Slack waits on an answer, slices wait; once it is answered they go on', async () => {
    const turns = countTurns();
    const log: Array<[string, number]> = [];
    const answered = answering();
    const computing = inSlices(busySteps('digest', 5, log, turns.now));
    const stepsBefore = log.length;
    let stepsWhileWaiting: number;
    try {
      // Several loop turns, far fewer than the 50 ms a request may hold the slices back.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      stepsWhileWaiting = log.length - stepsBefore;
    } finally {
      answered();
    }
    await expect(computing).resolves.toBe('digest done');
    turns.stop();
    expect(stepsWhileWaiting).toBe(0);
    expect(log).toHaveLength(5);
  });

  test('a request never answered holds the slices back only for a while: the computation still ends', async () => {
    const turns = countTurns();
    const stuck = answering();
    try {
      await expect(inSlices(busySteps('digest', 3, [], turns.now))).resolves.toBe('digest done');
    } finally {
      stuck();
      turns.stop();
    }
  });
});
