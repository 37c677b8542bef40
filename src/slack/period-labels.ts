/** Dates as a lead reads them: `November 2026`, `1–22 Nov` (inclusive). Pure; English whatever the host's locale. */
import { DateTime } from 'luxon';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc', locale: 'en-US' });

/** `2026-11` → `November 2026`. */
export function monthLabel(month: string): string {
  const date = utc(month);
  return date.isValid ? date.toFormat('LLLL yyyy') : month;
}

/** `2026-11` → `November`. */
export function monthName(month: string): string {
  const date = utc(month.slice(0, 7));
  return date.isValid ? date.toFormat('LLLL') : month;
}

/**
 * Start inclusive, end exclusive (UTC days) → the days it covers, both ends included: `1–22 Nov`;
 * `no whole day yet` for none (a month to date on the 1st: naming `1 Dec` beside $0.00 would say it cost nothing).
 */
export function rangeLabel(range: { start: string; end: string }): string {
  const start = utc(range.start);
  const last = utc(range.end).minus({ days: 1 });
  if (!start.isValid || !last.isValid) return `${range.start} to ${range.end}`;
  if (last < start) return 'no whole day yet';
  if (last.equals(start)) return start.toFormat('d LLL');
  if (start.month === last.month) return `${start.toFormat('d')}–${last.toFormat('d LLL')}`;
  return `${start.toFormat('d LLL')} – ${last.toFormat('d LLL')}`;
}
