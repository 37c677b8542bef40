import type { Catalog, Ec2Spec } from '../pricing';
import { type ArchitectureChoice, MEMORY_HEADROOM_GB, type ProcessNeed } from './sizing-rules';

/**
 * ECS on EC2: processes of many apps packed onto shared instances. Each instance keeps the same
 * 1.5 GiB headroom for the OS and the ECS agent once, not once per process; a burstable instance
 * counts only its baseline CPU. Packing is first-fit decreasing by memory, for every allowed instance
 * type; the cheapest total wins (ties: the smaller instance). At least `minimum` instances run, so
 * production spreads across two Availability Zones.
 */
export interface PooledInstances {
  spec: Ec2Spec;
  count: number;
}

export interface PoolTask {
  memoryGb: number;
  vcpu: number;
}

const poolAllowed = (i: Ec2Spec, arch: ArchitectureChoice) =>
  (arch === 'any' || i.arch === 'x86_64') && i.instanceClass !== 'compute';

/** Instances needed to hold `tasks` (sorted by memory, largest first), or 0 when one does not fit. */
function binsFor(tasks: readonly PoolTask[], spec: Ec2Spec, limit: number): number {
  const memory = spec.memoryGb - MEMORY_HEADROOM_GB;
  const cpu = spec.baselineVcpu;
  const freeMemory: number[] = [];
  const freeCpu: number[] = [];
  for (const task of tasks) {
    if (task.memoryGb > memory || task.vcpu > cpu) return 0;
    let placed = false;
    for (let b = 0; b < freeMemory.length; b++) {
      if (freeMemory[b] >= task.memoryGb - 1e-9 && freeCpu[b] >= task.vcpu - 1e-9) {
        freeMemory[b] -= task.memoryGb;
        freeCpu[b] -= task.vcpu;
        placed = true;
        break;
      }
    }
    if (!placed) {
      if (freeMemory.length >= limit) return limit + 1;
      freeMemory.push(memory - task.memoryGb);
      freeCpu.push(cpu - task.vcpu);
    }
  }
  return freeMemory.length;
}

/** Hourly prices as numbers, for ranking only (lines are priced exactly): computed once per catalog. */
const hourlyNumbers = new WeakMap<Catalog, Map<string, number>>();

function hourlyOf(catalog: Catalog, key: string): number | undefined {
  let prices = hourlyNumbers.get(catalog);
  if (!prices) {
    prices = new Map();
    for (const spec of catalog.ec2Instances) {
      const unit = catalog.entries.get(spec.priceKey)?.unitPrice;
      if (unit) prices.set(spec.priceKey, unit.toNumber());
    }
    hourlyNumbers.set(catalog, prices);
  }
  return prices.get(key);
}

export function packTasks(
  catalog: Catalog,
  needs: readonly { need: ProcessNeed; count: number }[],
  arch: ArchitectureChoice,
  minimum: number,
): PooledInstances | undefined {
  const tasks: PoolTask[] = [];
  for (const { need, count } of needs) {
    for (let i = 0; i < count; i++) tasks.push({ memoryGb: need.memoryGb, vcpu: need.vcpu });
  }
  if (tasks.length === 0) return undefined;
  tasks.sort((a, b) => b.memoryGb - a.memoryGb || b.vcpu - a.vcpu);
  let best: { spec: Ec2Spec; count: number; cost: number } | undefined;
  for (const spec of catalog.ec2Instances) {
    if (!poolAllowed(spec, arch)) continue;
    const perHour = hourlyOf(catalog, spec.priceKey);
    if (perHour === undefined) continue;
    // No point packing into more instances than the best so far could pay for.
    const limit = best ? Math.floor(best.cost / perHour) : tasks.length;
    const bins = binsFor(tasks, spec, limit);
    if (bins === 0 || bins > limit) continue;
    const count = Math.max(bins, minimum);
    const cost = count * perHour;
    if (
      !best ||
      cost < best.cost - 1e-9 ||
      (Math.abs(cost - best.cost) <= 1e-9 && spec.memoryGb < best.spec.memoryGb)
    ) {
      best = { spec, count, cost };
    }
  }
  return best && { spec: best.spec, count: best.count };
}
