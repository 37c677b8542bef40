/**
 * The daily Heroku snapshot: each app's formation and add-ons with the day's prices, so the weekly
 * Heroku cost integrates what actually ran. Once per UTC day across replicas (a store claim);
 * snapshots are keyed by day and app, so a repeat would only overwrite the same rows.
 *
 * A day is recorded whole or not at all, where whole means every app any stored snapshot has: a day
 * with a snapshot counts as complete wherever the snapshots are summed (spend, the digest's weeks,
 * budgets, anomalies), so a day without such an app that could not be read would show its cost as a
 * drop. Such a day is not written; the run is marked failed, naming the apps, and tried again an hour
 * later, like any failed run. A day that never succeeds is a day missing, which every figure says.
 * An app no stored snapshot has ever had (never read: a collaborator app the token may not read) is
 * in no earlier day, so a day without it is no drop: the day is written for the apps read, and the run
 * records the apps left out with Heroku's answer, which every figure summed from those days names
 * (docs/decisions.md).
 */
import { type AppNotRead, appsCouldNotBeRead } from '../core/apps-not-read';
import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import { utcDay } from '../core/utc-days';
import type { Services } from '../services';
import { errorText } from '../sources/source-error';
import { ClaimLease, LeaseLost, snapshotLedger } from './claim-lease';
import type { JobLogger } from './job-logger';

const LEASE_MS = 10 * 60_000;
const RETRY_AFTER_MS = 60 * 60_000;

export type SnapshotOutcome = 'off' | 'done' | 'taken' | { apps: number; leftOut?: string[] } | { notRead: string[] };

const them = (apps: readonly unknown[]) => (apps.length === 1 ? 'it' : 'them');

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
  let leftOut: SnapshotLeftOut[] = [];
  const lease = await ClaimLease.claimIn(
    snapshotLedger(store, day, () => leftOut),
    {
      channel: 'heroku-snapshot',
      period: day,
      owner,
      now: () => new Date(now.getTime() + (Date.now() - started)),
      leaseMs: LEASE_MS,
      logger,
    },
  );
  if (!lease.claimed) return 'taken';
  try {
    const inventory = await lease.bound(heroku.inventory({ refresh: true }));
    if (inventory.staleBecause) throw inventory.staleBecause;
    const notRead = heroku.appsNotRead(inventory.value);
    // Only an app some stored day has holds the day back: a day without it would read as a drop.
    const seen = new Set(await lease.bound(store.appsWithSnapshots(notRead.map(({ app }) => app))));
    const held = notRead.filter(({ app }) => seen.has(app));
    if (held.length > 0) {
      const why = `not taken: ${appsCouldNotBeRead(held)}, and a day without ${them(held)} would count as whole; tried again in an hour. ${held[0]!.reason}`;
      logger.warn(`the daily Heroku snapshot for ${day} was ${why}`);
      await lease.markFailed(why);
      return { notRead: held.map(({ app }) => app) };
    }
    const teams = new Map(
      inventory.value.gaps.flatMap((gap) => (gap.app && gap.appTeam ? [[gap.app, gap.appTeam]] : [])),
    );
    leftOut = notRead.map(({ app, reason }) => ({ day, app, reason, ...optionalTeam(teams.get(app)) }));
    const rows = heroku.snapshot(inventory.value, day);
    // Rows are keyed by day and app, so a second writer would only overwrite them; fenced all the same.
    if (!(await lease.beginPost())) return 'taken';
    await store.putSnapshots(rows);
    await lease.markPosted(rows.length);
    if (leftOut.length === 0) return { apps: rows.length };
    logger.warn(`the daily Heroku snapshot for ${day} was ${takenWithout(notRead, rows.length)}`);
    return { apps: rows.length, leftOut: leftOut.map(({ app }) => app) };
  } catch (error) {
    if (error instanceof LeaseLost) return 'taken';
    await lease.markFailed(errorText(error));
    throw error;
  } finally {
    lease.release();
  }
}

const optionalTeam = (team: string | undefined) => (team ? { team } : {});

/** The log line of a day written without apps never read: what was written, who was left out and why. */
function takenWithout(notRead: readonly AppNotRead[], apps: number): string {
  return `taken for ${apps} app${apps === 1 ? '' : 's'}; ${appsCouldNotBeRead(notRead)} and ${notRead.length === 1 ? 'is' : 'are'} left out: no stored snapshot has ${them(notRead)}, so the day is whole without ${them(notRead)}, and the figures made from it name ${them(notRead)}. ${notRead[0]!.reason}`;
}
