import { pricedRow } from './price-entry';
import type { PriceRow } from './price-table';
import { SOURCES } from './sources';

export type DynoTier = 'eco' | 'basic' | 'standard' | 'performance' | 'private' | 'shield' | 'fir';

export interface DynoSpec {
  /** Lower-case size name as Heroku spells it: `standard-2x`, `performance-l-ram`, `dyno-2c-4gb`. */
  size: string;
  /** Display name: `Standard-2X`. */
  label: string;
  tier: DynoTier;
  memoryGb: number;
  /**
   * An estimate: Heroku publishes CPU shares and Compute multipliers, not vCPUs.
   * Shared dynos: 0.5 vCPU per 1x share. Dedicated dynos: Compute ÷ 6 (Performance-M 12x → 2).
   */
  vcpu: number;
  /**
   * The vCPU the dyno can count on all the time: all of it for dedicated dynos; for shared (Standard,
   * Basic, Eco) dynos 0.2 vCPU per 1x CPU share, the bottom of their "1x-4x" Compute range. The sizing
   * rules compare this with a burstable instance's baseline.
   */
  sustainedVcpu: number;
  dedicated: boolean;
  priceKey: string;
}

type Row = [size: string, label: string, tier: DynoTier, monthly: string, memoryGb: number, vcpu: number];

// Prices: the Heroku CLI's price list (ps:type); RAM and Compute: Dev Center, Dyno Types
// (https://devcenter.heroku.com/articles/dyno-types).
const CEDAR: Row[] = [
  ['basic', 'Basic', 'basic', '7', 0.5, 0.5],
  ['standard-1x', 'Standard-1X', 'standard', '25', 0.5, 0.5],
  ['standard-2x', 'Standard-2X', 'standard', '50', 1, 1],
  ['performance-m', 'Performance-M', 'performance', '250', 2.5, 2],
  ['performance-l', 'Performance-L', 'performance', '500', 14, 8],
  ['performance-l-ram', 'Performance-L-RAM', 'performance', '500', 30, 4],
  ['performance-xl', 'Performance-XL', 'performance', '750', 62, 8],
  ['performance-2xl', 'Performance-2XL', 'performance', '1500', 126, 16],
  ['private-s', 'Private-S', 'private', '225', 1, 2],
  ['private-m', 'Private-M', 'private', '450', 2.5, 2],
  ['private-l', 'Private-L', 'private', '900', 14, 8],
  ['private-l-ram', 'Private-L-RAM', 'private', '500', 30, 4],
  ['private-xl', 'Private-XL', 'private', '750', 62, 8],
  ['private-2xl', 'Private-2XL', 'private', '1500', 126, 16],
  ['shield-s', 'Shield-S', 'shield', '270', 1, 2],
  ['shield-m', 'Shield-M', 'shield', '540', 2.5, 2],
  ['shield-l', 'Shield-L', 'shield', '1080', 14, 8],
  ['shield-l-ram', 'Shield-L-RAM', 'shield', '600', 30, 4],
  ['shield-xl', 'Shield-XL', 'shield', '900', 62, 8],
  ['shield-2xl', 'Shield-2XL', 'shield', '1800', 126, 16],
];

// Fir (next-generation) sizes from the same CLI price list; the name carries vCPUs and RAM. The two
// smallest are the shared-CPU counterparts of Standard-1X/2X (same prices); the rest are dedicated.
const FIR: [size: string, monthly: string][] = [
  ['dyno-1c-0.5gb', '25'],
  ['dyno-2c-1gb', '50'],
  ['dyno-1c-4gb', '80'],
  ['dyno-2c-8gb', '160'],
  ['dyno-4c-16gb', '320'],
  ['dyno-8c-32gb', '640'],
  ['dyno-16c-64gb', '1000'],
  ['dyno-2c-4gb', '150'],
  ['dyno-4c-8gb', '300'],
  ['dyno-8c-16gb', '600'],
  ['dyno-16c-32gb', '1200'],
  ['dyno-32c-64gb', '2400'],
  ['dyno-1c-8gb', '100'],
  ['dyno-2c-16gb', '250'],
  ['dyno-4c-32gb', '500'],
  ['dyno-8c-64gb', '750'],
  ['dyno-16c-128gb', '1500'],
];

/**
 * Heroku's own figures disagree for the larger Private and Shield dynos: the CLI price list charges less
 * for them than for the smaller -L size (they equal the Performance prices), while Enterprise contracts
 * bill dyno units. Neither is chosen silently: the line carries the list price and says it conflicts.
 */
/** `1,500`: whole dollars as en-US writes them (no Intl at load: its first use costs a CLI start ~40 ms). */
const wholeDollars = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const CONFLICTS: Record<string, string> = Object.fromEntries(
  (['private', 'shield'] as const).flatMap((tier) => {
    const large = tier === 'private' ? 900 : 1080;
    return (
      [
        ['l-ram', tier === 'private' ? 500 : 600],
        ['xl', tier === 'private' ? 750 : 900],
        ['2xl', tier === 'private' ? 1500 : 1800],
      ] as const
    ).map(([suffix, listed]) => [
      `${tier}-${suffix}`,
      `Heroku's figures conflict: the CLI price list shows $${wholeDollars(listed)}/month, less than the smaller ${tier === 'private' ? 'Private' : 'Shield'}-L's $${wholeDollars(large)}; Enterprise contracts bill dyno units instead. Set heroku.dyno.${tier}-${suffix} in PRICING_FILE to your contract price.`,
    ]);
  }),
);

const dedicatedTiers: readonly DynoTier[] = ['performance', 'private', 'shield'];

/** Sustained vCPU of a shared dyno per unit of its nominal vCPU (1x share = 0.5 nominal → 0.2). */
const SHARED_SUSTAINED = 0.4;

function cedarSpec([size, label, tier, , memoryGb, vcpu]: Row): DynoSpec {
  const dedicated = dedicatedTiers.includes(tier);
  return {
    size,
    label,
    tier,
    memoryGb,
    vcpu,
    sustainedVcpu: dedicated ? vcpu : vcpu * SHARED_SUSTAINED,
    dedicated,
    priceKey: `heroku.dyno.${size}`,
  };
}

function firSpec(size: string): DynoSpec {
  const [, cores, memory] = /^dyno-(\d+)c-([\d.]+)gb$/.exec(size)!;
  const memoryGb = Number(memory);
  const dedicated = memoryGb > 1;
  return {
    size,
    label: size,
    tier: 'fir',
    memoryGb,
    vcpu: Number(cores),
    sustainedVcpu: dedicated ? Number(cores) : Number(cores) * 0.2,
    dedicated,
    priceKey: `heroku.dyno.${size}`,
  };
}

const ECO_DYNO: DynoSpec = {
  size: 'eco',
  label: 'Eco',
  tier: 'eco',
  memoryGb: 0.5,
  vcpu: 0.5,
  sustainedVcpu: 0.2,
  dedicated: false,
  priceKey: 'heroku.dyno.eco',
};

export const DYNOS: readonly DynoSpec[] = [ECO_DYNO, ...CEDAR.map(cedarSpec), ...FIR.map(([size]) => firSpec(size))];

export const DYNO_PRICES: readonly PriceRow[] = [
  pricedRow(
    'heroku.dyno.eco',
    'Eco dynos: flat fee for a shared pool of 1,000 dyno-hours a month',
    '5',
    'month',
    SOURCES.herokuBilling,
    'primary',
  ),
  ...CEDAR.map(([size, label, , monthly]) => {
    const row = pricedRow(`heroku.dyno.${size}`, `${label} dyno`, monthly, 'month', SOURCES.herokuCli, 'primary');
    const conflict = CONFLICTS[size];
    return conflict ? { ...row, make: () => ({ ...row.make(), confidence: 'conflicting' as const, conflict }) } : row;
  }),
  ...FIR.map(([size, monthly]) =>
    pricedRow(`heroku.dyno.${size}`, `Fir ${size} dyno`, monthly, 'month', SOURCES.herokuCli, 'primary'),
  ),
];
