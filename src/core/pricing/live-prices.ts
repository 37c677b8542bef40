import type { PriceUnit } from './price-entry';

/** Who published a live price set: the AWS Price List Query API, or Heroku's Platform API. */
export type PriceVendor = 'aws' | 'heroku';

/** Heroku's prices are the same everywhere; a set of them is stored under this region name. */
export const HEROKU_PRICE_REGION = 'global';

/** The only region the bundled catalog prices: every other AWS region needs live prices. */
export const BUNDLED_AWS_REGION = 'us-east-1';

/** `us-east-1`, `eu-west-1`, `us-gov-west-1`: the shape of an AWS region code. */
export const AWS_REGION_CODE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** One price as the vendor published it, already mapped onto a catalog key. */
export interface LivePrice {
  /** Catalog key: `aws.ec2.m5.large`, `heroku.dyno.standard-2x`. */
  key: string;
  /**
   * Dollars per `unit` as an exact decimal string (`"0.0960000000"` as AWS sent it, `"25"` from
   * 2500 cents). Null for a contract price: Heroku says it is negotiated, so it is never $0.
   */
  usd: string | null;
  unit: PriceUnit;
  /** AWS: the product SKU the price belongs to. */
  sku?: string;
  /** AWS: the term's `effectiveDate`, YYYY-MM-DD. */
  effectiveDate?: string;
}

/** Everything one refresh read from one vendor, for one region. Stored whole, never in parts. */
export interface PriceSet {
  vendor: PriceVendor;
  /** The priced AWS region (`eu-west-1`), or `global` for Heroku. */
  region: string;
  /** When the bot read it, ISO-8601 UTC: Heroku publishes no date of its own. */
  readAt: string;
  prices: LivePrice[];
}

/** `2026-12-05T04:00:00.000Z` → `2026-12-05`. */
export const isoDay = (iso: string): string => iso.slice(0, 10);

/** The citation a finance reader sees for a live price: vendor, SKU and the vendor's own date. */
export function livePriceLabel(set: Pick<PriceSet, 'vendor' | 'readAt'>, price: LivePrice): string {
  if (set.vendor === 'aws') {
    const sku = price.sku ? `, SKU ${price.sku}` : '';
    const date = price.effectiveDate ? `effective ${price.effectiveDate}` : `read ${isoDay(set.readAt)}`;
    return `AWS Price List${sku}, ${date}`;
  }
  return `Heroku Platform API, read ${isoDay(set.readAt)}`;
}

/** The date a live price stands for: AWS's effective date, else the day it was read. */
export const livePriceDate = (set: Pick<PriceSet, 'readAt'>, price: LivePrice): string =>
  price.effectiveDate ?? isoDay(set.readAt);

/** What a vendor is called in answers. */
export const VENDOR_NAMES: Record<PriceVendor, string> = {
  aws: 'AWS Price List',
  heroku: 'Heroku Platform API',
};
