/** The Heroku section of the digest, from daily formation snapshots × billed prices. Pure. */

import { freshnessLabel } from '../freshness';
import { weeklyCostFromSnapshots } from '../heroku-run-rate';
import { formatUsd, fromCents, type Money, toCents, usd, ZERO } from '../money';
import { addDays, dayCount, firstOfMonth } from '../utc-days';
import type { HerokuDigestInput } from './input';
import { change, movers, type Period, top, translation } from './platform-figures';
import type { PlatformDigest } from './types';

const thirtieths = (value: number): Money => usd(value).div(3000);

export function herokuFigures(input: HerokuDigestInput, period: Period): PlatformDigest {
  const cost = (from: string, to: string) => weeklyCostFromSnapshots(input.snapshots, from, to);
  const weekCosts = period.weeks.map((week) => ({ week, cost: cost(week.start, week.end) }));
  const weeks = weekCosts.map(({ week, cost: c }) => ({
    week,
    total: thirtieths(c.totalThirtiethsOfCent),
    daysMissing: c.daysMissing.length,
  }));
  const perApp = (c: ReturnType<typeof cost>) =>
    new Map(c.apps.map((app) => [app.app, thirtieths(app.thirtiethsOfCent)] as const));
  const last = weekCosts[weekCosts.length - 1]!.cost;
  const before = weekCosts[weekCosts.length - 2]!.cost;
  const lastWeek = weeks[weeks.length - 1]!.total;

  const monthToDate =
    period.today > period.monthStart ? thirtieths(cost(period.monthStart, period.today).totalThirtiethsOfCent) : ZERO;
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

  const covered = new Set(weekCosts.flatMap(({ cost: c }) => c.daysCovered));
  const excluded = new Set(weekCosts.flatMap(({ cost: c }) => c.excluded.map((e) => `${e.app} ${e.item}`)));
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
      const c = cost(day, addDays(day, 1));
      return c.daysMissing.length > 0 ? null : toCents(thirtieths(c.totalThirtiethsOfCent));
    }),
    monthToDate,
    month: period.monthStart.slice(0, 7),
    monthToDateRange: { start: period.monthStart, end: period.today },
    ...(forecastMonth ? { forecastMonth } : {}),
    forecastNote,
    ...(typeof translated === 'string' ? {} : { translation: translated }),
    estimated: true,
    basis: [
      `*estimated* from daily formation snapshots × Heroku's billed prices (${covered.size} of ${period.days.length} days covered; invoices are final)`,
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
