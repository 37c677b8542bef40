import { DateTime } from 'luxon';

/** A digest period: whole days in the digest's time zone, start inclusive, end exclusive. */
export interface DigestPeriod {
  /** ISO week label, e.g. `2026-W47`: the key for exactly-once posting. */
  label: string;
  zone: string;
  /** Local dates, YYYY-MM-DD. */
  start: string;
  end: string;
  /** The same instants in UTC, for sources that count in UTC days. */
  startUtc: Date;
  endUtc: Date;
}

/** The last complete Monday-to-Sunday week before `now`, in `zone`. */
export function lastCompleteWeek(now: Date, zone: string): DigestPeriod {
  const local = DateTime.fromJSDate(now, { zone });
  const end = local.startOf('week');
  const start = end.minus({ weeks: 1 });
  return {
    label: `${start.toFormat("kkkk-'W'WW")}`,
    zone,
    start: start.toISODate()!,
    end: end.toISODate()!,
    startUtc: start.toJSDate(),
    endUtc: end.toJSDate(),
  };
}

/** The week before a period. */
export function previousWeek(period: DigestPeriod): DigestPeriod {
  return lastCompleteWeek(period.startUtc, period.zone);
}
