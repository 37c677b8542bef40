import type { Budget } from '../core/alerts/budget';
import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import type { PriceSet, PriceSetReview, PriceVendor } from '../core/pricing';

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
type RunStatus = 'claimed' | 'posting' | 'posted' | 'failed';

export interface DigestRun {
  channel: string;
  /** The period the digest covers, e.g. `2026-W47`. */
  period: string;
  status: RunStatus;
  owner: string;
  claimedAt: Date;
  messageTs?: string;
  error?: string;
}

/**
 * One day's Heroku snapshot run, claimed like a digest run (`posting` is the fenced write of the
 * rows, `posted` means taken); kept apart from digest runs.
 */
export interface SnapshotRun {
  /** The UTC day snapshotted, YYYY-MM-DD. */
  day: string;
  status: RunStatus;
  owner: string;
  claimedAt: Date;
  /** How many apps were snapshotted. */
  apps?: number;
  /** Apps the day was written without: no stored snapshot had ever had them (never read). */
  leftOut?: SnapshotLeftOut[];
  error?: string;
}

/** What a claim attempt found: we own it now, or someone else has it or finished it. */
export type ClaimResult<R = DigestRun> = { claimed: true; run: R } | { claimed: false; run: R };

export interface AuditEntry {
  at: Date;
  /** Slack user ID, or `cli` / `digest` for the bot's own views. */
  actor: string;
  /** `spend`, `dashboard`, `digest`, `audit-export`… */
  action: string;
  /** Which data was shown, never the figures themselves. */
  detail: string;
}

export interface StoredBudget extends Budget {
  /** Slack user ID of whoever set it last. */
  setBy: string;
  updatedAt: Date;
}

/** `new` until a lead acts on it from the message. */
export type AlertStatus = 'new' | 'acknowledged' | 'expected';

/** The fields a lead's press changes. */
export type AlertStatusFields = Pick<AlertRecord, 'status' | 'statusBy' | 'statusAt' | 'toldAws'>;

/**
 * How long a press's feedback counts as being sent to AWS: longer than the SDK's three attempts of
 * 30 s each with their back-off, so only a bot that stopped mid-call leaves it behind, and after
 * this a press may claim the alert again.
 */
export const SENDING_AWS_LEASE_MS = 5 * 60_000;

/** What a lead's press told AWS Cost Anomaly Detection of one of its findings (ProvideAnomalyFeedback's values). */
export type AlertFeedback = 'YES' | 'NO' | 'PLANNED_ACTIVITY';

/** An anomaly or budget message, kept so first detection, the buttons and the audit trail agree across replicas. */
export interface AlertRecord {
  /** `<subject>@<first day>` for anomalies, the exactly-once key for budget messages. */
  id: string;
  kind: 'anomaly' | 'budget';
  /** What it is about: `heroku-app:api-prod`, `aws-service:Amazon EC2`, `ce-anomaly:<id>`, `budget:<id>`. */
  subject: string;
  /** UTC days of the episode: first detection and the last day it was still seen. */
  firstDay: string;
  lastDay: string;
  /** JSON-safe figures and wording the thread and the buttons need. */
  detail: unknown;
  status: AlertStatus;
  statusBy?: string;
  statusAt?: Date;
  /** The feedback AWS took last (by `statusBy` at `statusAt`, unless `sendingAws`: every press that tells sets the status). */
  toldAws?: AlertFeedback;
  /** The feedback `statusBy`'s press is sending AWS since `statusAt`, which AWS has not answered yet. */
  sendingAws?: AlertFeedback;
  createdAt: Date;
}

export interface PruneCutoffs {
  cacheBefore: Date;
  /** UTC day, YYYY-MM-DD. */
  snapshotsBefore: string;
  historyBefore: Date;
}

/** `used`: the prices answers use. `held`: kept aside by the guard. `failed`: nothing was read. */
export type PriceRefreshStatus = 'used' | 'held' | 'failed';

/** One refresh of one vendor's prices (and region, for AWS), whatever came of it. Written in one row. */
export interface PriceRefresh {
  vendor: PriceVendor;
  region: string;
  at: Date;
  status: PriceRefreshStatus;
  /** What was read (used or held). */
  set?: PriceSet;
  /** Why it was held or failed, or notes on a used set, in plain words. */
  detail: string;
  /** How it compared with the set in use before. */
  review?: PriceSetReview;
  /** When the leads were told about it (once). */
  notifiedAt?: Date;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Throws when the database cannot be reached or written (or the SQLite file is gone); backs /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Several settings at once: all saved, or none. */
  setSettings(values: Record<string, string>): Promise<void>;
  settings(): Promise<Record<string, string>>;

  cacheGet<T = unknown>(key: string): Promise<CacheEntry<T> | undefined>;
  cachePut(key: string, value: unknown, storedAt: Date): Promise<void>;

  /** Counts calls to a paid or rate-limited API (`cost-explorer`, `heroku`) per UTC month. */
  countRequests(service: string, at: Date, count?: number): Promise<void>;
  requestCount(service: string, month: string): Promise<number>;

  putSnapshot(snapshot: HerokuSnapshot): Promise<void>;
  /** Many at once (a day of every app): the same rows as putting each, the version moved once. */
  putSnapshots(snapshots: readonly HerokuSnapshot[]): Promise<void>;
  /** Snapshots with fromDay <= day < toDay. */
  snapshots(fromDay: string, toDay: string): Promise<HerokuSnapshot[]>;
  /**
   * Changes whenever a snapshot is written or pruned, in any process sharing the database: while it
   * reads the same, an answer worked out from the snapshots still holds.
   */
  snapshotsVersion(): Promise<number>;
  /** Which of `apps` any stored snapshot has (of any day): an app in none has never been read. */
  appsWithSnapshots(apps: readonly string[]): Promise<string[]>;
  /**
   * The apps each day of fromDay <= day < toDay was written without (never read then), as its run
   * recorded them at the fence, before the day's rows: whoever reads a day's rows reads this too.
   */
  snapshotsLeftOut(fromDay: string, toDay: string): Promise<SnapshotLeftOut[]>;

  /**
   * Claims a digest run for a channel and period. A run already claimed (or posting) by another owner
   * is only taken over once its lease has expired and it was never marked posted; a failed one at once.
   * With `takeOverPosting` false, a run past its fence (`posting`) is never taken over: for a post no
   * one can look for afterwards (a direct message), which may have gone out.
   */
  claimDigestRun(
    channel: string,
    period: string,
    owner: string,
    at: Date,
    leaseMs: number,
    takeOverPosting?: boolean,
  ): Promise<ClaimResult>;
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

  /** The daily Heroku snapshot's run, claimed, fenced and marked like a digest run (by day). */
  claimSnapshotRun(day: string, owner: string, at: Date, leaseMs: number): Promise<ClaimResult<SnapshotRun>>;
  renewSnapshotRun(day: string, owner: string, at: Date): Promise<boolean>;
  /** The fence; it also records the apps the day is written without (none: nothing recorded). */
  beginSnapshotWrite(day: string, owner: string, at: Date, leftOut?: readonly SnapshotLeftOut[]): Promise<boolean>;
  markSnapshotTaken(day: string, owner: string, apps: number): Promise<boolean>;
  markSnapshotFailed(day: string, owner: string, error: string): Promise<boolean>;
  snapshotRun(day: string): Promise<SnapshotRun | undefined>;

  /** Runs whose period starts with `prefix` (every channel): what budget messages were sent this month. */
  runsWithPrefix(prefix: string): Promise<DigestRun[]>;

  /** Adds a budget, or replaces the one with the same name (keeping its id). */
  putBudget(budget: Budget, by: string, at: Date): Promise<StoredBudget>;
  budgets(): Promise<StoredBudget[]>;
  /** False when no budget has that name. */
  deleteBudget(name: string): Promise<boolean>;

  recordAlert(
    alert: Omit<AlertRecord, 'status' | 'statusBy' | 'statusAt'>,
  ): Promise<{ created: boolean; alert: AlertRecord }>;
  alert(id: string): Promise<AlertRecord | undefined>;
  /** The subject's alert still under way: its last day is `sinceDay` or later. */
  openAlert(subject: string, sinceDay: string): Promise<AlertRecord | undefined>;
  extendAlert(id: string, lastDay: string): Promise<void>;
  /**
   * Sets the status (and, for a press that tells AWS, `sendingAws`) unless the alert has them already
   * or another press is still sending AWS its feedback, atomically (a compare-and-set): of two presses
   * at once exactly one gets `changed`. The alert as it stands after; none when there is no such alert.
   */
  changeAlertStatus(
    id: string,
    status: AlertStatus,
    by: string,
    at: Date,
    tellAws?: AlertFeedback,
  ): Promise<{ changed: boolean; alert?: AlertRecord }>;
  /** AWS took the feedback `changed` (as changeAlertStatus returned it) was sending: it becomes `toldAws`. */
  settleAlertStatus(changed: AlertRecord): Promise<void>;
  /** Undoes `changed` (as changeAlertStatus returned it), back to `back`, unless the alert changed again since. */
  revertAlertStatus(changed: AlertRecord, back: AlertStatusFields): Promise<void>;
  snooze(subject: string, until: Date, by: string): Promise<void>;
  snoozedUntil(subject: string): Promise<Date | undefined>;

  audit(entry: AuditEntry): Promise<void>;
  /**
   * Deletes what is older than the retention policy (see README, "Data the bot keeps"): cached
   * answers stored before `cacheBefore`, snapshots of days before `snapshotsBefore`, audit entries
   * and digest runs before `historyBefore`. Returns how many rows went, per kind.
   */
  prune(
    cutoffs: PruneCutoffs,
  ): Promise<Record<'cache' | 'snapshots' | 'audit' | 'digestRuns' | 'snapshotRuns' | 'alerts', number>>;
  auditLog(since?: Date): Promise<AuditEntry[]>;

  /** Records a price refresh in one write; keeps 90 days of refreshes and always the newest used set. */
  putPriceRefresh(refresh: PriceRefresh): Promise<void>;
  /** The newest refresh of a vendor and region, or the newest with `status`. */
  latestPriceRefresh(
    vendor: PriceVendor,
    region: string,
    status?: PriceRefreshStatus,
  ): Promise<PriceRefresh | undefined>;
  /** The newest used set of every vendor and region: what answers price with. */
  usedPriceSets(): Promise<PriceSet[]>;
  /** Recent refreshes, newest first, without their prices. */
  priceRefreshes(limit: number): Promise<PriceRefresh[]>;
  /** Marks a refresh as told to the leads; true only for the one caller that marked it (replicas race). */
  markPriceRefreshNotified(vendor: PriceVendor, region: string, at: Date, notifiedAt: Date): Promise<boolean>;
}
