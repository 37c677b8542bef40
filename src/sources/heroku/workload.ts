import type { AddOn, Cache, Database, ProcessType, Workload } from '../../core/workload';
import { SourceError } from '../source-error';
import type { HerokuAddOn, HerokuApp, HerokuInventory } from './types';

/**
 * An app as it runs on Heroku → the platform-neutral Workload the cost model prices.
 * Translation only: sizes and plans keep their Heroku names; RAM, CPU and storage come from the
 * dyno sizes in the inventory and from the plan tables below (pricing.md §2.3-2.5).
 */

const POSTGRES_SERVICE = 'heroku-postgresql';
const KEY_VALUE_SERVICES = new Set(['heroku-redis', 'heroku-keyvalue']);

/** Postgres plan size by level (the number after the tier): [RAM GB, storage GB]. Essential has no stated RAM. */
const POSTGRES_LEVELS: Record<string, [number, number]> = {
  '0': [4, 64],
  '2': [8, 256],
  '3': [15, 512],
  '4': [30, 768],
  '5': [61, 1024],
  '6': [122, 1536],
  '7': [244, 2048],
  '8': [488, 3072],
  '9': [768, 4096],
};
const ESSENTIAL_STORAGE_GB: Record<string, number> = { '0': 1, '1': 10, '2': 32 };
const HA_TIERS = new Set(['premium', 'private', 'shield']);

/** Key-Value Store memory by plan level, in GB (Heroku's technical characterization). */
const KEY_VALUE_MEMORY_GB: Record<string, number> = {
  mini: 0.025,
  '0': 0.05,
  '1': 0.1,
  '2': 0.25,
  '3': 0.5,
  '4': 0.75,
  '5': 1,
  '7': 7,
  '9': 10,
  '10': 25,
  '12': 50,
  '14': 100,
};

/** `standard-0` → tier `standard`, level `0`; `mini` → tier `mini`. */
function splitPlan(plan: string): { tier: string; level: string | undefined } {
  const match = /^([a-z]+)-(\d+)$/.exec(plan);
  return match ? { tier: match[1], level: match[2] } : { tier: plan, level: undefined };
}

export function postgresDatabase(plan: string): Database {
  const lower = plan.toLowerCase();
  const { tier, level } = splitPlan(lower);
  if (tier === 'essential') {
    return { plan: lower, memoryGb: 0, storageGb: ESSENTIAL_STORAGE_GB[level ?? ''] ?? 0, highAvailability: false };
  }
  const [memoryGb, storageGb] = POSTGRES_LEVELS[level ?? ''] ?? [0, 0];
  return { plan: lower, memoryGb, storageGb, highAvailability: HA_TIERS.has(tier) };
}

export function keyValueCache(plan: string): Cache {
  const lower = plan.toLowerCase();
  const { tier, level } = splitPlan(lower);
  const memoryGb = tier === 'mini' ? KEY_VALUE_MEMORY_GB.mini : (KEY_VALUE_MEMORY_GB[level ?? ''] ?? 0);
  return { plan: lower, memoryGb };
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
export function workloadForApp(app: HerokuApp): Workload {
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
    ...(primaryDatabase ? { database: postgresDatabase(primaryDatabase.plan) } : {}),
    ...(primaryCache ? { cache: keyValueCache(primaryCache.plan) } : {}),
    addOns: others.map(asAddOn),
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };
}

const SHOWN_NAMES = 8;

/** The app named `appName` in the inventory → Workload; a plain not-found error listing what exists. */
export function appWorkload(inventory: HerokuInventory, appName: string): Workload {
  const wanted = appName.trim().toLowerCase();
  const app = inventory.apps.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (app) return workloadForApp(app);
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
