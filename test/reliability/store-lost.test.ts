import fs from 'node:fs';
import { type Harness, startHarness } from '../support/bot-harness';
import { tempSqliteFile } from '../support/databases';

/**
 * The SQLite file deleted while the bot runs: writes would go to the unlinked file and vanish at
 * the next start. Readiness must fail, and a save must say it did not happen.
 */
let h: Harness;
let file: string;
beforeEach(async () => {
  file = tempSqliteFile();
  h = await startHarness({ DATABASE_URL: file });
});
afterEach(() => h.close());

test('a deleted SQLite file makes /readyz fail and `digest set` say it could not save', async () => {
  expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  await h.command('digest set timezone=Europe/Berlin');
  await h.settle();
  expect(JSON.stringify(h.slack.responses.at(-1)?.body)).toContain('Saved.');
  h.slack.responses.length = 0;

  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });

  const ready = await fetch(`${h.url}/readyz`);
  expect(ready.status).toBe(503);
  const after = await h.command('digest set timezone=Asia/Tokyo');
  await h.settle();
  const said = JSON.stringify([after.body, h.slack.responses.map((r) => r.body)]);
  expect(said).toContain('Nothing was saved');
  expect(said).not.toContain('Saved.');
  expect(h.logs.join('\n')).toContain('was deleted or replaced while the bot was running');
});
