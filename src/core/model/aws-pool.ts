import type { Catalog, Ec2Spec } from '../pricing';
import { type ArchitectureChoice, instanceForDyno, MEMORY_HEADROOM_GB, type ProcessNeed } from './sizing-rules';

/**
 * ECS on EC2: processes of many apps placed on instances, the cheapest of three placements:
 *  - shared: every process packed onto instances of one type;
 *  - split: dedicated-CPU processes packed onto one type, shared-CPU ones onto another (an ECS
 *    cluster with two capacity providers);
 *  - own: each process on its own instance, sized by the sizing rules (what like-for-like does),
 *    for when packing saves nothing: consolidating never costs more than not consolidating.
 * Each instance keeps the same 1.5 GiB headroom for the OS and the ECS agent once, not once per
 * process; a burstable instance counts only its baseline CPU. Packing is first-fit decreasing by
 * memory, for every allowed instance type; the cheapest total wins (ties: the smaller instance). At
 * least `minimum` instances run, so production spreads across two Availability Zones.
 */
interface InstancePool {
  spec: Ec2Spec;
  count: number;
  /** Processes (tasks) placed on these instances. */
  tasks: number;
}

export interface Placement {
  kind: 'shared' | 'split' | 'own';
  pools: InstancePool[];
}

/** Processes of one shape to place, `count` of them. */
interface PoolTask {
  memoryGb: number;
  vcpu: number;
  count: number;
}

const poolAllowed = (i: Ec2Spec, arch: ArchitectureChoice) =>
  (arch === 'any' || i.arch === 'x86_64') && i.instanceClass !== 'compute';

/**
 * Instances needed to hold `tasks` (sorted by memory, largest first), or 0 when one does not fit.
 * First-fit decreasing, one shape at a time: identical processes go, in order, into the first
 * instance with room, so an instance that cannot take one cannot take the next either, and each
 * instance is filled as far as it goes before the next is tried. The same instances as placing the
 * processes one by one, without trying every instance for every process (a 500-app fleet has
 * thousands of processes and hundreds of instances).
 */
function binsFor(tasks: readonly PoolTask[], spec: Ec2Spec, limit: number): number {
  const memory = spec.memoryGb - MEMORY_HEADROOM_GB;
  const cpu = spec.baselineVcpu;
  const freeMemory: number[] = [];
  const freeCpu: number[] = [];
  for (const task of tasks) {
    if (task.memoryGb > memory || task.vcpu > cpu) return 0;
    let left = task.count;
    for (let b = 0; b < freeMemory.length && left > 0; b++) {
      while (left > 0 && freeMemory[b] >= task.memoryGb - 1e-9 && freeCpu[b] >= task.vcpu - 1e-9) {
        freeMemory[b] -= task.memoryGb;
        freeCpu[b] -= task.vcpu;
        left--;
      }
    }
    while (left > 0) {
      if (freeMemory.length >= limit) return limit + 1;
      const b = freeMemory.push(memory - task.memoryGb) - 1;
      freeCpu.push(cpu - task.vcpu);
      left--;
      while (left > 0 && freeMemory[b] >= task.memoryGb - 1e-9 && freeCpu[b] >= task.vcpu - 1e-9) {
        freeMemory[b] -= task.memoryGb;
        freeCpu[b] -= task.vcpu;
        left--;
      }
    }
  }
  return freeMemory.length;
}

/** An instance type a pool may use, with its hourly price as a number (for ranking only; lines are exact). */
interface PoolType {
  spec: Ec2Spec;
  perHour: number;
  memory: number;
  cpu: number;
}

/** The allowed instance types of a catalog, cheapest first: computed once per catalog and architecture. */
const poolTypes = new WeakMap<Catalog, Map<ArchitectureChoice, PoolType[]>>();

function typesFor(catalog: Catalog, arch: ArchitectureChoice): PoolType[] {
  let byArch = poolTypes.get(catalog);
  if (!byArch) {
    byArch = new Map();
    poolTypes.set(catalog, byArch);
  }
  let types = byArch.get(arch);
  if (!types) {
    types = [];
    for (const spec of catalog.ec2Instances) {
      const unit = catalog.entries.get(spec.priceKey)?.unitPrice;
      if (!unit || !poolAllowed(spec, arch)) continue;
      types.push({
        spec,
        perHour: unit.toNumber(),
        memory: spec.memoryGb - MEMORY_HEADROOM_GB,
        cpu: spec.baselineVcpu,
      });
    }
    // Listing order breaks price ties (the newer generation first), as the sizing rules do.
    types = types
      .map((t, i) => ({ t, i }))
      .sort((a, b) => a.t.perHour - b.t.perHour || a.i - b.i)
      .map(({ t }) => t);
    byArch.set(arch, types);
  }
  return types;
}

const hourlyOf = (catalog: Catalog, key: string): number | undefined =>
  typesFor(catalog, 'any').find((t) => t.spec.priceKey === key)?.perHour;

type Need = { need: ProcessNeed; count: number };

/** The processes by shape, largest memory first (then most CPU). */
function tasksOf(needs: readonly Need[]): PoolTask[] {
  const byShape = new Map<string, PoolTask>();
  for (const { need, count } of needs) {
    if (count === 0) continue;
    const shape = `${need.memoryGb}:${need.vcpu}`;
    const task = byShape.get(shape);
    if (task) task.count += count;
    else byShape.set(shape, { memoryGb: need.memoryGb, vcpu: need.vcpu, count });
  }
  return [...byShape.values()].sort((a, b) => b.memoryGb - a.memoryGb || b.vcpu - a.vcpu);
}

/**
 * The cheapest one-type pool holding every task, or undefined when no instance type holds them. Types
 * are tried cheapest first; one whose lower bound (the tasks' total memory and CPU over its capacity)
 * already costs more than the best pool so far is not packed at all.
 */
function packOneType(catalog: Catalog, tasks: readonly PoolTask[], arch: ArchitectureChoice): InstancePool | undefined {
  let totalMemory = 0;
  let totalCpu = 0;
  let processes = 0;
  for (const task of tasks) {
    // One by one, in order: the same sums (to the last bit) as over the processes themselves.
    for (let i = 0; i < task.count; i++) {
      totalMemory += task.memoryGb;
      totalCpu += task.vcpu;
    }
    processes += task.count;
  }
  const largest = tasks[0];
  const busiest = tasks.reduce((most, t) => Math.max(most, t.vcpu), 0);
  let best: { type: PoolType; count: number; cost: number } | undefined;
  for (const type of typesFor(catalog, arch)) {
    if (best && type.perHour > best.cost + 1e-9) break;
    if (largest.memoryGb > type.memory || busiest > type.cpu) continue;
    const lower = Math.max(
      1,
      Math.ceil(totalMemory / type.memory - 1e-9),
      type.cpu > 0 ? Math.ceil(totalCpu / type.cpu - 1e-9) : 1,
    );
    if (best && lower * type.perHour > best.cost + 1e-9) continue;
    // No point packing into more instances than the best so far could pay for.
    const limit = best ? Math.floor(best.cost / type.perHour + 1e-9) : processes;
    const bins = binsFor(tasks, type.spec, limit);
    if (bins === 0 || bins > limit) continue;
    const cost = bins * type.perHour;
    if (
      !best ||
      cost < best.cost - 1e-9 ||
      (Math.abs(cost - best.cost) <= 1e-9 && type.spec.memoryGb < best.type.spec.memoryGb)
    ) {
      best = { type, count: bins, cost };
    }
  }
  return best && { spec: best.type.spec, count: best.count, tasks: processes };
}

/** Each process on its own instance, as the sizing rules pick it; instances of one type together. */
function ownInstances(catalog: Catalog, needs: readonly Need[], arch: ArchitectureChoice): InstancePool[] {
  const byType = new Map<string, InstancePool>();
  for (const { need, count } of needs) {
    if (count === 0) continue;
    const { spec } = instanceForDyno(catalog, need, arch);
    const pool = byType.get(spec.type);
    if (pool) {
      pool.count += count;
      pool.tasks += count;
    } else byType.set(spec.type, { spec, count, tasks: count });
  }
  return [...byType.values()];
}

const costOf = (catalog: Catalog, pools: readonly InstancePool[]) =>
  pools.reduce((sum, p) => sum + p.count * (hourlyOf(catalog, p.spec.priceKey) ?? Number.POSITIVE_INFINITY), 0);

/** Adds instances to the cheapest pool until `minimum` run: production spreads across two zones. */
function withMinimum(catalog: Catalog, pools: InstancePool[], minimum: number): InstancePool[] {
  const total = pools.reduce((n, p) => n + p.count, 0);
  if (total >= minimum || pools.length === 0) return pools;
  const cheapest = pools.reduce((a, b) =>
    (hourlyOf(catalog, b.spec.priceKey) ?? 0) < (hourlyOf(catalog, a.spec.priceKey) ?? 0) ? b : a,
  );
  return pools.map((p) => (p === cheapest ? { ...p, count: p.count + minimum - total } : p));
}

/**
 * Placements are pure functions of catalog and needs: remembered per catalog (a fleet repeats shapes),
 * in a trie keyed by the needs' figures one at a time. Numbers as keys, not a text key: turning
 * fractional figures (0.2 vCPU) into text cost more than the rest of looking a placement up.
 */
interface KnownPlacements {
  next: Map<number | string, KnownPlacements>;
  known: boolean;
  placement: Placement | undefined;
}

const placements = new WeakMap<Catalog, { root: KnownPlacements; size: number }>();
const MAX_REMEMBERED = 20_000;

const emptyTrie = (): KnownPlacements => ({ next: new Map(), known: false, placement: undefined });

function step(node: KnownPlacements, key: number | string, made: { size: number }): KnownPlacements {
  let child = node.next.get(key);
  if (child === undefined) {
    child = emptyTrie();
    node.next.set(key, child);
    made.size++;
  }
  return child;
}

/** The cheapest of the own, shared and split placements (ties: in that order). */
export function placeTasks(
  catalog: Catalog,
  needs: readonly Need[],
  arch: ArchitectureChoice,
  minimum: number,
): Placement | undefined {
  let table = placements.get(catalog);
  if (!table || table.size >= MAX_REMEMBERED) {
    table = { root: emptyTrie(), size: 0 };
    placements.set(catalog, table);
  }
  let node = step(step(table.root, arch, table), minimum, table);
  for (const { need, count } of needs) {
    node = step(
      step(step(step(node, need.memoryGb, table), need.vcpu, table), need.dedicated ? 1 : 0, table),
      count,
      table,
    );
  }
  if (!node.known) {
    node.placement = choosePlacement(catalog, needs, arch, minimum);
    node.known = true;
  }
  return node.placement;
}

function choosePlacement(
  catalog: Catalog,
  needs: readonly Need[],
  arch: ArchitectureChoice,
  minimum: number,
): Placement | undefined {
  const all = needs.filter((n) => n.count > 0);
  if (all.length === 0) return undefined;
  // Own instances first: at an equal price nothing is packed, and the lines round as like-for-like's.
  const candidates: Placement[] = [{ kind: 'own', pools: ownInstances(catalog, all, arch) }];
  const shared = packOneType(catalog, tasksOf(all), arch);
  if (shared) candidates.push({ kind: 'shared', pools: [shared] });
  const dedicated = all.filter((n) => n.need.dedicated);
  const rest = all.filter((n) => !n.need.dedicated);
  if (dedicated.length > 0 && rest.length > 0) {
    const a = packOneType(catalog, tasksOf(dedicated), arch);
    const b = packOneType(catalog, tasksOf(rest), arch);
    if (a && b) {
      const pools = a.spec === b.spec ? [{ spec: a.spec, count: a.count + b.count, tasks: a.tasks + b.tasks }] : [a, b];
      candidates.push({ kind: 'split', pools });
    }
  }
  let best: { placement: Placement; cost: number } | undefined;
  for (const candidate of candidates) {
    const pools = withMinimum(catalog, candidate.pools, minimum);
    const cost = costOf(catalog, pools);
    if (!best || cost < best.cost - 1e-9) best = { placement: { kind: candidate.kind, pools }, cost };
  }
  return best?.placement;
}
