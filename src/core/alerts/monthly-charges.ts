/**
 * Charges AWS books once a month, on the 1st, for the whole month: support plans, Shield Advanced's
 * monthly fee, Reserved Instance and Savings Plans recurring fees. Cost Explorer's UnblendedCost (the
 * metric the scan reads) shows a cost on the day it is charged, so such a fee is a 1st-of-the-month
 * spike against 28 days of $0 (AWS Cost Management User Guide, "Exploring your data using Cost
 * Explorer", unblended against amortized costs:
 * https://docs.aws.amazon.com/cost-management/latest/userguide/ce-exploring-data.html). The rule,
 * written out in docs/decisions.md ("Anomalies on the 1st of a month"):
 *
 *   On the 1st of a month, a service's usage type is a charge booked monthly when it cost something
 *   on the previous month's 1st and nothing on any day between. Those usage types are compared with
 *   the previous 1st (3.5 × the larger of 5 % of that day's figure and $1 above it, and at least the
 *   minimum impact); the rest of the service's day with its usual day, by the daily rule. Either
 *   part going over alerts; the day's expected cost is the usual day plus the previous 1st's charges.
 *
 * It is read from the figures Cost Explorer returns (by SERVICE and USAGE_TYPE), not from a list of
 * names: RECORD_TYPE cannot be a third grouping (GetCostAndUsage takes two), and its exact strings
 * are not documented. A fee seen for the first time (no earlier 1st with it) alerts: it is news.
 * Pure; whole cents.
 */
import { Decimal, toCents } from '../money';
import { type DailySeries, type Detection, detect, HISTORY_DAYS, median, Z_THRESHOLD } from './detect';

/** A service's exact amounts: usage type → UTC day → amount as Cost Explorer sent it (a day missing cost $0). */
export type UsageTypeAmounts = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const FIRST_OF_MONTH_METHOD =
  "On a month's 1st, charges AWS books once a month (usage types that cost something on the previous 1st and nothing on any day between) are compared with the previous 1st instead, and the usual day excludes them.";

export interface MonthlyCharges {
  /** The usage types booked monthly, by name. */
  usageTypes: string[];
  /** The previous month's 1st, the day they are compared with. */
  previousFirst: string;
  /** Their cost on the day and on the previous 1st. */
  cents: number;
  previousCents: number;
}

export interface FirstOfMonthDetection extends Detection {
  /** Set when the day is a 1st with charges booked monthly: how they were compared. */
  monthly?: MonthlyCharges;
}

const isFirstOfMonth = (day: string) => day.endsWith('-01');

/** The previous month's 1st of a YYYY-MM-01 day. */
function previousFirstOf(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
}

const isPositive = (amount: string | undefined) => amount !== undefined && new Decimal(amount).gt(0);

/**
 * The usage types of `amounts` booked monthly on `day`, given every day of the period (`days`):
 * none unless `day` is a 1st and the period reaches back to the previous 1st.
 */
export function monthlyBookedUsageTypes(amounts: UsageTypeAmounts, days: readonly string[], day: string): string[] {
  if (!isFirstOfMonth(day)) return [];
  const previous = previousFirstOf(day);
  if (!days.includes(previous)) return [];
  const between = days.filter((d) => d > previous && d < day);
  return Object.keys(amounts)
    .filter((type) => {
      const perDay = amounts[type]!;
      return isPositive(perDay[previous]) && between.every((d) => new Decimal(perDay[d] ?? 0).isZero());
    })
    .sort();
}

/** The exact sum of `types` on `day`, rounded once. */
const centsOf = (amounts: UsageTypeAmounts, types: readonly string[], day: string) =>
  toCents(Decimal.sum(0, ...types.map((type) => amounts[type]?.[day] ?? '0')));

/**
 * The service's anomaly on `day` by the rule above: `detect` on the service's whole day on any day but
 * a 1st with charges booked monthly.
 */
export function detectService(
  subject: string,
  amounts: UsageTypeAmounts,
  days: readonly string[],
  day: string,
  minImpactCents: number,
): FirstOfMonthDetection | undefined {
  const monthlyTypes = monthlyBookedUsageTypes(amounts, days, day);
  const dailyTypes = Object.keys(amounts).filter((type) => !monthlyTypes.includes(type));
  const series: DailySeries = {
    subject,
    days: Object.fromEntries(days.map((d) => [d, centsOf(amounts, dailyTypes, d)])),
  };
  if (monthlyTypes.length === 0) return detect(series, day, minImpactCents);
  const previousFirst = previousFirstOf(day);
  const monthly: MonthlyCharges = {
    usageTypes: monthlyTypes,
    previousFirst,
    cents: centsOf(amounts, monthlyTypes, day),
    previousCents: centsOf(amounts, monthlyTypes, previousFirst),
  };
  const daily = detect(series, day, minImpactCents);
  // One earlier value has no spread: its floor (5 % of it, at least $1) stands for the standard deviation.
  const monthlyRise = monthly.cents - monthly.previousCents;
  const monthlyZ = monthlyRise / Math.max(0.05 * monthly.previousCents, 100);
  const monthlyAlerts = monthlyZ >= Z_THRESHOLD && monthlyRise >= minImpactCents;
  if (!daily && !monthlyAlerts) return undefined;
  const past = days.filter((d) => d < day).slice(-HISTORY_DAYS);
  const usualDay = Math.round(median(past.map((d) => series.days[d]!)));
  const cents = toCents(Decimal.sum(0, ...Object.values(amounts).map((perDay) => perDay[day] ?? '0')));
  const baselineCents = usualDay + monthly.previousCents;
  return {
    subject,
    day,
    cents,
    baselineCents,
    impactCents: cents - baselineCents,
    z: daily?.z ?? Math.round(monthlyZ * 10) / 10,
    historyDays: past.length,
    monthly,
  };
}
