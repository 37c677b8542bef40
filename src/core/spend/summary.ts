/**
 * Summaries of fetched spend: totals, change against the previous period, top movers. Pure and
 * exact (Decimal); rounding happens once, in formatUsd, when a figure is shown.
 */
import type Decimal from 'decimal.js';
import { type Money, sumMoney, usd, ZERO } from '../money';
import { changePercent, movers, top } from './movers';
import type { DayRange } from './request';

/** The parts of a Cost Explorer daily answer a summary reads (structural: no import from sources). */
export interface DailyCostLike {
  metric: string;
  days: { day: string; estimated: boolean; groups: { key: string; amount: string }[] }[];
  labels: Record<string, string>;
  total: string;
  creditsTotal: string;
  estimated: boolean;
}

interface Mover {
  key: string;
  label: string;
  current: Money;
  previous: Money;
  /** current − previous. */
  change: Money;
}

export interface AwsSpendSummary {
  metric: string;
  total: Money;
  previousTotal: Money;
  change: Money;
  /** Percent change, undefined when the previous period was zero. */
  changePercent?: Decimal;
  /** Largest groups this period, biggest first. */
  top: Mover[];
  /** Largest absolute changes, biggest first, unchanged groups left out. */
  movers: Mover[];
  /** Credits and refunds (negative amounts as Cost Explorer sends them), not netted into `total`. */
  credits: Money;
  estimated: boolean;
  estimatedDays: string[];
}

function byKey(cost: DailyCostLike): Map<string, Money> {
  const totals = new Map<string, Money>();
  for (const day of cost.days) {
    for (const group of day.groups) totals.set(group.key, (totals.get(group.key) ?? ZERO).plus(usd(group.amount)));
  }
  return totals;
}

/** The same answer for the days of `range` only, its total theirs. */
export function costOfDays<T extends DailyCostLike>(cost: T, range: DayRange): T {
  const days = cost.days.filter((day) => day.day >= range.start && day.day < range.end);
  const total = sumMoney(days.flatMap((day) => day.groups.map((group) => usd(group.amount))));
  return { ...cost, days, total: total.toFixed(), estimated: days.some((day) => day.estimated) };
}

/** A period's totals, top groups and credits, and against `previous` (nothing, when left out) its change and movers. */
export function summariseAws(current: DailyCostLike, previous?: DailyCostLike, limit = 5): AwsSpendSummary {
  const now = byKey(current);
  const before = previous ? byKey(previous) : new Map<string, Money>();
  const row = (key: string, amount: Money): Mover => {
    const earlier = before.get(key) ?? ZERO;
    const label = current.labels[key] ?? previous?.labels[key] ?? key;
    return { key, label, current: amount, previous: earlier, change: amount.minus(earlier) };
  };
  const total = usd(current.total);
  const previousTotal = previous ? usd(previous.total) : ZERO;
  const percent = changePercent(total, previousTotal);
  return {
    metric: current.metric,
    total,
    previousTotal,
    change: total.minus(previousTotal),
    ...(percent === undefined ? {} : { changePercent: percent }),
    top: top(now, limit).map(({ name, cost }) => row(name, cost)),
    movers: movers(now, before, limit).map(({ name, current: amount }) => row(name, amount)),
    credits: usd(current.creditsTotal),
    estimated: current.estimated,
    estimatedDays: current.days.filter((day) => day.estimated).map((day) => day.day),
  };
}
