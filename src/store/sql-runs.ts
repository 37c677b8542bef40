import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import type { Row, SqlDatabase } from './sql-database';
import type { ClaimResult, DigestRun, SnapshotRun } from './store';

const iso = (date: Date) => date.toISOString();

/**
 * Exactly-once runs kept in one table: claim (insert, or take over a failed run or an expired
 * lease, atomically), renew, the `claimed` → `posting` fence, and the marks. The digest keeps its
 * runs in `digest_runs` (by channel and period), the daily Heroku snapshot in `snapshot_runs` (by
 * day); the SQL is the same, so it is written once.
 */
export class SqlRuns<R> {
  private readonly where: string;
  private readonly owner: string;
  private readonly value: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly table: string,
    private readonly keys: readonly string[],
    /** The column `done` writes: what the run produced. */
    private readonly resultColumn: string,
    private readonly toRun: (row: Row) => R,
  ) {
    const n = keys.length;
    this.where = keys.map((key, index) => `${key} = $${index + 1}`).join(' AND ');
    this.owner = `$${n + 1}`;
    this.value = `$${n + 2}`;
  }

  /**
   * `takeOverPosting` false: a run past its fence (`posting`) is never taken over, for posts no one
   * can look for afterwards (a direct message: the bot may not read them), so it may have gone out.
   */
  async claim(
    key: readonly string[],
    owner: string,
    at: Date,
    leaseMs: number,
    takeOverPosting = true,
  ): Promise<ClaimResult<R>> {
    const n = this.keys.length;
    const [inserted] = await this.db.query(
      `INSERT INTO ${this.table} (${this.keys.join(', ')}, status, owner, claimed_at)
       VALUES (${this.keys.map((_, index) => `$${index + 1}`).join(', ')}, 'claimed', ${this.owner}, ${this.value})
       ON CONFLICT (${this.keys.join(', ')}) DO NOTHING RETURNING *`,
      [...key, owner, iso(at)],
    );
    if (inserted) return { claimed: true, run: this.toRun(inserted) };
    // A failed run, or a claim whose owner vanished before it posted, may be taken over: atomically.
    const expired = takeOverPosting ? "('claimed', 'posting')" : "('claimed')";
    const [taken] = await this.db.query(
      `UPDATE ${this.table} SET status = 'claimed', owner = ${this.owner}, claimed_at = ${this.value}, error = NULL
       WHERE ${this.where}
         AND (status = 'failed' OR (status IN ${expired} AND claimed_at < $${n + 3}))
       RETURNING *`,
      [...key, owner, iso(at), iso(new Date(at.getTime() - leaseMs))],
    );
    if (taken) return { claimed: true, run: this.toRun(taken) };
    const run = await this.get(key);
    if (!run) throw new Error(`run ${this.table} ${key.join('/')} vanished while claiming`);
    return { claimed: false, run };
  }

  renew(key: readonly string[], owner: string, at: Date): Promise<boolean> {
    return this.updatedOne(`claimed_at = ${this.value}`, "status IN ('claimed', 'posting')", key, owner, iso(at));
  }

  /**
   * The fence: `claimed` → `posting`, only while the owner still holds the claim. `also` sets one
   * more column of the run in the same statement (the snapshot's apps left out).
   */
  begin(
    key: readonly string[],
    owner: string,
    at: Date,
    also?: { column: string; value: string | null },
  ): Promise<boolean> {
    const set = `status = 'posting', claimed_at = ${this.value}${also ? `, ${also.column} = $${this.keys.length + 3}` : ''}`;
    return this.updatedOne(set, "status = 'claimed'", key, owner, iso(at), ...(also ? [also.value] : []));
  }

  done(key: readonly string[], owner: string, result: string | number): Promise<boolean> {
    return this.updatedOne(
      `status = 'posted', ${this.resultColumn} = ${this.value}, error = NULL`,
      "status IN ('claimed', 'posting')",
      key,
      owner,
      result,
    );
  }

  failed(key: readonly string[], owner: string, error: string): Promise<boolean> {
    return this.updatedOne(
      `status = 'failed', error = ${this.value}`,
      "status IN ('claimed', 'posting')",
      key,
      owner,
      error,
    );
  }

  async get(key: readonly string[]): Promise<R | undefined> {
    const [row] = await this.db.query(`SELECT * FROM ${this.table} WHERE ${this.where}`, [...key]);
    return row ? this.toRun(row) : undefined;
  }

  /** A conditional UPDATE of the owner's run; true when it changed a row. */
  private async updatedOne(
    set: string,
    status: string,
    key: readonly string[],
    owner: string,
    value: string | number,
    ...more: (string | null)[]
  ): Promise<boolean> {
    const sql = `UPDATE ${this.table} SET ${set} WHERE ${this.where} AND owner = ${this.owner} AND ${status} RETURNING 1 AS updated`;
    return (await this.db.query(sql, [...key, owner, value, ...more])).length > 0;
  }
}

export function toDigestRun(row: Row): DigestRun {
  return {
    channel: String(row.channel),
    period: String(row.period),
    status: row.status as DigestRun['status'],
    owner: String(row.owner),
    claimedAt: new Date(String(row.claimed_at)),
    ...(row.message_ts ? { messageTs: String(row.message_ts) } : {}),
    ...(row.error ? { error: String(row.error) } : {}),
  };
}

export function toSnapshotRun(row: Row): SnapshotRun {
  return {
    day: String(row.day),
    status: row.status as SnapshotRun['status'],
    owner: String(row.owner),
    claimedAt: new Date(String(row.claimed_at)),
    ...(row.apps !== null && row.apps !== undefined ? { apps: Number(row.apps) } : {}),
    ...(row.left_out ? { leftOut: leftOutOf(String(row.day), String(row.left_out)) } : {}),
    ...(row.error ? { error: String(row.error) } : {}),
  };
}

/** The apps a snapshot run's day was written without, as kept in its `left_out` column (JSON). */
export function leftOutOf(day: string, text: string): SnapshotLeftOut[] {
  const apps = JSON.parse(text) as { app: string; reason: string; team?: string }[];
  return apps.map(({ app, reason, team }) => ({ day, app, reason, ...(team ? { team } : {}) }));
}

/** The column's text: the day is the row's key, so only the app, Heroku's answer and the team. */
export function leftOutText(apps: readonly SnapshotLeftOut[]): string | null {
  return apps.length === 0
    ? null
    : JSON.stringify(apps.map(({ app, reason, team }) => ({ app, reason, ...(team ? { team } : {}) })));
}
