import fs from 'node:fs';
import { runCli } from '../../src/cli/run-cli';
import { LOCK_STALE_MS, lockFileOf, lockSqliteFile, SqliteInUseError } from '../../src/store/sqlite-lock';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { tempSqliteFile } from '../support/databases';

/**
 * One bot process per SQLite file: the built bot (`dist/index.js`) started twice on one file
 * refuses the second time, naming the process that holds it and what to do instead; the first
 * keeps serving. A holder that stopped, or died, frees the file.
 */
let bots: ChildBot[] = [];
afterEach(async () => {
  for (const bot of bots) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  bots = [];
});

async function start(file: string): Promise<ChildBot> {
  const bot = await startChildBot({ DATABASE_URL: file });
  bots.push(bot);
  return bot;
}

test('a second bot on the same SQLite file refuses to start, saying who holds it; the first keeps serving', async () => {
  const file = tempSqliteFile();
  const first = await start(file);

  // Should it start after all, it is stopped with the others.
  const second = startChildBot({ DATABASE_URL: file }).then((bot) => {
    bots.push(bot);
    return bot;
  });
  await expect(second).rejects.toThrow(/exited early with 1/);
  const said = String(await second.catch((error: Error) => error.message));
  expect(said).toContain(`Another Hosting Advisor bot (process ${first.child.pid} on host`);
  expect(said).toContain(`is using the SQLite file ${file}`);
  expect(said).toContain('to run several replicas, give them a shared PostgreSQL (DATABASE_URL=postgres://…)');
  // That process runs on this host: the file is free the moment it stops, with no wait and no file to delete.
  expect(said).toContain(
    `Stop process ${first.child.pid} first: once it no longer runs, starting again takes the file over.`,
  );
  expect(said).not.toContain('30 s old');
  expect(said).not.toContain('\n    at '); // words, not a stack trace

  expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);

  // Stopped cleanly, the first gives the file back: the next start succeeds.
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(lockFileOf(file))).toBe(false);
  const third = await start(file);
  expect((await fetch(`http://127.0.0.1:${third.port}/readyz`)).status).toBe(200);
});

test('a bot killed with SIGKILL leaves its lock behind, and the next start on this host takes it over', async () => {
  const file = tempSqliteFile();
  const first = await start(file);
  first.child.kill('SIGKILL');
  await first.exited;
  expect(fs.existsSync(lockFileOf(file))).toBe(true);
  const next = await start(file);
  expect((await fetch(`http://127.0.0.1:${next.port}/readyz`)).status).toBe(200);
});

describe('a holder on another host (a shared volume)', () => {
  test('counts while it refreshes its lock, and is taken over once the lock is 30 s old', () => {
    const file = tempSqliteFile();
    const other = lockSqliteFile(file, { host: 'web-2', pid: 42 });
    expect(() => lockSqliteFile(file)).toThrow(SqliteInUseError);
    expect(() => lockSqliteFile(file)).toThrow('process 42 on host web-2');
    expect(() => lockSqliteFile(file)).toThrow(
      `If that process is gone, this start succeeds once ${lockFileOf(file)} is 30 s old`,
    );

    const old = new Date(Date.now() - LOCK_STALE_MS - 1000);
    fs.utimesSync(lockFileOf(file), old, old);
    const mine = lockSqliteFile(file);
    // The old holder's release leaves the new holder's lock alone.
    other.release();
    expect(() => lockSqliteFile(file, { host: 'web-3', pid: 7 })).toThrow(SqliteInUseError);
    mine.release();
    expect(fs.existsSync(lockFileOf(file))).toBe(false);
  });
});

test('the CLI works beside a running bot (it does not take the lock)', async () => {
  const file = tempSqliteFile();
  const bot = lockSqliteFile(file, { host: 'web-1', pid: 4242 });
  const out: string[] = [];
  const code = await runCli(['prices'], { DATABASE_URL: file }, { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect(code).toBe(0);
  expect(out.join('\n')).not.toContain('Another Hosting Advisor bot');
  bot.release();
});
