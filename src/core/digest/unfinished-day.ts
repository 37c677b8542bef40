/**
 * The digest week's Sunday while it is not over in UTC. A week ends at midnight in its time zone, but
 * Cost Explorer and the Heroku snapshots count UTC days: ahead of UTC (Berlin, Sydney) the week has
 * ended hours before its Sunday has, and that Sunday has no figures yet. Pure.
 */
import { DateTime } from 'luxon';
import { addDays, utcDay } from '../utc-days';
import type { DigestWeek, UnfinishedDay } from './types';
import { lastCompleteWeek } from './week';

/** Undefined once the week's last UTC day is over (before `today`). */
export function unfinishedDay(week: DigestWeek, today: string): UnfinishedDay | undefined {
  const sunday = addDays(week.end, -1);
  if (today > sunday) return undefined;
  return { day: sunday, overAt: new Date(`${week.end}T00:00:00Z`), timezone: week.timezone };
}

/** `Sun 6 Dec`. */
export const unfinishedDayLabel = (unfinished: UnfinishedDay): string =>
  DateTime.fromISO(unfinished.day, { zone: 'utc' }).toFormat('ccc d LLL');

/** `01:00 Europe/Berlin`: when the day is over where the digest's weeks are. */
export const overAtLabel = (unfinished: UnfinishedDay): string =>
  `${DateTime.fromJSDate(unfinished.overAt, { zone: unfinished.timezone }).toFormat('HH:mm')} ${unfinished.timezone}`;

/** What the days counted are, in a sentence: the digest's and the dashboard's words. */
export function unfinishedDayNote(unfinished: UnfinishedDay): string {
  return `${unfinishedDayLabel(unfinished)} is not over in UTC, the day Cost Explorer and the Heroku snapshots count, until ${overAtLabel(unfinished)}: every week here counts Monday to Saturday, so last week compares like for like, and the modelled weeks are compared with those six days' daily rate.`;
}

/** `, Mon–Sat` after a week's figures while its Sunday is not over in UTC; nothing otherwise. */
export const countedSpan = (unfinished: UnfinishedDay | undefined): string => (unfinished ? ', Mon–Sat' : '');

/**
 * For the digest settings: a digest run at `run` whose week's Sunday is not over in UTC yet (a
 * Monday-morning schedule ahead of UTC, as in Sydney) counts Monday to Saturday every week. Says so,
 * and from when on that day a run counts whole weeks; undefined when the run counts whole weeks.
 */
export function sixDayRunNote(run: Date, timezone: string): string | undefined {
  const week = lastCompleteWeek(run, timezone);
  const unfinished = unfinishedDay(week, utcDay(run));
  if (!unfinished) return undefined;
  return `At that time the week's Sunday is not over in UTC, the day Cost Explorer and the Heroku snapshots count, so each digest counts Monday to Saturday; scheduled on Monday at ${overAtLabel(unfinished)} or later, it counts whole weeks.`;
}
