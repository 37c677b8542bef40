/**
 * Versioned schema. Append only: a migration that has run is never edited. The SQL is the common
 * subset of SQLite and PostgreSQL; timestamps are ISO-8601 UTC text so both sort them alike.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, cache, request counts, heroku snapshots, digest runs, audit log',
    sql: [
      `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored_at TEXT NOT NULL)`,
      `CREATE TABLE api_requests (service TEXT NOT NULL, month TEXT NOT NULL, count INTEGER NOT NULL,
         PRIMARY KEY (service, month))`,
      `CREATE TABLE heroku_snapshots (day TEXT NOT NULL, app TEXT NOT NULL, data TEXT NOT NULL, taken_at TEXT NOT NULL,
         PRIMARY KEY (day, app))`,
      `CREATE TABLE digest_runs (channel TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL,
         owner TEXT NOT NULL, claimed_at TEXT NOT NULL, message_ts TEXT, error TEXT,
         PRIMARY KEY (channel, period))`,
      `CREATE TABLE audit_log (at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
         detail TEXT NOT NULL)`,
      `CREATE INDEX audit_log_at ON audit_log (at)`,
    ],
  },
  {
    version: 2,
    name: 'budgets, alerts (anomalies and budget messages, with who acted on them), snoozes',
    sql: [
      `CREATE TABLE budgets (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, definition TEXT NOT NULL,
         created_by TEXT NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE alerts (id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, first_day TEXT NOT NULL,
         last_day TEXT NOT NULL, detail TEXT NOT NULL, status TEXT NOT NULL, status_by TEXT, status_at TEXT,
         created_at TEXT NOT NULL)`,
      `CREATE INDEX alerts_subject ON alerts (subject, last_day)`,
      `CREATE TABLE alert_snoozes (subject TEXT PRIMARY KEY, until TEXT NOT NULL, snoozed_by TEXT NOT NULL)`,
    ],
  },
  {
    version: 3,
    name: 'price refreshes: live vendor price sets, used, held or failed',
    sql: [
      `CREATE TABLE price_refreshes (vendor TEXT NOT NULL, region TEXT NOT NULL, at TEXT NOT NULL,
         status TEXT NOT NULL, prices TEXT, detail TEXT NOT NULL, review TEXT, notified_at TEXT,
         PRIMARY KEY (vendor, region, at))`,
      `CREATE INDEX price_refreshes_status ON price_refreshes (vendor, region, status, at)`,
    ],
  },
  {
    version: 4,
    name: 'heroku snapshot runs in their own table (they were digest runs under a made-up channel, "N apps" as the message)',
    sql: [
      `CREATE TABLE snapshot_runs (day TEXT PRIMARY KEY, status TEXT NOT NULL, owner TEXT NOT NULL,
         claimed_at TEXT NOT NULL, apps INTEGER, error TEXT)`,
      `INSERT INTO snapshot_runs (day, status, owner, claimed_at, apps, error)
         SELECT period, status, owner, claimed_at,
           CASE WHEN message_ts LIKE '% apps' THEN CAST(substr(message_ts, 1, length(message_ts) - 5) AS INTEGER) END,
           error
         FROM digest_runs WHERE channel = 'job:heroku-snapshot'`,
      `DELETE FROM digest_runs WHERE channel = 'job:heroku-snapshot'`,
    ],
  },
  {
    version: 5,
    name: 'a number that changes whenever Heroku snapshots are written or pruned, so answers worked out from them can be reused until it does',
    sql: [
      `CREATE TABLE snapshot_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)`,
      `INSERT INTO snapshot_version (id, version) VALUES (1, 0)`,
    ],
  },
  {
    version: 6,
    name: "the Heroku apps a day was written without because no stored snapshot had ever had them (never read), with Heroku's answer",
    sql: [`ALTER TABLE snapshot_runs ADD COLUMN left_out TEXT`],
  },
  {
    version: 7,
    name: 'what AWS Cost Anomaly Detection was last told of an alert (YES, NO or PLANNED_ACTIVITY), so the same feedback is sent once',
    sql: [`ALTER TABLE alerts ADD COLUMN told_aws TEXT`],
  },
  {
    version: 8,
    name: 'what a press is telling AWS Cost Anomaly Detection while AWS has not answered, so no other press acts or says "done" meanwhile',
    sql: [`ALTER TABLE alerts ADD COLUMN sending_aws TEXT`],
  },
];
