/** Calendar weeks for the digest: Monday to Sunday in the digest's time zone. Pure. */
import { DateTime } from 'luxon';
import { addDays } from '../utc-days';
import type { DigestWeek } from './types';

function weekStarting(monday: string, timezone: string): DigestWeek {
  const start = DateTime.fromISO(monday, { zone: 'utc' });
  if (!start.isValid || start.weekday !== 1) throw new RangeError(`a digest week starts on a Monday, not ${monday}`);
  const sunday = start.plus({ days: 6 });
  const sameMonth = start.month === sunday.month;
  const from = start.toFormat(sameMonth ? 'ccc d' : start.year === sunday.year ? 'ccc d LLL' : 'ccc d LLL yyyy');
  return {
    id: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`,
    start: monday,
    end: start.plus({ days: 7 }).toISODate()!,
    label: `${from} – ${sunday.toFormat('ccc d LLL yyyy')}`,
    timezone,
  };
}

/** The last week that has ended, as of `now`, in `timezone`. */
export function lastCompleteWeek(now: Date, timezone: string): DigestWeek {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const thisMonday = local.startOf('day').minus({ days: local.weekday - 1 });
  return weekStarting(thisMonday.minus({ days: 7 }).toISODate()!, timezone);
}

/** `count` weeks ending with `week`, oldest first. */
export function weeksEndingWith(week: DigestWeek, count: number): DigestWeek[] {
  return Array.from({ length: count }, (_, i) =>
    weekStarting(addDays(week.start, -7 * (count - 1 - i)), week.timezone),
  );
}
