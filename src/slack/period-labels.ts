/** Dates as a lead reads them: `November 2026`, `1–22 Nov` (inclusive). Pure. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11` → `November 2026`. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return LONG_MONTHS[number! - 1] ? `${LONG_MONTHS[number! - 1]} ${year}` : month;
}

/** `2026-11` → `November`. */
export function monthName(month: string): string {
  return LONG_MONTHS[Number(month.slice(5, 7)) - 1] ?? month;
}

/** Start inclusive, end exclusive (UTC days) → the days it covers, both ends included: `1–22 Nov`. */
export function rangeLabel(range: { start: string; end: string }): string {
  const start = new Date(`${range.start}T00:00:00Z`);
  const last = new Date(Date.parse(`${range.end}T00:00:00Z`) - 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(last.getTime())) return `${range.start} to ${range.end}`;
  const day = (date: Date) => date.getUTCDate();
  const month = (date: Date) => MONTHS[date.getUTCMonth()];
  if (last.getTime() <= start.getTime()) return `${day(start)} ${month(start)}`;
  if (start.getUTCMonth() === last.getUTCMonth()) return `${day(start)}–${day(last)} ${month(last)}`;
  return `${day(start)} ${month(start)} – ${day(last)} ${month(last)}`;
}
