import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Statement } from 'better-sqlite3';
import type { Row, SqlDatabase } from './sql-database';
import { lockSqliteFile, type SqliteLock, type SqliteLockOptions } from './sqlite-lock';

function identity(file: string): { dev: number; ino: number } | undefined {
  try {
    const { dev, ino } = fs.statSync(file);
    return { dev, ino };
  } catch {
    return undefined;
  }
}

interface Prepared {
  statement: Statement;
  /** The `$n` placeholders the SQL uses, as the named parameters `p<n>`. */
  placeholders: number[];
}

/** `soleProcess`: hold the file's lock (sqlite-lock.ts) until closed, as the bot does; the CLI shares. */
export function openSqlite(file: string, soleProcess?: SqliteLockOptions): SqlDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const lock: SqliteLock | undefined =
    soleProcess && file !== ':memory:' ? lockSqliteFile(file, soleProcess) : undefined;
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file);
  } catch (error) {
    lock?.release();
    throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const opened = file === ':memory:' ? undefined : identity(file);
  /**
   * A SQLite file deleted or replaced while the bot runs still takes writes (into the unlinked
   * inode) and loses them at the next start. Every write and the readiness probe check it first.
   */
  const checkFile = () => {
    if (!opened) return;
    const now = identity(file);
    if (!now || now.dev !== opened.dev || now.ino !== opened.ino) {
      throw new Error(
        `the SQLite file ${file} was deleted or replaced while the bot was running: nothing can be saved until the bot is restarted`,
      );
    }
  };

  // In WAL mode NORMAL syncs at checkpoints, not at every commit: the database cannot be corrupted
  // and survives a crash of the process; a power loss may lose the last commits (request counts,
  // cache rows). FULL made each small write (one per Heroku request counted) wait on the disk
  // with the event loop blocked. https://www.sqlite.org/pragma.html#pragma_synchronous
  db.pragma('synchronous = NORMAL');

  // The store asks the same few dozen statements over and over: each is compiled once.
  const prepared = new Map<string, Prepared>();
  const prepare = (sql: string): Prepared => {
    let found = prepared.get(sql);
    if (!found) {
      const used = new Set<number>();
      const statement = db.prepare(
        sql.replace(/\$(\d+)/g, (_, n: string) => {
          used.add(Number(n));
          return `@p${n}`;
        }),
      );
      found = { statement, placeholders: [...used] };
      prepared.set(sql, found);
    }
    return found;
  };

  const database: SqlDatabase = {
    kind: 'sqlite',
    async query(sql, params = []) {
      const { statement, placeholders } = prepare(sql);
      if (!statement.reader || !/^\s*SELECT\b/i.test(sql)) checkFile();
      const bound: Record<string, unknown> = {};
      for (const n of placeholders) bound[`p${n}`] = params[n - 1] ?? null;
      const some = placeholders.length > 0;
      if (statement.reader) return (some ? statement.all(bound) : statement.all()) as Row[];
      if (some) statement.run(bound);
      else statement.run();
      return [];
    },
    async withMigrationLock(work) {
      // BEGIN IMMEDIATE takes SQLite's write lock, so two processes on one file migrate one at a time.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(database);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async probeWrite() {
      checkFile();
      // A write that changes nothing: it needs the write lock and a writable file, as every save does.
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    },
    async close() {
      db.close();
      lock?.release();
    },
  };
  return database;
}
