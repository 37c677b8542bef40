/**
 * Which AWS usage types moved a service's cost: each usage type's cost on the day against its own
 * median over the days before (the same history the detection used). Pure; whole cents.
 */
import { HISTORY_DAYS, median } from './detect';

export interface UsageTypeMove {
  service: string;
  usageType: string;
  dayCents: number;
  baselineCents: number;
  deltaCents: number;
}

/**
 * `costs`: usage type → day → cents for one service, every day of the period present (0 when the
 * usage type cost nothing that day). The usage types that rose most on `day`, largest first.
 */
export function usageTypeMovers(
  service: string,
  costs: Readonly<Record<string, Readonly<Record<string, number>>>>,
  day: string,
  limit = 3,
): UsageTypeMove[] {
  const moves: UsageTypeMove[] = [];
  for (const [usageType, days] of Object.entries(costs)) {
    const past = Object.keys(days)
      .filter((d) => d < day)
      .sort()
      .slice(-HISTORY_DAYS)
      .map((d) => days[d]!);
    const baseline = past.length > 0 ? Math.round(median(past)) : 0;
    const dayCents = days[day] ?? 0;
    if (dayCents - baseline > 0)
      moves.push({ service, usageType, dayCents, baselineCents: baseline, deltaCents: dayCents - baseline });
  }
  return moves.sort((a, b) => b.deltaCents - a.deltaCents || a.usageType.localeCompare(b.usageType)).slice(0, limit);
}

/** What moved most between two periods, by name (a service, or `service / usage type`). */
export interface Move {
  name: string;
  beforeCents: number;
  afterCents: number;
  deltaCents: number;
}

/** The names whose cost changed most between `before` and `after` (either way), largest first. */
export function biggestMoves(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  limit = 3,
): Move[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((name) => {
      const b = before[name] ?? 0;
      const a = after[name] ?? 0;
      return { name, beforeCents: b, afterCents: a, deltaCents: a - b };
    })
    .filter((move) => move.deltaCents !== 0)
    .sort((x, y) => Math.abs(y.deltaCents) - Math.abs(x.deltaCents) || x.name.localeCompare(y.name))
    .slice(0, limit);
}
