/**
 * The figures budgets and anomaly checks read, gathered once per check and shared by every budget:
 * - AWS: daily cost by service and usage type from the start of the month (or 29 days back, for the
 *   detection history; on the 2nd, from the previous month's 1st) to today: one Cost Explorer request,
 *   reused for a day (billing data changes up to three times a day; the hourly budget check must not
 *   pay for it every hour).
 * - AWS forecast: the spend source's own forecast call, cached under the same key the digest uses.
 * - Heroku: the daily formation snapshots in the store (no API request at all).
 */

import { Duration } from 'luxon';
import type { SnapshotLeftOut } from '../core/heroku-run-rate';
import { Decimal, toCents } from '../core/money';
import { addDays, firstOfMonth, utcDay } from '../core/utc-days';
import type { Services } from '../services';
import { type DailyAmounts, dailyByServiceAndUsageType, SERVICE_USAGE_SEPARATOR } from '../sources/aws/alert-queries';
import { errorText } from '../sources/source-error';
import type { HerokuSnapshot } from '../store/store';
import { storedSnapshots } from './stored-snapshots';

/** Alert checks accept cached Cost Explorer answers up to a day old. */
export const ALERT_DATA_MAX_AGE_MS = Duration.fromObject({ days: 1 }).toMillis();
/** Detection needs 28 days of history before the day it looks at (yesterday, for AWS). */
const HISTORY_WINDOW_DAYS = 29;

export interface AwsAlertData {
  /** Service → usage type → day → exact amount (a day missing cost $0). Rounded to cents only when shown. */
  byService: Record<string, Record<string, Record<string, string>>>;
  days: string[];
  estimatedDays: string[];
  asOf: Date;
  fromCache: boolean;
  staleBecause?: string;
}

export interface AlertData {
  today: string;
  month: string;
  /** Set when AWS is configured and its figures could be read. */
  aws?: AwsAlertData;
  awsProblem?: string;
  /** Snapshots from the earlier of the month's first day and 29 days back, to today inclusive. */
  herokuSnapshots: HerokuSnapshot[];
  /** The apps days of those snapshots were written without (never read then), with Heroku's answer. */
  herokuLeftOut: SnapshotLeftOut[];
}

function alertWindowStart(today: string): string {
  return [firstOfMonth(today), addDays(today, -HISTORY_WINDOW_DAYS)].sort()[0]!;
}

/**
 * AWS's window: the same, and on the 2nd of a month back to the previous month's 1st, so the scan of
 * the 1st can compare the charges AWS books monthly with the previous 1st (core/alerts/monthly-charges).
 */
function awsWindowStart(today: string): string {
  const scanned = addDays(today, -1);
  const start = alertWindowStart(today);
  return scanned.endsWith('-01') ? [start, firstOfMonth(scanned, -1)].sort()[0]! : start;
}

function dayList(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day < end; day = addDays(day, 1)) days.push(day);
  return days;
}

function byServiceAndUsageType(amounts: DailyAmounts): AwsAlertData['byService'] {
  const byService: AwsAlertData['byService'] = {};
  for (const [key, perDay] of Object.entries(amounts.byKey)) {
    const [service = key, usageType = ''] = key.split(SERVICE_USAGE_SEPARATOR);
    byService[service] ??= {};
    byService[service][usageType] = perDay;
  }
  return byService;
}

export async function gatherAlertData(services: Services, now: Date): Promise<AlertData> {
  const today = utcDay(now);
  return {
    today,
    month: today.slice(0, 7),
    herokuSnapshots: await storedSnapshots(services.store, alertWindowStart(today), addDays(today, 1)),
    // After the rows: a day's apps left out are recorded before its rows are written.
    herokuLeftOut: await services.store.snapshotsLeftOut(alertWindowStart(today), addDays(today, 1)),
    ...(await gatherAwsAlertData(services, today)),
  };
}

/**
 * The AWS part alone (the digest's "why it changed" reads it too): the same request and cache key
 * as the alert checks of the same UTC day, so whichever asks first pays and the other reuses it.
 */
export async function gatherAwsAlertData(
  services: Services,
  today: string,
): Promise<Pick<AlertData, 'aws' | 'awsProblem'>> {
  const start = awsWindowStart(today);
  const { aws } = services.sources;
  if (!aws || start >= today) return {};
  try {
    const answer = await dailyByServiceAndUsageType(aws, { start, end: today }, ALERT_DATA_MAX_AGE_MS);
    return {
      aws: {
        byService: byServiceAndUsageType(answer.value),
        days: dayList(start, today),
        estimatedDays: answer.value.estimatedDays,
        asOf: answer.asOf,
        fromCache: answer.fromCache,
        ...(answer.staleBecause ? { staleBecause: answer.staleBecause.message } : {}),
      },
    };
  } catch (error) {
    return { awsProblem: errorText(error) };
  }
}

/** Cents per day of every day in `days`, each day's exact sum rounded once. */
function centsPerDay(series: readonly Record<string, string>[], days: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    days.map((day) => [day, toCents(Decimal.sum(0, ...series.map((perDay) => perDay[day] ?? '0')))]),
  );
}

/** Each usage type of a service, cents a day. */
export function usageTypeDayCents(aws: AwsAlertData, service: string): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(aws.byService[service] ?? {}).map(([usageType, perDay]) => [
      usageType,
      centsPerDay([perDay], aws.days),
    ]),
  );
}

/** Exact total from `fromDay` on, of every service (or the one named, case-insensitively), rounded once. */
export function awsTotalCents(aws: AwsAlertData, fromDay: string, service?: string): number {
  const wanted = service?.toLowerCase();
  const amounts: string[] = [];
  for (const [name, usageTypes] of Object.entries(aws.byService)) {
    if (wanted && name.toLowerCase() !== wanted) continue;
    for (const perDay of Object.values(usageTypes)) {
      for (const [day, amount] of Object.entries(perDay)) if (day >= fromDay) amounts.push(amount);
    }
  }
  return toCents(Decimal.sum(0, ...amounts));
}
