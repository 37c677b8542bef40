/**
 * Calendar days as Cost Explorer and the Heroku snapshots count them: UTC, `YYYY-MM-DD`, ranges
 * start inclusive and end exclusive. (The list of days in a range is `utcDays` in heroku-run-rate.ts,
 * which also validates its input.)
 */
const DAY_MS = 86_400_000;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** How many days from `start` to `end` (exclusive). */
export function dayCount(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
}

/** The first day of `day`'s month, or of a month `monthsAhead` later. */
export function firstOfMonth(day: string, monthsAhead = 0): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + monthsAhead);
  return utcDay(date);
}
