import { usd } from '../money';
import { type CatalogEntry, priced } from './price-entry';
import { SOURCES } from './sources';

export type Architecture = 'x86_64' | 'arm64';

export interface Ec2Spec {
  type: string;
  family: string;
  vcpu: number;
  memoryGb: number;
  arch: Architecture;
  /** t3/t4g: CPU credits, not dedicated cores. */
  burstable: boolean;
  priceKey: string;
}

interface Family {
  family: string;
  arch: Architecture;
  burstable: boolean;
  /** vCPU and GiB of the `.large` size; other sizes scale linearly from it. */
  large: [vcpu: number, memoryGb: number];
  /** Hourly prices from the Karpenter table (P1), by size. Sizes missing here are derived by doubling. */
  hourly: Partial<Record<Size, string>>;
  sizes: Size[];
}

type Size = 'micro' | 'small' | 'medium' | 'large' | 'xlarge' | '2xlarge' | '4xlarge';

const SCALE: Record<Size, number> = { micro: 0, small: 0, medium: 0, large: 1, xlarge: 2, '2xlarge': 4, '4xlarge': 8 };

const T_SMALL_SIZES: Record<'micro' | 'small' | 'medium', [vcpu: number, memoryGb: number]> = {
  micro: [2, 1],
  small: [2, 2],
  medium: [2, 4],
};

const STANDARD_SIZES: Size[] = ['large', 'xlarge', '2xlarge', '4xlarge'];
const BURSTABLE_SIZES: Size[] = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];

// Listing order breaks price ties: the newer generation first (m6i before m5 at the same price).
const FAMILIES: Family[] = [
  {
    family: 't3',
    arch: 'x86_64',
    burstable: true,
    large: [2, 8],
    hourly: { micro: '0.0104', small: '0.0208', medium: '0.0416', large: '0.0832', xlarge: '0.1664' },
    sizes: BURSTABLE_SIZES,
  },
  {
    family: 't4g',
    arch: 'arm64',
    burstable: true,
    large: [2, 8],
    hourly: { micro: '0.0084', small: '0.0168', medium: '0.0336', large: '0.0672', xlarge: '0.1344' },
    sizes: BURSTABLE_SIZES,
  },
  {
    family: 'm6i',
    arch: 'x86_64',
    burstable: false,
    large: [2, 8],
    hourly: { large: '0.096', xlarge: '0.192', '2xlarge': '0.384' },
    sizes: STANDARD_SIZES,
  },
  {
    family: 'm5',
    arch: 'x86_64',
    burstable: false,
    large: [2, 8],
    hourly: { large: '0.096', xlarge: '0.192', '2xlarge': '0.384' },
    sizes: STANDARD_SIZES,
  },
  {
    family: 'm7i',
    arch: 'x86_64',
    burstable: false,
    large: [2, 8],
    hourly: { large: '0.1008', xlarge: '0.2016', '2xlarge': '0.4032' },
    sizes: STANDARD_SIZES,
  },
  { family: 'm6g', arch: 'arm64', burstable: false, large: [2, 8], hourly: { large: '0.077' }, sizes: STANDARD_SIZES },
  { family: 'm7g', arch: 'arm64', burstable: false, large: [2, 8], hourly: { large: '0.0816' }, sizes: STANDARD_SIZES },
  {
    family: 'c6i',
    arch: 'x86_64',
    burstable: false,
    large: [2, 4],
    hourly: { large: '0.085', xlarge: '0.17', '2xlarge': '0.34' },
    sizes: STANDARD_SIZES,
  },
  {
    family: 'c5',
    arch: 'x86_64',
    burstable: false,
    large: [2, 4],
    hourly: { large: '0.085', xlarge: '0.17', '2xlarge': '0.34' },
    sizes: STANDARD_SIZES,
  },
  { family: 'c6g', arch: 'arm64', burstable: false, large: [2, 4], hourly: { large: '0.068' }, sizes: STANDARD_SIZES },
  { family: 'c7g', arch: 'arm64', burstable: false, large: [2, 4], hourly: { large: '0.0725' }, sizes: STANDARD_SIZES },
  {
    family: 'r6i',
    arch: 'x86_64',
    burstable: false,
    large: [2, 16],
    hourly: { large: '0.126', xlarge: '0.252', '2xlarge': '0.504' },
    sizes: STANDARD_SIZES,
  },
  {
    family: 'r5',
    arch: 'x86_64',
    burstable: false,
    large: [2, 16],
    hourly: { large: '0.126', xlarge: '0.252', '2xlarge': '0.504' },
    sizes: STANDARD_SIZES,
  },
  {
    family: 'r6g',
    arch: 'arm64',
    burstable: false,
    large: [2, 16],
    hourly: { large: '0.1008' },
    sizes: STANDARD_SIZES,
  },
];

function specOf(family: Family, size: Size): Ec2Spec {
  const [vcpu, memoryGb] =
    size === 'micro' || size === 'small' || size === 'medium'
      ? T_SMALL_SIZES[size]
      : [family.large[0] * SCALE[size], family.large[1] * SCALE[size]];
  const type = `${family.family}.${size}`;
  return {
    type,
    family: family.family,
    vcpu,
    memoryGb,
    arch: family.arch,
    burstable: family.burstable,
    priceKey: `aws.ec2.${type}`,
  };
}

/** The largest size with a listed price at or below `size`, and how many times it doubles to reach `size`. */
function derivationBase(family: Family, size: Size): { base: Size; factor: number } {
  const listed = family.sizes.filter((s) => family.hourly[s] !== undefined && SCALE[s] > 0 && SCALE[s] <= SCALE[size]);
  const base = listed[listed.length - 1];
  return { base, factor: SCALE[size] / SCALE[base] };
}

function priceOf(family: Family, size: Size): CatalogEntry {
  const type = `${family.family}.${size}`;
  const description = `EC2 ${type} (Linux, on-demand)`;
  const listed = family.hourly[size];
  if (listed !== undefined) return priced(`aws.ec2.${type}`, description, listed, 'hour', SOURCES.karpenter, 'primary');
  const { base, factor } = derivationBase(family, size);
  const hourly = usd(family.hourly[base]!).times(factor).toString();
  const source = {
    label: `Derived: ${factor} × ${family.family}.${base} from the AWS Price List via Karpenter table (P1); AWS sizes scale linearly`,
    asOf: SOURCES.karpenter.asOf,
  };
  return priced(`aws.ec2.${type}`, description, hourly, 'hour', source, 'derived');
}

export const EC2_INSTANCES: readonly Ec2Spec[] = FAMILIES.flatMap((f) => f.sizes.map((s) => specOf(f, s)));

export const EC2_PRICES: readonly CatalogEntry[] = FAMILIES.flatMap((f) => f.sizes.map((s) => priceOf(f, s)));
