/**
 * `/hosting prices` and `hosting-advisor prices`: where prices come from now, when each vendor was
 * last refreshed, what failed and why, how many prices each layer supplies, and PRICING_FILE
 * overrides in force. Plain data; prices-text.ts words it for the CLI and Slack.
 */
import { type PriceDates, priceDatesOfDays } from '../core/price-dates';
import { type Catalog, countByOrigin, HEROKU_PRICE_REGION, type PriceOrigin, type PriceVendor } from '../core/pricing';
import type { Services } from '../services';
import type { PriceRefresh } from '../store/store';

export interface VendorPrices {
  vendor: PriceVendor;
  region: string;
  configured: boolean;
  /** What this source cannot read here, and why (Heroku without a token: no dyno sizes). */
  limits?: string;
  /** The set answers use: when it was read, how many prices, the newest vendor date in it. */
  inUse?: { readAt: string; prices: number; newestEffective?: string };
  /** The newest refresh, whatever came of it. */
  last?: { at: string; status: PriceRefresh['status']; detail: string };
  /** A set kept aside by the guard, newer than the one in use. */
  held?: { at: string; detail: string };
}

export interface PricesAnswer {
  region: string;
  /** Catalog prices per layer, for `region`. */
  counts: Record<PriceOrigin, number>;
  /** The oldest and newest dates of the sources behind the bundled prices in use; absent when none are. */
  bundledDates?: PriceDates;
  vendors: VendorPrices[];
  overrides?: { file: string; asOf?: string; keys: string[] };
  /** Set when the priced region has no AWS prices at all. */
  regionProblem?: string;
  schedule: string;
  /** The other AWS regions of AWS_PRICING_REGION: estimates price them with `region=`. */
  otherRegions: string[];
}

async function vendorPrices(services: Services, vendor: PriceVendor, region: string): Promise<VendorPrices> {
  const { store, config } = services;
  // Heroku's add-on plans need no token, so Heroku is always read; without one, only the plans.
  const configured = vendor === 'aws' ? config.awsEnabled : true;
  const limits =
    vendor === 'heroku' && !services.sources.heroku
      ? 'Without HEROKU_API_TOKEN only the add-on plans are read (Heroku serves them to anyone); dyno prices come from the bundled list.'
      : undefined;
  const [used, last, held] = await Promise.all([
    store.latestPriceRefresh(vendor, region, 'used'),
    store.latestPriceRefresh(vendor, region),
    store.latestPriceRefresh(vendor, region, 'held'),
  ]);
  const dates = used?.set?.prices.map((p) => p.effectiveDate).filter((d): d is string => Boolean(d)) ?? [];
  return {
    vendor,
    region,
    configured,
    ...(limits ? { limits } : {}),
    ...(used?.set
      ? {
          inUse: {
            readAt: used.set.readAt,
            prices: used.set.prices.length,
            ...(dates.length > 0 ? { newestEffective: dates.sort().at(-1) } : {}),
          },
        }
      : {}),
    ...(last ? { last: { at: last.at.toISOString(), status: last.status, detail: last.detail } } : {}),
    ...(held && (!used || held.at > used.at) ? { held: { at: held.at.toISOString(), detail: held.detail } } : {}),
  };
}

function bundledDates(catalog: Catalog): PriceDates | undefined {
  const days: string[] = [];
  for (const entry of catalog.entries.values()) if ((entry.origin ?? 'bundled') === 'bundled') days.push(entry.asOf);
  return priceDatesOfDays(days);
}

export async function pricesAnswer(services: Services): Promise<PricesAnswer> {
  const { book } = services.prices;
  const region = book.region;
  const layered = book.catalogFor(region);
  const overrides = book.overrides;
  const catalog = layered.ok ? layered.catalog : book.catalog;
  const dates = bundledDates(catalog);
  return {
    region,
    counts: countByOrigin(catalog),
    ...(dates ? { bundledDates: dates } : {}),
    vendors: [
      ...(await Promise.all(services.config.awsPricingRegions.map((aws) => vendorPrices(services, 'aws', aws)))),
      await vendorPrices(services, 'heroku', HEROKU_PRICE_REGION),
    ],
    ...(overrides
      ? { overrides: { file: overrides.fileName, asOf: overrides.asOf, keys: [...overrides.prices.keys()].sort() } }
      : {}),
    ...(layered.ok ? {} : { regionProblem: layered.message }),
    schedule: services.config.PRICES_SCHEDULE,
    otherRegions: services.config.awsPricingRegions.filter((other) => other !== region),
  };
}
