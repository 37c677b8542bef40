import { Pool, type PoolClient } from 'pg';
import { CONNECT_TIMEOUT_MS } from './open-failure';
import type { PostgresConnection } from './postgres-tls';
import type { Row, SqlDatabase } from './sql-database';

/** Any constant: it names the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK_ID = 727_274_001;

/** A pool on the connection postgres-tls.ts worked out (verified TLS unless told otherwise). */
export function openPostgres(connection: PostgresConnection): SqlDatabase {
  const pool = new Pool({
    connectionString: connection.connectionString,
    ssl: connection.ssl,
    max: 5,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  const onClient = (client: PoolClient): SqlDatabase => ({
    kind: 'postgres',
    async query(sql, params = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    withMigrationLock: () => Promise.reject(new Error('nested migration lock')),
    probeWrite: () => Promise.reject(new Error('not inside a migration')),
    close: async () => {},
  });

  return {
    kind: 'postgres',
    async query(sql, params = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async withMigrationLock(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
        const result = await work(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async probeWrite() {
      // A no-op write: fails on a read-only server (a failed-over replica, a full disk in read-only mode).
      await pool.query('UPDATE schema_migrations SET applied_at = applied_at WHERE version = 1');
    },
    async close() {
      await pool.end();
    },
  };
}
