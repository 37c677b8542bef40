/**
 * Memory and vCPUs of common EC2, RDS and ElastiCache instance types, so usage by instance type can
 * become a Workload. A fallback only: the pricing catalog (src/core/pricing) is the fuller source and
 * is passed in as `instanceSpec`. Figures are AWS's published specs (GiB, as AWS lists them);
 * ElastiCache nodes list the memory available to the cache, which is less than the instance's.
 */
export interface InstanceSpec {
  memoryGb: number;
  vcpu: number;
}

export type InstanceSpecLookup = (instanceType: string) => InstanceSpec | undefined;

/** vCPUs of the standard sizes (large = 2 vCPUs, doubling up). */
const SIZE_VCPU: Record<string, number> = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
};

/** GiB of memory per vCPU, by family letter: general purpose 4, compute 2, memory 8. */
const GIB_PER_VCPU: Record<string, number> = { m: 4, c: 2, r: 8 };

const STANDARD_FAMILIES = [
  'm5',
  'm5a',
  'm6a',
  'm6g',
  'm6i',
  'm7a',
  'm7g',
  'm7i',
  'c5',
  'c5a',
  'c6a',
  'c6g',
  'c6i',
  'c7g',
  'c7i',
  'r5',
  'r5a',
  'r6a',
  'r6g',
  'r6i',
  'r7g',
  'r7i',
];

/** Burstable sizes (t3, t3a, t4g): 2 vCPUs up to large. */
const BURSTABLE: Record<string, InstanceSpec> = {
  nano: { memoryGb: 0.5, vcpu: 2 },
  micro: { memoryGb: 1, vcpu: 2 },
  small: { memoryGb: 2, vcpu: 2 },
  medium: { memoryGb: 4, vcpu: 2 },
  large: { memoryGb: 8, vcpu: 2 },
  xlarge: { memoryGb: 16, vcpu: 4 },
  '2xlarge': { memoryGb: 32, vcpu: 8 },
};

/** ElastiCache node memory (GiB available to the cache), which differs from the instance's. */
const CACHE_NODES: Record<string, InstanceSpec> = {
  't3.micro': { memoryGb: 0.5, vcpu: 2 },
  't3.small': { memoryGb: 1.37, vcpu: 2 },
  't3.medium': { memoryGb: 3.09, vcpu: 2 },
  't4g.micro': { memoryGb: 0.5, vcpu: 2 },
  't4g.small': { memoryGb: 1.37, vcpu: 2 },
  't4g.medium': { memoryGb: 3.09, vcpu: 2 },
};
const CACHE_GENERAL: Record<string, number> = { large: 6.38, xlarge: 12.93, '2xlarge': 26.04, '4xlarge': 52.26 };
const CACHE_MEMORY: Record<string, number> = { large: 13.07, xlarge: 26.32, '2xlarge': 52.82, '4xlarge': 105.81 };

function ec2Spec(type: string): InstanceSpec | undefined {
  const [family, size] = type.split('.');
  if (!family || !size) return undefined;
  if (family === 't3' || family === 't3a' || family === 't4g') return BURSTABLE[size];
  if (!STANDARD_FAMILIES.includes(family)) return undefined;
  const vcpu = SIZE_VCPU[size];
  const perVcpu = GIB_PER_VCPU[family[0]];
  return vcpu && perVcpu ? { memoryGb: vcpu * perVcpu, vcpu } : undefined;
}

function cacheSpec(type: string): InstanceSpec | undefined {
  if (CACHE_NODES[type]) return CACHE_NODES[type];
  const [family, size] = type.split('.');
  if (!family || !size || !['m5', 'm6g', 'm7g', 'r5', 'r6g', 'r7g'].includes(family)) return undefined;
  const memory = (family.startsWith('m') ? CACHE_GENERAL : CACHE_MEMORY)[size];
  const vcpu = SIZE_VCPU[size];
  return memory && vcpu ? { memoryGb: memory, vcpu } : undefined;
}

/**
 * Built-in specs: `m5.large`, `db.m6g.large` (a DB class has its instance's specs), `cache.t4g.small`.
 * Undefined for a type not in the table; the caller says so rather than guessing.
 */
export const builtInInstanceSpec: InstanceSpecLookup = (instanceType) => {
  const type = instanceType.trim().toLowerCase();
  if (type.startsWith('db.')) return ec2Spec(type.slice(3));
  if (type.startsWith('cache.')) return cacheSpec(type.slice(6));
  return ec2Spec(type);
};
