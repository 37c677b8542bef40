import Decimal from 'decimal.js';
import { z } from 'zod';
import {
  type HerokuPeriodCost,
  type HerokuRunRate,
  herokuRunRate,
  monthStart,
  snapshotData,
  utcDays,
} from '../../core/heroku-run-rate';
import type { Catalog } from '../../core/pricing';
import { weeklyCostFromSnapshots } from '../../core/snapshot-cost';
import type { Workload } from '../../core/workload';
import type { HerokuSnapshot, Store } from '../../store/store';
import { type Fetched, SourceError } from '../source-error';
import { HerokuApi, type HerokuApiOptions, RequestBudget } from './heroku-api';
import type {
  ComplianceRegime,
  HerokuAddOn,
  HerokuApp,
  HerokuComplianceInventory,
  HerokuDynoSize,
  HerokuFormation,
  HerokuInventory,
  HerokuInvoice,
  HerokuInvoices,
  HerokuRef,
  HerokuSpace,
  HerokuTeam,
  HerokuTeamMember,
  HerokuTeamUsage,
  TeamRole,
} from './types';
import {
  type AddOnWire,
  type AppWire,
  accountWire,
  addOnWire,
  appWire,
  type DynoSizeWire,
  dynoSizeWire,
  type FormationWire,
  formationWire,
  type InvoiceWire,
  invoiceWire,
  planWire,
  type SpaceWire,
  spaceWire,
  type TeamInvoiceWire,
  type TeamMemberWire,
  type TeamWire,
  teamInvoiceWire,
  teamMemberWire,
  teamMonthlyUsageWire,
  teamWire,
} from './wire';
import { appWorkload, workloadForApp } from './workload';

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
  /** How long a cached inventory or invoice list is served without asking Heroku. Default 1 h. */
  cacheTtlMs?: number;
  /** Most API requests one operation may make. Default 3,000 (the account's pool is 4,500 an hour). */
  requestBudget?: number;
  /** Concurrency, retries, backoff, timeouts, paging, pacing, injected sleep. */
  api?: Omit<HerokuApiOptions, 'token' | 'host' | 'store' | 'now'>;
}

export const DEFAULT_CACHE_TTL_MS = 3_600_000;
export const DEFAULT_REQUEST_BUDGET = 3000;

/**
 * Invoice amounts: the schema does not state the unit. Team invoices are integers (examples
 * 25000, 100000) and read as cents; account invoices are typed `number` (example 100.0), but
 * public code that reads the live API divides account `total` by 100 ("heroku returns this * 100").
 * Both are therefore read as cents. Said next to every invoice figure.
 */
export const INVOICE_UNIT_NOTE =
  'Heroku does not document invoice units; amounts are read as cents (team invoices are integers, and live account invoices have been observed as cents).';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const enc = encodeURIComponent;
const REGIMES: readonly ComplianceRegime[] = ['HIPAA', 'PCI'];
const TEAM_ROLES: readonly TeamRole[] = ['admin', 'collaborator', 'member', 'owner'];

/** Live Heroku data: inventory, run-rate, workloads, invoices, team usage, compliance facts, snapshots. */
export class HerokuSource {
  readonly api: HerokuApi;
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly defaultTeams: string[] | undefined;
  private readonly fallback: (sizeName: string) => number | undefined;
  private readonly cacheTtlMs: number;
  private readonly requestBudget: number;
  private readonly catalog: Catalog | undefined;
  private readonly planCompliance = new Map<string, ComplianceRegime[] | null>();
  /**
   * The last value of each cache key this process read or fetched, with when it was stored: served
   * as is while younger than the TTL, so a 500-app inventory is not read back and parsed from the
   * store on every answer, and views of it (`inventoryOnAwsSteps`) can be remembered per object.
   */
  private readonly recent = new Map<string, { value: unknown; storedAt: Date }>();

  constructor(options: HerokuSourceOptions) {
    this.store = options.store;
    this.now = options.now;
    const teams = (options.teams ?? []).map((team) => team.trim()).filter(Boolean);
    this.defaultTeams = teams.length > 0 ? teams : undefined;
    this.fallback = options.fallbackDynoMonthlyCents ?? (() => undefined);
    this.catalog = options.catalog;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.requestBudget = options.requestBudget ?? DEFAULT_REQUEST_BUDGET;
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
   */
  inventory(options: { teams?: readonly string[]; refresh?: boolean } = {}): Promise<Fetched<HerokuInventory>> {
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
      () => this.fetchInventory(teams),
      (value): value is HerokuInventory =>
        typeof value === 'object' && value !== null && (value as HerokuInventory).version === 1,
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
    const [accountRaw, teamsRaw, sizesRaw] = await Promise.all([
      api.get('/account', accountWire, budget),
      api.list('/teams', teamWire, budget),
      api.list('/dyno-sizes', dynoSizeWire, budget),
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

    const dynoSizes = sizesRaw.map((size) => this.toDynoSize(size));
    const gaps: HerokuInventory['gaps'] = [];
    const [formations, memberLists] = await Promise.all([
      Promise.all(
        [...apps.values()].map((app) =>
          api.list(`/apps/${enc(app.id)}/formation`, formationWire, budget).catch((error: unknown) => {
            // Deleted between the listing and now: it no longer runs, so it is not in the inventory.
            if (error instanceof SourceError && error.kind === 'not-found') return undefined;
            throw error;
          }),
        ),
      ),
      Promise.all(
        selected.map((team) =>
          api.list(`/teams/${enc(team.id)}/members`, teamMemberWire, budget, 'email').catch((error: unknown) => {
            if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
              gaps.push({ what: `members of team ${team.name}`, reason: error.message });
              return [] as TeamMemberWire[];
            }
            throw error;
          }),
        ),
      ),
    ]);

    const addOnsByApp = new Map<string, HerokuAddOn[]>();
    const seenAddOns = new Set<string>();
    for (const addOn of addOnsRaw) {
      if (seenAddOns.has(addOn.id) || addOn.state === 'deprovisioned') continue;
      seenAddOns.add(addOn.id);
      const list = addOnsByApp.get(addOn.app.id) ?? [];
      list.push(toAddOn(addOn));
      addOnsByApp.set(addOn.app.id, list);
    }
    for (const list of addOnsByApp.values()) list.sort(byAddOn);

    const sizeIndex = indexSizes(dynoSizes);
    const inventoryApps: HerokuApp[] = [];
    [...apps.values()].forEach((app, index) => {
      const formation = formations[index];
      if (!formation) return;
      inventoryApps.push({
        id: app.id,
        name: app.name,
        team: app.team ? { id: app.team.id, name: app.team.name } : null,
        ownerEmail: app.owner?.email ?? null,
        region: app.region?.name ?? null,
        space: app.space ? { id: app.space.id, name: app.space.name, shield: app.space.shield === true } : null,
        formation: formation.map((entry) => this.toFormation(entry, sizeIndex)).sort(byProcessType),
        addOns: addOnsByApp.get(app.id) ?? [],
      });
    });
    inventoryApps.sort((a, b) => a.name.localeCompare(b.name));

    const spaces = new Map<string, HerokuSpace>();
    for (const space of spacesRaw) {
      spaces.set(space.id, {
        id: space.id,
        name: space.name,
        shield: space.shield === true,
        team: space.team?.name ?? null,
      });
    }

    const members: HerokuTeamMember[] = selected.flatMap((team, index) =>
      memberLists[index].map((member) => ({
        team: { id: team.id, name: team.name },
        email: member.email,
        role: member.role ?? null,
        twoFactor: member.two_factor_authentication === true,
      })),
    );

    return {
      version: 1,
      fetchedAt: fetchedAt.toISOString(),
      scope: wantedTeams ? [...wantedTeams] : 'all',
      account: {
        id: accountRaw.id,
        email: accountRaw.email,
        twoFactor: accountRaw.two_factor_authentication === true,
      },
      teams: selected,
      apps: inventoryApps,
      dynoSizes,
      spaces: [...spaces.values()].sort((a, b) => a.name.localeCompare(b.name)),
      members: members.sort((a, b) => a.team.name.localeCompare(b.team.name) || a.email.localeCompare(b.email)),
      gaps,
      requests: budget.used,
    };
  }

  private toDynoSize(size: DynoSizeWire): HerokuDynoSize {
    const cost = size.cost ? { cents: size.cost.cents ?? null, unit: size.cost.unit ?? null } : null;
    const fromApi = cost?.cents != null && cost.unit?.toLowerCase() === 'month' ? cost.cents : undefined;
    const fromCatalog = fromApi === undefined ? this.catalogPrice(size.name) : undefined;
    const monthlyCents = fromApi ?? fromCatalog ?? null;
    return {
      id: size.id,
      name: size.name,
      memoryGb: size.memory,
      compute: size.compute,
      dedicated: size.dedicated === true,
      privateSpaceOnly: size.private_space_only === true,
      preciseDynoUnits: size.precise_dyno_units ?? null,
      cost,
      monthlyCents,
      priceFrom: fromApi !== undefined ? 'api' : fromCatalog !== undefined ? 'catalog' : null,
    };
  }

  private catalogPrice(sizeName: string): number | undefined {
    const cents = this.fallback(sizeName.toLowerCase());
    return cents !== undefined && Number.isSafeInteger(cents) && cents >= 0 ? cents : undefined;
  }

  private toFormation(entry: FormationWire, sizes: SizeIndex): HerokuFormation {
    const sizeName = entry.dyno_size?.name ?? entry.size ?? 'unknown';
    const size =
      (entry.dyno_size?.id ? sizes.byId.get(entry.dyno_size.id) : undefined) ??
      sizes.byName.get(sizeName.toLowerCase());
    const lower = (size?.name ?? sizeName).toLowerCase();
    const catalog = size ? undefined : this.catalogPrice(lower);
    return {
      type: entry.type,
      quantity: entry.quantity,
      size: lower,
      sizeName,
      memoryGb: size?.memoryGb ?? null,
      compute: size?.compute ?? null,
      dedicated: size?.dedicated ?? false,
      monthlyCents: size ? size.monthlyCents : (catalog ?? null),
      priceFrom: size ? size.priceFrom : catalog !== undefined ? 'catalog' : null,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Pure views of an inventory

  /** What today's formation and add-ons cost a month, exact to the cent; contract and unpriced items apart. */
  runRate(inventory: HerokuInventory): HerokuRunRate {
    return herokuRunRate(inventory.apps);
  }

  appWorkload(inventory: HerokuInventory, appName: string): Workload {
    return appWorkload(inventory, appName, this.catalog);
  }

  workloadForApp(app: HerokuApp): Workload {
    return workloadForApp(app, this.catalog);
  }

  /** Rows for store.putSnapshot: each app's formation and add-ons, with the day's prices. */
  snapshot(inventory: HerokuInventory, day: string): HerokuSnapshot[] {
    utcDays(day, day); // validates the day
    const takenAt = this.now();
    return inventory.apps.map((app) => ({ day, app: app.name, data: snapshotData(app), takenAt }));
  }

  /** Cost of what ran on the UTC days fromDay <= d < toDay, from the stored snapshots (monthly caps exact). */
  async weeklyCost(fromDay: string, toDay: string): Promise<HerokuPeriodCost> {
    const rows = await this.store.snapshots(monthStart(fromDay), toDay);
    return weeklyCostFromSnapshots(rows, fromDay, toDay);
  }

  // ------------------------------------------------------------------------------------------
  // Compliance

  /**
   * The facts live compliance checks need: each app's space (Shield or not) and add-on plans with
   * their declared compliance regimes, and every member's 2FA. Each distinct plan is fetched once
   * (and remembered for the life of this source).
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
    };
  }

  private async readPlanCompliance(inventory: HerokuInventory, budget: RequestBudget): Promise<void> {
    const planIds = new Set<string>();
    for (const app of inventory.apps) {
      for (const addOn of app.addOns) if (!this.planCompliance.has(addOn.planId)) planIds.add(addOn.planId);
    }
    budget.ensure(planIds.size, `${planIds.size} add-on plans to look up`);
    await Promise.all(
      [...planIds].map(async (planId) => {
        try {
          const plan = await this.api.get(`/plans/${enc(planId)}`, planWire, budget);
          const regimes = plan.compliance?.filter((regime): regime is ComplianceRegime =>
            REGIMES.includes(regime as ComplianceRegime),
          );
          this.planCompliance.set(planId, regimes ?? null);
        } catch (error) {
          if (error instanceof SourceError && error.kind === 'not-found') this.planCompliance.set(planId, null);
          else throw error;
        }
      }),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Invoices and team usage

  /** Account invoices and the invoices of every team the token sees (cached like the inventory). */
  invoices(options: { refresh?: boolean } = {}): Promise<Fetched<HerokuInvoices>> {
    return this.cached(
      'heroku:invoices:v1',
      options.refresh ?? false,
      () => this.fetchInvoices(),
      (value): value is HerokuInvoices =>
        typeof value === 'object' && value !== null && Array.isArray((value as HerokuInvoices).invoices),
    );
  }

  private fetchInvoices(): Promise<HerokuInvoices> {
    return new RequestBudget(this.requestBudget, 'a Heroku invoice listing').run((budget) => this.readInvoices(budget));
  }

  private async readInvoices(budget: RequestBudget): Promise<HerokuInvoices> {
    const unavailable: HerokuInvoices['unavailable'] = [];
    const readable = async <T>(scope: string, fetch: () => Promise<T[]>): Promise<T[]> => {
      try {
        return await fetch();
      } catch (error) {
        if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
          unavailable.push({ scope, reason: error.message });
          return [];
        }
        throw error;
      }
    };
    const [accountInvoices, teams] = await Promise.all([
      readable('account', () => this.api.list('/account/invoices', invoiceWire, budget)),
      this.api.list('/teams', teamWire, budget),
    ]);
    const teamInvoices = await Promise.all(
      teams.map((team) =>
        readable(team.name, () => this.api.list(`/teams/${enc(team.id)}/invoices`, teamInvoiceWire, budget)),
      ),
    );
    const invoices: HerokuInvoice[] = [
      ...accountInvoices.map((invoice) => toInvoice(invoice, 'account')),
      ...teams.flatMap((team, index) =>
        teamInvoices[index].map((invoice) => toTeamInvoice(invoice, { id: team.id, name: team.name })),
      ),
    ];
    invoices.sort(
      (a, b) => b.periodStart.localeCompare(a.periodStart) || (a.team?.name ?? '').localeCompare(b.team?.name ?? ''),
    );
    return { invoices, unavailable, unitNote: INVOICE_UNIT_NOTE };
  }

  /**
   * Monthly usage of an Enterprise team (dyno units and add-on credits, not dollars). A team that
   * is not Enterprise, or a token that may not see its usage, gives `{ available: false, reason }`.
   */
  async teamUsage(team: string, month: string): Promise<HerokuTeamUsage> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
    const budget = new RequestBudget(Math.min(this.requestBudget, 20), 'a Heroku team usage request');
    let ref: HerokuRef;
    try {
      const found = await this.api.get(`/teams/${enc(team)}`, teamWire, budget);
      ref = { id: found.id, name: found.name };
    } catch (error) {
      if (error instanceof SourceError && (error.kind === 'not-found' || error.kind === 'permission')) {
        return { available: false, reason: `This Heroku token sees no team "${team}".` };
      }
      throw error;
    }
    if (!UUID.test(ref.id)) {
      throw new SourceError('heroku', 'bad-response', `Heroku gave team ${ref.name} an id that is not a UUID.`);
    }
    try {
      const rows = await this.api.get(
        `/teams/${enc(ref.id)}/usage/monthly?start=${month}&end=${month}`,
        z.array(teamMonthlyUsageWire),
        budget,
      );
      const rowsForMonth = rows.filter((row) => row.month === month);
      const sum = (pick: (row: (typeof rows)[number]) => number | null | undefined) =>
        rowsForMonth.reduce((total, row) => total.plus(pick(row) ?? 0), new Decimal(0)).toNumber();
      const appTotals = new Map<string, { dynos: Decimal; data: Decimal; partner: Decimal }>();
      for (const row of rowsForMonth) {
        for (const app of row.apps ?? []) {
          const totals = appTotals.get(app.app_name) ?? {
            dynos: new Decimal(0),
            data: new Decimal(0),
            partner: new Decimal(0),
          };
          totals.dynos = totals.dynos.plus(app.dynos ?? 0);
          totals.data = totals.data.plus(app.data ?? 0);
          totals.partner = totals.partner.plus(app.partner ?? 0);
          appTotals.set(app.app_name, totals);
        }
      }
      const firstParty = sum((row) => row.data);
      const partner = sum((row) => row.partner);
      return {
        available: true,
        team: ref,
        month,
        totals: {
          dynoUnits: sum((row) => row.dynos),
          addonCredits: new Decimal(firstParty).plus(partner).toNumber(),
          firstPartyCredits: firstParty,
          partnerCredits: partner,
          spaceCredits: sum((row) => row.space),
          connectRows: sum((row) => row.connect),
        },
        apps: [...appTotals.entries()]
          .map(([app, totals]) => ({
            app,
            dynoUnits: totals.dynos.toNumber(),
            addonCredits: totals.data.plus(totals.partner).toNumber(),
            firstPartyCredits: totals.data.toNumber(),
            partnerCredits: totals.partner.toNumber(),
          }))
          .sort((a, b) => b.dynoUnits - a.dynoUnits || a.app.localeCompare(b.app)),
        note: 'Heroku reports Enterprise usage in dyno units and add-on credits, not dollars; their price is set by your contract.',
      };
    } catch (error) {
      if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
        const status = error.kind === 'permission' ? '403 Forbidden' : '404 Not Found';
        return {
          available: false,
          reason:
            `Heroku has no usage to show for team ${ref.name} (${status}). ` +
            'Usage is reported only for Heroku Enterprise teams, to their admins.',
        };
      }
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
  ): Promise<Fetched<T>> {
    const now = this.now();
    const fresh = (storedAt: Date) => !refresh && now.getTime() - storedAt.getTime() < this.cacheTtlMs;
    const held = this.recent.get(key) as { value: T; storedAt: Date } | undefined;
    if (held && fresh(held.storedAt)) return { value: held.value, asOf: held.storedAt, fromCache: true };
    const entry = await this.store.cacheGet<unknown>(key);
    let usable = entry && isValue(entry.value) ? { value: entry.value, storedAt: entry.storedAt } : undefined;
    // Another replica may have stored a newer copy; the same copy keeps the object already held.
    if (usable && held && held.storedAt.getTime() === usable.storedAt.getTime()) usable = held;
    if (usable && fresh(usable.storedAt)) {
      this.recent.set(key, usable);
      return { value: usable.value, asOf: usable.storedAt, fromCache: true };
    }
    try {
      const value = await fetch();
      await this.store.cachePut(key, value, now);
      this.recent.set(key, { value, storedAt: now });
      return { value, asOf: now, fromCache: false };
    } catch (error) {
      if (error instanceof SourceError && usable) {
        return { value: usable.value, asOf: usable.storedAt, fromCache: true, staleBecause: error };
      }
      throw error;
    }
  }
}

// --------------------------------------------------------------------------------------------

function toTeam(team: TeamWire): HerokuTeam {
  return { id: team.id, name: team.name, type: team.type ?? null, role: team.role ?? null };
}

function selectTeams(teams: readonly HerokuTeam[], wanted: readonly string[]): HerokuTeam[] {
  const selected: HerokuTeam[] = [];
  const missing: string[] = [];
  for (const name of wanted) {
    const lower = name.toLowerCase();
    const team = teams.find((candidate) => candidate.name.toLowerCase() === lower || candidate.id === name);
    if (!team) missing.push(name);
    else if (!selected.includes(team)) selected.push(team);
  }
  if (missing.length > 0) {
    const visible = teams.map((team) => team.name).sort();
    throw new SourceError(
      'heroku',
      'not-found',
      `HEROKU_TEAMS names ${missing.map((name) => `"${name}"`).join(', ')}, which this Heroku token does not see ` +
        `(teams it sees: ${visible.length > 0 ? visible.join(', ') : 'none'}).`,
    );
  }
  return selected;
}

function toAddOn(addOn: AddOnWire): HerokuAddOn {
  const service = addOn.addon_service.name;
  const planName = addOn.plan.name;
  const plan = planName.startsWith(`${service}:`) ? planName.slice(service.length + 1) : planName;
  const billed = addOn.billed_price
    ? {
        cents: addOn.billed_price.cents,
        contract: addOn.billed_price.contract === true,
        unit: addOn.billed_price.unit ?? null,
      }
    : null;
  const contract = billed?.contract === true;
  const perMonth = billed !== null && (billed.unit === null || billed.unit.toLowerCase() === 'month');
  return {
    id: addOn.id,
    name: addOn.name,
    service,
    plan,
    planName,
    planId: addOn.plan.id,
    billedPrice: billed,
    monthlyCents: billed && !contract && perMonth ? billed.cents : null,
    contract,
    priceUnit: billed && !perMonth ? billed.unit : null,
    state: addOn.state ?? null,
  };
}

/** Stable orders, so equal inventories are equal objects: web first, then by name. */
const byProcessType = (a: HerokuFormation, b: HerokuFormation) =>
  Number(b.type === 'web') - Number(a.type === 'web') || a.type.localeCompare(b.type);
const byAddOn = (a: HerokuAddOn, b: HerokuAddOn) =>
  a.service.localeCompare(b.service) || a.plan.localeCompare(b.plan) || a.id.localeCompare(b.id);

interface SizeIndex {
  byId: Map<string, HerokuDynoSize>;
  byName: Map<string, HerokuDynoSize>;
}

/** Formation spells sizes `Standard-2X`, /dyno-sizes `standard-2X`: match by id, then by name in any case. */
function indexSizes(sizes: readonly HerokuDynoSize[]): SizeIndex {
  return {
    byId: new Map(sizes.map((size) => [size.id, size])),
    byName: new Map(sizes.map((size) => [size.name.toLowerCase(), size])),
  };
}

/** `01/31/2014` or `2014-01-31[T…]` → `2014-01-31`; anything else as sent. */
export function invoiceDay(value: string): string {
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return iso ? iso[1] : value;
}

function cents(value: number): number {
  return new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

function toInvoice(invoice: InvoiceWire, scope: 'account'): HerokuInvoice {
  return {
    scope,
    id: invoice.id,
    number: invoice.number ?? null,
    periodStart: invoiceDay(invoice.period_start),
    periodEnd: invoiceDay(invoice.period_end),
    state: invoice.state ?? null,
    chargesCents: cents(invoice.charges_total),
    creditsCents: cents(invoice.credits_total),
    totalCents: cents(invoice.total),
  };
}

function toTeamInvoice(invoice: TeamInvoiceWire, team: HerokuRef): HerokuInvoice {
  return {
    ...toInvoice(invoice, 'account'),
    scope: 'team',
    team,
    ...(invoice.addons_total != null ? { addonsCents: cents(invoice.addons_total) } : {}),
    ...(invoice.database_total != null ? { databaseCents: cents(invoice.database_total) } : {}),
    ...(invoice.platform_total != null ? { platformCents: cents(invoice.platform_total) } : {}),
    ...(invoice.dyno_units != null ? { dynoUnits: invoice.dyno_units } : {}),
    ...(invoice.payment_status ? { paymentStatus: invoice.payment_status } : {}),
  };
}
