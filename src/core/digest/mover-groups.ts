/**
 * Movers that changed the same way, together: twenty apps that each dropped one dyno read as one
 * line ("20 apps −$11.67 each"), not twenty. Pure.
 */
import { type Money, toCents } from '../money';
import type { Mover } from './types';

export interface MoverGroup {
  /** Services or apps, in the order they came. */
  names: string[];
  /** Each one's cost before and after, and its change: equal to the cent across the group. */
  previous: Money;
  current: Money;
  change: Money;
}

/** Groups movers with the same before and after (to the cent), biggest total change first. */
export function groupMovers(movers: readonly Mover[], limit: number): MoverGroup[] {
  const groups = new Map<string, MoverGroup>();
  for (const mover of movers) {
    const key = `${toCents(mover.previous)}→${toCents(mover.current)}`;
    const group = groups.get(key);
    if (group) group.names.push(mover.name);
    else
      groups.set(key, { names: [mover.name], previous: mover.previous, current: mover.current, change: mover.change });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.change.abs().times(b.names.length).comparedTo(a.change.abs().times(a.names.length)) ||
        a.names[0]!.localeCompare(b.names[0]!),
    )
    .slice(0, limit);
}
