/**
 * The budgets and alerts part of the SQL store (one file per concern keeps sql-store.ts small).
 * Same SQL on SQLite and PostgreSQL; ISO-8601 text timestamps.
 */
import type { Budget } from '../core/alerts/budget';
import type { Row, SqlDatabase } from './sql-database';
import {
  type AlertFeedback,
  type AlertRecord,
  type AlertStatus,
  type AlertStatusFields,
  type DigestRun,
  SENDING_AWS_LEASE_MS,
  type StoredBudget,
} from './store';

const iso = (date: Date) => date.toISOString();

function toAlert(row: Row): AlertRecord {
  return {
    id: String(row.id),
    kind: row.kind as AlertRecord['kind'],
    subject: String(row.subject),
    firstDay: String(row.first_day),
    lastDay: String(row.last_day),
    detail: JSON.parse(String(row.detail)),
    status: row.status as AlertStatus,
    ...(row.status_by ? { statusBy: String(row.status_by) } : {}),
    ...(row.status_at ? { statusAt: new Date(String(row.status_at)) } : {}),
    ...(row.told_aws ? { toldAws: row.told_aws as AlertFeedback } : {}),
    ...(row.sending_aws ? { sendingAws: row.sending_aws as AlertFeedback } : {}),
    createdAt: new Date(String(row.created_at)),
  };
}

export async function putBudget(db: SqlDatabase, budget: Budget, by: string, at: Date): Promise<StoredBudget> {
  // Setting a budget again by name keeps its id, so levels already announced this month stay announced.
  const [row] = await db.query(
    `INSERT INTO budgets (id, name, definition, created_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, created_by = excluded.created_by,
       updated_at = excluded.updated_at
     RETURNING id`,
    [budget.id, budget.name, JSON.stringify(budget), by, iso(at)],
  );
  return { ...budget, id: String(row!.id), setBy: by, updatedAt: at };
}

export async function budgets(db: SqlDatabase): Promise<StoredBudget[]> {
  const rows = await db.query('SELECT id, definition, created_by, updated_at FROM budgets ORDER BY name');
  return rows.map((row) => ({
    ...(JSON.parse(String(row.definition)) as Budget),
    id: String(row.id),
    setBy: String(row.created_by),
    updatedAt: new Date(String(row.updated_at)),
  }));
}

export async function deleteBudget(db: SqlDatabase, name: string): Promise<boolean> {
  return (await db.query('DELETE FROM budgets WHERE name = $1 RETURNING id', [name])).length > 0;
}

export async function runsWithPrefix(
  db: SqlDatabase,
  prefix: string,
  toRun: (row: Row) => DigestRun,
): Promise<DigestRun[]> {
  const rows = await db.query('SELECT * FROM digest_runs WHERE substr(period, 1, $2) = $1 ORDER BY period', [
    prefix,
    prefix.length,
  ]);
  return rows.map(toRun);
}

/** Inserts the alert unless one with its id exists; returns what is stored and whether this call created it. */
export async function recordAlert(
  db: SqlDatabase,
  alert: Omit<AlertRecord, 'status' | 'statusBy' | 'statusAt'>,
): Promise<{ created: boolean; alert: AlertRecord }> {
  const [inserted] = await db.query(
    `INSERT INTO alerts (id, kind, subject, first_day, last_day, detail, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'new', $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
    [
      alert.id,
      alert.kind,
      alert.subject,
      alert.firstDay,
      alert.lastDay,
      JSON.stringify(alert.detail),
      iso(alert.createdAt),
    ],
  );
  if (inserted) return { created: true, alert: toAlert(inserted) };
  return { created: false, alert: (await getAlert(db, alert.id))! };
}

export async function getAlert(db: SqlDatabase, id: string): Promise<AlertRecord | undefined> {
  const [row] = await db.query('SELECT * FROM alerts WHERE id = $1', [id]);
  return row ? toAlert(row) : undefined;
}

/** The subject's most recent alert whose last day is on or after `sinceDay`: the episode still under way. */
export async function openAlert(db: SqlDatabase, subject: string, sinceDay: string): Promise<AlertRecord | undefined> {
  const [row] = await db.query(
    'SELECT * FROM alerts WHERE subject = $1 AND last_day >= $2 ORDER BY last_day DESC, id DESC LIMIT 1',
    [subject, sinceDay],
  );
  return row ? toAlert(row) : undefined;
}

export async function extendAlert(db: SqlDatabase, id: string, lastDay: string): Promise<void> {
  await db.query('UPDATE alerts SET last_day = $2 WHERE id = $1 AND last_day < $2', [id, lastDay]);
}

/**
 * Sets the status (and what AWS is being told, when the press tells it) unless the alert has them
 * already, in one conditional UPDATE: PostgreSQL re-checks the WHERE on the row a concurrent UPDATE
 * committed, and SQLite runs writes one at a time, so of two presses at once exactly one changes it.
 * A press that tells AWS something it was not told yet goes on even when the status is already the
 * one it sets (Acknowledge, then "real anomaly"; Mark expected, then "not an anomaly"). While a press
 * is sending AWS its feedback no other press changes the alert (AWS may still refuse it, and it is put
 * back), unless that press is older than SENDING_AWS_LEASE_MS: its bot stopped mid-call, and what AWS
 * heard is unknown. The alert as it stands after (who did it, for the other).
 */
export async function changeAlertStatus(
  db: SqlDatabase,
  id: string,
  status: AlertStatus,
  by: string,
  at: Date,
  tellAws?: AlertFeedback,
): Promise<{ changed: boolean; alert?: AlertRecord }> {
  const [row] = await db.query(
    `UPDATE alerts SET status = $2, status_by = $3, status_at = $4, sending_aws = CAST($5 AS TEXT)
     WHERE id = $1 AND (sending_aws IS NULL OR status_at < $6)
       AND (status <> $2 OR sending_aws IS NOT NULL
            OR (CAST($5 AS TEXT) IS NOT NULL AND (told_aws IS NULL OR told_aws <> $5)))
     RETURNING *`,
    [id, status, by, iso(at), tellAws ?? null, iso(new Date(at.getTime() - SENDING_AWS_LEASE_MS))],
  );
  if (row) return { changed: true, alert: toAlert(row) };
  const alert = await getAlert(db, id);
  return { changed: false, ...(alert ? { alert } : {}) };
}

/** The alert still holds the press that claimed `changed`: no press changed it since. */
const STILL_CLAIMED = 'id = $1 AND status = $2 AND status_by = $3 AND status_at = $4';
const claimOf = (changed: AlertRecord) => [
  changed.id,
  changed.status,
  changed.statusBy ?? null,
  changed.statusAt ? iso(changed.statusAt) : null,
];

/** AWS took the feedback the press was sending: it is what AWS was told now. */
export async function settleAlertStatus(db: SqlDatabase, changed: AlertRecord): Promise<void> {
  await db.query(
    `UPDATE alerts SET told_aws = sending_aws, sending_aws = NULL WHERE ${STILL_CLAIMED} AND sending_aws IS NOT NULL`,
    claimOf(changed),
  );
}

/** Puts back what a change replaced (AWS refused the feedback), unless the alert was changed again since. */
export async function revertAlertStatus(db: SqlDatabase, changed: AlertRecord, back: AlertStatusFields): Promise<void> {
  await db.query(
    `UPDATE alerts SET status = $5, status_by = $6, status_at = $7, told_aws = $8, sending_aws = NULL
     WHERE ${STILL_CLAIMED}`,
    [
      ...claimOf(changed),
      back.status,
      back.statusBy ?? null,
      back.statusAt ? iso(back.statusAt) : null,
      back.toldAws ?? null,
    ],
  );
}

export async function snooze(db: SqlDatabase, subject: string, until: Date, by: string): Promise<void> {
  await db.query(
    `INSERT INTO alert_snoozes (subject, until, snoozed_by) VALUES ($1, $2, $3)
     ON CONFLICT (subject) DO UPDATE SET until = excluded.until, snoozed_by = excluded.snoozed_by`,
    [subject, iso(until), by],
  );
}

export async function snoozedUntil(db: SqlDatabase, subject: string): Promise<Date | undefined> {
  const [row] = await db.query('SELECT until FROM alert_snoozes WHERE subject = $1', [subject]);
  return row ? new Date(String(row.until)) : undefined;
}
