/** Shared arithmetic for both platforms' digest sections: week totals, movers, translations. Pure. */
import { formatUsd, type Money, toCents, ZERO } from '../money';
import type { ModelledMonthly } from './input';
import type { DigestWeek, Mover, PlatformId, Translation, WeekTotal } from './types';

const MAX_ROWS = 5;
/** Movers kept for grouping: twenty apps that changed alike are one line, so keep them all. */
export const MAX_MOVERS = 1000;

/** The days a digest covers: its four weeks, and the month to date (to today, exclusive). */
export interface Period {
  weeks: DigestWeek[];
  days: string[];
  monthStart: string;
  today: string;
}

/** Per-item totals for two periods → the biggest changes (non-zero to the cent), largest first. */
export function movers(current: Map<string, Money>, previous: Map<string, Money>, limit = MAX_ROWS): Mover[] {
  const names = [...new Set([...current.keys(), ...previous.keys()])];
  return names
    .map((name) => {
      const now = current.get(name) ?? ZERO;
      const before = previous.get(name) ?? ZERO;
      return { name, current: now, previous: before, change: now.minus(before) };
    })
    .filter((row) => toCents(row.change) !== 0)
    .sort((a, b) => b.change.abs().comparedTo(a.change.abs()) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export function top(totals: Map<string, Money>, limit = MAX_ROWS): { name: string; cost: Money }[] {
  return [...totals]
    .map(([name, cost]) => ({ name, cost }))
    .filter((row) => toCents(row.cost) !== 0)
    .sort((a, b) => b.cost.comparedTo(a.cost) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export function change(weeks: WeekTotal[]): { change: Money; changePercent?: number } {
  const last = weeks[weeks.length - 1]!.total;
  const before = weeks[weeks.length - 2]?.total ?? ZERO;
  const delta = last.minus(before);
  if (before.isZero()) return { change: delta };
  return { change: delta, changePercent: delta.div(before).times(100).toDecimalPlaces(1).toNumber() };
}

/**
 * A month's modelled cost as one week. AWS prices are hourly (month = 730 h, so a week is
 * 168/730 of it); Heroku prorates monthly prices per day (a week is 7/30 of a month).
 */
function weekOfMonthly(monthly: Money, on: PlatformId): Money {
  return on === 'aws' ? monthly.times(168).div(730) : monthly.times(7).div(30);
}

export function translation(modelled: ModelledMonthly, to: PlatformId, lastWeek: Money): Translation | string {
  if ('error' in modelled) return modelled.error;
  const modelledWeekly = weekOfMonthly(modelled.monthly, to);
  const differenceWeekly = modelledWeekly.minus(lastWeek);
  const range = modelled.range
    ? { range: { low: weekOfMonthly(modelled.range.low, to), high: weekOfMonthly(modelled.range.high, to) } }
    : {};
  return {
    to,
    modelledWeekly,
    differenceWeekly,
    differenceYearly: differenceWeekly.times(52),
    notes: modelled.notes,
    ...range,
  };
}

export function percentLabel(changePercent: number | undefined): string {
  if (changePercent === undefined) return 'no spend the week before';
  return `${changePercent >= 0 ? '+' : ''}${changePercent.toFixed(1)}%`;
}

export function signedUsd(amount: Money): string {
  return toCents(amount) > 0 ? `+${formatUsd(amount)}` : formatUsd(amount);
}
