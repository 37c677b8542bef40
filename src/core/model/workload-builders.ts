import {
  type Catalog,
  findCacheNode,
  findDyno,
  findEc2Instance,
  findKeyValuePlan,
  findPostgresPlan,
  findRdsClass,
} from '../pricing';
import type { Cache, Database, ProcessType } from '../workload';

/**
 * Workload parts from platform names, for the estimate grammar and for adapters that read live
 * accounts. Each returns undefined for a name the price list does not know.
 */

export function herokuProcess(catalog: Catalog, name: string, count: number, size: string): ProcessType | undefined {
  const spec = findDyno(catalog, size);
  if (!spec) return undefined;
  return { name, count, size: spec.size, memoryGb: spec.memoryGb, vcpu: spec.vcpu, dedicated: spec.dedicated };
}

/** `storageGb` is the data actually stored; it defaults to the plan's limit. */
export function herokuDatabase(catalog: Catalog, plan: string, storageGb?: number): Database | undefined {
  const spec = findPostgresPlan(catalog, plan);
  if (!spec) return undefined;
  return {
    plan: spec.plan,
    memoryGb: spec.memoryGb,
    storageGb: storageGb ?? spec.storageGb,
    highAvailability: spec.highAvailability,
  };
}

export function herokuCache(catalog: Catalog, plan: string): Cache | undefined {
  const spec = findKeyValuePlan(catalog, plan);
  return spec && { plan: spec.plan, memoryGb: spec.memoryGb, highAvailability: spec.highAvailability };
}

export function awsInstanceProcess(
  catalog: Catalog,
  name: string,
  count: number,
  type: string,
): ProcessType | undefined {
  const spec = findEc2Instance(catalog, type);
  if (!spec) return undefined;
  return { name, count, size: spec.type, memoryGb: spec.memoryGb, vcpu: spec.vcpu, dedicated: !spec.burstable };
}

/** Tasks under 2 vCPU are treated as shared-CPU work when matched to dynos (Standard rather than Performance). */
export function awsFargateProcess(name: string, count: number, vcpu: number, memoryGb: number): ProcessType {
  return { name, count, size: `fargate-${vcpu}vcpu-${memoryGb}gb`, memoryGb, vcpu, dedicated: vcpu >= 2 };
}

export function awsDatabase(
  catalog: Catalog,
  dbClass: string,
  multiAz: boolean,
  storageGb: number,
): Database | undefined {
  const spec = findRdsClass(catalog, dbClass);
  return spec && { plan: spec.dbClass, memoryGb: spec.memoryGb, storageGb, highAvailability: multiAz };
}

export function awsCache(catalog: Catalog, node: string): Cache | undefined {
  const spec = findCacheNode(catalog, node);
  return spec && { plan: spec.node, memoryGb: spec.memoryGb };
}
