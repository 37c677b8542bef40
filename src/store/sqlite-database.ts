import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Row, SqlDatabase } from './sql-database';

export function openSqlite(file: string): SqlDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');

  const database: SqlDatabase = {
    kind: 'sqlite',
    async query(sql, params = []) {
      const used = new Set<number>();
      const statement = db.prepare(
        sql.replace(/\$(\d+)/g, (_, n: string) => {
          used.add(Number(n));
          return `@p${n}`;
        }),
      );
      const bound = Object.fromEntries([...used].map((n) => [`p${n}`, params[n - 1] ?? null]));
      if (statement.reader) return (used.size ? statement.all(bound) : statement.all()) as Row[];
      if (used.size) statement.run(bound);
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
    async close() {
      db.close();
    },
  };
  return database;
}
