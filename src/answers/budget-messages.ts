/**
 * Budget messages in words: the headline for the channel and the detail for the thread, with why
 * spend moved (Heroku changes over the last week, priced; the AWS services that moved most).
 */
import { Duration } from 'luxon';
import { biggestMoves } from '../core/alerts/aws-movers';
import { type BudgetScope, describeScope, platformLabel } from '../core/alerts/budget';
import { type BudgetEvent, percentUsed } from '../core/alerts/budget-check';
import { describeDrivers } from '../core/alerts/cost-drivers';
import { herokuChanges } from '../core/alerts/heroku-changes';
import type { RouteTarget } from '../core/alerts/routing';
import type { HerokuSnapshotData } from '../core/heroku-run-rate';
import { formatUsd, fromCents } from '../core/money';
import { addDays, firstOfMonth } from '../core/utc-days';
import { costComparisonDrivers } from '../sources/aws/alert-queries';
import type { AwsSpendSource } from '../sources/aws/aws-spend-source';
import { errorText } from '../sources/source-error';
import { type AlertData, awsTotalCents } from './alert-data';
import type { AlertView } from './alert-view';
import { partLine, partsWords } from './budget-parts';
import type { BudgetStatus } from './budget-status';
import { herokuChangeWords, signedUsd } from './change-words';

const usd = (cents: number) => formatUsd(fromCents(cents));

export function routeTargetOf(scope: BudgetScope): RouteTarget {
  if (scope.kind === 'team') return { team: scope.value };
  if (scope.kind === 'account') return { account: scope.value };
  if (scope.kind === 'tag') return { tag: { key: scope.key, value: scope.value } };
  return {};
}

function appsInScope(data: AlertData, day: string, scope: BudgetScope): Map<string, HerokuSnapshotData> {
  const apps = new Map<string, HerokuSnapshotData>();
  for (const row of data.herokuSnapshots) {
    if (row.day !== day) continue;
    const snapshot = row.data as HerokuSnapshotData;
    if (scope.kind === 'app' && row.app !== scope.value) continue;
    if (scope.kind === 'team' && snapshot.team !== scope.value) continue;
    apps.set(row.app, snapshot);
  }
  return apps;
}

/** Why the budget's spend moved: the last 7 days against the 7 before (empty when nothing moved). */
export function budgetWhy(data: AlertData, status: BudgetStatus): string[] {
  const { scope, platform } = status.budget;
  const lines: string[] = [];
  if (platform !== 'aws' && ['all', 'team', 'app'].includes(scope.kind)) {
    const days = [...new Set(data.herokuSnapshots.map((row) => row.day))].sort();
    const latest = days.at(-1);
    const weekAgo = days.filter((day) => day <= addDays(data.today, -7)).at(-1) ?? days[0];
    if (latest && weekAgo && weekAgo < latest) {
      const changes = herokuChanges(appsInScope(data, weekAgo, scope), appsInScope(data, latest, scope));
      lines.push(
        ...(changes.length
          ? changes.slice(0, 5).map((change) => `Heroku ${herokuChangeWords(change)}, between ${weekAgo} and ${latest}`)
          : [`Heroku: no formation, add-on or app changes between ${weekAgo} and ${latest}`]),
      );
    }
  }
  if (platform !== 'heroku' && data.aws && (scope.kind === 'all' || scope.kind === 'service')) {
    const lastWeek = addDays(data.today, -7);
    const weekBefore = addDays(data.today, -14);
    const totals = (from: string, to: string) =>
      Object.fromEntries(
        Object.keys(data.aws!.byService)
          .filter((service) => scope.kind !== 'service' || service.toLowerCase() === scope.value.toLowerCase())
          .map((service) => [service, awsTotalCents(data.aws!, from, service) - awsTotalCents(data.aws!, to, service)]),
      );
    const moves = biggestMoves(totals(weekBefore, lastWeek), totals(lastWeek, data.today));
    lines.push(
      ...moves.map(
        (move) =>
          `AWS ${move.name}: ${usd(move.afterCents)} in the last 7 days against ${usd(move.beforeCents)} the 7 before (${signedUsd(move.deltaCents)})`,
      ),
    );
  }
  return lines;
}

function title(status: BudgetStatus): string {
  const { budget } = status;
  return `Budget ${budget.name} (${platformLabel(budget.platform)}, ${describeScope(budget.scope)}, ${usd(budget.amountCents)}/month)`;
}

function budgetHeadline(status: BudgetStatus, event: BudgetEvent): string {
  const { spend, budget } = status;
  // Two platforms: each part and what it is (Cost Explorer's actual, Heroku's estimate from snapshots).
  const split = status.parts.length > 1 ? `; ${partsWords(status.parts)}` : '';
  const used = `${usd(spend.actualCents)} of ${usd(budget.amountCents)} so far this month (${percentUsed(spend.actualCents, budget.amountCents)} %${split})`;
  switch (event.kind) {
    case 'crossed':
      return `${title(status)} passed ${event.threshold} %: ${used}.`;
    case 'recovered':
      return `${title(status)} is back under ${event.threshold} %: ${used}.`;
    case 'forecast':
      return `${title(status)} is forecast to reach ${usd(spend.forecastCents ?? 0)} this month, over budget by ${usd((spend.forecastCents ?? 0) - budget.amountCents)}; ${used}.`;
  }
}

export function budgetViews(
  status: BudgetStatus,
  event: BudgetEvent,
  why: string[],
  alertId: string,
): { headline: AlertView; detail: AlertView } {
  return {
    headline: {
      headline: budgetHeadline(status, event),
      lines: [],
      basis: [],
      buttons: { alertId, ceFeedback: false },
    },
    detail: budgetDetailView(status, why),
  };
}

/** The detail in a budget message's thread: why it changed, where it stands, where the figures come from. */
export function budgetDetailView(status: BudgetStatus, why: string[]): AlertView {
  const { spend } = status;
  const figures = [
    ...status.parts.map(partLine),
    ...(status.parts.length > 1 ? [`Total: ${usd(spend.actualCents)}`] : []),
    ...(spend.forecastCents !== null ? [`Forecast for ${spend.month}: ${usd(spend.forecastCents)}, estimated`] : []),
  ];
  return {
    headline: 'Why it changed',
    lines: why.length ? why : ['No change in the figures the bot holds explains it.'],
    figures,
    basis: status.basis,
  };
}

/** Closed months change little after their first days: the comparison is asked at most once a week. */
const DRIVERS_MAX_AGE_MS = Duration.fromObject({ days: 7 }).toMillis();

/**
 * For AWS budgets: last month against the month before, as Cost Explorer's cost comparison drivers
 * (usage change, credits, refunds, Savings Plans, tax) explain it. One request a week at most, and
 * only when a budget message is about to be posted.
 */
export async function wholeMonthWhy(
  aws: AwsSpendSource | undefined,
  data: AlertData,
  scope: BudgetScope,
): Promise<string[]> {
  if (!aws || (scope.kind !== 'all' && scope.kind !== 'service')) return [];
  const lastMonth = firstOfMonth(data.today, -1);
  const monthBefore = firstOfMonth(data.today, -2);
  try {
    const answer = await costComparisonDrivers(
      aws,
      { start: monthBefore, end: lastMonth },
      { start: lastMonth, end: firstOfMonth(data.today) },
      DRIVERS_MAX_AGE_MS,
    );
    const inScope = answer.value.filter(
      (driver) => scope.kind !== 'service' || driver.selector[0]?.toLowerCase() === scope.value.toLowerCase(),
    );
    return describeDrivers(inScope, 3).map(
      (line) =>
        `AWS ${lastMonth.slice(0, 7)} against ${monthBefore.slice(0, 7)} (Cost Explorer's cost drivers): ${line}`,
    );
  } catch (error) {
    return [
      `AWS ${lastMonth.slice(0, 7)} against ${monthBefore.slice(0, 7)}: Cost Explorer's cost drivers could not be read (${errorText(error)})`,
    ];
  }
}
