/**
 * Everything the bot keeps. One interface, two implementations (SQLite by default, PostgreSQL for
 * several replicas) that pass the same contract tests in test/store.
 */
export interface CacheEntry<T = unknown> {
  value: T;
  storedAt: Date;
}

export interface HerokuSnapshot {
  /** UTC day the snapshot stands for, YYYY-MM-DD. */
  day: string;
  app: string;
  data: unknown;
  takenAt: Date;
}

export type DigestRunStatus = 'claimed' | 'posted' | 'failed';

export interface DigestRun {
  channel: string;
  /** The period the digest covers, e.g. `2026-W47`. */
  period: string;
  status: DigestRunStatus;
  owner: string;
  claimedAt: Date;
  messageTs?: string;
  error?: string;
}

/** What a claim attempt found: we own it now, or someone else has it or finished it. */
export type ClaimResult = { claimed: true; run: DigestRun } | { claimed: false; run: DigestRun };

export interface AuditEntry {
  at: Date;
  /** Slack user ID, or `cli` / `digest` for the bot's own views. */
  actor: string;
  /** `spend`, `dashboard`, `digest`, `audit-export`… */
  action: string;
  /** Which data was shown, never the figures themselves. */
  detail: string;
}

export interface PruneCutoffs {
  cacheBefore: Date;
  /** UTC day, YYYY-MM-DD. */
  snapshotsBefore: string;
  historyBefore: Date;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Throws when the database cannot be reached; backs /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  settings(): Promise<Record<string, string>>;

  cacheGet<T = unknown>(key: string): Promise<CacheEntry<T> | undefined>;
  cachePut(key: string, value: unknown, storedAt: Date): Promise<void>;

  /** Counts calls to a paid or rate-limited API (`cost-explorer`, `heroku`) per UTC month. */
  countRequests(service: string, at: Date, count?: number): Promise<void>;
  requestCount(service: string, month: string): Promise<number>;

  putSnapshot(snapshot: HerokuSnapshot): Promise<void>;
  /** Snapshots with fromDay <= day < toDay. */
  snapshots(fromDay: string, toDay: string): Promise<HerokuSnapshot[]>;

  /**
   * Claims a digest run for a channel and period. A run already claimed by another owner is only
   * taken over once its lease has expired and it was never marked posted.
   */
  claimDigestRun(channel: string, period: string, owner: string, at: Date, leaseMs: number): Promise<ClaimResult>;
  markDigestPosted(channel: string, period: string, owner: string, messageTs: string): Promise<void>;
  markDigestFailed(channel: string, period: string, owner: string, error: string): Promise<void>;
  digestRun(channel: string, period: string): Promise<DigestRun | undefined>;

  audit(entry: AuditEntry): Promise<void>;
  /**
   * Deletes what is older than the retention policy (see README, "Data the bot keeps"): cached
   * answers stored before `cacheBefore`, snapshots of days before `snapshotsBefore`, audit entries
   * and digest runs before `historyBefore`. Returns how many rows went, per kind.
   */
  prune(cutoffs: PruneCutoffs): Promise<Record<'cache' | 'snapshots' | 'audit' | 'digestRuns', number>>;
  auditLog(since?: Date): Promise<AuditEntry[]>;
}
