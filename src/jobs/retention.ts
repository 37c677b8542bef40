/**
 * How long the bot keeps what it stores (README, "Data the bot keeps"), applied once a day.
 * Snapshots and history cover 400 days: a year of digests and audits plus the month a monthly cap
 * needs. Cached answers older than 30 days are never served fresh again, so they go.
 */
import { DateTime } from 'luxon';
import { addDays, utcDay } from '../core/utc-days';
import type { Store } from '../store/store';

const RETENTION_DAYS = { cache: 30, snapshots: 400, history: 400 } as const;

const daysBefore = (now: Date, days: number) => DateTime.fromJSDate(now, { zone: 'utc' }).minus({ days }).toJSDate();

export function pruneOldData(store: Store, now: Date) {
  return store.prune({
    cacheBefore: daysBefore(now, RETENTION_DAYS.cache),
    snapshotsBefore: addDays(utcDay(now), -RETENTION_DAYS.snapshots),
    historyBefore: daysBefore(now, RETENTION_DAYS.history),
  });
}
