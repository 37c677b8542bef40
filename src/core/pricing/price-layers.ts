import { usd } from '../money';
import type { Catalog } from './catalog';
import { BUNDLED_AWS_REGION, HEROKU_PRICE_REGION, livePriceDate, livePriceLabel, type PriceSet } from './live-prices';
import type { PricingOverrides } from './overrides';
import type { CatalogEntry, PriceOrigin } from './price-entry';
import type { PriceTable } from './price-table';

export interface PriceLayers {
  /** The built-in list (us-east-1 for AWS). */
  bundled: Catalog;
  /** The last good live sets, any vendor and region: only Heroku's and the priced region's are used. */
  liveSets: readonly PriceSet[];
  /** PRICING_FILE, when set: it wins over everything. */
  overrides?: PricingOverrides;
  /** The AWS region to price (AWS_PRICING_REGION, or an estimate's `region=`). */
  awsRegion: string;
}

export type LayeredCatalog = { ok: true; catalog: Catalog } | { ok: false; message: string };

const isAwsKey = (key: string) => key.startsWith('aws.');

function bundledEntry(entry: CatalogEntry, awsRegion: string): CatalogEntry {
  // Outside us-east-1, a bundled AWS price is a us-east-1 figure standing in: say so on the line.
  const region = isAwsKey(entry.key) && awsRegion !== BUNDLED_AWS_REGION ? ` (a ${BUNDLED_AWS_REGION} price)` : '';
  return { ...entry, source: `bundled list${region}: ${entry.source}, ${entry.asOf}`, origin: 'bundled' };
}

/** The set's prices in place of the entries they price. */
function layerLive(entries: PriceTable, set: PriceSet): PriceTable {
  const live = new Map<string, CatalogEntry>();
  for (const price of set.prices) {
    const current = live.get(price.key) ?? entries.get(price.key);
    // A key the model does not know, or a unit that does not match, cannot be priced safely.
    if (!current || current.unit !== price.unit) continue;
    const facts = {
      key: current.key,
      description: current.description,
      unit: current.unit,
      source: livePriceLabel(set, price),
      asOf: livePriceDate(set, price),
      origin: 'live' as const,
    };
    live.set(
      price.key,
      price.usd === null
        ? {
            ...facts,
            source: `${facts.source}: contract price`,
            unitPrice: null,
            contract: true,
            confidence: 'unconfirmed',
          }
        : { ...facts, unitPrice: usd(price.usd), contract: false, confidence: 'primary' },
    );
  }
  return entries.replacedBy(live);
}

function relabelOverrides(catalog: Catalog, overrides: PricingOverrides): Catalog {
  const relabelled = new Map<string, CatalogEntry>();
  for (const key of overrides.prices.keys()) {
    const entry = catalog.entries.get(key);
    if (entry) relabelled.set(key, { ...entry, source: `${entry.source}, ${entry.asOf}`, origin: 'pricing-file' });
  }
  return { ...catalog, entries: catalog.entries.replacedBy(relabelled) };
}

/**
 * The catalog an answer prices with, each entry from the highest layer that has it:
 * PRICING_FILE (your contract) > live vendor price > bundled list. Every entry's `source` becomes
 * a whole citation with its date ("AWS Price List, SKU …, effective 2026-11-01"). Another AWS
 * region than us-east-1 needs a live set for it: without one there is no honest AWS price.
 */
export function layerPrices({ bundled, liveSets, overrides, awsRegion }: PriceLayers): LayeredCatalog {
  const awsSet = liveSets.find((set) => set.vendor === 'aws' && set.region === awsRegion);
  if (!awsSet && awsRegion !== BUNDLED_AWS_REGION) {
    return {
      ok: false,
      message: `There are no AWS prices for ${awsRegion} yet: the bundled price list covers ${BUNDLED_AWS_REGION} only, and no AWS Price List prices for ${awsRegion} are stored. To price ${awsRegion}, add it to AWS_PRICING_REGION (with AWS credentials allowed pricing:GetProducts) and refresh prices (\`/hosting prices refresh\`, hosting leads); or ask again with region=${BUNDLED_AWS_REGION}.`,
    };
  }
  // Each bundled entry is relabelled when first read: an estimate reads fewer than half of them.
  let entries = bundled.entries.relabelled((entry) => bundledEntry(entry, awsRegion));
  const herokuSet = liveSets.find((set) => set.vendor === 'heroku' && set.region === HEROKU_PRICE_REGION);
  if (herokuSet) entries = layerLive(entries, herokuSet);
  if (awsSet) entries = layerLive(entries, awsSet);
  const live: Catalog = { ...bundled, entries, awsRegion, priceListDate: entries.newestAsOf() };
  if (!overrides) return { ok: true, catalog: live };
  // Loaded only with a PRICING_FILE: most estimates have none.
  const { applyOverrides } = require('./overrides') as typeof import('./overrides');
  return { ok: true, catalog: relabelOverrides(applyOverrides(live, overrides), overrides) };
}

/** How many catalog prices each layer supplies. */
export function countByOrigin(catalog: Catalog): Record<PriceOrigin, number> {
  const counts: Record<PriceOrigin, number> = { 'pricing-file': 0, live: 0, bundled: 0 };
  for (const entry of catalog.entries.values()) counts[entry.origin ?? 'bundled'] += 1;
  return counts;
}
