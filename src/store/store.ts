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

/**
 * `claimed`: an owner holds the lease and is gathering. `posting`: the owner passed the fence and is
 * posting now (only it may; taken over only once its lease has expired, after a history check).
 */
export type DigestRunStatus = 'claimed' | 'posting' | 'posted' | 'failed';

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
   * Claims a digest run for a channel and period. A run already claimed (or posting) by another owner
   * is only taken over once its lease has expired and it was never marked posted; a failed one at once.
   */
  claimDigestRun(channel: string, period: string, owner: string, at: Date, leaseMs: number): Promise<ClaimResult>;
  /** The heartbeat: restarts the lease at `at`. False when the run is no longer ours to work on. */
  renewDigestRun(channel: string, period: string, owner: string, at: Date): Promise<boolean>;
  /**
   * The fence, just before the post: `claimed` → `posting`, only for the owner of the current claim.
   * False means another owner took the run over (or it finished): do not post.
   */
  beginDigestPost(channel: string, period: string, owner: string, at: Date): Promise<boolean>;
  /** True when our claim was marked; false when the run was not ours any more (nothing changed). */
  markDigestPosted(channel: string, period: string, owner: string, messageTs: string): Promise<boolean>;
  markDigestFailed(channel: string, period: string, owner: string, error: string): Promise<boolean>;
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
