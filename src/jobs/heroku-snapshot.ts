/**
 * The daily Heroku snapshot: each app's formation and add-ons with the day's prices, so the weekly
 * Heroku cost integrates what actually ran. Once per UTC day across replicas (a store claim);
 * snapshots are keyed by day and app, so a repeat would only overwrite the same rows.
 *
 * A day is recorded whole or not at all: a day with a snapshot counts as complete wherever the
 * snapshots are summed (spend, the digest's weeks, budgets, anomalies), so a day without an app that
 * could not be read would show its cost as a drop. Such a day is not written; the run is marked
 * failed, naming the apps, and tried again an hour later, like any failed run. A day that never
 * succeeds is a day missing, which every figure says (docs/decisions.md).
 */

import { appsCouldNotBeRead } from '../core/apps-not-read';
import { utcDay } from '../core/utc-days';
import type { Services } from '../services';
import { errorText } from '../sources/source-error';
import { ClaimLease, LeaseLost, snapshotLedger } from './claim-lease';
import type { JobLogger } from './job-logger';

const LEASE_MS = 10 * 60_000;
const RETRY_AFTER_MS = 60 * 60_000;

export type SnapshotOutcome = 'off' | 'done' | 'taken' | { apps: number } | { notRead: string[] };

export async function takeHerokuSnapshot(
  services: Services,
  owner: string,
  now: Date,
  logger: Pick<JobLogger, 'warn' | 'error'> = console,
): Promise<SnapshotOutcome> {
  const heroku = services.sources.heroku;
  if (!heroku) return 'off';
  const { store } = services;
  const day = utcDay(now);
  const run = await store.snapshotRun(day);
  if (run?.status === 'posted') return 'done';
  if (run?.status === 'failed' && now.getTime() - run.claimedAt.getTime() < RETRY_AFTER_MS) return 'taken';
  const started = Date.now();
  const lease = await ClaimLease.claimIn(snapshotLedger(store, day), {
    channel: 'heroku-snapshot',
    period: day,
    owner,
    now: () => new Date(now.getTime() + (Date.now() - started)),
    leaseMs: LEASE_MS,
    logger,
  });
  if (!lease.claimed) return 'taken';
  try {
    const inventory = await lease.bound(heroku.inventory({ refresh: true }));
    if (inventory.staleBecause) throw inventory.staleBecause;
    const notRead = heroku.appsNotRead(inventory.value);
    if (notRead.length > 0) {
      const why = `not taken: ${appsCouldNotBeRead(notRead)}, and a day without ${notRead.length === 1 ? 'it' : 'them'} would count as whole; tried again in an hour. ${notRead[0]!.reason}`;
      logger.warn(`the daily Heroku snapshot for ${day} was ${why}`);
      await lease.markFailed(why);
      return { notRead: notRead.map(({ app }) => app) };
    }
    const rows = heroku.snapshot(inventory.value, day);
    // Rows are keyed by day and app, so a second writer would only overwrite them; fenced all the same.
    if (!(await lease.beginPost())) return 'taken';
    await store.putSnapshots(rows);
    await lease.markPosted(rows.length);
    return { apps: rows.length };
  } catch (error) {
    if (error instanceof LeaseLost) return 'taken';
    await lease.markFailed(errorText(error));
    throw error;
  } finally {
    lease.release();
  }
}
