import { sumMoney } from '../money';
import type { Platform } from '../workload';
import type { CostLine, PlatformCost, PricedCostLine, UnpricedCostLine } from './types';

export function platformCost(platform: Platform, all: readonly CostLine[]): PlatformCost {
  const lines = all.filter((l): l is PricedCostLine => l.monthly !== null);
  const unpriced = all.filter((l): l is UnpricedCostLine => l.monthly === null);
  const infrastructure = sumMoney(lines.filter((l) => l.category !== 'ops').map((l) => l.monthly));
  const ops = sumMoney(lines.filter((l) => l.category === 'ops').map((l) => l.monthly));
  return { platform, lines, infrastructure, ops, total: infrastructure.plus(ops), unpriced };
}
