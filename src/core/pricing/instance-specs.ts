import { ec2SizeShape } from './aws-ec2';
import { type Catalog, DEFAULT_CATALOG, findCacheNode, findEc2Instance, findRdsClass } from './catalog';

/**
 * Memory and vCPUs of an EC2 instance type, RDS class (`db.m6g.large`) or ElastiCache node
 * (`cache.t4g.small`), so usage by instance type can become a Workload. The catalog's tables
 * (aws-ec2.ts, aws-rds.ts, aws-elasticache.ts) answer first; a type they do not price is sized by
 * AWS's published family rule (the same size shapes, GiB per vCPU by family letter). ElastiCache
 * nodes offer less memory to the cache than the instance has.
 */
interface InstanceSpec {
  memoryGb: number;
  vcpu: number;
}

export type InstanceSpecLookup = (instanceType: string) => InstanceSpec | undefined;

/** GiB of memory of a `.large`, by family letter: general purpose 8, compute 4, memory 16, burstable 8. */
const LARGE_MEMORY_GB: Record<string, number> = { m: 8, c: 4, r: 16, t: 8 };

/** Families sized by the rule; others are not guessed. */
const FAMILIES = new Set([
  ...['m5', 'm5a', 'm6a', 'm6g', 'm6i', 'm7a', 'm7g', 'm7i'],
  ...['c5', 'c5a', 'c6a', 'c6g', 'c6i', 'c7g', 'c7i'],
  ...['r5', 'r5a', 'r6a', 'r6g', 'r6i', 'r7g', 'r7i'],
]);
const BURSTABLE = new Set(['t3', 't3a', 't4g']);
const BURSTABLE_SIZES = new Set(['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']);
const SMALL_SIZES = new Set(['nano', 'micro', 'small', 'medium']);

/** Memory-optimised ElastiCache nodes (GiB to the cache) the catalog does not list. */
const CACHE_MEMORY_R: Record<string, number> = { large: 13.07, xlarge: 26.32, '2xlarge': 52.82, '4xlarge': 105.81 };
const CACHE_FAMILIES = new Set(['m5', 'm6g', 'm7g', 'r5', 'r6g', 'r7g']);

function ruleSpec(type: string): InstanceSpec | undefined {
  const [family, size] = type.split('.');
  const shape = size === undefined ? undefined : ec2SizeShape(size);
  if (!family || !size || !shape) return undefined;
  if (BURSTABLE.has(family) ? !BURSTABLE_SIZES.has(size) : !FAMILIES.has(family) || SMALL_SIZES.has(size)) {
    return undefined;
  }
  return { memoryGb: LARGE_MEMORY_GB[family[0]] * shape.scale, vcpu: shape.vcpu };
}

function ec2Spec(catalog: Catalog, type: string): InstanceSpec | undefined {
  const listed = findEc2Instance(catalog, type);
  return listed ? { memoryGb: listed.memoryGb, vcpu: listed.vcpu } : ruleSpec(type);
}

function rdsSpec(catalog: Catalog, dbClass: string): InstanceSpec | undefined {
  const listed = findRdsClass(catalog, dbClass);
  return listed ? { memoryGb: listed.memoryGb, vcpu: listed.vcpu } : ec2Spec(catalog, dbClass.slice(3));
}

function cacheSpec(catalog: Catalog, node: string): InstanceSpec | undefined {
  const type = node.slice(6);
  const vcpu = ruleSpec(type)?.vcpu ?? ec2Spec(catalog, type)?.vcpu;
  const listed = findCacheNode(catalog, node);
  if (listed && vcpu !== undefined) return { memoryGb: listed.memoryGb, vcpu };
  const [family, size] = type.split('.');
  if (!family || !size || !CACHE_FAMILIES.has(family) || vcpu === undefined) return undefined;
  // General-purpose nodes offer what the listed cache.m6g node of the same size does.
  const memoryGb = family.startsWith('m')
    ? findCacheNode(catalog, `cache.m6g.${size}`)?.memoryGb
    : CACHE_MEMORY_R[size];
  return memoryGb === undefined ? undefined : { memoryGb, vcpu };
}

/** Looks types up in `catalog` (default: the list-price catalog), by the family rule where it has none. */
function instanceSpecLookup(catalog: Catalog = DEFAULT_CATALOG): InstanceSpecLookup {
  return (instanceType) => {
    const type = instanceType.trim().toLowerCase();
    if (type.startsWith('db.')) return rdsSpec(catalog, type);
    if (type.startsWith('cache.')) return cacheSpec(catalog, type);
    return ec2Spec(catalog, type);
  };
}

export const builtInInstanceSpec: InstanceSpecLookup = instanceSpecLookup();
