import { Decimal, fromCents } from '../money';
import { type Catalog, isPriced, type PriceEntry, priceOf } from '../pricing';
import type { AddOn } from '../workload';
import { lineFor, unknownLine } from './cost-line';
import {
  type HerokuKeyValue,
  type HerokuPostgres,
  type HerokuStack,
  herokuKeyValueOf,
  herokuPostgresOf,
} from './stacks';
import type { CostLine, EnvironmentName } from './types';

/** The CLI's hourly rate is monthly / 720, and the monthly price is a cap (Dev Center, Usage & Billing). */
const HEROKU_CAP_HOURS = 720;

/** Months billed for `count` dynos: whole months when always on, else prorated hours (exactly). */
function monthsBilled(hoursPerMonth: number | undefined, count: number): Decimal.Value {
  if (hoursPerMonth === undefined) return count;
  return Decimal.min(new Decimal(hoursPerMonth), HEROKU_CAP_HOURS).dividedBy(HEROKU_CAP_HOURS).times(count);
}

/** Lines for one Heroku environment; `copies` review apps share one line per resource. Eco is priced per account. */
export function herokuLines(
  stack: HerokuStack,
  environment: EnvironmentName,
  copies: number,
  catalog: Catalog,
  prefix = '',
): CostLine[] {
  const lines: CostLine[] = [];
  // Indexed: unoptimised, as every estimate runs it, an iterator step is a call and an object.
  const { dynos } = stack;
  for (let i = 0; i < dynos.length; i++) {
    const d = dynos[i];
    if (d.spec?.tier === 'eco') continue;
    const place = { environment, category: 'compute' as const };
    const count = d.count * copies;
    const item = `${prefix}${d.process}: ${d.spec?.label ?? d.size} dyno`;
    lines.push(
      d.spec
        ? lineFor(priceOf(catalog, d.spec.priceKey), item, monthsBilled(d.hoursPerMonth, count), place)
        : unknownLine(item, count, 'month', place, catalog.priceListDate),
    );
  }
  const databases = herokuPostgresOf(stack);
  for (let i = 0; i < databases.length; i++) {
    const postgres = databases[i];
    const place = { environment, category: 'database' as const };
    const item = `${prefix}Heroku Postgres ${postgres.plan}${postgres.addOn ? ` (${postgres.addOn})` : ''}`;
    lines.push(dataStoreLine(postgres, item, copies, place, catalog));
  }
  const stores = herokuKeyValueOf(stack);
  for (let i = 0; i < stores.length; i++) {
    const keyValue = stores[i];
    const place = { environment, category: 'cache' as const };
    const item = `${prefix}Heroku Key-Value Store ${keyValue.plan}${keyValue.addOn ? ` (${keyValue.addOn})` : ''}`;
    lines.push(dataStoreLine(keyValue, item, copies, place, catalog));
  }
  const { addOns } = stack;
  for (let i = 0; i < addOns.length; i++)
    lines.push(addOnLine(addOns[i], environment, catalog.priceListDate, false, prefix));
  return lines;
}

/**
 * A Postgres or Key-Value Store line at its plan's list price; when the bundled list has no price for the
 * plan (a Key-Value Store premium-5, a plan it does not know) and Heroku's API said what it bills for this
 * one, at that billed price, cited with the day it was read. A contract price Heroku does not say stays
 * out of the total, as before.
 */
function dataStoreLine(
  store: HerokuPostgres | HerokuKeyValue,
  item: string,
  copies: number,
  place: { environment: EnvironmentName; category: 'database' | 'cache' },
  catalog: Catalog,
): CostLine {
  const listed = store.spec ? priceOf(catalog, store.spec.priceKey) : undefined;
  if (listed && isPriced(listed)) return lineFor(listed, item, copies, place);
  if (store.billed) {
    const billed: PriceEntry = {
      key: listed?.key ?? `heroku.${place.category === 'database' ? 'postgres' : 'kvs'}.${store.plan}`,
      description: item,
      unit: 'month',
      source: 'Heroku Platform API: billed price (the bundled list has no price for this plan)',
      asOf: store.billed.asOf,
      confidence: 'primary',
      contract: false,
      unitPrice: fromCents(store.billed.cents),
    };
    return lineFor(billed, item, copies, place);
  }
  return listed
    ? lineFor(listed, item, copies, place)
    : unknownLine(item, copies, 'month', place, catalog.priceListDate);
}

/** An add-on at its billed price; on AWS the same service is taken to be bought directly at that price. */
export function addOnLine(
  addOn: AddOn,
  environment: EnvironmentName,
  priceListDate: string,
  boughtDirectly = false,
  prefix = '',
): CostLine {
  const facts = {
    item: `${prefix}${addOn.service} (${addOn.plan})${boughtDirectly ? ', bought directly' : ''}`,
    quantity: 1,
    unit: 'month',
    source: boughtDirectly
      ? 'Heroku Platform API: billed price, taken as the direct price'
      : 'Heroku Platform API: billed price',
    asOf: addOn.asOf ?? priceListDate,
    environment,
    category: 'add-on' as const,
    confidence: 'primary' as const,
    ...(addOn.contract ? { contractPrice: true } : {}),
  };
  if (addOn.monthlyCents === null) {
    return {
      ...facts,
      unitPrice: null,
      monthly: null,
      cents: null,
      note: addOn.contract
        ? 'contract price: billed under your contract, not listed'
        : addOn.billedPer
          ? `billed per ${addOn.billedPer}, not per month`
          : 'Heroku gives no billed price for it',
    };
  }
  const price = fromCents(addOn.monthlyCents);
  return { ...facts, unitPrice: price, monthly: price, cents: addOn.monthlyCents };
}

/**
 * Account-level Heroku lines: the Eco pool and the Space fees, one for each space named (a fleet read
 * from the account knows its spaces), else one for the kind of space the dynos need. Shown with
 * production, or with the one environment an estimate models (a live staging app alone).
 */
export function herokuAccountLines(
  stacks: readonly HerokuStack[],
  catalog: Catalog,
  spaces: readonly { name: string; shield: boolean }[] = [],
  environment: EnvironmentName = 'production',
): CostLine[] {
  const lines: CostLine[] = [];
  // One pass over every dyno, indexed (unoptimised, as every estimate runs it, an iterator step is a
  // call and an object): the Eco processes in the order first met, and the tiers that need a space.
  const ecoProcesses: string[] = [];
  const tiers = { shield: false, private: false, fir: false };
  for (let s = 0; s < stacks.length; s++) {
    const { dynos } = stacks[s];
    for (let i = 0; i < dynos.length; i++) {
      const tier = dynos[i].spec?.tier;
      if (tier === 'eco') {
        if (!ecoProcesses.includes(dynos[i].process)) ecoProcesses.push(dynos[i].process);
      } else if (tier === 'shield' || tier === 'private' || tier === 'fir') tiers[tier] = true;
    }
  }
  if (ecoProcesses.length > 0) {
    lines.push(
      lineFor(priceOf(catalog, 'heroku.dyno.eco'), `Eco dynos (${ecoProcesses.join(', ')}): shared pool`, 1, {
        environment,
        category: 'compute',
      }),
    );
  }
  const place = { environment, category: 'platform' as const };
  const kindName = (shield: boolean) => `${shield ? 'Shield ' : ''}Private Space`;
  const spaceLine = (shield: boolean, name: string) =>
    lineFor(priceOf(catalog, `heroku.space.${shield ? 'shield' : 'private'}`), name, 1, place);
  if (spaces.length > 0) {
    const named = [...new Map(spaces.map((s) => [s.name, s])).values()]
      .map((s) => ({ shield: s.shield, item: `${kindName(s.shield)} ${s.name}` }))
      .sort((a, b) => a.item.localeCompare(b.item));
    for (const space of named) lines.push(spaceLine(space.shield, space.item));
  } else {
    // No space named (an estimate): one of the kind the dynos need.
    const shield = tiers.shield ? true : tiers.private ? false : undefined;
    if (shield !== undefined) lines.push(spaceLine(shield, kindName(shield)));
  }
  if (tiers.fir) lines.push(lineFor(priceOf(catalog, 'heroku.space.fir'), 'Fir-generation space', 1, place));
  return lines;
}
