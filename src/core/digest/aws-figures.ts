/** The AWS section of the digest, from Cost Explorer's daily cost by service. Pure. */

import { freshnessLabel } from '../freshness';
import { utcDays } from '../heroku-run-rate';
import { formatUsd, type Money, sumMoney, toCents, usd, ZERO } from '../money';
import { addDays } from '../utc-days';
import type { AwsDigestInput } from './input';
import { change, countedDays, MAX_MOVERS, movers, type Period, top, translation } from './platform-figures';
import type { PlatformDigest } from './types';

export function awsFigures(input: AwsDigestInput, period: Period): PlatformDigest {
  const { daily } = input;
  const byDay = new Map(daily.days.map((day) => [day.day, day]));
  const dayTotal = (day: string): Money | undefined => {
    const entry = byDay.get(day);
    return entry ? sumMoney(entry.groups.map((group) => usd(group.amount))) : undefined;
  };
  const perService = (days: string[]) => {
    const totals = new Map<string, Money>();
    for (const day of days) {
      for (const group of byDay.get(day)?.groups ?? []) {
        const name = daily.labels[group.key] ?? group.key;
        totals.set(name, (totals.get(name) ?? ZERO).plus(usd(group.amount)));
      }
    }
    return totals;
  };
  const weeks = period.weeks.map((week) => {
    const days = countedDays(week, period);
    const totals = days.map(dayTotal);
    return {
      week,
      total: sumMoney(totals.filter((t): t is Money => t !== undefined)),
      daysMissing: totals.filter((t) => !t).length,
    };
  });
  const last = period.weeks[period.weeks.length - 1]!;
  const before = period.weeks[period.weeks.length - 2]!;
  const lastDays = countedDays(last, period);
  const lastWeek = weeks[weeks.length - 1]!.total;
  const mtdDays = utcDays(period.monthStart, period.today);
  const monthToDate = sumMoney(mtdDays.map((day) => dayTotal(day) ?? ZERO));
  const usedDays = new Set([...period.days, ...mtdDays]);
  const estimatedDays = daily.days.filter((day) => usedDays.has(day.day) && day.estimated).map((day) => day.day);

  const forecast = input.forecast;
  const forecastMonth = forecast.available ? monthToDate.plus(usd(forecast.total)) : undefined;
  const forecastNote = forecast.available
    ? `month to date + Cost Explorer's forecast for the rest of the month (${formatUsd(usd(forecast.total))})`
    : `no forecast: ${forecast.reason}`;
  // Days without figures are not $0: the model is compared with the days that have them.
  const daysWithFigures = period.weekDays - weeks[weeks.length - 1]!.daysMissing;
  const translated = translation(input.onHeroku, 'heroku', lastWeek, daysWithFigures);
  const compared = change(weeks, 'no Cost Explorer figures');
  const credits = usd(daily.creditsTotal);

  return {
    platform: 'aws',
    status: 'ok',
    lastWeek,
    weeks,
    ...compared,
    movers: compared.notCompared
      ? []
      : movers(perService(lastDays), perService(countedDays(before, period)), MAX_MOVERS),
    top: top(perService(lastDays)),
    daily: period.days.map((day) => {
      const total = dayTotal(day);
      return total === undefined ? null : toCents(total);
    }),
    monthToDate,
    month: period.monthStart.slice(0, 7),
    monthToDateRange: { start: period.monthStart, end: period.today },
    ...(forecastMonth ? { forecastMonth } : {}),
    forecastNote,
    ...(typeof translated === 'string' ? {} : { translation: translated }),
    estimated: estimatedDays.length > 0,
    basis: [
      `${daily.metric} by service, ${estimatedDays.length > 0 ? `*estimated* (Cost Explorer may still revise ${estimatedDays.length} day${estimatedDays.length === 1 ? '' : 's'}: ${estimatedDays[0]}${estimatedDays.length > 1 ? ` … ${estimatedDays[estimatedDays.length - 1]}` : ''})` : 'final'}; credits and refunds not netted (${formatUsd(credits)} over ${daily.start} to ${addDays(daily.end, -1)})`,
      ...(typeof translated === 'string' ? [`Not modelled on Heroku: ${translated}`] : []),
      `Cost Explorer ${freshnessLabel(input.freshness)}`,
    ],
  };
}
