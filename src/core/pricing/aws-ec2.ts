import { pricedRow } from './price-entry';
import type { PriceRow } from './price-table';
import { SOURCES } from './sources';

type Architecture = 'x86_64' | 'arm64';

/** General purpose (m), compute optimised (c), memory optimised (r), burstable (t). */
type InstanceClass = 'general' | 'compute' | 'memory' | 'burstable';

export interface Ec2Spec {
  type: string;
  family: string;
  vcpu: number;
  memoryGb: number;
  arch: Architecture;
  instanceClass: InstanceClass;
  /** t3/t4g: CPU credits, not dedicated cores. */
  burstable: boolean;
  /**
   * The vCPU a burstable instance sustains without spending credits (baseline % × vCPUs, from AWS's
   * burstable-instance table: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html);
   * all of its vCPUs for the others.
   */
  baselineVcpu: number;
  priceKey: string;
}

type Size =
  | 'nano'
  | 'micro'
  | 'small'
  | 'medium'
  | 'large'
  | 'xlarge'
  | '2xlarge'
  | '4xlarge'
  | '8xlarge'
  | '12xlarge'
  | '16xlarge'
  | '24xlarge';

/** vCPUs and memory (as a multiple of the `.large`'s) of each size, the same in every family AWS sizes this way. */
const SHAPE: Record<Size, { vcpu: number; scale: number }> = {
  nano: { vcpu: 2, scale: 0.0625 },
  micro: { vcpu: 2, scale: 0.125 },
  small: { vcpu: 2, scale: 0.25 },
  medium: { vcpu: 2, scale: 0.5 },
  large: { vcpu: 2, scale: 1 },
  xlarge: { vcpu: 4, scale: 2 },
  '2xlarge': { vcpu: 8, scale: 4 },
  '4xlarge': { vcpu: 16, scale: 8 },
  '8xlarge': { vcpu: 32, scale: 16 },
  '12xlarge': { vcpu: 48, scale: 24 },
  '16xlarge': { vcpu: 64, scale: 32 },
  '24xlarge': { vcpu: 96, scale: 48 },
};

/** The shape of a size name (`2xlarge`), or undefined for one AWS does not size this way. */
export function ec2SizeShape(size: string): { vcpu: number; scale: number } | undefined {
  return Object.hasOwn(SHAPE, size) ? SHAPE[size as Size] : undefined;
}

/** Baseline CPU per vCPU of the t3/t4g sizes (AWS burstable-instance table). */
const T_BASELINE: Partial<Record<Size, number>> = {
  micro: 0.1,
  small: 0.2,
  medium: 0.2,
  large: 0.3,
  xlarge: 0.4,
  '2xlarge': 0.4,
};

interface Family {
  family: string;
  arch: Architecture;
  instanceClass: InstanceClass;
  /** GiB of memory per 1× size (the `.large`); t sizes follow SHAPE.scale of 8 GiB. */
  largeMemoryGb: number;
  /** On-demand $/hour by size, exactly as AWS's Karpenter price table lists them (generated 2026-07-20). */
  hourly: Partial<Record<Size, string>>;
}

// Listing order breaks price ties: the newer generation first (m6i before m5 at the same price).
const FAMILIES: Family[] = [
  {
    family: 't3',
    arch: 'x86_64',
    instanceClass: 'burstable',
    largeMemoryGb: 8,
    hourly: {
      micro: '0.0104',
      small: '0.0208',
      medium: '0.0416',
      large: '0.0832',
      xlarge: '0.1664',
      '2xlarge': '0.3328',
    },
  },
  {
    family: 't4g',
    arch: 'arm64',
    instanceClass: 'burstable',
    largeMemoryGb: 8,
    hourly: {
      micro: '0.0084',
      small: '0.0168',
      medium: '0.0336',
      large: '0.0672',
      xlarge: '0.1344',
      '2xlarge': '0.2688',
    },
  },
  {
    family: 'm6i',
    arch: 'x86_64',
    instanceClass: 'general',
    largeMemoryGb: 8,
    hourly: { large: '0.096', xlarge: '0.192', '2xlarge': '0.384', '4xlarge': '0.768', '8xlarge': '1.536' },
  },
  {
    family: 'm5',
    arch: 'x86_64',
    instanceClass: 'general',
    largeMemoryGb: 8,
    hourly: { large: '0.096', xlarge: '0.192', '2xlarge': '0.384', '4xlarge': '0.768', '8xlarge': '1.536' },
  },
  {
    family: 'm7i',
    arch: 'x86_64',
    instanceClass: 'general',
    largeMemoryGb: 8,
    hourly: { large: '0.1008', xlarge: '0.2016', '2xlarge': '0.4032', '4xlarge': '0.8064', '8xlarge': '1.6128' },
  },
  {
    family: 'm6g',
    arch: 'arm64',
    instanceClass: 'general',
    largeMemoryGb: 8,
    hourly: { large: '0.077', xlarge: '0.154', '2xlarge': '0.308', '4xlarge': '0.616', '8xlarge': '1.232' },
  },
  {
    family: 'm7g',
    arch: 'arm64',
    instanceClass: 'general',
    largeMemoryGb: 8,
    hourly: { large: '0.0816', xlarge: '0.1632', '2xlarge': '0.3264', '4xlarge': '0.6528', '8xlarge': '1.3056' },
  },
  {
    family: 'c6i',
    arch: 'x86_64',
    instanceClass: 'compute',
    largeMemoryGb: 4,
    hourly: { large: '0.085', xlarge: '0.17', '2xlarge': '0.34', '4xlarge': '0.68', '8xlarge': '1.36' },
  },
  {
    family: 'c5',
    arch: 'x86_64',
    instanceClass: 'compute',
    largeMemoryGb: 4,
    hourly: { large: '0.085', xlarge: '0.17', '2xlarge': '0.34', '4xlarge': '0.68' },
  },
  {
    family: 'c6g',
    arch: 'arm64',
    instanceClass: 'compute',
    largeMemoryGb: 4,
    hourly: { large: '0.068', xlarge: '0.136', '2xlarge': '0.272', '4xlarge': '0.544', '8xlarge': '1.088' },
  },
  {
    family: 'c7g',
    arch: 'arm64',
    instanceClass: 'compute',
    largeMemoryGb: 4,
    hourly: { large: '0.0725', xlarge: '0.145', '2xlarge': '0.29', '4xlarge': '0.58', '8xlarge': '1.16' },
  },
  {
    family: 'r6i',
    arch: 'x86_64',
    instanceClass: 'memory',
    largeMemoryGb: 16,
    hourly: { large: '0.126', xlarge: '0.252', '2xlarge': '0.504', '4xlarge': '1.008', '8xlarge': '2.016' },
  },
  {
    family: 'r5',
    arch: 'x86_64',
    instanceClass: 'memory',
    largeMemoryGb: 16,
    hourly: { large: '0.126', xlarge: '0.252', '2xlarge': '0.504', '4xlarge': '1.008', '8xlarge': '2.016' },
  },
  {
    family: 'r6g',
    arch: 'arm64',
    instanceClass: 'memory',
    largeMemoryGb: 16,
    hourly: { large: '0.1008', xlarge: '0.2016', '2xlarge': '0.4032', '4xlarge': '0.8064', '8xlarge': '1.6128' },
  },
  {
    family: 'r7g',
    arch: 'arm64',
    instanceClass: 'memory',
    largeMemoryGb: 16,
    hourly: { large: '0.1071', xlarge: '0.2142', '2xlarge': '0.4284', '4xlarge': '0.8568', '8xlarge': '1.7136' },
  },
];

const SIZES = Object.keys(SHAPE) as Size[];

function specOf(family: Family, size: Size): Ec2Spec {
  const { vcpu, scale } = SHAPE[size];
  const type = `${family.family}.${size}`;
  const burstable = family.instanceClass === 'burstable';
  return {
    type,
    family: family.family,
    vcpu,
    memoryGb: family.largeMemoryGb * scale,
    arch: family.arch,
    instanceClass: family.instanceClass,
    burstable,
    baselineVcpu: burstable ? Math.round(vcpu * (T_BASELINE[size] ?? 0) * 100) / 100 : vcpu,
    priceKey: `aws.ec2.${type}`,
  };
}

const listedSizes = (family: Family) => SIZES.filter((size) => family.hourly[size] !== undefined);

export const EC2_INSTANCES: readonly Ec2Spec[] = FAMILIES.flatMap((f) => listedSizes(f).map((s) => specOf(f, s)));

export const EC2_PRICES: readonly PriceRow[] = FAMILIES.flatMap((f) =>
  listedSizes(f).map((size) =>
    pricedRow(
      `aws.ec2.${f.family}.${size}`,
      `EC2 ${f.family}.${size} (Linux, on-demand)`,
      f.hourly[size]!,
      'hour',
      SOURCES.awsEc2PriceList,
      'primary',
    ),
  ),
);
