import { MIGRATIONS } from '../../src/store/migrations';
import { openStore } from '../../src/store/open-store';
import { openPostgres } from '../../src/store/postgres-database';
import { postgresConnection } from '../../src/store/postgres-tls';
import type { SqlDatabase } from '../../src/store/sql-database';
import { openSqlite } from '../../src/store/sqlite-database';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';

const t0 = '2026-11-16T02:00:00.000Z';

/** A database as version 3 left it: snapshot runs recorded as digest runs of a made-up channel. */
async function atVersion3(db: SqlDatabase): Promise<void> {
  await db.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
    for (const statement of migration.sql) await db.query(statement);
    await db.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [migration.version, t0]);
  }
  const insert = `INSERT INTO digest_runs (channel, period, status, owner, claimed_at, message_ts, error)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  await db.query(insert, ['job:heroku-snapshot', '2026-11-15', 'posted', 'bot-1', t0, '37 apps', null]);
  await db.query(insert, ['job:heroku-snapshot', '2026-11-16', 'failed', 'bot-2', t0, null, 'Heroku answered 503']);
  await db.query(insert, ['C0DIGEST', '2026-W46', 'posted', 'bot-1', t0, '1700000000.000100', null]);
  await db.close();
}

function migrationMovesSnapshotRuns(open: () => Promise<{ raw: SqlDatabase; url: string }>) {
  test('version 4 moves the snapshot runs out of digest_runs into snapshot_runs, and leaves digests alone', async () => {
    const { raw, url } = await open();
    await atVersion3(raw);
    const store = await openStore(url);
    try {
      expect(await store.snapshotRun('2026-11-15')).toEqual({
        day: '2026-11-15',
        status: 'posted',
        owner: 'bot-1',
        claimedAt: new Date(t0),
        apps: 37,
      });
      expect(await store.snapshotRun('2026-11-16')).toMatchObject({ status: 'failed', error: 'Heroku answered 503' });
      expect(await store.digestRun('job:heroku-snapshot', '2026-11-15')).toBeUndefined();
      expect(await store.digestRun('job:heroku-snapshot', '2026-11-16')).toBeUndefined();
      expect(await store.digestRun('C0DIGEST', '2026-W46')).toMatchObject({
        status: 'posted',
        messageTs: '1700000000.000100',
      });
      // The failed day can be taken again under the new record.
      const retry = await store.claimSnapshotRun('2026-11-16', 'bot-3', new Date('2026-11-16T04:00:00Z'), 600_000);
      expect(retry).toMatchObject({ claimed: true, run: { owner: 'bot-3' } });
    } finally {
      await store.close();
    }
  });
}

describe('snapshot runs migration on SQLite', () => {
  migrationMovesSnapshotRuns(async () => {
    const url = tempSqliteFile();
    return { raw: openSqlite(url), url };
  });
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('snapshot runs migration on PostgreSQL', () => {
  migrationMovesSnapshotRuns(async () => {
    const url = (await freshPostgresUrl())!;
    return { raw: openPostgres(postgresConnection(url, {})), url };
  });
});
