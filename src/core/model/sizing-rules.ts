import type { Money } from '../money';
import { type Catalog, type DynoSpec, type DynoTier, type Ec2Spec, findDyno } from '../pricing';
import type { ProcessType } from '../workload';
import { formatMemory } from './describe';
import { pickCheapest, unitPriceOf } from './pick-cheapest';
import { kept } from './remembered';

/**
 * The sizing rules, in one place, in both directions. Each choice returns the rule that made it, in
 * words, for the answer's assumptions.
 *
 * Heroku dyno → EC2 instance
 *  1. Memory: the instance has at least the dyno's RAM plus 1.5 GiB of headroom for the operating
 *     system, the container runtime and the monitoring agent (Heroku's RAM figure is all the app's).
 *  2. CPU: the instance sustains the dyno's CPU all the time. A dedicated (Performance) dyno needs all
 *     its vCPUs; a shared (Standard/Basic/Eco) dyno needs its share, 0.2 vCPU per 1x. A burstable
 *     t3/t4g counts only its baseline (AWS's table: 20% of 2 vCPU for a small or medium), so it is
 *     chosen only where the baseline covers the dyno, and never pays Unlimited surplus credits.
 *  3. Class: general purpose (m), memory optimised (r) or burstable (t). Compute optimised (c) is left
 *     out: at 2 GiB per vCPU it leaves no room for the memory growth web apps show.
 *  4. Architecture: x86-64 by default, as Heroku runs; Graviton (arm64) only when asked (`arm`) or in
 *     the optimised tier.
 *  5. The cheapest instance meeting 1–4; ties go to the newer generation.
 *  Checked against AWS's Heroku migration guidance (Standard-1X → t3.small, Standard-2X → t3.medium,
 *  Performance-M → m5.large, Performance-L → m5.xlarge): the rules agree for the first three (m6i.large
 *  is m5.large's newer generation at the same price) and differ for Performance-L, whose 8 dedicated
 *  vCPU (Compute 50x) an m5.xlarge's 4 cannot sustain; each answer says so (`guidanceNote`).
 *
 * EC2 instance → Heroku dynos
 *  1. Memory: the process may use the instance's RAM less the same 1.5 GiB headroom (at least 512 MB);
 *     a Fargate task's memory is all the process's.
 *  2. CPU: a non-burstable instance's vCPUs, a burstable one's baseline; a Fargate task under 2 vCPU is a
 *     share (its vCPU × 0.4, as for Standard dynos).
 *  3. A set is 1 to 8 dynos of one size (a process splits across dynos as web servers split across
 *     workers), each of at least 1 GB when there are several; together they meet memory and CPU.
 *  4. like-for-like: one Standard or Performance dyno. consolidated: the cheapest set of Standard and
 *     Performance dynos, large Performance sizes included. optimised: Fir-generation sizes too.
 */
export const MEMORY_HEADROOM_GB = 1.5;
const MIN_PROCESS_MEMORY_GB = 0.5;
const MAX_DYNOS_PER_INSTANCE = 8;
/** 512 MB is too small to run one more copy of a process that needed more. */
const MIN_SPLIT_DYNO_GB = 1;
/** CPU a shared dyno sustains per nominal vCPU (its 1x share = 0.5 nominal vCPU → 0.2). */
const SHARED_DYNO_SUSTAINED = 0.4;

export interface ProcessNeed {
  /** The process's own memory: a dyno's RAM, or an instance's RAM less the headroom. */
  memoryGb: number;
  /** vCPU it must sustain. */
  vcpu: number;
  dedicated: boolean;
}

/** What a Heroku process needs: from the catalog's dyno when known, else from the workload's figures. */
export function needOfDyno(p: ProcessType, catalog: Catalog): ProcessNeed {
  const spec = findDyno(catalog, p.size);
  if (spec) return { memoryGb: spec.memoryGb, vcpu: spec.sustainedVcpu, dedicated: spec.dedicated };
  return { memoryGb: p.memoryGb, vcpu: p.dedicated ? p.vcpu : p.vcpu * SHARED_DYNO_SUSTAINED, dedicated: p.dedicated };
}

/** What a process on an AWS instance (or task) needs on Heroku. */
export function needOfInstance(p: ProcessType, baselineVcpu: number | undefined, isTask: boolean): ProcessNeed {
  if (isTask) {
    // A Fargate task's memory is all the process's; a small task's vCPU is a share, like a Standard dyno's.
    return {
      memoryGb: p.memoryGb,
      vcpu: p.dedicated ? p.vcpu : p.vcpu * SHARED_DYNO_SUSTAINED,
      dedicated: p.dedicated,
    };
  }
  const memoryGb = Math.max(MIN_PROCESS_MEMORY_GB, p.memoryGb - MEMORY_HEADROOM_GB);
  return { memoryGb, vcpu: baselineVcpu ?? p.vcpu, dedicated: p.dedicated };
}

export type ArchitectureChoice = 'x86_64' | 'any';

export interface InstanceChoice {
  spec: Ec2Spec;
  fits: boolean;
  rule: string;
}

const instanceAllowed = (i: Ec2Spec, arch: ArchitectureChoice) =>
  (arch === 'any' || i.arch === 'x86_64') && i.instanceClass !== 'compute';

const instanceFits = (i: Ec2Spec, need: ProcessNeed) =>
  i.memoryGb >= need.memoryGb + MEMORY_HEADROOM_GB && i.baselineVcpu >= need.vcpu;

/** Choices are pure functions of catalog and need: remembered per catalog, architecture, memory and vCPU. */
const instanceChoices = new WeakMap<Catalog, Record<ArchitectureChoice, Map<number, Map<number, InstanceChoice>>>>();

/** The EC2 instance for one dyno, by rules 1–5. */
export function instanceForDyno(catalog: Catalog, need: ProcessNeed, arch: ArchitectureChoice): InstanceChoice {
  const byArch = kept(instanceChoices, catalog, () => ({ x86_64: new Map(), any: new Map() }));
  const byMemory = kept(byArch[arch], need.memoryGb, () => new Map<number, InstanceChoice>());
  return kept(byMemory, need.vcpu, () => chooseInstance(catalog, need, arch));
}

function chooseInstance(catalog: Catalog, need: ProcessNeed, arch: ArchitectureChoice): InstanceChoice {
  const price = unitPriceOf(catalog);
  const allowed = catalog.ec2Instances.filter((i) => instanceAllowed(i, arch));
  const chosen = pickCheapest(
    allowed.filter((i) => instanceFits(i, need)),
    (i) => price(i.priceKey),
    (i) => i.memoryGb,
  );
  if (!chosen) {
    const largest = allowed.reduce((a, b) => (b.memoryGb > a.memoryGb ? b : a));
    return { spec: largest, fits: false, rule: 'no instance in the price list is big enough; priced as the largest' };
  }
  const cpu = chosen.burstable
    ? `its baseline of ${chosen.baselineVcpu} vCPU covers the dyno's ${need.vcpu} vCPU`
    : `${chosen.vcpu} vCPU sustain the dyno's ${need.vcpu}`;
  const archWord = arch === 'any' ? 'x86-64 or Graviton' : 'x86-64';
  return {
    spec: chosen,
    fits: true,
    rule: `the cheapest ${archWord} instance with the dyno's RAM plus ${MEMORY_HEADROOM_GB} GiB headroom (${formatMemory(chosen.memoryGb)}) where ${cpu}`,
  };
}

/** AWS's Heroku migration guidance: the instance it names for each dyno size. */
const AWS_GUIDANCE: Readonly<Record<string, string>> = {
  'standard-1x': 't3.small',
  'standard-2x': 't3.medium',
  'performance-m': 'm5.large',
  'performance-l': 'm5.xlarge',
};

/**
 * How the instance the rules chose compares with the one AWS's guidance names for the dyno, in words;
 * empty when the guidance names no instance for the size.
 */
export function guidanceNote(catalog: Catalog, dynoSize: string, need: ProcessNeed, chosen: Ec2Spec): string {
  let known = guidanceNotes.get(catalog);
  if (!known) {
    known = new Map();
    guidanceNotes.set(catalog, known);
  }
  const key = `${dynoSize}|${need.memoryGb}|${need.vcpu}|${need.dedicated}|${chosen.type}`;
  let note = known.get(key);
  if (note === undefined) {
    note = compareWithGuidance(catalog, dynoSize, need, chosen);
    known.set(key, note);
  }
  return note;
}

/** Guidance notes are pure functions of catalog, size and choice: remembered per catalog. */
const guidanceNotes = new WeakMap<Catalog, Map<string, string>>();

function compareWithGuidance(catalog: Catalog, dynoSize: string, need: ProcessNeed, chosen: Ec2Spec): string {
  const named = AWS_GUIDANCE[dynoSize.toLowerCase()];
  if (!named) return '';
  const guide = catalog.ec2Instances.find((i) => i.type === named);
  if (!guide || guide.type === chosen.type) return ` AWS's Heroku migration guidance names the same ${named}.`;
  if (guide.memoryGb < need.memoryGb + MEMORY_HEADROOM_GB)
    return ` AWS's Heroku migration guidance names ${named} (${formatMemory(guide.memoryGb)}), which leaves less than ${MEMORY_HEADROOM_GB} GiB for the operating system and agent.`;
  if (guide.baselineVcpu < need.vcpu)
    return ` AWS's Heroku migration guidance names ${named}, whose ${guide.baselineVcpu} vCPU cannot sustain the dyno's ${need.vcpu}${need.dedicated ? ' dedicated' : ''} vCPU.`;
  const price = unitPriceOf(catalog);
  const same = price(guide.priceKey)?.equals(price(chosen.priceKey) ?? -1);
  return same
    ? ` AWS's Heroku migration guidance names ${named}: ${chosen.type} has the same ${chosen.vcpu} vCPU and ${formatMemory(chosen.memoryGb)} at the same price, a newer generation.`
    : ` AWS's Heroku migration guidance names ${named}; ${chosen.type} meets the same rules for less.`;
}

export type DynoSetTier = 'like-for-like' | 'consolidated' | 'optimised';

export interface DynoSet {
  spec: DynoSpec;
  /** Dynos per AWS instance. */
  perInstance: number;
  fits: boolean;
  rule: string;
}

const TIERS_FOR: Record<DynoSetTier, readonly DynoTier[]> = {
  'like-for-like': ['standard', 'performance'],
  consolidated: ['standard', 'performance'],
  optimised: ['standard', 'performance', 'fir'],
};

/** The dynos for one AWS instance (or task), by rules 1–4 of the reverse direction. */
export function dynosForInstance(
  catalog: Catalog,
  need: ProcessNeed,
  tier: DynoSetTier,
  compliance?: 'shield' | 'private',
): DynoSet {
  const price = unitPriceOf(catalog);
  const tiers = compliance ? [compliance] : TIERS_FOR[tier];
  const allowed = catalog.dynos.filter((d) => tiers.includes(d.tier));
  const most = tier === 'like-for-like' ? 1 : MAX_DYNOS_PER_INSTANCE;
  let best: { spec: DynoSpec; count: number; total: Money | null } | undefined;
  for (const spec of allowed) {
    const count = Math.max(
      Math.ceil(need.memoryGb / spec.memoryGb - 1e-9),
      need.vcpu > 0 ? Math.ceil(need.vcpu / spec.sustainedVcpu - 1e-9) : 1,
      1,
    );
    if (count > most || (count > 1 && spec.memoryGb < MIN_SPLIT_DYNO_GB)) continue;
    const unit = price(spec.priceKey);
    const total = unit === null ? null : unit.times(count);
    if (!best || isCheaper(total, count, spec, best)) best = { spec, count, total };
  }
  if (!best) {
    const largest = allowed.reduce((a, b) => (b.memoryGb > a.memoryGb ? b : a));
    return { spec: largest, perInstance: 1, fits: false, rule: 'no dyno set holds it; priced as the largest dyno' };
  }
  const what = best.count === 1 ? `one ${best.spec.label}` : `${best.count} × ${best.spec.label}`;
  const among = tier === 'optimised' ? 'Standard, Performance and Fir' : 'Standard and Performance';
  return {
    spec: best.spec,
    perInstance: best.count,
    fits: true,
    rule: `${what}: the cheapest ${tier === 'like-for-like' ? 'single dyno' : `set of ${among} dynos`} with ${formatMemory(need.memoryGb)} and ${need.vcpu} vCPU sustained`,
  };
}

function isCheaper(
  total: Money | null,
  count: number,
  spec: DynoSpec,
  best: { spec: DynoSpec; count: number; total: Money | null },
): boolean {
  if (total !== null && best.total === null) return true;
  if (total === null && best.total !== null) return false;
  if (total !== null && best.total !== null && !total.equals(best.total)) return total.lessThan(best.total);
  if (count !== best.count) return count < best.count;
  return spec.memoryGb < best.spec.memoryGb;
}
