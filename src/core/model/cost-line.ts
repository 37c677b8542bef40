import Decimal from 'decimal.js';
import { toCents } from '../money';
import type { CatalogEntry } from '../pricing';
import type { CostCategory, CostLine, EnvironmentName, UnpricedCostLine } from './types';

export interface LinePlace {
  environment: EnvironmentName;
  category: CostCategory;
}

/**
 * A line priced from a catalog entry: monthly = quantity × unit price, exactly, and its shown cents
 * rounded once. One object shape for every line (absent facts are undefined) keeps the model fast.
 */
export function lineFor(entry: CatalogEntry, item: string, quantity: Decimal.Value, place: LinePlace): CostLine {
  const count = typeof quantity === 'number' ? quantity : new Decimal(quantity).toNumber();
  if (entry.unitPrice === null) {
    return {
      item,
      quantity: count,
      unit: entry.unit,
      source: entry.source,
      asOf: entry.asOf,
      environment: place.environment,
      category: place.category,
      confidence: entry.confidence,
      contractPrice: entry.contract ? true : undefined,
      unitPrice: null,
      monthly: null,
      cents: null,
      note: `contract price: set ${entry.key} in PRICING_FILE`,
      priceKey: entry.key,
    };
  }
  const monthly = entry.unitPrice.times(typeof quantity === 'number' ? quantity : new Decimal(quantity));
  // Quantities of whole thousandths (nearly all) and unit prices of whole micro-dollars: the shown cents
  // from exact integer nano-dollars, without rounding a Decimal.
  const nano = nanoDollars(entry, count);
  const cents = nano === undefined ? toCents(monthly) : centsOfNano(nano);
  return {
    item,
    quantity: count,
    unit: entry.unit,
    source: entry.source,
    asOf: entry.asOf,
    environment: place.environment,
    category: place.category,
    confidence: entry.confidence,
    contractPrice: entry.contract ? true : undefined,
    note: entry.conflict,
    unitPrice: entry.unitPrice,
    monthly,
    cents,
  };
}

/** Unit prices in whole micro-dollars, when they have no more than six decimals (nearly all do). */
const microDollars = new WeakMap<CatalogEntry, number | null>();

function microOf(entry: CatalogEntry): number | null {
  let micro = microDollars.get(entry);
  if (micro === undefined) {
    const scaled = entry.unitPrice?.times(1_000_000);
    micro = scaled?.isInteger() && scaled.abs().lessThan(1e9) ? scaled.toNumber() : null;
    microDollars.set(entry, micro);
  }
  return micro;
}

/**
 * quantity × unit price in exact integer nano-dollars (micro-dollars × thousandths of a unit), or
 * undefined when the figures do not fit (then the Decimal path decides).
 */
function nanoDollars(entry: CatalogEntry, quantity: number): number | undefined {
  const micro = microOf(entry);
  const milli = Math.round(quantity * 1000);
  if (micro === null || quantity < 0 || Math.abs(quantity * 1000 - milli) > 1e-6) return undefined;
  const nano = micro * milli;
  return Number.isSafeInteger(nano) ? nano : undefined;
}

/** The same rounding as `toCents`: half up to whole cents. */
function centsOfNano(nano: number): number {
  const half = nano + 5_000_000;
  return (half - (half % 10_000_000)) / 10_000_000;
}

/** A line for something the price list does not know (a size from a live account, say). */
export function unknownLine(
  item: string,
  quantity: number,
  unit: string,
  place: LinePlace,
  priceListDate: string,
): UnpricedCostLine {
  return {
    item,
    quantity,
    unit,
    source: 'not in the price list',
    asOf: priceListDate,
    confidence: 'unconfirmed',
    ...place,
    unitPrice: null,
    monthly: null,
    cents: null,
    note: `not in the price list dated ${priceListDate}: no amount`,
  };
}
