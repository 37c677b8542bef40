import { DateTime } from 'luxon';
import { Decimal } from '../money';

/**
 * AWS spend as plain figures: exact decimal strings by day and group, credits apart, forecasts.
 * The arithmetic that turns Cost Explorer's rows into them lives here; src/sources/aws fetches the
 * rows. No I/O, no clock.
 */

/** Cost metrics GetCostAndUsage can report. */
export const COST_METRICS = [
  'UnblendedCost',
  'AmortizedCost',
  'BlendedCost',
  'NetUnblendedCost',
  'NetAmortizedCost',
] as const;

export type CostMetric = (typeof COST_METRICS)[number];

export type SpendGroupBy = 'service' | 'account' | { tag: string };

const UNTAGGED = '(untagged)';

export interface SpendQuery {
  /** First day, YYYY-MM-DD (UTC), inclusive. */
  start: string;
  /** Day after the last day, YYYY-MM-DD (UTC): exclusive, as Cost Explorer takes it. */
  end: string;
}

export interface DailyCostQuery extends SpendQuery {
  groupBy: SpendGroupBy;
}

interface GroupAmount {
  key: string;
  /** Exact decimal string in `unit`. */
  amount: string;
}

interface DayCost {
  /** YYYY-MM-DD (UTC): the bucket's Start. */
  day: string;
  /** Cost Explorer marked the day provisional: the figure can still change. */
  estimated: boolean;
  /** One entry per key in `keys`, in that order; a key with no data that day is "0". */
  groups: GroupAmount[];
  total: string;
}

interface CreditLine {
  day: string;
  /** The RECORD_TYPE: Credit, Refund. */
  recordType: string;
  /** As Cost Explorer reports it (credits are negative). */
  amount: string;
}

export interface DailyCost {
  metric: CostMetric;
  unit: string;
  start: string;
  end: string;
  groupBy: SpendGroupBy;
  /** Usage without credits and refunds, per day. */
  days: DayCost[];
  /** Credits and refunds, apart from usage. */
  credits: CreditLine[];
  /** Every group key seen in the period, largest total first: service names, account ids, tag values or "(untagged)". */
  keys: string[];
  /** Display names where Cost Explorer gave them (linked account names), by key. */
  labels: Record<string, string>;
  total: string;
  creditsTotal: string;
  /** Any day estimated. */
  estimated: boolean;
}

export type Forecast =
  | {
      available: true;
      metric: CostMetric;
      start: string;
      end: string;
      unit: string;
      total: string;
      /** Prediction interval of the total, when the forecast is a single period. */
      lower?: string;
      upper?: string;
      predictionIntervalLevel: number;
      periods: ForecastPeriod[];
    }
  | { available: false; metric: CostMetric; start: string; end: string; reason: string };

export interface ForecastPeriod {
  start: string;
  end: string;
  mean?: string;
  lower?: string;
  upper?: string;
}

/** One group of one time bucket, as Cost Explorer reported it. */
export interface QuantityRow {
  /** YYYY-MM-DD, the bucket's Start (inclusive) and End (exclusive). */
  start: string;
  end: string;
  estimated: boolean;
  /** The group's keys, one per GroupBy. */
  keys: string[];
  /** Exact decimal string. */
  amount: string;
  unit: string;
}

/** Throws a RangeError unless start and end are real UTC days and start < end (end exclusive). */
export function checkSpendPeriod({ start, end }: SpendQuery): void {
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!DateTime.fromFormat(value, 'yyyy-MM-dd', { zone: 'utc' }).isValid) {
      throw new RangeError(`${name} must be a UTC day as YYYY-MM-DD, not ${JSON.stringify(value)}`);
    }
  }
  if (start >= end) throw new RangeError(`end (${end}) must be after start (${start}); end is exclusive`);
}

/** `env$prod` → `prod`; `env$` (no tag or an empty one) → "(untagged)". */
export function tagValue(groupKey: string): string {
  const dollar = groupKey.indexOf('$');
  const value = dollar >= 0 ? groupKey.slice(dollar + 1) : groupKey;
  return value === '' ? UNTAGGED : value;
}

/** The currencies rows are in (rows without a unit say nothing). More than one is not a figure. */
export function currenciesOf(...rowLists: readonly (readonly QuantityRow[])[]): string[] {
  return [...new Set(rowLists.flatMap((rows) => rows.map((row) => row.unit).filter(Boolean)))];
}

export interface DailyCostRows {
  query: DailyCostQuery;
  metric: CostMetric;
  /** Every day bucket of the usage answer (a day with no groups still counts), possibly repeated across pages. */
  buckets: readonly { day: string; estimated: boolean }[];
  usage: readonly QuantityRow[];
  /** Grouped by RECORD_TYPE. */
  credits: readonly QuantityRow[];
  labels: Record<string, string>;
}

/** Usage by day and group key, and credits by day and record type, merged across pages and summed exactly. */
export function dailyCostFromRows(input: DailyCostRows): DailyCost {
  const { query } = input;
  const keyOf = typeof query.groupBy === 'object' ? (keys: string[]) => tagValue(keys[0]) : (keys: string[]) => keys[0];
  // Buckets can be split across pages and a key can be missing on any day: merge by day and key.
  const days = new Map<string, { estimated: boolean; amounts: Map<string, Decimal> }>();
  const totals = new Map<string, Decimal>();
  for (const bucket of input.buckets) {
    const entry = days.get(bucket.day) ?? { estimated: false, amounts: new Map<string, Decimal>() };
    entry.estimated ||= bucket.estimated;
    days.set(bucket.day, entry);
  }
  for (const row of input.usage) {
    const key = keyOf(row.keys);
    const entry = days.get(row.start) ?? { estimated: row.estimated, amounts: new Map<string, Decimal>() };
    days.set(row.start, entry);
    entry.amounts.set(key, (entry.amounts.get(key) ?? new Decimal(0)).plus(row.amount));
    totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(row.amount));
  }
  const creditLines = new Map<string, Decimal>();
  for (const row of input.credits) {
    const id = `${row.start}\u0000${row.keys[0]}`;
    creditLines.set(id, (creditLines.get(id) ?? new Decimal(0)).plus(row.amount));
  }

  const keys = [...totals.keys()].sort((a, b) => totals.get(b)!.comparedTo(totals.get(a)!) || a.localeCompare(b));
  const dayList = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, entry]) => {
      const groups = keys.map((key) => ({ key, amount: (entry.amounts.get(key) ?? new Decimal(0)).toFixed() }));
      const total = Decimal.sum(0, ...entry.amounts.values());
      return { day, estimated: entry.estimated, groups, total: total.toFixed() };
    });
  const creditList = [...creditLines.entries()]
    .map(([id, amount]) => {
      const [day, recordType] = id.split('\u0000');
      return { day, recordType, amount: amount.toFixed() };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.recordType.localeCompare(b.recordType));
  return {
    metric: input.metric,
    unit: currenciesOf(input.usage, input.credits)[0] ?? 'USD',
    start: query.start,
    end: query.end,
    groupBy: query.groupBy,
    days: dayList,
    credits: creditList,
    keys,
    labels: input.labels,
    total: Decimal.sum(0, ...totals.values()).toFixed(),
    creditsTotal: Decimal.sum(0, ...creditLines.values()).toFixed(),
    estimated: dayList.some((day) => day.estimated),
  };
}

/** A forecast total and its periods; the prediction interval of the total only when there is one period. */
export function forecastOf(
  query: SpendQuery,
  metric: CostMetric,
  predictionIntervalLevel: number,
  total: { amount: string; unit: string | undefined },
  periods: ForecastPeriod[],
): Forecast {
  const only = periods.length === 1 ? periods[0] : undefined;
  const forecast: Forecast = {
    available: true,
    metric,
    start: query.start,
    end: query.end,
    unit: total.unit ?? 'USD',
    total: new Decimal(total.amount).toFixed(),
    predictionIntervalLevel,
    periods,
  };
  // Per-month intervals do not add up to an interval of the sum, so only a single period has one.
  if (only?.lower !== undefined) forecast.lower = new Decimal(only.lower).toFixed();
  if (only?.upper !== undefined) forecast.upper = new Decimal(only.upper).toFixed();
  return forecast;
}

/**
 * Average allocated RDS storage in GB from rows grouped by USAGE_TYPE: storage usage types come in
 * GB-months, so each bucket's GB-Mo × hours in its month ÷ hours the bucket covers; backups and
 * snapshots are not allocated storage. The largest bucket wins, rounded up to a whole GB.
 */
export function averageStorageGb(rows: readonly QuantityRow[]): number | undefined {
  const perBucket = new Map<string, Decimal>();
  for (const row of rows) {
    const usageType = row.keys[0] ?? '';
    if (row.unit !== 'GB-Mo' || !/storage/i.test(usageType) || /backup|snapshot/i.test(usageType)) continue;
    const start = DateTime.fromISO(row.start, { zone: 'utc' });
    const bucketHours = DateTime.fromISO(row.end, { zone: 'utc' }).diff(start, 'hours').hours;
    const month = start.startOf('month');
    const monthHours = month.plus({ months: 1 }).diff(month, 'hours').hours;
    if (!(bucketHours > 0)) continue;
    const gb = new Decimal(row.amount).times(monthHours).dividedBy(bucketHours);
    perBucket.set(row.start, (perBucket.get(row.start) ?? new Decimal(0)).plus(gb));
  }
  if (perBucket.size === 0) return undefined;
  return Decimal.max(...perBucket.values())
    .toDecimalPlaces(2)
    .ceil()
    .toNumber();
}
