import { Decimal, type Money, toCents } from '../money';
import { type CatalogEntry, type Confidence, type PriceEntry, unpricedNote } from '../pricing';
import type { CostCategory, CostLine, EnvironmentName, PricedCostLine, UnpricedCostLine } from './types';

export interface LinePlace {
  environment: EnvironmentName;
  category: CostCategory;
}

/**
 * A priced line. Its exact monthly figure (quantity × unit price, a Decimal) is worked out only when
 * something reads it (the `--json` exact sums, tests); what is shown and added up are its cents, from
 * exact integer nano-dollars. Own fields in the order the plain lines had, so JSON reads the same.
 */
class PricedLine implements PricedCostLine {
  // Declared, not initialised: a field initialiser would define each one again before the constructor
  // sets it. The constructor sets them in this order, which is the JSON's.
  declare readonly item: string;
  declare readonly quantity: number;
  declare readonly unit: string;
  declare readonly source: string;
  declare readonly asOf: string;
  declare readonly environment: EnvironmentName;
  declare readonly category: CostCategory;
  declare readonly confidence: Confidence;
  declare readonly contractPrice: true | undefined;
  declare readonly note: string | undefined;
  declare readonly unitPrice: Money;
  declare readonly cents: number;
  /** The quantity as given (a Decimal for prorated Heroku months), for the exact product. */
  readonly #exactQuantity: Decimal.Value;
  #monthly: Money | undefined;

  constructor(entry: PriceEntry, item: string, quantity: Decimal.Value, count: number, place: LinePlace) {
    this.item = item;
    this.quantity = count;
    this.unit = entry.unit;
    this.source = entry.source;
    this.asOf = entry.asOf;
    this.environment = place.environment;
    this.category = place.category;
    this.confidence = entry.confidence;
    this.contractPrice = entry.contract ? true : undefined;
    this.note = entry.conflict;
    this.unitPrice = entry.unitPrice;
    this.#exactQuantity = quantity;
    // Quantities of whole thousandths (nearly all) and unit prices of whole micro-dollars: the shown
    // cents from exact integer nano-dollars, without a Decimal.
    const nano = nanoDollars(entry, count);
    this.cents = nano === undefined ? toCents(this.monthly) : centsOfNano(nano);
  }

  get monthly(): Money {
    if (this.#monthly === undefined) this.#monthly = this.unitPrice.times(this.#exactQuantity);
    return this.#monthly;
  }
}

/** A line priced from a catalog entry: monthly = quantity × unit price, exactly, and its shown cents rounded once. */
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
      // A list price the bundled list lacks is not a contract price, whatever the entry's flag says.
      contractPrice: entry.contract && !entry.listedAt ? true : undefined,
      unitPrice: null,
      monthly: null,
      cents: null,
      note: unpricedNote(entry),
      priceKey: entry.key,
      ...(entry.listedAt ? { listedAt: entry.listedAt } : {}),
    };
  }
  return new PricedLine(entry, item, quantity, count, place);
}

/** Unit prices in whole micro-dollars, when they have no more than six decimals (nearly all do). */
const microDollars = new WeakMap<PriceEntry, number | null>();

function microOf(entry: PriceEntry): number | null {
  let micro = microDollars.get(entry);
  if (micro === undefined) {
    const scaled = entry.unitPrice.times(1_000_000);
    micro = scaled.isInteger() && scaled.abs().lessThan(1e9) ? scaled.toNumber() : null;
    microDollars.set(entry, micro);
  }
  return micro;
}

/**
 * quantity × unit price in exact integer nano-dollars (micro-dollars × thousandths of a unit), or
 * undefined when the figures do not fit (then the Decimal path decides).
 */
function nanoDollars(entry: PriceEntry, quantity: number): number | undefined {
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
    note: 'not in the price list: no amount',
  };
}
