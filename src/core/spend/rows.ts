/**
 * The lines of a spend answer, so that what is shown adds up: each line is rounded to the cent once,
 * and an "Other" line carries what the lines left out (the smaller groups, and the cents that rounding
 * each line moved), so the lines shown always sum to the total shown. Pure.
 */
import type { DayRange } from './request';

export interface SpendLine {
  label: string;
  cents: number;
}

/**
 * The `limit` largest lines and, when they fall short of the total, one more that makes up the
 * difference: `Other (N more services)`, or `Rounding` when every group is already shown.
 * `lines` must be sorted largest first; lines that round to $0.00 are left to "Other" unless `keepZero`
 * (the details list every group).
 */
export function linesAddingUp(
  lines: readonly SpendLine[],
  totalCents: number,
  limit: number,
  noun: string,
  keepZero = false,
): SpendLine[] {
  const visible = keepZero ? lines : lines.filter((line) => line.cents !== 0);
  const shown = visible.slice(0, limit);
  const hidden = lines.length - shown.length;
  const rest = totalCents - shown.reduce((sum, line) => sum + line.cents, 0);
  if (rest === 0) return shown;
  const label = hidden > 0 ? `Other (${hidden} more ${hidden === 1 ? noun : plural(noun)})` : 'Rounding';
  return [...shown, { label, cents: rest }];
}

const plural = (noun: string) => (noun.endsWith('s') ? noun : `${noun}s`);

/** Cost Explorer's metric names in plain words (the exact name is kept for the details). */
const METRIC_WORDS: Readonly<Record<string, string>> = {
  UnblendedCost: 'cost before credits',
  NetUnblendedCost: 'cost after discounts, before credits',
  AmortizedCost: 'cost before credits, upfront fees spread over their term',
  NetAmortizedCost: 'cost after discounts, upfront fees spread over their term',
  BlendedCost: 'cost before credits, at the organisation’s blended rates',
};

export function metricInWords(metric: string): string {
  return METRIC_WORDS[metric] ?? `cost (${metric})`;
}

/**
 * Days of `range` that a Heroku item running all month is charged for: Heroku bills a dyno or add-on
 * per second up to its monthly price, a day costing 1/30 of it, so from the 31st of a month on it is
 * free (docs/references.md#hours-per-month). Used when no daily snapshot covers the range.
 */
export function chargedDays(range: DayRange): number {
  let days = 0;
  for (let ms = Date.parse(`${range.start}T00:00:00Z`); ms < Date.parse(`${range.end}T00:00:00Z`); ms += 86_400_000) {
    if (new Date(ms).getUTCDate() <= 30) days += 1;
  }
  return days;
}

/** A monthly price in cents for `days` thirtieths of a month, rounded half up to the cent once. */
export const centsForDays = (monthlyCents: number, days: number): number => Math.floor((monthlyCents * days + 15) / 30);
