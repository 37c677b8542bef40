import { type HerokuRunRate, herokuRunRate, snapshotData, utcDays } from '../../core/heroku-run-rate';
import type { Catalog } from '../../core/pricing';
import type { HerokuSnapshot, Store } from '../../store/store';
import { type Fetched, SourceError } from '../source-error';
import { fetchedFrom, RecentValues, staleOnError } from '../stale-cache';
import { HerokuApi, type HerokuApiOptions } from './heroku-api';
import { assembleInventory, type CatalogDynoPrice, catalogDynoPrice, selectTeams, toTeam } from './inventory-wire';
import { type CouplingWire, couplingWire } from './pipeline-wire';
import { RequestBudget } from './request-budget';
import type { ComplianceRegime, HerokuComplianceInventory, HerokuInventory, TeamRole } from './types';
import {
  type AddOnWire,
  type AppWire,
  accountWire,
  addOnWire,
  appWire,
  dynoSizeWire,
  formationWire,
  planWire,
  type SpaceWire,
  spaceWire,
  type TeamMemberWire,
  teamMemberWire,
  teamWire,
} from './wire';
import { type LiveApp, liveApp } from './workload';

export interface HerokuSourceOptions {
  /** HEROKU_API_TOKEN. Never logged, never in a message. */
  token: string;
  /** HEROKU_API_URL; default https://api.heroku.com. */
  apiUrl?: string;
  store: Store;
  now: () => Date;
  /** HEROKU_TEAMS: the default scope of `inventory()`. Empty or unset: personal apps and every team. */
  teams?: readonly string[];
  /**
   * List price of one dyno for a month in cents, by lower-case size name (`standard-2x`), for
   * sizes whose GET /dyno-sizes `cost` is null. The catalog lives in src/core/pricing.
   */
  fallbackDynoMonthlyCents?: (sizeName: string) => number | undefined;
  /** Plan sizes for app → Workload (PRICING_FILE applied); default the list-price catalog. */
  catalog?: Catalog;
  /** Most API requests one operation may make. Default 3,000 (the account's pool is 4,500 an hour). */
  requestBudget?: number;
  /** Concurrency, retries, backoff, timeouts, paging, pacing, injected sleep. */
  api?: Omit<HerokuApiOptions, 'token' | 'host' | 'store' | 'now'>;
}

/** How long a cached inventory is served without asking Heroku. */
const CACHE_TTL_MS = 3_600_000;
/**
 * How long an inventory that left apps out is served: short, so an app that was unreadable for a
 * moment (a 5xx burst) is back within minutes; long enough that a lead paging through answers does not
 * spend one request per app on each (500 apps every 5 minutes is 6,000 of the 4,500 an hour at most).
 */
const GAPS_CACHE_TTL_MS = 5 * 60_000;
/** Team scopes whose inventory the process holds: the configured teams and a few asked for by name. */
const HELD_INVENTORIES = 4;
/**
 * How long an add-on plan's declared compliance regimes are served from the store: they change
 * rarely, and the store shares them with every process (the digest gathers in one of its own).
 */
const PLAN_FACTS_TTL_MS = 24 * 3_600_000;

const enc = encodeURIComponent;
const REGIMES: readonly ComplianceRegime[] = ['HIPAA', 'PCI'];
const TEAM_ROLES: readonly TeamRole[] = ['admin', 'collaborator', 'member', 'owner'];
const isRegimeList = (value: unknown): value is ComplianceRegime[] | null =>
  value === null || (Array.isArray(value) && value.every((regime) => REGIMES.includes(regime as ComplianceRegime)));

/** Heroku's answer about one app, naming the app as people know it, not by its ID. */
const aboutApp = (app: AppWire, error: SourceError) =>
  error.message.split(`/apps/${enc(app.id)}/`).join(`/apps/${enc(app.name)}/`);

/**
 * Failures that say something about one app: the token may not read it (403), or Heroku would not
 * give it after the client's retries (5xx, timeouts, an answer it could not understand). Such an app
 * is left out and named as a gap. A 401, the rate limit or the request budget say nothing about the
 * app (every other app would fail the same way): they fail the inventory.
 */
const APP_KINDS: readonly SourceError['kind'][] = ['permission', 'unavailable', 'timeout', 'bad-response'];

/**
 * No app could be read: that is about the token or Heroku, not the apps, and an inventory of nothing
 * would read as an empty account, so it fails, naming the first app and Heroku's answer.
 */
function noAppRead(app: AppWire, error: SourceError): SourceError {
  return new SourceError(
    'heroku',
    error.kind,
    `Heroku app ${app.name} could not be read, nor any other: ${aboutApp(app, error)}`,
    { cause: error },
  );
}

/** Whether an inventory left apps out (answers built on it then say which, and it is kept briefly). */
export function leftAppsOut(inventory: HerokuInventory): boolean {
  return inventory.gaps.some((gap) => gap.app !== undefined);
}

/** Live Heroku data: inventory, run-rate, workloads, compliance facts, snapshots. */
export class HerokuSource {
  readonly api: HerokuApi;
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly defaultTeams: string[] | undefined;
  private readonly catalogPrice: CatalogDynoPrice;
  private readonly requestBudget: number;
  private readonly catalog: Catalog | undefined;
  private readonly planCompliance = new Map<string, ComplianceRegime[] | null>();
  /**
   * The last value of each cache key this process read or fetched, with when it was stored: served
   * as is while younger than the TTL, so a 500-app inventory is not read back and parsed from the
   * store on every answer, and views of it (`inventoryOnAwsSteps`) can be remembered per object.
   * Bounded: each team scope asked for is an inventory of its own, and a large one is megabytes.
   */
  private readonly recent = new RecentValues(HELD_INVENTORIES);

  constructor(options: HerokuSourceOptions) {
    this.store = options.store;
    this.now = options.now;
    const teams = (options.teams ?? []).map((team) => team.trim()).filter(Boolean);
    this.defaultTeams = teams.length > 0 ? teams : undefined;
    this.catalogPrice = catalogDynoPrice(options.fallbackDynoMonthlyCents ?? (() => undefined));
    this.catalog = options.catalog;
    this.requestBudget = options.requestBudget ?? 3000;
    this.api = new HerokuApi({
      ...options.api,
      token: options.token,
      host: options.apiUrl,
      store: options.store,
      now: options.now,
    });
  }

  // ------------------------------------------------------------------------------------------
  // Inventory

  /**
   * Apps (personal and every team the token sees, or only the named teams) with formation,
   * add-ons, dyno sizes, spaces, team members and the account. Served from the store's cache
   * while younger than the TTL; when Heroku fails, an older cached copy is returned, labelled.
   * `anyAge`: a cached copy of any age is served as it is, and Heroku asked only when there is none
   * (for what changes rarely, such as the Spaces the apps run in, not worth a 500-request read).
   * `cachedOnly`: Heroku is never asked; with nothing cached it throws (a form Slack closes in 3 s).
   */
  inventory(
    options: { teams?: readonly string[]; refresh?: boolean; anyAge?: boolean; cachedOnly?: boolean } = {},
  ): Promise<Fetched<HerokuInventory>> {
    const requested = options.teams?.map((team) => team.trim()).filter(Boolean);
    const teams = requested && requested.length > 0 ? requested : this.defaultTeams;
    const scopeKey = teams
      ? [...teams]
          .map((team) => team.toLowerCase())
          .sort()
          .join(',')
      : '*';
    return this.cached(
      `heroku:inventory:v1:${scopeKey}`,
      options.refresh ?? false,
      () =>
        options.cachedOnly ? Promise.reject(new Error('No Heroku inventory read yet')) : this.fetchInventory(teams),
      (value): value is HerokuInventory =>
        typeof value === 'object' && value !== null && (value as HerokuInventory).version === 1,
      (inventory) =>
        options.anyAge ? Number.POSITIVE_INFINITY : leftAppsOut(inventory) ? GAPS_CACHE_TTL_MS : CACHE_TTL_MS,
    );
  }

  private fetchInventory(wantedTeams: readonly string[] | undefined): Promise<HerokuInventory> {
    return new RequestBudget(this.requestBudget, 'a Heroku inventory').run((budget) =>
      this.readInventory(wantedTeams, budget),
    );
  }

  private async readInventory(
    wantedTeams: readonly string[] | undefined,
    budget: RequestBudget,
  ): Promise<HerokuInventory> {
    const fetchedAt = this.now();
    const api = this.api;
    const [accountRaw, teamsRaw, sizesRaw, couplings] = await Promise.all([
      api.get('/account', accountWire, budget),
      api.list('/teams', teamWire, budget),
      api.list('/dyno-sizes', dynoSizeWire, budget),
      // Each app's pipeline stage tells staging from production better than its name; without it
      // (a token that may not list them) the name rule stands alone.
      api.list('/pipeline-couplings', couplingWire, budget).catch((error: unknown) => {
        if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found'))
          return [] as CouplingWire[];
        throw error;
      }),
    ]);
    const teams = teamsRaw.map(toTeam).sort((a, b) => a.name.localeCompare(b.name));
    const selected = wantedTeams ? selectTeams(teams, wantedTeams) : teams;

    let appsRaw: AppWire[];
    let addOnsRaw: AddOnWire[];
    let spacesRaw: SpaceWire[];
    if (!wantedTeams) {
      // GET /apps lists personal and team apps alike; GET /addons every add-on of those apps.
      [appsRaw, addOnsRaw, spacesRaw] = await Promise.all([
        api.list('/apps', appWire, budget),
        api.list('/addons', addOnWire, budget),
        api.list('/spaces', spaceWire, budget),
      ]);
    } else {
      const perTeam = await Promise.all(
        selected.map((team) =>
          Promise.all([
            api.list(`/teams/${enc(team.id)}/apps`, appWire, budget),
            api.list(`/teams/${enc(team.id)}/addons`, addOnWire, budget),
            api.list(`/teams/${enc(team.id)}/spaces`, spaceWire, budget),
          ]),
        ),
      );
      appsRaw = perTeam.flatMap(([apps]) => apps);
      addOnsRaw = perTeam.flatMap(([, addOns]) => addOns);
      spacesRaw = perTeam.flatMap(([, , spaces]) => spaces);
    }

    // Every app exactly once, whatever listing or page it came from.
    const apps = new Map<string, AppWire>();
    for (const app of appsRaw) if (!apps.has(app.id)) apps.set(app.id, app);
    budget.ensure(
      apps.size + selected.length,
      `${apps.size.toLocaleString('en-US')} apps need one formation request each, plus one member list per team`,
    );

    const gaps: HerokuInventory['gaps'] = [];
    const unread: { app: AppWire; error: SourceError }[] = [];
    const [formations, memberLists] = await Promise.all([
      Promise.all(
        [...apps.values()].map((app) =>
          api.list(`/apps/${enc(app.id)}/formation`, formationWire, budget).catch((error: unknown) => {
            // Deleted between the listing and now: it no longer runs, so it is not in the inventory.
            if (error instanceof SourceError && error.kind === 'not-found') return undefined;
            if (!(error instanceof SourceError) || !APP_KINDS.includes(error.kind)) throw error;
            // Left out, and said: every answer built on this inventory names it and says its cost is not included.
            unread.push({ app, error });
            return undefined;
          }),
        ),
      ),
      Promise.all(
        selected.map((team) =>
          api.list(`/teams/${enc(team.id)}/members`, teamMemberWire, budget, 'email').catch((error: unknown) => {
            if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
              gaps.push({ what: `members of team ${team.name}`, reason: error.message, team: team.name });
              return [] as TeamMemberWire[];
            }
            throw error;
          }),
        ),
      ),
    ]);
    if (unread.length > 0 && formations.every((formation) => formation === undefined)) {
      const first = unread[0]!;
      throw noAppRead(first.app, first.error);
    }
    for (const { app, error } of unread.sort((a, b) => a.app.name.localeCompare(b.app.name))) {
      gaps.push({
        what: `app ${app.name}`,
        reason: aboutApp(app, error),
        app: app.name,
        ...(app.team ? { appTeam: app.team.name } : {}),
      });
    }

    return assembleInventory(
      {
        fetchedAt,
        wantedTeams,
        account: accountRaw,
        teams: selected,
        apps: [...apps.values()],
        formations,
        addOns: addOnsRaw,
        spaces: spacesRaw,
        sizes: sizesRaw,
        memberLists,
        couplings,
        gaps,
        requests: budget.used,
      },
      this.catalogPrice,
    );
  }

  // ------------------------------------------------------------------------------------------
  // Pure views of an inventory

  /** What today's formation and add-ons cost a month, exact to the cent; contract and unpriced items apart. */
  runRate(inventory: HerokuInventory): HerokuRunRate {
    return herokuRunRate(inventory.apps);
  }

  liveApp(inventory: HerokuInventory, appName: string): LiveApp {
    return liveApp(inventory, appName, this.catalog);
  }

  /** Rows for store.putSnapshot: each app's formation and add-ons, with the day's prices. */
  snapshot(inventory: HerokuInventory, day: string): HerokuSnapshot[] {
    utcDays(day, day); // validates the day
    const takenAt = this.now();
    return inventory.apps.map((app) => ({ day, app: app.name, data: snapshotData(app), takenAt }));
  }

  // ------------------------------------------------------------------------------------------
  // Compliance

  /**
   * The facts live compliance checks need: each app's space (Shield or not) and add-on plans with
   * their declared compliance regimes, and every member's 2FA. Each distinct plan is fetched once a
   * day at most (the store's cache, shared by every process; remembered for the life of this source).
   */
  async complianceInventory(inventory: HerokuInventory): Promise<HerokuComplianceInventory> {
    await new RequestBudget(this.requestBudget, 'a Heroku compliance check').run((budget) =>
      this.readPlanCompliance(inventory, budget),
    );
    return {
      apps: inventory.apps.map((app) => ({
        name: app.name,
        ...(app.team ? { team: app.team.name } : {}),
        space: app.space ? { name: app.space.name, shield: app.space.shield } : null,
        addOns: app.addOns.map((addOn) => ({
          service: addOn.service,
          plan: addOn.plan,
          compliance: this.planCompliance.get(addOn.planId) ?? null,
        })),
      })),
      members: [
        { email: inventory.account.email, twoFactor: inventory.account.twoFactor },
        ...inventory.members.map((member) => ({
          email: member.email,
          team: member.team.name,
          twoFactor: member.twoFactor,
          role: TEAM_ROLES.find((role) => role === member.role) ?? null,
        })),
      ],
      membersNotRead: inventory.gaps.flatMap((gap) =>
        gap.team === undefined ? [] : [{ team: gap.team, reason: gap.reason }],
      ),
      appsNotRead: this.appsNotRead(inventory),
    };
  }

  /** Apps the inventory left out because they could not be read, by name, with Heroku's answer. */
  appsNotRead(inventory: HerokuInventory): { app: string; reason: string }[] {
    return inventory.gaps.flatMap((gap) => (gap.app === undefined ? [] : [{ app: gap.app, reason: gap.reason }]));
  }

  private async readPlanCompliance(inventory: HerokuInventory, budget: RequestBudget): Promise<void> {
    const planIds = new Set<string>();
    for (const app of inventory.apps) {
      for (const addOn of app.addOns) if (!this.planCompliance.has(addOn.planId)) planIds.add(addOn.planId);
    }
    budget.ensure(planIds.size, `${planIds.size} add-on plans to look up`);
    await Promise.all(
      [...planIds].map(async (planId) => {
        const part = await staleOnError({
          store: this.store,
          key: `heroku:plan-compliance:v1:${planId}`,
          now: this.now,
          maxAgeMs: PLAN_FACTS_TTL_MS,
          read: (value) => (isRegimeList(value) ? value : undefined),
          fetch: () => this.fetchPlanCompliance(planId, budget),
          failure: (error) => (error instanceof SourceError ? error : undefined),
        });
        this.planCompliance.set(planId, part.value);
      }),
    );
  }

  /** A plan's declared regimes; null when it declares none, or Heroku no longer knows the plan. */
  private async fetchPlanCompliance(planId: string, budget: RequestBudget): Promise<ComplianceRegime[] | null> {
    try {
      const plan = await this.api.get(`/plans/${enc(planId)}`, planWire, budget);
      return (
        plan.compliance?.filter((regime): regime is ComplianceRegime => REGIMES.includes(regime as ComplianceRegime)) ??
        null
      );
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------------

  /** Fresh from the cache, fetched, or (when fetching fails) stale from the cache and labelled. */
  private async cached<T>(
    key: string,
    refresh: boolean,
    fetch: () => Promise<T>,
    isValue: (value: unknown) => value is T,
    ttlMs: (value: T) => number,
  ): Promise<Fetched<T>> {
    const part = await staleOnError({
      store: this.store,
      key,
      now: this.now,
      maxAgeMs: refresh ? 0 : ttlMs,
      read: (value) => (isValue(value) ? value : undefined),
      fetch,
      failure: (error) => (error instanceof SourceError ? error : undefined),
      memory: this.recent,
    });
    return fetchedFrom(part.value, [part]);
  }
}
