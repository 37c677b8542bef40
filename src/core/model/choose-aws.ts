import type { Money } from '../money';
import type { CacheNodeSpec, Catalog, RdsSpec } from '../pricing';
import { postgresTier } from '../pricing/heroku-tiers';
import { pickCheapest, unitPriceOf } from './pick-cheapest';
import { remembered } from './remembered';
import type { EnvironmentName } from './types';

export interface ComputeNeed {
  memoryGb: number;
  vcpu: number;
}

// Valid Fargate task sizes: vCPU → memory choices in GB (AWS ECS task-size table).
const FARGATE_SIZES: [vcpu: number, memoryGb: number[]][] = [
  [0.25, [0.5, 1, 2]],
  [0.5, [1, 2, 3, 4]],
  [1, range(2, 8, 1)],
  [2, range(4, 16, 1)],
  [4, range(8, 30, 1)],
  [8, range(16, 60, 4)],
  [16, range(32, 120, 8)],
];

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to; value += step) out.push(value);
  return out;
}

export const FARGATE_TASK_SIZES: readonly { vcpu: number; memoryGb: number }[] = FARGATE_SIZES.flatMap(
  ([vcpu, memories]) => memories.map((memoryGb) => ({ vcpu, memoryGb })),
);

function fargateHourly(catalog: Catalog, vcpu: number, memoryGb: number, arch: 'x86_64' | 'arm64'): Money {
  const prefix = arch === 'arm64' ? 'aws.fargate-arm' : 'aws.fargate';
  const price = unitPriceOf(catalog);
  return price(`${prefix}.vcpu-hour`)!
    .times(vcpu)
    .plus(price(`${prefix}.gb-hour`)!.times(memoryGb));
}

/** The cheapest valid Fargate task size with at least the vCPU and memory asked for (remembered per catalog). */
export function chooseFargateTask(
  catalog: Catalog,
  need: ComputeNeed,
  arch: 'x86_64' | 'arm64',
): { vcpu: number; memoryGb: number; fits: boolean } {
  return remembered(catalog, `fargate|${need.vcpu}|${need.memoryGb}|${arch}`, () =>
    cheapestFargateTask(catalog, need, arch),
  );
}

function cheapestFargateTask(
  catalog: Catalog,
  need: ComputeNeed,
  arch: 'x86_64' | 'arm64',
): { vcpu: number; memoryGb: number; fits: boolean } {
  const fitting = FARGATE_TASK_SIZES.filter((t) => t.vcpu >= need.vcpu && t.memoryGb >= need.memoryGb);
  const chosen = pickCheapest(
    fitting,
    (t) => fargateHourly(catalog, t.vcpu, t.memoryGb, arch),
    (t) => t.memoryGb,
  );
  if (chosen) return { ...chosen, fits: true };
  return { ...FARGATE_TASK_SIZES[FARGATE_TASK_SIZES.length - 1], fits: false };
}

/**
 * Which RDS classes a Heroku database may run on. AWS: "We recommend using the T DB instance classes
 * only for development and test servers, or other non-production servers" (Amazon RDS User Guide, DB
 * instance class types, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html).
 * So a production database of a dedicated plan (Standard, Premium, Private, Shield, or any plan not
 * Essential) runs on db.m/db.r; staging and review databases, and Essential plans (multi-tenant on
 * Heroku), may burst.
 */
export type RdsFamilies = 'any' | 'non-burstable';

export const PRODUCTION_DATABASE_RULE =
  'Production databases are on non-burstable RDS classes (db.m/db.r): AWS recommends T classes only for development, test or other non-production servers (Amazon RDS User Guide, DB instance class types); staging and review databases, and Essential plans (shared on Heroku), stay on burstable db.t4g.';

export function rdsFamiliesFor(plan: string, environment: EnvironmentName): RdsFamilies {
  return environment === 'production' && postgresTier(plan) !== 'essential' ? 'non-burstable' : 'any';
}

const isBurstable = (c: RdsSpec) => /^db\.t\d/.test(c.dbClass);

/** The cheapest RDS PostgreSQL class of the families allowed with at least the RAM asked for, in the deployment asked for. */
export function chooseRdsClass(
  catalog: Catalog,
  memoryGb: number,
  multiAz: boolean,
  families: RdsFamilies,
): { spec: RdsSpec; fits: boolean } {
  return remembered(catalog, `rds|${memoryGb}|${multiAz}|${families}`, () =>
    cheapestRdsClass(catalog, memoryGb, multiAz, families),
  );
}

function cheapestRdsClass(
  catalog: Catalog,
  memoryGb: number,
  multiAz: boolean,
  families: RdsFamilies,
): { spec: RdsSpec; fits: boolean } {
  const price = unitPriceOf(catalog);
  const keyOf = (c: RdsSpec) => (multiAz ? c.multiAzKey : c.singleAzKey);
  const allowed = families === 'any' ? catalog.rdsClasses : catalog.rdsClasses.filter((c) => !isBurstable(c));
  const fitting = allowed.filter((c) => c.memoryGb >= memoryGb);
  const chosen = pickCheapest(
    fitting,
    (c) => price(keyOf(c)),
    (c) => c.memoryGb,
  );
  if (chosen) return { spec: chosen, fits: true };
  return { spec: largest(allowed, (c) => c.memoryGb), fits: false };
}

/** The cheapest ElastiCache node with at least the memory asked for. */
export function chooseCacheNode(catalog: Catalog, memoryGb: number): { spec: CacheNodeSpec; fits: boolean } {
  return remembered(catalog, `cache|${memoryGb}`, () => cheapestCacheNode(catalog, memoryGb));
}

function cheapestCacheNode(catalog: Catalog, memoryGb: number): { spec: CacheNodeSpec; fits: boolean } {
  const price = unitPriceOf(catalog);
  const fitting = catalog.cacheNodes.filter((n) => n.memoryGb >= memoryGb);
  const chosen = pickCheapest(
    fitting,
    (n) => price(n.priceKey),
    (n) => n.memoryGb,
  );
  if (chosen) return { spec: chosen, fits: true };
  return { spec: largest(catalog.cacheNodes, (n) => n.memoryGb), fits: false };
}

function largest<T>(items: readonly T[], size: (item: T) => number): T {
  return items.reduce((a, b) => (size(b) > size(a) ? b : a));
}
