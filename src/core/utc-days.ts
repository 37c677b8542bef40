/**
 * Calendar days as Cost Explorer and the Heroku snapshots count them: UTC, `YYYY-MM-DD`, ranges
 * start inclusive and end exclusive, with luxon doing the calendar. (The list of days in a range
 * is `utcDays` in heroku-run-rate.ts, which also validates its input.)
 */
import { DateTime } from 'luxon';

/** A `YYYY-MM-DD` as a UTC midnight; a string that is not one is a programming error. */
export function utcMidnight(day: string): DateTime<true> {
  const date = DateTime.fromISO(day, { zone: 'utc' });
  if (!date.isValid) throw new RangeError(`not a UTC day YYYY-MM-DD: "${day}"`);
  return date.startOf('day');
}

const isoDay = (date: DateTime<true>) => date.toISODate();

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(utcMidnight(day).plus({ days }));
}

/** How many days from `start` to `end` (exclusive). */
export function dayCount(start: string, end: string): number {
  return Math.round(utcMidnight(end).diff(utcMidnight(start), 'days').days);
}

/** The first day of `day`'s month, or of a month `monthsAhead` later. */
export function firstOfMonth(day: string, monthsAhead = 0): string {
  return isoDay(utcMidnight(day).startOf('month').plus({ months: monthsAhead }));
}
