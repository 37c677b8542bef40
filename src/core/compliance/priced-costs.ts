import { kept } from '../model/remembered';
import { formatUnitPrice } from '../money';
import { datedSource } from '../price-dates';
import { type Catalog, priceOf } from '../pricing/catalog';
import { type CatalogEntry, isPriced, unpricedNote } from '../pricing/price-entry';
import type { Framework } from './types';

/**
 * A control's cost names its prices by catalog key (`AWS: KMS {aws.kms.key} plus {aws.kms.requests}`),
 * never as a figure, so the checklist quotes the prices the estimates use (a PRICING_FILE or live
 * price included) and says of each its period, that it is a list price, its source and its date,
 * in every format alike (text, Markdown, CSV, JSON and Slack all show the framework made here).
 */
const PRICE_KEY = /\{([a-z0-9.-]+)\}/g;

/** `$1.00 per key-month`, marked when the catalog cannot vouch for it. */
function unitPrice(entry: CatalogEntry): string {
  // A list price the bundled list lacks is not a contract's: the entry's own note says who has it.
  if (!isPriced(entry))
    return entry.listedAt ? `no amount (${unpricedNote(entry)})` : `no public price (set ${entry.key} in PRICING_FILE)`;
  const doubt = entry.confidence === 'unconfirmed' || entry.confidence === 'conflicting' ? ' (unconfirmed)' : '';
  return `${formatUnitPrice(entry.unitPrice)} per ${entry.unit}${doubt}`;
}

/** The cost with each `{key}` as its price, then what those prices are and where they come from. */
export function pricedCost(cost: string, catalog: Catalog): string {
  const entries = [...cost.matchAll(PRICE_KEY)].map(([, key]) => priceOf(catalog, key!));
  if (entries.length === 0) return cost;
  const text = cost.replace(PRICE_KEY, (_, key: string) => unitPrice(priceOf(catalog, key)));
  const kind = entries.some((entry) => entry.origin === 'pricing-file') ? 'prices' : 'list prices';
  const where = entries.some((entry) => entry.key.startsWith('aws.')) ? ` (AWS in ${catalog.awsRegion})` : '';
  const sources = [...new Set(entries.map(datedSource))].join('; ');
  return `${text} Estimated from ${kind}${where}, before tax: ${sources}.`;
}

const made = new WeakMap<Catalog, Map<Framework, Framework>>();

/** The framework with every control's cost priced from `catalog`; made once per catalog. */
export function pricedFramework(framework: Framework, catalog: Catalog): Framework {
  return kept(
    kept(made, catalog, () => new Map()),
    framework,
    () => ({
      ...framework,
      controls: framework.controls.map((control) => ({ ...control, cost: pricedCost(control.cost, catalog) })),
    }),
  );
}
