/** Shared arithmetic for both platforms' digest sections: week totals, movers, translations. Pure. */
import { utcDays } from '../heroku-run-rate';
import type { Money } from '../money';
import { fromCents, toCents, ZERO } from '../money';
import { changePercent, movers as moverRows, top as topRows } from '../spend/movers';
import { addDays } from '../utc-days';
import type { ModelledMonthly } from './input';
import type { DigestWeek, Mover, PlatformId, Translation, UnfinishedDay, WeekTotal } from './types';

const MAX_ROWS = 5;
/** Movers kept for grouping: twenty apps that changed alike are one line, so keep them all. */
export const MAX_MOVERS = 1000;

/** The days a digest covers: its four weeks, and the month to date (to today, exclusive). */
export interface Period {
  weeks: DigestWeek[];
  /**
   * The days of each week the figures count, from Monday: 7, or 6 while the digest week's Sunday is
   * not over in UTC (the week has ended in a time zone ahead of UTC). Every week counts the same days,
   * so last week is compared like for like.
   */
  weekDays: number;
  days: string[];
  monthStart: string;
  today: string;
}

/** The UTC days of `week` its figures count (see `Period.weekDays`), `end` excluded: Cost Explorer's TimePeriod. */
export function countedPeriod(week: DigestWeek, period: Pick<Period, 'weekDays'>): { start: string; end: string } {
  return { start: week.start, end: addDays(week.start, period.weekDays) };
}

/** The same days, each. */
export function countedDays(week: DigestWeek, period: Period): string[] {
  const { start, end } = countedPeriod(week, period);
  return utcDays(start, end);
}

export function movers(current: Map<string, Money>, previous: Map<string, Money>, limit = MAX_ROWS): Mover[] {
  return moverRows(current, previous, limit);
}

export function top(totals: Map<string, Money>, limit = MAX_ROWS): { name: string; cost: Money }[] {
  return topRows(totals, limit);
}

/**
 * Last week against the week before. A day without data is no figure, not $0: when either week misses
 * days, the two are not compared (a missing day would read as a drop, or as a rise the week after),
 * and `notCompared` says which days are missing; `noData` is what they lack (`no snapshot`).
 */
export function change(
  weeks: WeekTotal[],
  noData: string,
): { change: Money; changePercent?: number; notCompared?: string } {
  const gaps = (
    [
      [weeks[weeks.length - 1]!.daysMissing, 'last week'],
      [weeks[weeks.length - 2]?.daysMissing ?? 0, 'the week before'],
    ] as const
  )
    .filter(([missing]) => missing > 0)
    .map(([n, which]) => `${n} day${n === 1 ? '' : 's'} of ${which} ${n === 1 ? 'has' : 'have'} ${noData}`);
  if (gaps.length > 0) return { change: ZERO, notCompared: gaps.join(' and ') };
  const last = weeks[weeks.length - 1]!.total;
  const before = weeks[weeks.length - 2]?.total ?? ZERO;
  const delta = last.minus(before);
  const percent = changePercent(last, before);
  if (percent === undefined) return { change: delta };
  return { change: delta, changePercent: percent.toDecimalPlaces(1).toNumber() };
}

/**
 * A month's modelled cost as one week. AWS prices are hourly (month = 730 h, so a week is
 * 168/730 of it); Heroku prorates monthly prices per day (a week is 7/30 of a month).
 */
function weekOfMonthly(monthly: Money, on: PlatformId): Money {
  return on === 'aws' ? monthly.times(168).div(730) : monthly.times(7).div(30);
}

/**
 * The modelled week against the actual one; `weekDays` (the days of last week with figures) short of
 * 7: against those days' daily rate.
 */
export function translation(
  modelled: ModelledMonthly,
  to: PlatformId,
  lastWeek: Money,
  weekDays: number,
): Translation | string {
  if ('error' in modelled) return modelled.error;
  if (weekDays <= 0) return 'no day of last week has figures to compare with';
  const modelledWeekly = weekOfMonthly(modelled.monthly, to);
  // The model prices a whole week; six counted days compared with it as they are would read as a saving.
  // Each side rounded to the cent as shown, so the difference and its year foot with what a lead reads.
  const actualWeekly = fromCents(toCents(lastWeek.times(7).div(weekDays)));
  const differenceWeekly = fromCents(toCents(modelledWeekly) - toCents(actualWeekly));
  const range = modelled.range
    ? { range: { low: weekOfMonthly(modelled.range.low, to), high: weekOfMonthly(modelled.range.high, to) } }
    : {};
  return {
    to,
    modelledWeekly,
    differenceWeekly,
    differenceYearly: differenceWeekly.times(52),
    notes: modelled.notes,
    ...range,
    ...(weekDays < 7 ? { daysCompared: weekDays } : {}),
  };
}

/**
 * What a modelled difference is set against when the actual week is not whole: `Mon–Sat’s daily rate`
 * (a Sunday not over in UTC), `the daily rate of the 5 days with figures` (days without figures).
 * Undefined for a whole week: against the week as it is.
 */
export function dailyRateBasis(t: Translation, unfinished: UnfinishedDay | undefined): string | undefined {
  if (t.daysCompared === undefined) return undefined;
  return unfinished && t.daysCompared === 6
    ? 'Mon–Sat’s daily rate'
    : `the daily rate of the ${t.daysCompared} days with figures`;
}

/** `not compared with the week before (1 day of last week has no snapshot)`. */
export const notComparedLabel = (why: string): string => `not compared with the week before (${why})`;

export function percentLabel(changePercent: number | undefined): string {
  if (changePercent === undefined) return 'no spend the week before';
  return `${changePercent >= 0 ? '+' : ''}${changePercent.toFixed(1)}%`;
}
