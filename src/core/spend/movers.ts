import type Decimal from 'decimal.js';
import { formatUsd, type Money, toCents, ZERO } from '../money';

/**
 * Top items, movers and change between two periods: the one rule the digest, App Home and
 * `/hosting spend` share. Every item that cost anything is listed (so the lines shown, with an
 * "Other" line, add up to the total); a change that rounds to $0.00 is no mover. Ties go by name.
 */

export interface MoverRow {
  name: string;
  current: Money;
  previous: Money;
  /** current − previous. */
  change: Money;
}

/** Per-item totals for two periods → the biggest changes (non-zero to the cent), largest first. */
export function movers(current: Map<string, Money>, previous: Map<string, Money>, limit: number): MoverRow[] {
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

/** The largest items of one period, biggest first; an item under a cent still counts toward the total. */
export function top(totals: Map<string, Money>, limit: number): { name: string; cost: Money }[] {
  return [...totals]
    .map(([name, cost]) => ({ name, cost }))
    .filter((row) => !row.cost.isZero())
    .sort((a, b) => b.cost.comparedTo(a.cost) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * The change from `previous` to `current` in percent of the previous amount's size, so its sign is
 * the direction of the change even when the previous total was negative (credits larger than usage):
 * from −$10 to −$5 spend rose by $5, +50%, not −50%. Undefined when the previous total was zero.
 */
export function changePercent(current: Money, previous: Money): Decimal | undefined {
  if (previous.isZero()) return undefined;
  return current.minus(previous).dividedBy(previous.abs()).times(100);
}

/** `+$1.00`, `-$1.00` or `$0.00`. */
export function signedUsd(amount: Money): string {
  return toCents(amount) > 0 ? `+${formatUsd(amount)}` : formatUsd(amount);
}
