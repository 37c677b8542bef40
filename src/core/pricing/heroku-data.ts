import { KEY_VALUE_TIERS, type KeyValueTier, POSTGRES_TIERS, type PostgresTier } from './heroku-tiers';
import { pricedRow, unpricedRow } from './price-entry';
import type { PriceRow } from './price-table';
import { SOURCES } from './sources';

export interface HerokuPostgresPlan {
  plan: string;
  tier: PostgresTier;
  /** 0 for Essential plans: they share hardware and Heroku publishes no RAM. */
  memoryGb: number;
  storageGb: number;
  highAvailability: boolean;
  priceKey: string;
}

export interface HerokuKeyValuePlan {
  plan: string;
  tier: KeyValueTier;
  memoryGb: number;
  /** Premium, private and shield plans run a primary and a replica (Dev Center, Key-Value Store). */
  highAvailability: boolean;
  priceKey: string;
}

// RAM and storage per plan number (Render's migration guide). Private-N and Shield-N are taken to match Premium-N;
// -9 mirrors Standard-9's 768 GB / 4 TB.
const SIZES: Record<string, [memoryGb: number, storageGb: number]> = {
  '0': [4, 64],
  '2': [8, 256],
  '3': [15, 512],
  '4': [30, 768],
  '5': [61, 1024],
  '6': [122, 1536],
  '7': [244, 2048],
  '8': [488, 3072],
  '9': [768, 4096],
};

// Monthly list prices (secondary, Render's mapping). Missing numbers are not public ("$9,000+").
const LIST_PRICES: Record<'standard' | 'premium', Record<string, string>> = {
  standard: { '0': '50', '2': '200', '3': '400', '4': '750', '5': '1400', '6': '2000', '7': '3500', '8': '6000' },
  premium: { '0': '200', '2': '350', '3': '750', '4': '1200', '5': '2500', '6': '3500', '7': '6000' },
};

const ESSENTIAL: [plan: string, storageGb: number, monthly: string][] = [
  ['essential-0', 1, '5'],
  ['essential-1', 10, '9'],
  ['essential-2', 32, '20'],
];

function postgresPlan(tier: PostgresTier, plan: string, memoryGb: number, storageGb: number): HerokuPostgresPlan {
  return {
    plan,
    tier,
    memoryGb,
    storageGb,
    highAvailability: POSTGRES_TIERS[tier].highAvailability,
    priceKey: `heroku.postgres.${plan}`,
  };
}

const numbered: PostgresTier[] = ['standard', 'premium', 'private', 'shield'];

export const POSTGRES_PLANS: readonly HerokuPostgresPlan[] = [
  ...ESSENTIAL.map(([plan, storageGb]) => postgresPlan('essential', plan, 0, storageGb)),
  ...numbered.flatMap((tier) =>
    Object.entries(SIZES).map(([n, [memoryGb, storageGb]]) => postgresPlan(tier, `${tier}-${n}`, memoryGb, storageGb)),
  ),
];

function postgresRow(plan: HerokuPostgresPlan): PriceRow {
  const description = `Heroku Postgres ${plan.plan}`;
  if (plan.tier === 'essential') {
    const monthly = ESSENTIAL.find(([name]) => name === plan.plan)![2];
    return pricedRow(plan.priceKey, description, monthly, 'month', SOURCES.renderMapping, 'secondary');
  }
  if (plan.tier === 'private' || plan.tier === 'shield') {
    return unpricedRow(plan.priceKey, description, 'month', SOURCES.herokuPostgresContract);
  }
  const monthly = LIST_PRICES[plan.tier][plan.plan.split('-')[1]];
  return monthly === undefined
    ? unpricedRow(
        plan.priceKey,
        `${description} (list price $9,000+; exact figure not public)`,
        'month',
        SOURCES.renderMapping,
      )
    : pricedRow(plan.priceKey, description, monthly, 'month', SOURCES.renderMapping, 'secondary');
}

export const POSTGRES_PRICES: readonly PriceRow[] = POSTGRES_PLANS.map(postgresRow);

// Memory from Heroku's own table (Key-Value Store Technical Characterization); only mini and premium-0..3
// have a trusted price.
const KV_MEMORY: Record<string, number> = {
  '0': 0.05,
  '1': 0.1,
  '2': 0.25,
  '3': 0.5,
  '4': 0.75,
  '5': 1,
  '7': 7,
  '9': 10,
  '10': 25,
  '12': 50,
  '14': 100,
};
const KV_PREMIUM_PRICES: Record<string, string> = { '0': '15', '1': '30', '2': '60', '3': '100' };
const KV_LARGE_ONLY = ['7', '9', '10', '12', '14'];

export const KEY_VALUE_PLANS: readonly HerokuKeyValuePlan[] = [
  {
    plan: 'mini',
    tier: 'mini',
    memoryGb: 0.025,
    highAvailability: KEY_VALUE_TIERS.mini.highAvailability,
    priceKey: 'heroku.kvs.mini',
  },
  ...Object.entries(KV_MEMORY).map(([n, memoryGb]) => ({
    plan: `premium-${n}`,
    tier: 'premium' as const,
    memoryGb,
    highAvailability: KEY_VALUE_TIERS.premium.highAvailability,
    priceKey: `heroku.kvs.premium-${n}`,
  })),
  ...(['private', 'shield'] as const).flatMap((tier) =>
    KV_LARGE_ONLY.map((n) => ({
      plan: `${tier}-${n}`,
      tier,
      memoryGb: KV_MEMORY[n],
      highAvailability: KEY_VALUE_TIERS[tier].highAvailability,
      priceKey: `heroku.kvs.${tier}-${n}`,
    })),
  ),
];

/**
 * Where Heroku lists its Key-Value Store plans' prices: premium plans are provisioned by anyone
 * (`heroku addons:create heroku-redis:premium-7`), so each has a list price there, and the live
 * Heroku price refresh reads the same list (sources/prices/heroku-price-list.ts).
 */
const KVS_LISTED_AT = 'Heroku Elements and the Platform API';

function keyValueRow(plan: HerokuKeyValuePlan): PriceRow {
  const description = `Heroku Key-Value Store ${plan.plan}`;
  if (plan.tier === 'mini')
    return pricedRow(plan.priceKey, description, '3', 'month', SOURCES.herokuKvsPage, 'primary');
  if (plan.tier !== 'premium') return unpricedRow(plan.priceKey, description, 'month', SOURCES.herokuKvsSpecs);
  const monthly = KV_PREMIUM_PRICES[plan.plan.split('-')[1]];
  return monthly === undefined
    ? unpricedRow(plan.priceKey, description, 'month', SOURCES.herokuKvsNotBundled, KVS_LISTED_AT)
    : pricedRow(plan.priceKey, description, monthly, 'month', SOURCES.renderMapping, 'secondary');
}

export const KEY_VALUE_PRICES: readonly PriceRow[] = KEY_VALUE_PLANS.map(keyValueRow);

export const SPACE_PRICES: readonly PriceRow[] = [
  unpricedRow('heroku.space.shield', 'Shield Private Space fee', 'month', SOURCES.herokuShieldSpace),
  unpricedRow('heroku.space.private', 'Private Space fee', 'month', SOURCES.herokuPrivateSpace),
  unpricedRow('heroku.space.fir', 'Fir-generation space fee', 'month', SOURCES.herokuFirSpace),
];
