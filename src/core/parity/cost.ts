import { Decimal, toCents } from '../money';
import { datedSource } from '../price-dates';
import {
  type Catalog,
  type CatalogEntry,
  findDyno,
  findKeyValuePlan,
  findPostgresPlan,
  priceOf,
  unpricedNote,
} from '../pricing';
import { dataService, serviceLabel } from '../pricing/heroku-tiers';
import { dynoLabel } from './dyno-class';
import type { AppCost, ParityAddOn, ParityApp, ParityCostLine, ParityProcess } from './types';

/**
 * What an app costs a month at Heroku list prices, priced the way the estimate prices Heroku:
 * dynos, Postgres and Key-Value Store plans from the price catalog (PRICING_FILE applied), other
 * add-ons at the billed price the Platform API reports. A price nobody published (a contract
 * price, a size the catalog lacks) is a line without an amount, never $0.
 */

const BILLED_SOURCE = 'Heroku Platform API billed price';

function fromEntry(item: string, entry: CatalogEntry, quantity: number): ParityCostLine {
  if (entry.unitPrice === null) {
    return {
      item,
      monthlyCents: null,
      source: datedSource(entry),
      note: unpricedNote(entry),
      ...(entry.listedAt ? { listedAt: entry.listedAt } : { contractPrice: true as const }),
    };
  }
  return { item, monthlyCents: toCents(entry.unitPrice) * quantity, source: datedSource(entry), asOf: entry.asOf };
}

function notInCatalog(item: string): ParityCostLine {
  return {
    item,
    monthlyCents: null,
    source: 'not in the price list',
    note: 'not in the price list: no amount',
  };
}

/** `web: 2 × Standard-2X`. Eco dynos share one account-wide pool, so they are not priced per app. */
export function processLine(process: ParityProcess, quantity: number, catalog: Catalog): ParityCostLine {
  const item = `${process.type}: ${quantity} × ${dynoLabel(process.size)}`;
  if (process.size === 'eco') {
    const eco = priceOf(catalog, 'heroku.dyno.eco');
    return {
      item,
      monthlyCents: 0,
      source: datedSource(eco),
      asOf: eco.asOf,
      note: "Eco dynos draw on the account's shared pool (one flat fee), not priced per app",
    };
  }
  const spec = findDyno(catalog, process.size);
  return spec ? fromEntry(item, priceOf(catalog, spec.priceKey), quantity) : notInCatalog(item);
}

/**
 * What this app pays for the add-on: nothing when it is another app's, only attached here (Heroku
 * bills the owner; counting it here too would count it twice, and make a staging app that uses
 * production's database look as costly as production).
 */
export function ownAddOnLine(addOn: ParityAddOn, catalog: Catalog): ParityCostLine {
  const line = addOnLine(addOn, catalog);
  if (addOn.attachedFrom === undefined || line.monthlyCents === null) return line;
  return {
    ...line,
    item: `${line.item} (attached from ${addOn.attachedFrom})`,
    monthlyCents: 0,
    note: `billed to ${addOn.attachedFrom}, which owns it; counted there, not here`,
  };
}

export function addOnLine(addOn: ParityAddOn, catalog: Catalog): ParityCostLine {
  const item = `${serviceLabel(addOn.service)} ${addOn.plan}`;
  const kind = dataService(addOn.service);
  const plan =
    kind === 'postgres'
      ? findPostgresPlan(catalog, addOn.plan)
      : kind === 'key-value'
        ? findKeyValuePlan(catalog, addOn.plan)
        : undefined;
  if (plan) return fromEntry(item, priceOf(catalog, plan.priceKey), 1);
  const source = `${BILLED_SOURCE}, read ${addOn.billedOn}`;
  if (addOn.billedMonthlyCents !== null) {
    return { item, monthlyCents: addOn.billedMonthlyCents, source, billedOn: addOn.billedOn };
  }
  return {
    item,
    monthlyCents: null,
    source,
    note: addOn.contract ? 'contract price: billed under your contract, not listed' : 'Heroku gave no monthly price',
    ...(addOn.contract ? { contractPrice: true as const } : {}),
  };
}

function sumCents(lines: readonly ParityCostLine[]): number {
  return lines.reduce((total, line) => total + (line.monthlyCents ?? 0), 0);
}

export function appCost(app: ParityApp, catalog: Catalog): AppCost {
  const all = [
    ...app.processes.filter((process) => process.quantity > 0).map((p) => processLine(p, p.quantity, catalog)),
    ...app.addOns.map((addOn) => ownAddOnLine(addOn, catalog)),
  ];
  const lines = all.filter((line) => line.monthlyCents !== null);
  return { app: app.name, lines, monthlyCents: sumCents(lines), unpriced: all.filter((l) => l.monthlyCents === null) };
}

/** Staging as a percentage of production, one decimal place, rounded half up once. */
export function sharePercent(stagingCents: number, productionCents: number): string | null {
  if (productionCents <= 0) return null;
  return new Decimal(stagingCents).times(100).dividedBy(productionCents).toFixed(1, Decimal.ROUND_HALF_UP);
}
