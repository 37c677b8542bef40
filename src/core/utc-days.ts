/**
 * Calendar days as Cost Explorer and the Heroku snapshots count them: UTC, `YYYY-MM-DD`, ranges
 * start inclusive and end exclusive. A UTC day is always 86,400,000 ms in JavaScript's time (no leap
 * seconds), so day arithmetic is integer arithmetic on UTC midnights; luxon is only for formatting.
 * It was ~20-50 µs a call, and a 500-app digest asks for the days of a range per app. (The list of
 * days in a range is `utcDays` in heroku-run-rate.ts, which also validates its input.)
 */
import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The UTC midnight of a real `YYYY-MM-DD` in milliseconds, or NaN. `Date.parse` takes 30 February
 * for 2 March, so the day must read back the same.
 */
export function utcDayMs(day: string): number {
  if (!DAY_SHAPE.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || dayOfMs(ms) !== day ? Number.NaN : ms;
}

/** The UTC day of a millisecond time, `YYYY-MM-DD` (years 0-9999). */
export const dayOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function checkedMs(day: string): number {
  const ms = utcDayMs(day);
  if (Number.isNaN(ms)) throw new RangeError(`not a UTC day YYYY-MM-DD: "${day}"`);
  return ms;
}

/** A `YYYY-MM-DD` as a UTC midnight; a string that is not one is a programming error. */
export function utcMidnight(day: string): DateTime<true> {
  return DateTime.fromMillis(checkedMs(day), { zone: 'utc' }) as DateTime<true>;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOfMs(checkedMs(day) + days * DAY_MS);
}

/** How many days from `start` to `end` (exclusive). */
export function dayCount(start: string, end: string): number {
  return (checkedMs(end) - checkedMs(start)) / DAY_MS;
}

/** The first day of `day`'s month, or of a month `monthsAhead` later. */
export function firstOfMonth(day: string, monthsAhead = 0): string {
  const date = new Date(checkedMs(day));
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + monthsAhead);
  return dayOfMs(date.getTime());
}
