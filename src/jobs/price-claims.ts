/**
 * What replicas sharing one store must do once: a scheduled price refresh (two replicas reading the
 * AWS Price List at the same minute would throttle each other, at about 5 requests a second per
 * account) and a notice to the leads. Both are claims in the store, the digest's way
 * (src/jobs/claim-lease.ts): claim → fence → act → mark. A notice is a direct message, which the
 * bot cannot look for afterwards, so one past its fence is never taken over (docs/decisions.md,
 * "Price notices to the leads: at most once").
 */
import { createHash } from 'node:crypto';
import type { PriceVendor } from '../core/pricing';
import type { Store } from '../store/store';
import { ClaimLease } from './claim-lease';
import type { JobLogger } from './job-logger';

/** The claim namespace of price work in the runs table (never a Slack channel ID). */
const PRICE_CLAIMS = 'prices';

/** Longer than a whole AWS read with throttling retries; renewed every third while the work runs. */
const LEASE_MS = 3 * 60_000;

export interface PriceClaimOptions {
  store: Store;
  /** This replica (the owner of its claims). */
  owner: string;
  now: () => Date;
  logger: Pick<JobLogger, 'warn' | 'error'>;
}

/**
 * A notice is keyed by what it says: a second replica with the same news, or the same held set read
 * again tomorrow, finds it sent and says nothing.
 */
export function noticeKey(vendor: PriceVendor, region: string, text: string): string {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 24);
  return `notice:${vendor}:${region}:${digest}`;
}

/** A scheduled refresh's key: one per vendor, region and hour of the schedule. */
export function scheduledRefreshKey(vendor: PriceVendor, region: string, at: Date): string {
  return `refresh:${vendor}:${region}:${at.toISOString().slice(0, 13)}`;
}

/**
 * Runs `work` when this replica wins the claim `key`; false when another replica holds it or has
 * done it. A failure is marked failed (another replica, or the next run, may try again) and thrown.
 * `takeOverPosting` false (a notice to the leads): a run whose owner stalled or stopped after the
 * fence is left alone, as its work may have been done; a refresh is read again instead.
 */
export async function onceAcrossReplicas(
  options: PriceClaimOptions,
  key: string,
  work: () => Promise<string>,
  takeOverPosting = true,
): Promise<boolean> {
  const lease = await ClaimLease.claim(options.store, {
    channel: PRICE_CLAIMS,
    period: key,
    owner: options.owner,
    now: options.now,
    leaseMs: LEASE_MS,
    logger: options.logger,
    takeOverPosting,
  });
  if (!lease.claimed) return false;
  try {
    if (!(await lease.beginPost())) return false;
    let result: string;
    try {
      result = await work();
    } catch (error) {
      await lease.markFailed((error as Error).message ?? String(error));
      throw error;
    }
    await lease.markPosted(result);
    return true;
  } finally {
    lease.release();
  }
}
