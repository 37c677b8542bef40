/** The Heroku section of the digest, from daily formation snapshots × billed prices. Pure. */

import { freshnessLabel } from '../freshness';
import { utcDays, weeklyCostFromSnapshots } from '../heroku-run-rate';
import { formatUsd, fromCents, type Money, toCents, usd } from '../money';
import { dayCount, firstOfMonth } from '../utc-days';
import type { HerokuDigestInput } from './input';
import { change, movers, type Period, top, translation } from './platform-figures';
import type { PlatformDigest } from './types';

const thirtieths = (value: number): Money => usd(value).div(3000);

export function herokuFigures(input: HerokuDigestInput, period: Period): PlatformDigest {
  const cost = (from: string, to: string) => weeklyCostFromSnapshots(input.snapshots, from, to);
  // One pass over every snapshot for the daily figures; each pass re-accrues the monthly caps from
  // the 1st, so the four weeks, the chart and month to date are sums of these days, not more passes.
  const whole = cost([period.days[0]!, period.monthStart].sort()[0]!, period.today);
  const sumDays = (from: string, to: string) =>
    utcDays(from, to).reduce((sum, day) => sum + (whole.byDay[day] ?? 0), 0);
  const weeks = period.weeks.map((week) => ({
    week,
    total: thirtieths(sumDays(week.start, week.end)),
    daysMissing: utcDays(week.start, week.end).filter((day) => whole.byDay[day] === undefined).length,
  }));
  const perApp = (c: ReturnType<typeof cost>) =>
    new Map(c.apps.map((app) => [app.app, thirtieths(app.thirtiethsOfCent)] as const));
  const lastWeekDays = period.weeks[period.weeks.length - 1]!;
  const weekBefore = period.weeks[period.weeks.length - 2]!;
  const last = cost(lastWeekDays.start, lastWeekDays.end);
  const before = cost(weekBefore.start, weekBefore.end);
  const lastWeek = weeks[weeks.length - 1]!.total;
  const monthToDate = thirtieths(sumDays(period.monthStart, period.today));
  const nextMonth = firstOfMonth(period.monthStart, 1);
  const daysLeft = dayCount(period.today, nextMonth);
  let forecastMonth: Money | undefined;
  let forecastNote: string;
  if (input.runRateMonthlyCents === undefined) {
    forecastNote = 'no forecast: the live Heroku read failed, so today’s run-rate is unknown';
  } else {
    const rest = fromCents(input.runRateMonthlyCents).times(daysLeft).div(30);
    forecastMonth = monthToDate.plus(rest);
    forecastNote = `month to date + today's run-rate (${formatUsd(fromCents(input.runRateMonthlyCents))}/month) for the ${daysLeft} day${daysLeft === 1 ? '' : 's'} left of ${dayCount(period.monthStart, nextMonth)}`;
  }

  const covered = period.days.filter((day) => whole.byDay[day] !== undefined);
  const excluded = new Set(whole.excluded.map((e) => `${e.app} ${e.item}`));
  const translated = translation(input.onAws, 'aws', lastWeek);
  return {
    platform: 'heroku',
    status: 'ok',
    lastWeek,
    weeks,
    ...change(weeks),
    movers: movers(perApp(last), perApp(before)),
    top: top(perApp(last)),
    daily: period.days.map((day) => {
      const exact = whole.byDay[day];
      return exact === undefined ? null : toCents(thirtieths(exact));
    }),
    monthToDate,
    month: period.monthStart.slice(0, 7),
    monthToDateRange: { start: period.monthStart, end: period.today },
    ...(forecastMonth ? { forecastMonth } : {}),
    forecastNote,
    ...(typeof translated === 'string' ? {} : { translation: translated }),
    estimated: true,
    basis: [
      `*estimated* from daily formation snapshots × Heroku's billed prices (${covered.length} of ${period.days.length} days covered; invoices are final)`,
      ...(excluded.size > 0
        ? [
            `${excluded.size} contract-priced or unpriced item${excluded.size === 1 ? '' : 's'} not counted (never as $0)`,
          ]
        : []),
      ...(typeof translated === 'string' ? [`Not modelled on AWS: ${translated}`] : []),
      ...(input.freshness ? [`Heroku apps read ${freshnessLabel(input.freshness)}`] : []),
    ],
  };
}
