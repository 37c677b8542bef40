/**
 * The little the store needs from a SQL database. Statements use PostgreSQL's `$1` placeholders;
 * the SQLite adapter rewrites them to named parameters.
 */
export type Row = Record<string, unknown>;

export interface SqlDatabase {
  readonly kind: 'sqlite' | 'postgres';
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction holding the database-wide migration lock. */
  withMigrationLock<T>(work: (db: SqlDatabase) => Promise<T>): Promise<T>;
  /** Throws unless a write would succeed now (readiness). */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}
