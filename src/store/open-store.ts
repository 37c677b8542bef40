import { DEFAULT_DATABASE } from './default-database';
import { openPostgres } from './postgres-database';
import { migrate, SqlStore } from './sql-store';
import { openSqlite } from './sqlite-database';
import type { Store } from './store';

export { DEFAULT_DATABASE } from './default-database';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens the store named by DATABASE_URL (a postgres:// URL or a SQLite file path) and migrates it. */
export async function openStore(databaseUrl: string = DEFAULT_DATABASE, now = new Date()): Promise<Store> {
  const db = isPostgresUrl(databaseUrl) ? openPostgres(databaseUrl) : openSqlite(databaseUrl);
  try {
    await migrate(db, now);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return new SqlStore(db);
}
