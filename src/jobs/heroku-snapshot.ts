/**
 * The daily Heroku snapshot: each app's formation and add-ons with the day's prices, so the weekly
 * Heroku cost integrates what actually ran. Once per UTC day across replicas (a store claim);
 * snapshots are keyed by day and app, so a repeat would only overwrite the same rows.
 */
import { utcDay } from '../core/utc-days';
import type { Services } from '../services';
import { SourceError } from '../sources/source-error';

export const SNAPSHOT_JOB = 'job:heroku-snapshot';
const LEASE_MS = 10 * 60_000;
const RETRY_AFTER_MS = 60 * 60_000;

export type SnapshotOutcome = 'off' | 'done' | 'taken' | { apps: number };

export async function takeHerokuSnapshot(services: Services, owner: string, now: Date): Promise<SnapshotOutcome> {
  const heroku = services.sources.heroku;
  if (!heroku) return 'off';
  const { store } = services;
  const day = utcDay(now);
  const run = await store.digestRun(SNAPSHOT_JOB, day);
  if (run?.status === 'posted') return 'done';
  if (run?.status === 'failed' && now.getTime() - run.claimedAt.getTime() < RETRY_AFTER_MS) return 'taken';
  const claim = await store.claimDigestRun(SNAPSHOT_JOB, day, owner, now, LEASE_MS);
  if (!claim.claimed) return 'taken';
  try {
    const inventory = await heroku.inventory({ refresh: true });
    if (inventory.staleBecause) throw inventory.staleBecause;
    const rows = heroku.snapshot(inventory.value, day);
    for (const row of rows) await store.putSnapshot(row);
    await store.markDigestPosted(SNAPSHOT_JOB, day, owner, `${rows.length} apps`);
    return { apps: rows.length };
  } catch (error) {
    const message = error instanceof SourceError ? error.message : (error as Error).message;
    await store.markDigestFailed(SNAPSHOT_JOB, day, owner, message);
    throw error;
  }
}
