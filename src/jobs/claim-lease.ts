/**
 * Fencing for exactly-once jobs (the digest, the daily snapshot, alerts): a claim in the store is a
 * lease that this process keeps alive with a heartbeat while it works, and that it must still own
 * at the fence, an atomic `claimed` → `posting` transition just before the one thing that must not
 * happen twice. A process that stalled past its lease (a long GC pause, a frozen container) and was
 * taken over finds the fence closed and does not post; a mark that changes no row is logged loudly.
 *
 *   const lease = await ClaimLease.claim(store, { channel, period, owner, now, leaseMs, logger });
 *   if (!lease.claimed) return; // someone else has it, or it is done (lease.run says which)
 *   try {
 *     const data = await lease.bound(gather(lease.signal));     // aborted when the lease is lost
 *     if (!(await lease.beginPost())) return;                   // fenced out: another owner has it
 *     const ts = await post(data);
 *     await lease.markPosted(ts);
 *   } finally { lease.release(); }
 */

import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import type { ClaimResult, DigestRun, SnapshotRun, Store } from '../store/store';
import type { JobLogger } from './job-logger';

export interface ClaimOptions {
  channel: string;
  period: string;
  owner: string;
  /** The clock claims and renewals are stamped with (replicas compare them). */
  now: () => Date;
  leaseMs: number;
  /** How often the lease is renewed; a third of the lease by default. */
  heartbeatMs?: number;
  /**
   * False for a post no one can look for afterwards (a direct message: the bot may not read them): a run
   * past its fence is then never taken over, since it may have gone out. True by default.
   */
  takeOverPosting?: boolean;
  logger: Pick<JobLogger, 'warn' | 'error'>;
}

/** Where one kind of run is kept: the store's digest runs (by channel and period) or snapshot runs (by day). */
export interface RunLedger<R, D> {
  claim(owner: string, at: Date, leaseMs: number): Promise<ClaimResult<R>>;
  renew(owner: string, at: Date): Promise<boolean>;
  begin(owner: string, at: Date): Promise<boolean>;
  done(owner: string, result: D): Promise<boolean>;
  failed(owner: string, error: string): Promise<boolean>;
}

function digestLedger(
  store: Store,
  channel: string,
  period: string,
  takeOverPosting = true,
): RunLedger<DigestRun, string> {
  return {
    claim: (owner, at, leaseMs) => store.claimDigestRun(channel, period, owner, at, leaseMs, takeOverPosting),
    renew: (owner, at) => store.renewDigestRun(channel, period, owner, at),
    begin: (owner, at) => store.beginDigestPost(channel, period, owner, at),
    done: (owner, messageTs) => store.markDigestPosted(channel, period, owner, messageTs),
    failed: (owner, error) => store.markDigestFailed(channel, period, owner, error),
  };
}

/** `leftOut`: the apps the day is written without (never read), known once the day is read; asked at the fence. */
export function snapshotLedger(
  store: Store,
  day: string,
  leftOut: () => readonly SnapshotLeftOut[] = () => [],
): RunLedger<SnapshotRun, number> {
  return {
    claim: (owner, at, leaseMs) => store.claimSnapshotRun(day, owner, at, leaseMs),
    renew: (owner, at) => store.renewSnapshotRun(day, owner, at),
    begin: (owner, at) => store.beginSnapshotWrite(day, owner, at, leftOut()),
    done: (owner, apps) => store.markSnapshotTaken(day, owner, apps),
    failed: (owner, error) => store.markSnapshotFailed(day, owner, error),
  };
}

/** Thrown by `bound` when the lease was lost while the work was under way. */
export class LeaseLost extends Error {
  constructor(what: string) {
    super(`${what}: another instance took this run over; this one stops without posting`);
    this.name = 'LeaseLost';
  }
}

export class ClaimLease<R = DigestRun, D = string> {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly ledger: RunLedger<R, D>,
    private readonly options: ClaimOptions,
    readonly claimed: boolean,
    /** The run as the claim found it: ours when claimed, otherwise the other owner's (or a finished one). */
    readonly run: R,
  ) {}

  /** Claims a digest run (by channel and period); when claimed, the heartbeat starts at once. */
  static claim(store: Store, options: ClaimOptions): Promise<ClaimLease<DigestRun, string>> {
    return ClaimLease.claimIn(digestLedger(store, options.channel, options.period, options.takeOverPosting), options);
  }

  /** Claims a run kept in `ledger`; `channel` and `period` then only name it in logs. */
  static async claimIn<R, D>(ledger: RunLedger<R, D>, options: ClaimOptions): Promise<ClaimLease<R, D>> {
    const result = await ledger.claim(options.owner, options.now(), options.leaseMs);
    const lease = new ClaimLease(ledger, options, result.claimed, result.run);
    if (result.claimed) lease.startHeartbeat();
    return lease;
  }

  private get name() {
    return `${this.options.channel}/${this.options.period}`;
  }

  /** Aborted when a renewal finds the run owned by someone else, or after `release`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private startHeartbeat() {
    const every = this.options.heartbeatMs ?? Math.floor(this.options.leaseMs / 3);
    this.timer = setInterval(() => void this.renew(), every);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const { ledger, options } = this;
    try {
      if (await ledger.renew(options.owner, options.now())) return;
      options.logger.warn(`lease on ${this.name} lost: another instance took it over`);
      this.stop(new LeaseLost(this.name));
    } catch (error) {
      // The store is unreachable for now: keep trying; the fence decides in the end.
      options.logger.warn(`could not renew the lease on ${this.name}: ${(error as Error).message}`);
    }
  }

  private stop(reason: Error) {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** `work`, or a LeaseLost rejection as soon as the lease is lost (the work itself is not stopped). */
  bound<T>(work: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const lost = () => reject(signal.reason);
      signal.addEventListener('abort', lost, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', lost);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', lost);
          reject(error);
        },
      );
    });
  }

  /** The fence: true when this process still owns the claim and may post now; false: do not post. */
  async beginPost(): Promise<boolean> {
    const { ledger, options } = this;
    if (this.controller.signal.aborted) return false;
    const ok = await ledger.begin(options.owner, options.now());
    if (!ok) {
      options.logger.warn(`${this.name}: not posting, another instance took this run over`);
      this.stop(new LeaseLost(this.name));
    }
    return ok;
  }

  /** Records the post. A mark that changes no row means someone else holds the run now: logged as an error. */
  async markPosted(result: D): Promise<boolean> {
    const { ledger, options } = this;
    const ok = await ledger.done(options.owner, result);
    if (!ok) {
      options.logger.error(
        `${this.name} was done (${result}) but could not be recorded: the run is no longer this instance's. Check for a duplicate.`,
      );
    }
    return ok;
  }

  async markFailed(error: string): Promise<boolean> {
    const { ledger, options } = this;
    const ok = await ledger.failed(options.owner, error);
    if (!ok) options.logger.error(`${this.name} failed (${error}) and could not be recorded: no longer ours`);
    return ok;
  }

  /** Stops the heartbeat. Safe to call more than once. */
  release(): void {
    this.stop(new LeaseLost(this.name));
  }
}
