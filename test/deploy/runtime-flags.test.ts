import fs from 'node:fs';
import path from 'node:path';
import { PRODUCTION_NODE_FLAGS } from '../../src/runtime';
import { STOP_DEADLINE_MS } from '../../src/server';

/** Every way production starts the bot uses the V8 flags the benchmark measured memory with. */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const command = `node ${PRODUCTION_NODE_FLAGS} dist/index.js`;

describe('production start commands', () => {
  test('Procfile, npm start and the Docker image run node with the same flags', () => {
    expect(read('Procfile').trim()).toBe(`web: ${command}`);
    expect(JSON.parse(read('package.json')).scripts.start).toBe(command);
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? '[]').join(' ')).toBe(command);
  });

  test('the flags cap the heap: an old-space limit and small semi-spaces', () => {
    expect(PRODUCTION_NODE_FLAGS).toMatch(/--max-old-space-size=\d+/);
    expect(PRODUCTION_NODE_FLAGS).toMatch(/--max-semi-space-size=\d+/);
  });

  test('every `docker run` shown gives the bot its stop deadline before Docker kills it (Docker waits 10 s by default)', () => {
    const runs = [read('Dockerfile'), read('README.md')].flatMap((text) => text.match(/docker run [^\n]*/g) ?? []);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) {
      const timeout = Number(/--stop-timeout (\d+)/.exec(run)?.[1] ?? 10);
      expect([run, timeout * 1000 > STOP_DEADLINE_MS]).toEqual([run, true]);
    }
  });
});
