/**
 * Where each budget stands this month: month-to-date spend in its scope, the month's forecast, and
 * the words that say where the figures came from. Plain data; Slack renders it.
 *
 * Forecast: for all AWS spend, month to date plus Cost Explorer's forecast of the rest of the month
 * (the digest's cached answer when it asked today); for a service, linked account or tag, month to
 * date plus the last 7 days' average a day for each day left; for Heroku, the latest day's dynos and
 * add-ons run to the month's end, each capped at its monthly price.
 */

import { type BudgetScope, describeScope } from '../core/alerts/budget';
import { type BudgetEvent, type BudgetSpend, budgetEvents, budgetHistoryFrom } from '../core/alerts/budget-check';
import { appsNeverReadLines, withoutStop } from '../core/apps-not-read';
import { toCents, usd } from '../core/money';
import { monthRunOnSteps, weeklyCostFromSnapshots } from '../core/snapshot-cost';
import { finish } from '../core/steps';
import { addDays, dayCount, firstOfMonth } from '../core/utc-days';
import type { Services } from '../services';
import { dailyByAccountOrTag } from '../sources/aws/alert-queries';
import { errorText } from '../sources/source-error';
import type { DigestRun, StoredBudget } from '../store/store';
import { ALERT_DATA_MAX_AGE_MS, type AlertData, awsTotalCents } from './alert-data';
import { herokuPeriodRunRate, runRateNotCounted } from './heroku-period-run-rate';

/**
 * One platform's month to date in a budget: `actual` is Cost Explorer's recorded spend; `snapshots`
 * what ran, priced from the bot's daily snapshots at list prices; `run-rate` today's apps for the
 * month's days, standing in before any snapshot covers the month (never alerted on).
 */
export interface BudgetPart {
  platform: 'aws' | 'heroku';
  cents: number;
  measure: 'actual' | 'snapshots' | 'run-rate';
}

export interface BudgetStatus {
  budget: StoredBudget;
  spend: BudgetSpend;
  /** Month to date per platform, cents, and what each figure is; they add up to spend.actualCents. */
  parts: BudgetPart[];
  /** Where the figures came from, their period and whether they can still change. */
  basis: string[];
  /** What could not be read; a budget with a problem is not alerted on (a missing figure is not $0). */
  problems: string[];
  /**
   * Heroku's part is today's run-rate for the month's days (no daily snapshot covers the month yet),
   * as `/hosting spend` shows it: listed, labelled, and never alerted on (it is not what ran).
   */
  runRate?: boolean;
  events: BudgetEvent[];
}

const isAws = (scope: BudgetScope) => scope.kind === 'service' || scope.kind === 'account' || scope.kind === 'tag';

function herokuRows(data: AlertData, scope: BudgetScope) {
  return data.herokuSnapshots.filter((row) => {
    if (scope.kind === 'app') return row.app === scope.value;
    if (scope.kind === 'team') return (row.data as { team?: string | null })?.team === scope.value;
    return true;
  });
}

/** The apps in the scope that days were written without (never read then): its figures lack them. */
function leftOutOf(data: AlertData, scope: BudgetScope) {
  return data.herokuLeftOut.filter((row) => {
    if (scope.kind === 'app') return row.app === scope.value;
    if (scope.kind === 'team') return row.team === scope.value;
    return true;
  });
}

/** ` (it has never been readable: …)` for a budget on an app the snapshots were taken without. */
function neverReadWhy(data: AlertData, scope: BudgetScope): string {
  const latest = scope.kind === 'app' ? leftOutOf(data, scope).at(-1) : undefined;
  return latest ? ` (it has never been readable: ${withoutStop(latest.reason)})` : '';
}

/**
 * Month to date from the snapshots, through today (a snapshot stands for its whole day). The forecast
 * runs the latest day's dynos and add-ons to the month's end, each capped at its monthly price as
 * Heroku bills it (prorated to the second up to the price): a 31-day month costs what a 30-day one does.
 */
function herokuFigures(data: AlertData, scope: BudgetScope, monthStart: string) {
  const rows = herokuRows(data, scope);
  const through = addDays(data.today, 1);
  const cost = weeklyCostFromSnapshots(rows, monthStart, through, leftOutOf(data, scope));
  const runOn = finish(monthRunOnSteps(rows, monthStart, through));
  return {
    mtd: cost.totalCents,
    forecast: runOn?.cost.totalCents ?? cost.totalCents,
    missing: cost.daysMissing.length,
    covered: cost.daysCovered.length,
    neverRead: appsNeverReadLines(cost.leftOut, "this budget's Heroku figures"),
  };
}

/** Per account or tag value: month to date and the last 7 days, whole cents. */
type AccountTagTotals = Map<string, Record<string, { mtd: number; lastWeek: number }>>;

/**
 * Month to date and the last 7 days per account or tag value, one request per dimension a budget
 * watches (cached for the day); from a week back early in the month, so the forecast has a week.
 */
async function accountTagTotals(
  services: Services,
  data: AlertData,
  budgets: readonly StoredBudget[],
): Promise<AccountTagTotals> {
  const totals: AccountTagTotals = new Map();
  const aws = services.sources.aws;
  const monthStart = firstOfMonth(data.today);
  const weekAgo = addDays(data.today, -7);
  if (!aws) return totals;
  const wanted = new Set(
    budgets.flatMap((b) =>
      b.scope.kind === 'account' ? ['account'] : b.scope.kind === 'tag' ? [`tag:${b.scope.key}`] : [],
    ),
  );
  const sum = (days: Record<string, string>, from: string) =>
    toCents(
      Object.entries(days)
        .filter(([day]) => day >= from)
        .reduce((total, [, amount]) => total.plus(amount), usd(0)),
    );
  for (const dimension of wanted) {
    const by = dimension === 'account' ? 'account' : { tag: dimension.slice(4) };
    const period = { start: [monthStart, weekAgo].sort()[0]!, end: data.today };
    const answer = await dailyByAccountOrTag(aws, period, by, ALERT_DATA_MAX_AGE_MS);
    totals.set(
      dimension,
      Object.fromEntries(
        Object.entries(answer.value.byKey).map(([key, days]) => [
          key,
          { mtd: sum(days, monthStart), lastWeek: sum(days, weekAgo) },
        ]),
      ),
    );
  }
  return totals;
}

/**
 * A message whose run was posted, or is being posted by a live owner, counts as sent. A failed one,
 * or one whose owner died (lease over), is due again: its retry finds it if it did go out.
 */
export function sentWithin(leaseMs: number, now: Date) {
  return (run: DigestRun) =>
    run.status === 'posted' || (run.status !== 'failed' && now.getTime() - run.claimedAt.getTime() < leaseMs);
}

/**
 * The run-rate that stands in for a month no snapshot covers, read as `/hosting spend` reads it (one
 * Heroku inventory, cached an hour), or why it could not be. Only a lead's list asks: the hourly check
 * makes no Heroku request and alerts on no run-rate.
 */
async function monthRunRate(services: Services, data: AlertData, monthStart: string) {
  const heroku = services.sources.heroku;
  if (!heroku) return undefined;
  try {
    return await herokuPeriodRunRate(heroku, { start: monthStart, end: addDays(data.today, 1) });
  } catch (error) {
    return { problem: errorText(error) };
  }
}
type MonthRunRate = Awaited<ReturnType<typeof monthRunRate>>;

/** The run-rate's figures for a budget's scope: month to date, the whole month, what it leaves out. */
function runRateFigures(runRate: Exclude<MonthRunRate, { problem: string } | undefined>, scope: BudgetScope) {
  const inScope = (app: string, team: string | null) =>
    scope.kind === 'app' ? app === scope.value : scope.kind === 'team' ? team === scope.value : true;
  const apps = runRate.apps.filter((app) => inScope(app.app, app.team));
  return {
    mtd: apps.reduce((sum, app) => sum + app.cents, 0),
    month: apps.reduce((sum, app) => sum + app.monthlyCents, 0),
    notCounted: runRateNotCounted(runRate, inScope),
  };
}

export async function budgetStatuses(
  services: Services,
  data: AlertData,
  counts: (run: DigestRun) => boolean = (run) => run.status !== 'failed',
  options: { herokuRunRate?: boolean } = {},
): Promise<BudgetStatus[]> {
  const budgets = await services.store.budgets();
  if (budgets.length === 0) return [];
  const monthStart = firstOfMonth(data.today);
  const herokuOf = new Map(
    budgets.map((b) => [
      b.id,
      b.platform !== 'aws' && !isAws(b.scope) ? herokuFigures(data, b.scope, monthStart) : undefined,
    ]),
  );
  const uncovered = [...herokuOf.values()].some((figures) => figures?.covered === 0);
  const runRate = options.herokuRunRate && uncovered ? await monthRunRate(services, data, monthStart) : undefined;
  let accountTag: AccountTagTotals = new Map();
  let accountTagProblem: string | undefined;
  try {
    accountTag = await accountTagTotals(services, data, budgets);
  } catch (error) {
    accountTagProblem = errorText(error);
  }
  let awsForecastRest: number | null = null;
  const aws = services.sources.aws;
  if (aws && budgets.some((b) => b.forecast && b.platform !== 'heroku' && b.scope.kind === 'all')) {
    try {
      const forecast = await aws.forecast(
        { start: data.today, end: firstOfMonth(data.today, 1) },
        ALERT_DATA_MAX_AGE_MS,
      );
      if (forecast.value.available) awsForecastRest = toCents(usd(forecast.value.total));
    } catch {
      awsForecastRest = null;
    }
  }
  const sent = await services.store.runsWithPrefix('budget:');
  const keys = sent.filter(counts).map((run) => run.period);
  return budgets.map((budget) => {
    const parts: BudgetStatus['parts'] = [];
    const basis: string[] = [];
    const problems: string[] = [];
    let forecast: number | null = 0;
    if (budget.platform !== 'heroku') {
      const awsFigures = awsPart(budget, data, monthStart, accountTag, accountTagProblem, awsForecastRest);
      if ('problem' in awsFigures) problems.push(awsFigures.problem);
      else {
        parts.push({ platform: 'aws', cents: awsFigures.mtd, measure: 'actual' });
        basis.push(awsFigures.basis);
        forecast = forecast === null || awsFigures.forecast === null ? null : forecast + awsFigures.forecast;
      }
    }
    const heroku = herokuOf.get(budget.id);
    let runRateUsed = false;
    if (heroku && heroku.covered === 0 && runRate && !('problem' in runRate)) {
      // No day of the month has a snapshot yet: today's apps stand in, as in `/hosting spend`, labelled.
      const figures = runRateFigures(runRate, budget.scope);
      runRateUsed = true;
      parts.push({ platform: 'heroku', cents: figures.mtd, measure: 'run-rate' });
      basis.push(
        `Heroku, ${monthStart} to ${data.today}: ${runRate.measure}${figures.notCounted.map((note) => `; ${note}`).join('')}${budget.forecast ? "; forecast: today's apps for the whole month" : ''}; not alerted on until a snapshot covers the month (a run-rate is not what ran)`,
      );
      forecast = forecast === null ? null : forecast + figures.month;
    } else if (heroku && heroku.covered === 0) {
      // No day of the month has a snapshot: read as $0.00 (0 %), the budget would look untouched.
      const runRateWhy =
        runRate && 'problem' in runRate
          ? `, and today's apps could not be read for a run-rate: ${runRate.problem}`
          : '';
      problems.push(
        `${spendOf('Heroku', budget.scope)} could not be read: ${services.sources.heroku ? `no daily snapshot covers it since ${monthStart}${neverReadWhy(data, budget.scope)}${runRateWhy}` : 'Heroku is not configured'}`,
      );
    } else if (heroku) {
      parts.push({ platform: 'heroku', cents: heroku.mtd, measure: 'snapshots' });
      basis.push(
        `Heroku: ${monthStart} to ${data.today} from the bot's daily formation snapshots at Heroku list prices (dynos and add-ons, prorated a day at a time)${heroku.missing ? `; ${heroku.missing} day(s) without a snapshot are not counted` : ''}${budget.forecast ? "; forecast: the latest day's dynos and add-ons to the month's end, each at most its monthly price (Heroku prorates to the second up to it)" : ''}`,
        ...heroku.neverRead,
      );
      forecast = forecast === null ? null : forecast + heroku.forecast;
    }
    const spend: BudgetSpend = {
      month: data.month,
      actualCents: parts.reduce((sum, part) => sum + part.cents, 0),
      forecastCents: budget.forecast ? forecast : null,
    };
    const history = budgetHistoryFrom(keys, budget.id, data.month);
    return {
      budget,
      spend,
      parts,
      basis,
      problems,
      ...(runRateUsed ? { runRate: true } : {}),
      events: problems.length || runRateUsed ? [] : budgetEvents(budget, spend, history),
    };
  });
}

/** `Heroku spend for team acme-eng`; a budget on all spend is `Heroku spend`, not "Heroku spend for all spend". */
function spendOf(platform: 'AWS' | 'Heroku', scope: BudgetScope): string {
  return scope.kind === 'all' ? `${platform} spend` : `${platform} spend for ${describeScope(scope)}`;
}

/** `2026-12-01 to 2026-12-19 from Cost Explorer`; on the 1st, that no day of the month is over yet. */
function awsDays(monthStart: string, today: string): string {
  const yesterday = addDays(today, -1);
  return yesterday < monthStart
    ? `no day of ${monthStart.slice(0, 7)} is over yet (Cost Explorer's month to date runs through yesterday, ${yesterday})`
    : `${monthStart} to ${yesterday} from Cost Explorer`;
}

function awsPart(
  budget: StoredBudget,
  data: AlertData,
  monthStart: string,
  accountTag: AccountTagTotals,
  accountTagProblem: string | undefined,
  forecastRest: number | null,
): { mtd: number; forecast: number | null; basis: string } | { problem: string } {
  if (!data.aws)
    return {
      problem: `${spendOf('AWS', budget.scope)} could not be read: ${data.awsProblem ?? 'AWS is not configured'}`,
    };
  const { scope } = budget;
  let mtd: number;
  let lastWeek: number;
  if (scope.kind === 'account' || scope.kind === 'tag') {
    if (accountTagProblem) return { problem: `AWS spend by ${scope.kind} could not be read: ${accountTagProblem}` };
    const totals = accountTag.get(scope.kind === 'account' ? 'account' : `tag:${scope.key}`) ?? {};
    ({ mtd, lastWeek } = totals[scope.value] ?? { mtd: 0, lastWeek: 0 });
  } else {
    const service = scope.kind === 'service' ? scope.value : undefined;
    mtd = awsTotalCents(data.aws, monthStart, service);
    lastWeek = awsTotalCents(data.aws, addDays(data.today, -7), service);
  }
  // AWS figures run through yesterday: today is one of the days left.
  const daysLeft = dayCount(data.today, firstOfMonth(data.today, 1));
  const forecast =
    scope.kind === 'all'
      ? forecastRest === null
        ? null
        : mtd + forecastRest
      : mtd + Math.round((lastWeek / 7) * daysLeft);
  const estimated = data.aws.estimatedDays.some((day) => day >= monthStart);
  return {
    mtd,
    forecast,
    basis: `AWS: ${awsDays(monthStart, data.today)} (usage before credits and refunds)${estimated ? ', estimated: the latest days can still change' : ''}, as of ${data.aws.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC${
      !budget.forecast
        ? ''
        : scope.kind === 'all'
          ? "; forecast: Cost Explorer's own for the rest of the month"
          : `; forecast: month to date plus the last 7 days' average a day for each of the ${daysLeft} days left`
    }`,
  };
}
