import { fromCents } from '../money';
import type { Platform } from '../workload';
import type { CostLine, PlatformCost, PricedCostLine, UnpricedCostLine } from './types';

/**
 * Lines split into priced and unpriced, with the priced lines' shown cents added up (ops apart); ops
 * lines left out altogether when `withOps` is false (a tier's infrastructure). When every line is
 * priced and kept (nearly always), the list given is the priced list, not a copy: callers hand over a
 * list made for the purpose and change it no more.
 */
export function footLines(all: readonly CostLine[], withOps = true) {
  let infrastructure = 0;
  let ops = 0;
  let kept = 0;
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if ((line.category === 'ops' && !withOps) || line.cents === null) continue;
    kept++;
    if (line.category === 'ops') ops += line.cents;
    else infrastructure += line.cents;
  }
  if (kept === all.length) return { lines: all as PricedCostLine[], unpriced: [], infrastructure, ops };
  const lines: PricedCostLine[] = [];
  const unpriced: UnpricedCostLine[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (line.category === 'ops' && !withOps) continue;
    if (line.cents === null) unpriced.push(line);
    else lines.push(line);
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
