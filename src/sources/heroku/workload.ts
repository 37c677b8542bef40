import { estimate, herokuCache, herokuDatabase } from '../../core/model';
import { type Money, sumMoney } from '../../core/money';
import { type Catalog, DEFAULT_CATALOG } from '../../core/pricing';
import type { AddOn, Cache, Database, ProcessType, Workload } from '../../core/workload';
import { SourceError } from '../source-error';
import type { HerokuAddOn, HerokuApp, HerokuInventory } from './types';

/**
 * An app as it runs on Heroku → the platform-neutral Workload the cost model prices.
 * Translation only: sizes and plans keep their Heroku names; RAM and CPU come from the dyno sizes
 * in the inventory, plan sizes from the price catalog (the one table of Heroku plans).
 */

const POSTGRES_SERVICE = 'heroku-postgresql';
const KEY_VALUE_SERVICES = new Set(['heroku-redis', 'heroku-keyvalue']);

/** A plan the catalog does not know keeps its name; its size is unknown (0), never guessed. */
export function postgresDatabase(plan: string, catalog: Catalog = DEFAULT_CATALOG): Database {
  const lower = plan.toLowerCase();
  return herokuDatabase(catalog, lower) ?? { plan: lower, memoryGb: 0, storageGb: 0, highAvailability: false };
}

export function keyValueCache(plan: string, catalog: Catalog = DEFAULT_CATALOG): Cache {
  const lower = plan.toLowerCase();
  return herokuCache(catalog, lower) ?? { plan: lower, memoryGb: 0 };
}

const byPrice = (a: HerokuAddOn, b: HerokuAddOn) => (b.monthlyCents ?? 0) - (a.monthlyCents ?? 0);

function asAddOn(addOn: HerokuAddOn): AddOn {
  return {
    service: addOn.service,
    plan: addOn.plan,
    monthlyCents: addOn.contract ? null : addOn.monthlyCents,
    contract: addOn.contract,
  };
}

/** One Heroku app → Workload (origin `heroku`). */
export function workloadForApp(app: HerokuApp, catalog: Catalog = DEFAULT_CATALOG): Workload {
  const processes: ProcessType[] = app.formation
    .filter((formation) => formation.quantity > 0)
    .map((formation) => ({
      name: formation.type,
      count: formation.quantity,
      size: formation.size,
      memoryGb: formation.memoryGb ?? 0,
      vcpu: formation.compute ?? 0,
      dedicated: formation.dedicated,
    }));

  // The largest Postgres and Key-Value Store are the app's database and cache; any others are
  // listed as add-ons so nothing billed disappears.
  const databases = app.addOns.filter((addOn) => addOn.service === POSTGRES_SERVICE).sort(byPrice);
  const caches = app.addOns.filter((addOn) => KEY_VALUE_SERVICES.has(addOn.service)).sort(byPrice);
  const [primaryDatabase] = databases;
  const [primaryCache] = caches;
  const others = app.addOns.filter((addOn) => addOn !== primaryDatabase && addOn !== primaryCache);

  return {
    origin: 'heroku',
    label: `app ${app.name}`,
    processes,
    ...(primaryDatabase ? { database: postgresDatabase(primaryDatabase.plan, catalog) } : {}),
    ...(primaryCache ? { cache: keyValueCache(primaryCache.plan, catalog) } : {}),
    addOns: others.map(asAddOn),
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };
}

const SHOWN_NAMES = 8;

/** The app named `appName` in the inventory → Workload; a plain not-found error listing what exists. */
export function appWorkload(inventory: HerokuInventory, appName: string, catalog: Catalog = DEFAULT_CATALOG): Workload {
  const wanted = appName.trim().toLowerCase();
  const app = inventory.apps.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (app) return workloadForApp(app, catalog);
  throw new SourceError(
    'heroku',
    'not-found',
    noSuchAppMessage(
      appName,
      inventory.apps.map((a) => a.name),
    ),
  );
}

function noSuchAppMessage(appName: string, names: readonly string[]): string {
  if (names.length === 0) return `No app named "${appName}": this Heroku token sees no apps at all.`;
  const wanted = appName.trim().toLowerCase();
  // Names that look like what was typed first, then the rest alphabetically.
  const closeness = (name: string) => {
    const lower = name.toLowerCase();
    if (lower.includes(wanted) || wanted.includes(lower)) return 0;
    let shared = 0;
    while (shared < lower.length && shared < wanted.length && lower[shared] === wanted[shared]) shared++;
    return shared >= 3 ? 1 : 2;
  };
  const sorted = [...names].sort((a, b) => closeness(a) - closeness(b) || a.localeCompare(b));
  const shown = sorted.slice(0, SHOWN_NAMES).join(', ');
  const more = names.length > SHOWN_NAMES ? `… and ${(names.length - SHOWN_NAMES).toLocaleString('en-US')} more` : '';
  return `No app named "${appName}" in the Heroku apps this token sees (apps you can see: ${shown}${more}).`;
}

/**
 * Every app of an inventory priced on AWS (list prices, infrastructure only), summed exactly. An app
 * that cannot be modelled is counted in `skipped`, never priced at $0.
 */
export function inventoryOnAws(
  inventory: HerokuInventory,
  catalog: Catalog = DEFAULT_CATALOG,
): { monthly: Money; modelled: number; skipped: number } {
  const monthly: Money[] = [];
  let skipped = 0;
  for (const app of inventory.apps) {
    try {
      monthly.push(estimate(appWorkload(inventory, app.name, catalog), catalog).aws.infrastructure);
    } catch {
      skipped += 1;
    }
  }
  return { monthly: sumMoney(monthly), modelled: monthly.length, skipped };
}
