/**
 * Cost anomalies in a daily series, by a method a lead can check by hand:
 *
 *   A day is an anomaly when its cost is at least 3.5 robust standard deviations above the median
 *   of the previous 28 days, and at least the minimum dollar impact (default $5) above it.
 *
 * The robust standard deviation is 1.4826 × the median absolute deviation (MAD), so one earlier
 * spike does not hide the next one as a mean and standard deviation would; for a flat history it is
 * floored at 5 % of the median or $1, whichever is more, so a steady series still needs a real jump.
 * Iglewicz & Hoaglin's modified z-score: https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm
 * Amounts are whole cents; pure.
 */
export const HISTORY_DAYS = 28;
export const Z_THRESHOLD = 3.5;
const DEFAULT_MIN_IMPACT_CENTS = 500;
const MAD_TO_SIGMA = 1.4826;
const FLOOR_SHARE_OF_MEDIAN = 0.05;
const FLOOR_CENTS = 100;

export const DETECTION_METHOD = `A day is an anomaly when its cost is at least ${Z_THRESHOLD} robust standard deviations (1.4826 × the median absolute deviation, at least 5 % of the median or $1) above the median of the previous ${HISTORY_DAYS} days, and at least the minimum impact above it.`;

export interface DailySeries {
  /** What the series is: `heroku-app:api-prod`, `aws:Amazon EC2|BoxUsage:m5.large`. */
  subject: string;
  /** Cents per UTC day, by YYYY-MM-DD. Missing days are unknown, not $0. */
  days: Record<string, number>;
}

export interface Detection {
  subject: string;
  day: string;
  /** The day's cost. */
  cents: number;
  /** The median of the history: what a normal day cost. */
  baselineCents: number;
  /** cents − baseline: the extra the day cost. */
  impactCents: number;
  z: number;
  historyDays: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Days before `day`, newest first, at most HISTORY_DAYS, skipping days the series has no figure for. */
function history(series: DailySeries, day: string): number[] {
  return Object.keys(series.days)
    .filter((d) => d < day)
    .sort()
    .slice(-HISTORY_DAYS)
    .map((d) => series.days[d]!);
}

/**
 * The series' anomaly on `day`, or undefined. Needs at least 7 days of history: with less, "its own
 * recent history" says too little, and a new service or app is reported by the change list instead.
 */
export function detect(
  series: DailySeries,
  day: string,
  minImpactCents = DEFAULT_MIN_IMPACT_CENTS,
): Detection | undefined {
  const cents = series.days[day];
  if (cents === undefined) return undefined;
  const past = history(series, day);
  if (past.length < 7) return undefined;
  const baseline = median(past);
  const mad = median(past.map((value) => Math.abs(value - baseline)));
  const sigma = Math.max(MAD_TO_SIGMA * mad, FLOOR_SHARE_OF_MEDIAN * baseline, FLOOR_CENTS);
  const impact = cents - baseline;
  const z = impact / sigma;
  if (z < Z_THRESHOLD || impact < minImpactCents) return undefined;
  return {
    subject: series.subject,
    day,
    cents,
    baselineCents: Math.round(baseline),
    impactCents: Math.round(impact),
    z: Math.round(z * 10) / 10,
    historyDays: past.length,
  };
}
