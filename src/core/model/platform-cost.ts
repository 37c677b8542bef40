import { fromCents } from '../money';
import type { Platform } from '../workload';
import type { CostLine, PlatformCost, PricedCostLine, UnpricedCostLine } from './types';

/**
 * Lines split into priced and unpriced, with the priced lines' shown cents added up (ops apart); ops
 * lines left out altogether when `withOps` is false (a tier's infrastructure).
 */
export function footLines(all: readonly CostLine[], withOps = true) {
  const lines: PricedCostLine[] = [];
  const unpriced: UnpricedCostLine[] = [];
  let infrastructure = 0;
  let ops = 0;
  for (const line of all) {
    if (line.category === 'ops' && !withOps) continue;
    if (line.cents === null) unpriced.push(line);
    else {
      lines.push(line);
      if (line.category === 'ops') ops += line.cents;
      else infrastructure += line.cents;
    }
  }
  return { lines, unpriced, infrastructure, ops };
}

/** Totals add the lines' shown cents: each line is rounded once, and every total foots. */
export function platformCost(platform: Platform, all: readonly CostLine[]): PlatformCost {
  const { lines, unpriced, infrastructure, ops } = footLines(all);
  return {
    platform,
    lines,
    infrastructure: fromCents(infrastructure),
    ops: fromCents(ops),
    total: fromCents(infrastructure + ops),
    unpriced,
  };
}

/** The sum of lines' shown cents. */
export function shownCents(lines: readonly PricedCostLine[]): number {
  let cents = 0;
  for (const line of lines) cents += line.cents;
  return cents;
}
