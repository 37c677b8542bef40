import { DEFAULT_DATABASE, isPostgresUrl } from './default-database';
import { connectFailureText, StoreOpenError } from './open-failure';
import { postgresConnection, tlsFailureText } from './postgres-tls';
import type { SqlDatabase } from './sql-database';
import { migrate, SqlStore } from './sql-store';
import { openSqlite } from './sqlite-database';
import type { SqliteLockOptions } from './sqlite-lock';
import type { Store } from './store';

/** Where the store is: DATABASE_URL and, for PostgreSQL, how to trust it (src/config.ts reads them). */
export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_CA_FILE?: string | undefined;
  PGSSLMODE?: string | undefined;
}

export interface OpenOptions {
  /** The bot: one process per SQLite file, refused otherwise (sqlite-lock.ts). No effect on PostgreSQL. */
  soleProcess?: SqliteLockOptions;
}

export { isPostgresUrl };

/**
 * Opens the store named by DATABASE_URL (a postgres:// URL or a SQLite file path) and migrates it.
 * Takes the URL alone, or the settings that go with it.
 */
export async function openStore(
  database: string | DatabaseSettings = DEFAULT_DATABASE,
  now = new Date(),
  options: OpenOptions = {},
): Promise<Store> {
  const settings = typeof database === 'string' ? { DATABASE_URL: database } : database;
  const url = settings.DATABASE_URL;
  if (!isPostgresUrl(url)) return migrated(openSqlite(url, options.soleProcess), now);
  // The PostgreSQL driver is loaded only here: a SQLite store (a CLI beside the bot's file) never needs it.
  const { openPostgres } = require('./postgres-database') as typeof import('./postgres-database');
  const connection = postgresConnection(url, { caFile: settings.DATABASE_CA_FILE, sslmode: settings.PGSSLMODE });
  const host = new URL(url).host || 'the local socket';
  return migrated(
    openPostgres(connection),
    now,
    (error) => tlsFailureText(error, connection, host) ?? connectFailureText(error, host),
  );
}

async function migrated(db: SqlDatabase, now: Date, explain?: (error: unknown) => string | undefined): Promise<Store> {
  try {
    await migrate(db, now);
  } catch (error) {
    await db.close().catch(() => {});
    const words = explain?.(error);
    throw words ? new StoreOpenError(words, { cause: error }) : error;
  }
  return new SqlStore(db);
}
