import type { Budget } from '../core/alerts/budget';
import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import type { PriceVendor } from '../core/pricing';
import { nextTurn } from '../loop-turns';
import { MIGRATIONS } from './migrations';
import { PriceRefreshRows } from './price-refresh-rows';
import * as alerts from './sql-alerts';
import type { SqlDatabase } from './sql-database';
import { leftOutOf, leftOutText, SqlRuns, toDigestRun, toSnapshotRun } from './sql-runs';
import type {
  AlertFeedback,
  AlertRecord,
  AlertStatus,
  AlertStatusFields,
  AuditEntry,
  CacheEntry,
  DigestRun,
  HerokuSnapshot,
  PriceRefresh,
  PriceRefreshStatus,
  PruneCutoffs,
  SnapshotRun,
  Store,
} from './store';

const iso = (date: Date) => date.toISOString();
/** Snapshot rows read at a time (about half a megabyte of JSON). */
const SNAPSHOT_PAGE = 250;
const SNAPSHOT_WRITE_ROWS = 100;
const month = (date: Date) => iso(date).slice(0, 7);

/** Runs the migrations that have not run yet, under a lock so replicas starting together agree. */
export async function migrate(db: SqlDatabase, now: Date): Promise<number[]> {
  return db.withMigrationLock(async (tx) => {
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done = new Set((await tx.query('SELECT version FROM schema_migrations')).map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.sql) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        iso(now),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

export class SqlStore implements Store {
  private readonly priceRefreshRows: PriceRefreshRows;
  private readonly digestRuns: SqlRuns<DigestRun>;
  private readonly snapshotRuns: SqlRuns<SnapshotRun>;

  constructor(private readonly db: SqlDatabase) {
    this.priceRefreshRows = new PriceRefreshRows(db);
    this.digestRuns = new SqlRuns(db, 'digest_runs', ['channel', 'period'], 'message_ts', toDigestRun);
    this.snapshotRuns = new SqlRuns(db, 'snapshot_runs', ['day'], 'apps', toSnapshotRun);
  }

  get kind() {
    return this.db.kind;
  }

  async ping() {
    await this.db.query('SELECT 1 AS ok');
    await this.db.probeWrite();
  }

  close() {
    return this.db.close();
  }

  async getSetting(key: string) {
    const [row] = await this.db.query('SELECT value FROM settings WHERE key = $1', [key]);
    return row ? String(row.value) : undefined;
  }

  async setSetting(key: string, value: string) {
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, value, iso(new Date())],
    );
  }

  async setSettings(values: Record<string, string>) {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    // One statement: all of them are saved, or none.
    const rows = entries.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
    const at = iso(new Date());
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ${rows}
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      entries.flatMap(([key, value]) => [key, value, at]),
    );
  }

  async settings() {
    const rows = await this.db.query('SELECT key, value FROM settings ORDER BY key');
    return Object.fromEntries(rows.map((row) => [String(row.key), String(row.value)]));
  }

  async cacheGet<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const [row] = await this.db.query('SELECT value, stored_at FROM cache WHERE key = $1', [key]);
    if (!row) return undefined;
    return { value: JSON.parse(String(row.value)) as T, storedAt: new Date(String(row.stored_at)) };
  }

  async cachePut(key: string, value: unknown, storedAt: Date) {
    await this.db.query(
      `INSERT INTO cache (key, value, stored_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at`,
      [key, JSON.stringify(value), iso(storedAt)],
    );
  }

  async countRequests(service: string, at: Date, count = 1) {
    await this.db.query(
      `INSERT INTO api_requests (service, month, count) VALUES ($1, $2, $3)
       ON CONFLICT (service, month) DO UPDATE SET count = api_requests.count + excluded.count`,
      [service, month(at), count],
    );
  }

  async requestCount(service: string, forMonth: string) {
    const [row] = await this.db.query('SELECT count FROM api_requests WHERE service = $1 AND month = $2', [
      service,
      forMonth,
    ]);
    return row ? Number(row.count) : 0;
  }

  putSnapshot(snapshot: HerokuSnapshot) {
    return this.putSnapshots([snapshot]);
  }

  /**
   * SNAPSHOT_WRITE_ROWS rows a statement, with a turn of the event loop between statements: a
   * day of a 500-app account written a row at a time held the event loop for ~60 ms.
   */
  async putSnapshots(snapshots: readonly HerokuSnapshot[]) {
    // One row per day and app, the last given: PostgreSQL refuses a statement that updates a row twice.
    const rows = [...new Map(snapshots.map((snapshot) => [`${snapshot.day} ${snapshot.app}`, snapshot])).values()];
    if (rows.length === 0) return;
    for (let start = 0; start < rows.length; start += SNAPSHOT_WRITE_ROWS) {
      if (start > 0) await nextTurn();
      const batch = rows.slice(start, start + SNAPSHOT_WRITE_ROWS);
      const values = batch.map((_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`).join(', ');
      await this.db.query(
        `INSERT INTO heroku_snapshots (day, app, data, taken_at) VALUES ${values}
         ON CONFLICT (day, app) DO UPDATE SET data = excluded.data, taken_at = excluded.taken_at`,
        batch.flatMap((snapshot) => [snapshot.day, snapshot.app, JSON.stringify(snapshot.data), iso(snapshot.takenAt)]),
      );
    }
    await this.snapshotsChanged();
  }

  async snapshotsVersion() {
    const [row] = await this.db.query('SELECT version FROM snapshot_version WHERE id = 1');
    return Number(row!.version);
  }

  async appsWithSnapshots(apps: readonly string[]) {
    if (apps.length === 0) return [];
    const wanted = apps.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await this.db.query(
      `SELECT DISTINCT app FROM heroku_snapshots WHERE app IN (${wanted}) ORDER BY app`,
      [...apps],
    );
    return rows.map((row) => String(row.app));
  }

  async snapshotsLeftOut(fromDay: string, toDay: string) {
    const rows = await this.db.query(
      'SELECT day, left_out FROM snapshot_runs WHERE day >= $1 AND day < $2 AND left_out IS NOT NULL ORDER BY day',
      [fromDay, toDay],
    );
    return rows.flatMap((row) => leftOutOf(String(row.day), String(row.left_out)));
  }

  /** After the write, so a reader that saw the old number can only have read the old rows or these. */
  private async snapshotsChanged() {
    await this.db.query('UPDATE snapshot_version SET version = version + 1 WHERE id = 1');
  }

  /**
   * Read in pages of SNAPSHOT_PAGE rows, yielding to the event loop between them (a digest of 500
   * apps reads ~17,500 rows, too many to read and parse in one go while Slack waits for acks). An
   * app's snapshot is usually the same day after day: the same text as its day before is parsed
   * once and shared, so the rows take a fraction of the memory.
   */
  async snapshots(fromDay: string, toDay: string) {
    const snapshots: HerokuSnapshot[] = [];
    const previous = new Map<string, { text: string; data: unknown }>();
    let after: { day: string; app: string } | undefined;
    for (;;) {
      const rows = await this.db.query(
        `SELECT day, app, data, taken_at FROM heroku_snapshots WHERE day >= $1 AND day < $2
           AND (day > $3 OR (day = $3 AND app > $4)) ORDER BY day, app LIMIT ${SNAPSHOT_PAGE}`,
        [fromDay, toDay, after?.day ?? '', after?.app ?? ''],
      );
      for (const row of rows) {
        const app = String(row.app);
        const text = String(row.data);
        let same = previous.get(app);
        if (same?.text !== text) {
          same = { text, data: JSON.parse(text) };
          previous.set(app, same);
        }
        snapshots.push({ day: String(row.day), app, data: same.data, takenAt: new Date(String(row.taken_at)) });
      }
      if (rows.length < SNAPSHOT_PAGE) return snapshots;
      after = snapshots[snapshots.length - 1]!;
      await nextTurn();
    }
  }

  claimDigestRun(channel: string, period: string, owner: string, at: Date, leaseMs: number, takeOverPosting = true) {
    return this.digestRuns.claim([channel, period], owner, at, leaseMs, takeOverPosting);
  }

  renewDigestRun(channel: string, period: string, owner: string, at: Date) {
    return this.digestRuns.renew([channel, period], owner, at);
  }

  beginDigestPost(channel: string, period: string, owner: string, at: Date) {
    return this.digestRuns.begin([channel, period], owner, at);
  }

  markDigestPosted(channel: string, period: string, owner: string, messageTs: string) {
    return this.digestRuns.done([channel, period], owner, messageTs);
  }

  markDigestFailed(channel: string, period: string, owner: string, error: string) {
    return this.digestRuns.failed([channel, period], owner, error);
  }

  digestRun(channel: string, period: string) {
    return this.digestRuns.get([channel, period]);
  }

  claimSnapshotRun(day: string, owner: string, at: Date, leaseMs: number) {
    return this.snapshotRuns.claim([day], owner, at, leaseMs);
  }

  renewSnapshotRun(day: string, owner: string, at: Date) {
    return this.snapshotRuns.renew([day], owner, at);
  }

  beginSnapshotWrite(day: string, owner: string, at: Date, leftOut: readonly SnapshotLeftOut[] = []) {
    // Written at the fence, before the day's rows and the version they move: a reader of the rows reads this too.
    return this.snapshotRuns.begin([day], owner, at, { column: 'left_out', value: leftOutText(leftOut) });
  }

  markSnapshotTaken(day: string, owner: string, apps: number) {
    return this.snapshotRuns.done([day], owner, apps);
  }

  markSnapshotFailed(day: string, owner: string, error: string) {
    return this.snapshotRuns.failed([day], owner, error);
  }

  snapshotRun(day: string) {
    return this.snapshotRuns.get([day]);
  }

  runsWithPrefix(prefix: string) {
    return alerts.runsWithPrefix(this.db, prefix, toDigestRun);
  }

  putBudget(budget: Budget, by: string, at: Date) {
    return alerts.putBudget(this.db, budget, by, at);
  }

  budgets() {
    return alerts.budgets(this.db);
  }

  deleteBudget(name: string) {
    return alerts.deleteBudget(this.db, name);
  }

  recordAlert(alert: Omit<AlertRecord, 'status' | 'statusBy' | 'statusAt'>) {
    return alerts.recordAlert(this.db, alert);
  }

  alert(id: string) {
    return alerts.getAlert(this.db, id);
  }

  openAlert(subject: string, sinceDay: string) {
    return alerts.openAlert(this.db, subject, sinceDay);
  }

  extendAlert(id: string, lastDay: string) {
    return alerts.extendAlert(this.db, id, lastDay);
  }

  changeAlertStatus(id: string, status: AlertStatus, by: string, at: Date, tellAws?: AlertFeedback) {
    return alerts.changeAlertStatus(this.db, id, status, by, at, tellAws);
  }

  settleAlertStatus(changed: AlertRecord) {
    return alerts.settleAlertStatus(this.db, changed);
  }

  revertAlertStatus(changed: AlertRecord, back: AlertStatusFields) {
    return alerts.revertAlertStatus(this.db, changed, back);
  }

  snooze(subject: string, until: Date, by: string) {
    return alerts.snooze(this.db, subject, until, by);
  }

  snoozedUntil(subject: string) {
    return alerts.snoozedUntil(this.db, subject);
  }

  async audit(entry: AuditEntry) {
    await this.db.query('INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)', [
      iso(entry.at),
      entry.actor,
      entry.action,
      entry.detail,
    ]);
  }

  async auditLog(since?: Date) {
    const rows = await this.db.query('SELECT at, actor, action, detail FROM audit_log WHERE at >= $1 ORDER BY at', [
      iso(since ?? new Date(0)),
    ]);
    return rows.map((row) => ({
      at: new Date(String(row.at)),
      actor: String(row.actor),
      action: String(row.action),
      detail: String(row.detail),
    }));
  }

  async prune(cutoffs: PruneCutoffs) {
    const gone = async (sql: string, param: string) =>
      (await this.db.query(`${sql} RETURNING 1 AS gone`, [param])).length;
    const snapshots = await gone('DELETE FROM heroku_snapshots WHERE day < $1', cutoffs.snapshotsBefore);
    if (snapshots > 0) await this.snapshotsChanged();
    return {
      cache: await gone('DELETE FROM cache WHERE stored_at < $1', iso(cutoffs.cacheBefore)),
      snapshots,
      audit: await gone('DELETE FROM audit_log WHERE at < $1', iso(cutoffs.historyBefore)),
      digestRuns: await gone('DELETE FROM digest_runs WHERE claimed_at < $1', iso(cutoffs.historyBefore)),
      snapshotRuns: await gone('DELETE FROM snapshot_runs WHERE claimed_at < $1', iso(cutoffs.historyBefore)),
      // Alerts go with the history; a snooze that ended before the cache cutoff says nothing any more.
      alerts:
        (await gone('DELETE FROM alerts WHERE created_at < $1', iso(cutoffs.historyBefore))) +
        (await gone('DELETE FROM alert_snoozes WHERE until < $1', iso(cutoffs.cacheBefore))),
    };
  }

  putPriceRefresh(refresh: PriceRefresh) {
    return this.priceRefreshRows.put(refresh);
  }

  latestPriceRefresh(vendor: PriceVendor, region: string, status?: PriceRefreshStatus) {
    return this.priceRefreshRows.latest(vendor, region, status);
  }

  usedPriceSets() {
    return this.priceRefreshRows.usedSets();
  }

  priceRefreshes(limit: number) {
    return this.priceRefreshRows.recent(limit);
  }

  markPriceRefreshNotified(vendor: PriceVendor, region: string, at: Date, notifiedAt: Date) {
    return this.priceRefreshRows.markNotified(vendor, region, at, notifiedAt);
  }
}
