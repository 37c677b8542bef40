import { type Money, usd } from '../money';
import type { PriceRow } from './price-table';

/**
 * How far a price can be trusted: `primary` (the vendor's own figure), `secondary` (a third party's copy),
 * `derived` (arithmetic on a listed figure), `unconfirmed`, or `conflicting` (the vendor's own figures disagree).
 */
export type Confidence = 'primary' | 'secondary' | 'derived' | 'unconfirmed' | 'conflicting';

export type PriceUnit =
  | 'hour'
  | 'month'
  | 'GB-month'
  | 'GB'
  | 'vCPU-hour'
  | 'GB-hour'
  | 'LCU-hour'
  | 'key-month'
  | '10k requests'
  | '100k events'
  | '1M events'
  | '1M requests'
  | 'rule-month'
  | 'web-ACL-month'
  | 'secret-month'
  | 'address-hour';

interface PriceFacts {
  /** Stable lookup key, also the key a PRICING_FILE uses: `aws.ec2.m5.large`, `heroku.dyno.standard-2x`. */
  key: string;
  description: string;
  unit: PriceUnit;
  /** Where the figure comes from, in words a finance reader recognises. */
  source: string;
  /** ISO date the source says the figure was current. */
  asOf: string;
  confidence: Confidence;
  /** Which layer supplied the price: the user's PRICING_FILE, a live vendor feed, or the bundled list. */
  origin?: PriceOrigin;
  /** When the vendor's own figures disagree: both, and how to settle it. */
  conflict?: string;
}

/** Precedence, highest first: PRICING_FILE (your contract) > live vendor price > bundled list. */
export type PriceOrigin = 'pricing-file' | 'live' | 'bundled';

export interface PriceEntry extends PriceFacts {
  unitPrice: Money;
  /** A contract price the user supplied (Shield space fee, Shield Postgres…). */
  contract: boolean;
}

/** A price that is not public: an input the user must give in PRICING_FILE. Never a silent 0. */
export interface UnpricedEntry extends PriceFacts {
  unitPrice: null;
  contract: true;
  /**
   * Where the vendor lists the price the bundled list has no trusted figure for (a Key-Value Store
   * premium-7): not a contract price, so the live price refresh, not an account executive, has it.
   */
  listedAt?: string;
}

/** What an entry without a price needs, in words: its own list price read live, or a contract price. */
export function unpricedNote(entry: Pick<UnpricedEntry, 'key' | 'listedAt'>): string {
  return entry.listedAt
    ? `listed in ${entry.listedAt}, not in the bundled list: a price refresh (\`prices refresh\`) reads it, or set ${entry.key} in PRICING_FILE`
    : `contract price: set ${entry.key} in PRICING_FILE`;
}

export type CatalogEntry = PriceEntry | UnpricedEntry;

export function isPriced(entry: CatalogEntry): entry is PriceEntry {
  return entry.unitPrice !== null;
}

export function priced(
  key: string,
  description: string,
  unitPrice: string,
  unit: PriceUnit,
  source: { label: string; asOf: string },
  confidence: Confidence,
): PriceEntry {
  return {
    key,
    description,
    unitPrice: usd(unitPrice),
    unit,
    source: source.label,
    asOf: source.asOf,
    confidence,
    contract: false,
  };
}

export function unpriced(
  key: string,
  description: string,
  unit: PriceUnit,
  source: { label: string; asOf: string },
  listedAt?: string,
): UnpricedEntry {
  return {
    key,
    description,
    unitPrice: null,
    unit,
    source: source.label,
    asOf: source.asOf,
    confidence: 'unconfirmed',
    contract: true,
    ...(listedAt ? { listedAt } : {}),
  };
}

/** `priced`'s entry, made when first read (see PriceTable). */
export function pricedRow(...args: Parameters<typeof priced>): PriceRow {
  const [key, , , , source] = args;
  return { key, asOf: source.asOf, priced: true, make: () => priced(...args) };
}

/** `unpriced`'s entry, made when first read (see PriceTable). */
export function unpricedRow(...args: Parameters<typeof unpriced>): PriceRow {
  const [key, , , source] = args;
  return { key, asOf: source.asOf, priced: false, make: () => unpriced(...args) };
}
