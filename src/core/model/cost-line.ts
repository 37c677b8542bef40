import Decimal from 'decimal.js';
import { toCents } from '../money';
import type { CatalogEntry } from '../pricing';
import type { CostCategory, CostLine, EnvironmentName, UnpricedCostLine } from './types';

export interface LinePlace {
  environment: EnvironmentName;
  category: CostCategory;
}

/** A line priced from a catalog entry: monthly = quantity × unit price, exactly. */
export function lineFor(entry: CatalogEntry, item: string, quantity: Decimal.Value, place: LinePlace): CostLine {
  const amount = new Decimal(quantity);
  const facts = {
    item,
    quantity: amount.toNumber(),
    unit: entry.unit,
    source: entry.source,
    asOf: entry.asOf,
    confidence: entry.confidence,
    ...place,
    ...(entry.contract ? { contractPrice: true } : {}),
    ...(entry.conflict ? { note: entry.conflict } : {}),
  };
  if (entry.unitPrice === null) {
    return {
      ...facts,
      unitPrice: null,
      monthly: null,
      cents: null,
      note: `contract price: set ${entry.key} in PRICING_FILE`,
      priceKey: entry.key,
    };
  }
  const monthly = entry.unitPrice.times(amount);
  return { ...facts, unitPrice: entry.unitPrice, monthly, cents: toCents(monthly) };
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
