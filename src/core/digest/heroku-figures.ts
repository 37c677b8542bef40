/** The Heroku section of the digest, from daily formation snapshots × billed prices. Pure. */

import {
  type AppNotRead,
  appsCouldNotBeRead,
  appsNeverReadLines,
  appsNotReadLine,
  noModelWithout,
  notReadUntilWords,
} from '../apps-not-read';
import { freshnessLabel } from '../freshness';
import { type AppLeftOut, type AppPeriodCost, utcDays } from '../heroku-run-rate';
import { formatUsd, fromCents, type Money, toCents, usd } from '../money';
import { itemsNotCounted } from '../not-counted';
import { monthRunOnSteps, periodCostSteps } from '../snapshot-cost';
import type { Steps } from '../steps';
import { addDays, dayCount, firstOfMonth } from '../utc-days';
import type { HerokuDigestInput } from './input';
import { change, countedDays, MAX_MOVERS, movers, type Period, top, translation } from './platform-figures';
import type { PlatformDigest } from './types';

const thirtieths = (value: number): Money => usd(value).div(3000);

/** The basis line and field for items the figures leave out; nothing when every item is counted. */
function notCountedParts(count: number | undefined): { basis: string[]; fields: Pick<PlatformDigest, 'notCounted'> } {
  if (!count) return { basis: [], fields: {} };
  return {
    basis: [itemsNotCounted(count)],
    fields: { notCounted: count },
  };
}

/**
 * What the live read left out, said beside the figures: the figures that stand on it (`where`: the
 * run-rate, a forecast made from it) miss those apps, and the account is not modelled on AWS (the
 * model would miss them too and show their cost as a saving). The weeks from snapshots hold every app
 * any snapshot has (the snapshot job skips a day with such an app missing); an app never read is in
 * no snapshot, and `neverRead` says so.
 */
function leftOutWords(notRead: readonly AppNotRead[], where: string | undefined): string {
  const noModel = `the account is not modelled on AWS this week: ${noModelWithout(notRead)}`;
  if (where) return `${appsNotReadLine(notRead, where)} And ${noModel}.`;
  return `${appsCouldNotBeRead(notRead, ' today')}, so ${noModel}.`;
}

/** Why the account is not modelled on AWS, in the basis; `leftOut` says it when apps were left out. */
const notModelled = (input: HerokuDigestInput, translated: unknown): string[] =>
  typeof translated === 'string' && !input.notRead ? [`Not modelled on AWS: ${translated}`] : [];

/** In steps (src/core/steps.ts), one a day of snapshots. */
export function* herokuFigures(input: HerokuDigestInput, period: Period): Steps<PlatformDigest> {
  const lastWeekDays = countedDays(period.weeks[period.weeks.length - 1]!, period);
  const weekBefore = countedDays(period.weeks[period.weeks.length - 2]!, period);
  const window = (days: string[]) => ({ fromDay: days[0]!, toDay: addDays(days[days.length - 1]!, 1) });
  // One pass over every snapshot: the daily figures, and per app last week and the week before. Each
  // day's charge re-accrues the monthly caps from the 1st, so the four weeks, the chart and month to
  // date are sums of these days.
  const whole = yield* periodCostSteps(
    input.snapshots,
    [period.days[0]!, period.monthStart].sort()[0]!,
    period.today,
    [window(lastWeekDays), window(weekBefore)],
    input.snapshotsLeftOut ?? [],
  );
  const sumDays = (days: string[]) => days.reduce((sum, day) => sum + (whole.byDay[day] ?? 0), 0);
  const weeks = period.weeks.map((week) => {
    const days = countedDays(week, period);
    return {
      week,
      total: thirtieths(sumDays(days)),
      daysMissing: days.filter((day) => whole.byDay[day] === undefined).length,
    };
  });
  const perApp = (apps: readonly AppPeriodCost[]) =>
    new Map(apps.map((app) => [app.app, thirtieths(app.thirtiethsOfCent)] as const));
  const [last, before] = whole.windows as [AppPeriodCost[], AppPeriodCost[]];
  // A step after each pass over every app: each is a few milliseconds for 500 apps.
  const lastByApp = perApp(last);
  yield;
  const beforeByApp = perApp(before);
  yield;
  const moved = movers(lastByApp, beforeByApp, MAX_MOVERS);
  yield;
  const lastWeek = weeks[weeks.length - 1]!.total;
  const monthToDate = thirtieths(sumDays(utcDays(period.monthStart, period.today)));
  const nextMonth = firstOfMonth(period.monthStart, 1);
  const daysLeft = dayCount(period.today, nextMonth);
  // The latest snapshot's dynos and add-ons run on, each at most its monthly price in the month, as
  // the budgets forecast: what stopped mid-month adds nothing, what started adds its days.
  const runOn = yield* monthRunOnSteps(input.snapshots, period.monthStart, period.today);
  let forecastMonth: Money | undefined;
  let forecastCapped = false;
  let forecastNote: string;
  if (runOn) {
    forecastMonth = thirtieths(runOn.cost.totalThirtiethsOfCent);
    forecastNote = `month to date + the dynos and add-ons of ${runOn.latest} (the latest snapshot) to the month's end, each at most its monthly price`;
  } else if (input.runRateMonthlyCents === undefined) {
    forecastNote =
      'no forecast: no snapshot this month yet, and the live Heroku read failed, so today’s run-rate is unknown';
  } else {
    // No snapshot this month yet: today's run-rate for the days left, at most a month of it (Heroku's
    // monthly prices are caps, so a 31-day month prorated per day would exceed them).
    const fullMonth = fromCents(input.runRateMonthlyCents);
    const projected = monthToDate.plus(fullMonth.times(daysLeft).div(30));
    const cap = fullMonth.greaterThan(monthToDate) ? fullMonth : monthToDate;
    forecastCapped = projected.greaterThan(cap);
    forecastMonth = forecastCapped ? cap : projected;
    forecastNote = `month to date + today's run-rate (${formatUsd(fromCents(input.runRateMonthlyCents))}/month) for the ${daysLeft} day${daysLeft === 1 ? '' : 's'} left of ${dayCount(period.monthStart, nextMonth)}`;
  }

  const covered = period.days.filter((day) => whole.byDay[day] !== undefined);
  const excluded = new Set(whole.excluded.map((e) => `${e.app} ${e.item}`));
  const notCounted = notCountedParts(excluded.size + (input.spaceFees ?? 0));
  // Days without a snapshot are not $0: the model is compared with the days that have one.
  const daysWithFigures = period.weekDays - weeks[weeks.length - 1]!.daysMissing;
  const translated = translation(input.onAws, 'aws', lastWeek, daysWithFigures);
  // An app counted in the two weeks only since it was first read: compared, its cost would read as a rise.
  const readSince = notReadUntil(
    whole.leftOut,
    [...weekBefore, ...lastWeekDays],
    (app) => lastByApp.has(app) || beforeByApp.has(app),
  );
  const compared =
    readSince.length > 0 ? { change: usd(0), notCompared: notReadUntilWords(readSince) } : change(weeks, 'no snapshot');
  const neverRead = appsNeverReadLines(whole.leftOut);
  return {
    platform: 'heroku',
    status: 'ok',
    lastWeek,
    weeks,
    ...compared,
    movers: compared.notCompared ? [] : moved,
    top: top(lastByApp),
    daily: period.days.map((day) => {
      const exact = whole.byDay[day];
      return exact === undefined ? null : toCents(thirtieths(exact));
    }),
    monthToDate,
    month: period.monthStart.slice(0, 7),
    monthToDateRange: { start: period.monthStart, end: period.today },
    ...(forecastMonth ? { forecastMonth } : {}),
    forecastNote,
    ...(forecastCapped ? { forecastCapped } : {}),
    ...(typeof translated === 'string' ? {} : { translation: translated }),
    ...notCounted.fields,
    estimated: true,
    basis: [
      `*estimated* from daily formation snapshots × Heroku's billed prices (${covered.length} of ${period.days.length} days covered; invoices are final)`,
      ...notCounted.basis,
      ...notModelled(input, translated),
      ...(input.freshness ? [`Heroku apps read ${freshnessLabel(input.freshness)}`] : []),
    ],
    // Only the forecast stands on today's live read (the weeks are snapshots); apps never read are in none.
    ...(input.notRead || neverRead.length > 0
      ? {
          leftOut: [
            ...(input.notRead
              ? [leftOutWords(input.notRead, forecastMonth && !runOn ? 'the forecast' : undefined)]
              : []),
            ...neverRead,
          ].join(' '),
        }
      : {}),
  };
}

/** Apps left out of some of `days` (never read then) and counted on others, with the last day without them. */
function notReadUntil(
  leftOut: readonly AppLeftOut[],
  days: readonly string[],
  counted: (app: string) => boolean,
): { app: string; until: string }[] {
  const within = new Set(days);
  return leftOut.flatMap((app) => {
    const missed = app.days.filter((day) => within.has(day));
    return missed.length > 0 && counted(app.app) ? [{ app: app.app, until: missed.at(-1)! }] : [];
  });
}

/**
 * The first weeks after install: no snapshots cover last week yet, so last week, month to date and
 * the forecast are today's run-rate (7/30 of a month a week), labelled as such, not an empty section.
 */
export function herokuRunRateFigures(
  input: HerokuDigestInput,
  runRateMonthlyCents: number,
  period: Period,
): PlatformDigest {
  const monthly = fromCents(runRateMonthlyCents);
  const last = period.weeks[period.weeks.length - 1]!;
  const lastWeek = monthly.times(period.weekDays).div(30);
  const elapsed = monthly.times(dayCount(period.monthStart, period.today)).div(30);
  const monthToDate = elapsed.greaterThan(monthly) ? monthly : elapsed;
  const translated = translation(input.onAws, 'aws', lastWeek, period.weekDays);
  const notCounted = notCountedParts((input.runRateLeftOut ?? 0) + (input.spaceFees ?? 0));
  return {
    platform: 'heroku',
    status: 'ok',
    runRate: true,
    lastWeek,
    weeks: [{ week: last, total: lastWeek, daysMissing: 0 }],
    change: usd(0),
    movers: [],
    top: [],
    daily: period.days.map(() => null),
    monthToDate,
    month: period.monthStart.slice(0, 7),
    monthToDateRange: { start: period.monthStart, end: period.today },
    forecastMonth: monthly,
    forecastNote: `a full month of today's apps (${formatUsd(monthly)}/month)`,
    ...(typeof translated === 'string' ? {} : { translation: translated }),
    ...notCounted.fields,
    estimated: true,
    basis: [
      `*run-rate*: today's formation and add-ons at Heroku's billed prices; daily snapshots do not cover last week yet`,
      ...notCounted.basis,
      ...notModelled(input, translated),
      ...(input.freshness ? [`Heroku apps read ${freshnessLabel(input.freshness)}`] : []),
    ],
    ...(input.notRead ? { leftOut: leftOutWords(input.notRead, 'these run-rate figures') } : {}),
  };
}
