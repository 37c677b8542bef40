import {
  type EnvironmentName,
  environmentOfLiveApp,
  type FleetApp,
  type FleetModel,
  herokuCache,
  herokuDatabase,
  modelFleetSteps,
  type TierId,
  VERDICT_TIER,
} from '../../core/model';
import { logGbFor, logVolumeRule } from '../../core/model/log-volume';
import { formatUsd, type Money } from '../../core/money';
import { type Catalog, DEFAULT_CATALOG } from '../../core/pricing';
import type { Steps } from '../../core/steps';
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

/** `readOn`: the day the Platform API gave its billed price (the inventory's), which its line cites. */
function asAddOn(addOn: HerokuAddOn, readOn: string): AddOn {
  return {
    service: addOn.service,
    plan: addOn.plan,
    monthlyCents: addOn.contract ? null : addOn.monthlyCents,
    contract: addOn.contract,
    ...(addOn.priceUnit && !addOn.contract ? { billedPer: addOn.priceUnit } : {}),
    asOf: readOn,
  };
}

/**
 * A live data store: with its add-on's own name when the app has another of the same plan (two lines
 * reading `Heroku Postgres standard-0` would not say which is which), and with what Heroku bills for it
 * when it says (a contract's price it does not say), so a plan the bundled list has no price for is
 * priced as billed rather than left out of a total Heroku's own API gave.
 */
function liveStore<T extends Database | Cache>(
  store: T,
  addOn: HerokuAddOn,
  sameService: readonly HerokuAddOn[],
  readOn: string,
): T {
  const twin = sameService.some((other) => other !== addOn && other.plan.toLowerCase() === addOn.plan.toLowerCase());
  const billed = addOn.monthlyCents !== null && !addOn.contract;
  return {
    ...store,
    ...(twin ? { addOn: addOn.name } : {}),
    ...(billed ? { billed: { cents: addOn.monthlyCents, asOf: readOn } } : {}),
  };
}

/** One Heroku app → Workload (origin `heroku`). */
function workloadForApp(app: HerokuApp, catalog: Catalog, readOn: string): Workload {
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

  // The largest Postgres and Key-Value Store are the app's database and cache; any others (an analytics
  // database, a follower: the Platform API does not mark followers) are databases and caches of their
  // own, as they cannot stay on Heroku when the app moves. Only other add-ons are listed as add-ons.
  const databases = app.addOns.filter((addOn) => addOn.service === POSTGRES_SERVICE).sort(byPrice);
  const caches = app.addOns.filter((addOn) => KEY_VALUE_SERVICES.has(addOn.service)).sort(byPrice);
  const [primaryDatabase, ...moreDatabases] = databases;
  const [primaryCache, ...moreCaches] = caches;
  const others = app.addOns.filter(
    (addOn) => addOn.service !== POSTGRES_SERVICE && !KEY_VALUE_SERVICES.has(addOn.service),
  );

  return {
    origin: 'heroku',
    label: `app ${app.name}`,
    processes,
    ...(primaryDatabase
      ? { database: liveStore(postgresDatabase(primaryDatabase.plan, catalog), primaryDatabase, databases, readOn) }
      : {}),
    ...(primaryCache
      ? { cache: liveStore(keyValueCache(primaryCache.plan, catalog), primaryCache, caches, readOn) }
      : {}),
    ...(moreDatabases.length > 0
      ? {
          extraDatabases: moreDatabases.map((addOn) =>
            liveStore(postgresDatabase(addOn.plan, catalog), addOn, databases, readOn),
          ),
        }
      : {}),
    ...(moreCaches.length > 0
      ? { extraCaches: moreCaches.map((addOn) => liveStore(keyValueCache(addOn.plan, catalog), addOn, caches, readOn)) }
      : {}),
    addOns: others.map((addOn) => asAddOn(addOn, readOn)),
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    // A Shield Private Space is where Heroku runs HIPAA workloads (PHI under its BAA): an app there is
    // taken to hold regulated data, so its AWS model adds HIPAA-eligible services.
    compliance: app.space?.shield ? ['hipaa'] : [],
  };
}

const SHOWN_NAMES = 8;

/**
 * A live app with the traffic Heroku does not report taken as a production app's: one with a web
 * process sends the assumed egress out, and every app that runs a dyno logs the assumed volume (one
 * that runs none logs nothing). `migrate` (which scales it for staging and review apps),
 * `estimate app=NAME` and `compliance … app=NAME` read apps this way.
 */
function liveAppWorkload(app: HerokuApp, catalog: Catalog, readOn: string): Workload {
  const workload = workloadForApp(app, catalog, readOn);
  const a = catalog.assumptions;
  const web = workload.processes.some((p) => p.name === 'web');
  return {
    ...workload,
    egressGbPerMonth: web ? a.egressGbPerMonth : 0,
    logGbPerMonth: logGbFor(workload.processes, catalog),
  };
}

/** One live app as `estimate app=NAME` and `compliance … app=NAME` model it. */
export interface LiveApp {
  workload: Workload;
  /** Its pipeline stage, else its name, by the rule `migrate` uses (`environmentOfLiveApp`). */
  environment: EnvironmentName;
  /** Which environment, and why: `read as staging: its name ends in -staging`. */
  readAs: string;
  /** What the model takes of it that Heroku does not report, as sentences for the answer. */
  assumptions: string[];
}

/** The app named `appName` in the inventory (in any case); a plain not-found error listing what exists. */
export function liveApp(inventory: HerokuInventory, appName: string, catalog: Catalog = DEFAULT_CATALOG): LiveApp {
  const wanted = appName.trim().toLowerCase();
  const app = inventory.apps.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (app) {
    const { environment, because } = environmentOfLiveApp(app.name, app.pipelineStage);
    const workload = liveAppWorkload(app, catalog, inventory.fetchedAt.slice(0, 10));
    const idle =
      workload.processes.length === 0
        ? [
            `${app.name} runs no dynos (its formation is empty or scaled to 0): only its add-ons are priced, and it is taken to send and log nothing.`,
          ]
        : [];
    return {
      workload,
      environment,
      readAs: `read as ${environment}: ${because}`,
      assumptions: [...idle, fleetTrafficNote(catalog)],
    };
  }
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

/** What the account would cost on AWS: the verdict tier's monthly total, and every tier's. */
export interface InventoryOnAws {
  /** The consolidated tier, infrastructure only, list prices. */
  monthly: Money;
  tier: TierId;
  tiers: { id: TierId; monthly: Money }[];
  modelled: number;
  skipped: number;
  /** One sentence naming the tier and the range, for the answer's notes. */
  note: string;
  fleet: FleetModel;
}

/**
 * Every app of an inventory as a fleet app: its traffic as `liveAppWorkload` assumes it, staging and
 * review apps their non-production share of it.
 */
export function fleetAppsOf(inventory: HerokuInventory, catalog: Catalog = DEFAULT_CATALOG): FleetApp[] {
  const a = catalog.assumptions;
  const readOn = inventory.fetchedAt.slice(0, 10);
  return inventory.apps.map((app) => {
    const workload = liveAppWorkload(app, catalog, readOn);
    const { environment } = environmentOfLiveApp(app.name, app.pipelineStage);
    const share = environment === 'production' ? 1 : a.nonProductionTrafficShare;
    const milli = (gb: number) => Math.round(gb * share * 1000) / 1000;
    return {
      name: app.name,
      ...(app.team ? { team: app.team.name } : {}),
      ...(app.space ? { space: { name: app.space.name, shield: app.space.shield } } : {}),
      environment,
      workload: {
        ...workload,
        egressGbPerMonth: milli(workload.egressGbPerMonth),
        logGbPerMonth: milli(workload.logGbPerMonth),
      },
    };
  });
}

/** Why some apps carry HIPAA compliance services on AWS: they run in a Shield Private Space. */
export function fleetShieldNote(inventory: HerokuInventory): string[] {
  const shield = inventory.apps.filter((app) => app.space?.shield).length;
  if (shield === 0) return [];
  return [
    `${shield === 1 ? '1 app runs' : `${shield} apps run`} in a Shield Private Space, where Heroku keeps HIPAA data under its BAA, so on AWS ${shield === 1 ? 'it is' : 'they are'} modelled with HIPAA-eligible services.`,
  ];
}

/** The sentence that says what `fleetAppsOf` assumed. */
export function fleetTrafficNote(catalog: Catalog = DEFAULT_CATALOG): string {
  const a = catalog.assumptions;
  return `Heroku reports no egress or log volume: each production app with a web process is taken to send ${a.egressGbPerMonth} GB a month out and each app's logs are sized by the dynos it runs (staging and review apps ${Math.round(a.nonProductionTrafficShare * 100)}% of that); set egressGbPerMonth in PRICING_FILE to change the egress. ${logVolumeRule(catalog)}`;
}

/**
 * Every app of an inventory modelled on AWS as one fleet (shared infrastructure counted once per
 * environment, not once per app), in steps (src/core/steps.ts), one an app. Remembered with the inventory object it
 * came from (HerokuSource serves the same object while its cache is fresh): modelling 500 apps takes
 * tens of milliseconds, too long to repeat on every cached spend answer and App Home refresh.
 */
export function* inventoryOnAwsSteps(
  inventory: HerokuInventory,
  catalog: Catalog = DEFAULT_CATALOG,
): Steps<Readonly<InventoryOnAws>> {
  const byCatalog = modelled.get(inventory) ?? new WeakMap<Catalog, InventoryOnAws>();
  modelled.set(inventory, byCatalog);
  const known = byCatalog.get(catalog);
  if (known) return known;
  const onAws = yield* modelInventoryOnAws(inventory, catalog);
  byCatalog.set(catalog, onAws);
  return onAws;
}

const modelled = new WeakMap<HerokuInventory, WeakMap<Catalog, InventoryOnAws>>();

function* modelInventoryOnAws(inventory: HerokuInventory, catalog: Catalog): Steps<InventoryOnAws> {
  const apps = fleetAppsOf(inventory, catalog);
  yield;
  const fleet = yield* modelFleetSteps(apps, catalog);
  const chosen = fleet.tiers.find((t) => t.id === VERDICT_TIER)!;
  const range = `${formatUsd(fleet.range.low)}–${formatUsd(fleet.range.high)}`;
  return {
    monthly: chosen.infrastructure,
    tier: VERDICT_TIER,
    tiers: fleet.tiers.map((t) => ({ id: t.id, monthly: t.infrastructure })),
    modelled: apps.length,
    skipped: 0,
    note: `AWS figure: the ${VERDICT_TIER} tier (ECS on shared instances; load balancer, NAT gateways and logs counted once per environment); ${range} a month across the like-for-like, consolidated and optimised tiers.`,
    fleet,
  };
}
