/**
 * A local Heroku Platform API for tests and benchmarks, speaking the real wire protocol
 * (docs/references.md#heroku-platform-api): `Accept: application/vnd.heroku+json; version=3` required, Basic `:token` and
 * Bearer auth, Range / 206 / Next-Range paging that honours `max` and the sortable fields of each
 * list (team members sort by `email` only), RateLimit-Remaining on every response from a per-token
 * pool that refills at 75 a minute, 429 `{"id":"rate_limit"}` when it is empty.
 *
 * Seed it with a HerokuWorld (accounts, teams, apps, formation, add-ons, plans, dyno sizes,
 * spaces, members, invoices, team usage) built by hand or with `generateWorld`. Inject failures
 * with `inject` (429 midway, 5xx bursts, slow answers, malformed JSON, dropped connections,
 * 401, 403). Every request is logged (never the token). Every request must be a link of the
 * official schema fixture and every resource served must match it (checked with ajv, see
 * heroku-schema.ts); violations collect in `schemaViolations`.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { herokuRequestProblem, validateHerokuResource } from './heroku-schema';

export { validateHerokuResource };

// =============================================================================================
// The world: wire-level JSON as Heroku returns it

type Json = Record<string, unknown>;
export interface Ref {
  id: string;
  name: string;
}

export interface TeamJson extends Json {
  id: string;
  name: string;
  type: 'team' | 'enterprise';
}
export interface AppJson extends Json {
  id: string;
  name: string;
  team: Ref | null;
  space: { id: string; name: string; shield: boolean } | null;
}
export interface FormationJson extends Json {
  type: string;
  quantity: number;
  dyno_size: { id?: string; name: string };
}
export interface AddOnJson extends Json {
  id: string;
  addon_service: Ref;
  plan: Ref;
  app: Ref;
  billed_price: { cents: number; contract: boolean; unit: string } | null;
  state: 'provisioning' | 'provisioned' | 'deprovisioned';
}
export interface DynoSizeJson extends Json {
  id: string;
  name: string;
  memory: number;
  compute: number;
  cost: { cents: number; unit: string } | null;
}
export interface SpaceJson extends Json {
  id: string;
  name: string;
  shield: boolean;
  team: Ref;
}
export interface MemberJson extends Json {
  email: string;
  two_factor_authentication: boolean;
}
export interface PlanJson extends Json {
  id: string;
  name: string;
  compliance: ('HIPAA' | 'PCI')[] | null;
}

export interface PipelineJson extends Json {
  id: string;
  name: string;
}
export interface CouplingJson extends Json {
  app: { id: string };
  pipeline: { id: string };
  stage: 'test' | 'review' | 'development' | 'staging' | 'production';
}

export interface FormationSpec {
  type: string;
  quantity: number;
  /** A dyno size name in any case: `standard-2x`, `Performance-M`. */
  size: string;
  /** Leave out dyno_size.id, so clients must match the size by name. */
  withoutSizeId?: boolean;
}

export interface AddOnSpec {
  service: string;
  plan: string;
  /** Monthly cents of the plan and of billed_price. */
  cents?: number;
  /** billed_price.contract (and plan.price.contract). */
  contract?: boolean;
  /** `none`: billed_price is null. */
  billed?: 'none';
  unit?: string;
  compliance?: ('HIPAA' | 'PCI')[] | null;
  state?: AddOnJson['state'];
}

/** Dyno sizes as GET /dyno-sizes lists them. `cost: null` where the live API is unconfirmed (Private/Shield). */
const DEFAULT_DYNO_SIZES: readonly {
  name: string;
  memory: number;
  compute: number;
  dedicated: boolean;
  privateOnly: boolean;
  cents: number | null;
  units: number;
}[] = [
  { name: 'eco', memory: 0.5, compute: 1, dedicated: false, privateOnly: false, cents: null, units: 0 },
  { name: 'basic', memory: 0.5, compute: 1, dedicated: false, privateOnly: false, cents: 700, units: 0.28 },
  { name: 'standard-1X', memory: 0.5, compute: 1, dedicated: false, privateOnly: false, cents: 2500, units: 1 },
  { name: 'standard-2X', memory: 1, compute: 2, dedicated: false, privateOnly: false, cents: 5000, units: 2 },
  { name: 'performance-M', memory: 2.5, compute: 2, dedicated: true, privateOnly: false, cents: 25000, units: 8 },
  { name: 'performance-L', memory: 14, compute: 8, dedicated: true, privateOnly: false, cents: 50000, units: 16 },
  { name: 'performance-L-RAM', memory: 30, compute: 4, dedicated: true, privateOnly: false, cents: null, units: 16 },
  { name: 'private-S', memory: 1, compute: 2, dedicated: true, privateOnly: true, cents: null, units: 5 },
  { name: 'private-M', memory: 2.5, compute: 2, dedicated: true, privateOnly: true, cents: null, units: 10 },
  { name: 'private-L', memory: 14, compute: 8, dedicated: true, privateOnly: true, cents: null, units: 20 },
  { name: 'shield-S', memory: 1, compute: 2, dedicated: true, privateOnly: true, cents: null, units: 6 },
  { name: 'shield-M', memory: 2.5, compute: 2, dedicated: true, privateOnly: true, cents: null, units: 12 },
  { name: 'shield-L', memory: 14, compute: 8, dedicated: true, privateOnly: true, cents: null, units: 24 },
];

/** A small deterministic PRNG (mulberry32), so generated worlds are the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIME = '2026-01-05T10:00:00Z';
const US_REGION = { id: '59accabd-516d-4f0e-83e6-6e3757701145', name: 'us' };
const STACK = { id: '69bee368-352b-4bd0-9b7e-6f2a7d4c5a01', name: 'heroku-24' };
const CEDAR = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'cedar' };

/** A Heroku account's worth of data, wire-shaped. Mutable: tests may scale or delete things. */
export class HerokuWorld {
  account: Json;
  readonly teams: TeamJson[] = [];
  readonly apps: AppJson[] = [];
  readonly formations = new Map<string, FormationJson[]>();
  readonly addOns: AddOnJson[] = [];
  /** App id → ids of other apps' add-ons attached to it (`heroku addons:attach`). */
  readonly attachments = new Map<string, string[]>();
  readonly dynoSizes: DynoSizeJson[] = [];
  readonly spaces: SpaceJson[] = [];
  readonly members = new Map<string, MemberJson[]>();
  readonly plans: PlanJson[] = [];
  readonly invoices: Json[] = [];
  readonly teamInvoices = new Map<string, Json[]>();
  readonly teamUsage = new Map<string, Json[]>();
  readonly pipelines: PipelineJson[] = [];
  readonly couplings: CouplingJson[] = [];
  /** Buildpack installations by app id, in ordinal order. */
  readonly buildpacks = new Map<string, Json[]>();
  /** Config vars by app id: names AND values, as Heroku holds them (tests check values never leak). */
  readonly configVars = new Map<string, Record<string, string>>();
  private readonly random: () => number;
  private readonly services = new Map<string, Ref>();

  constructor(options: { seed?: number; email?: string; twoFactor?: boolean } = {}) {
    this.random = seededRandom(options.seed ?? 42);
    const email = options.email ?? 'owner@example.com';
    this.account = {
      allow_tracking: true,
      beta: false,
      created_at: TIME,
      email,
      federated: false,
      id: this.uuid(),
      identity_provider: null,
      last_login: TIME,
      name: 'Owner',
      sms_number: null,
      suspended_at: null,
      delinquent_at: null,
      two_factor_authentication: options.twoFactor ?? true,
      updated_at: TIME,
      verified: true,
      country_of_residence: 'United States',
      default_organization: null,
      default_team: null,
    };
    for (const size of DEFAULT_DYNO_SIZES) {
      this.dynoSizes.push({
        architecture: 'amd64',
        compute: size.compute,
        cost: size.cents === null ? null : { cents: size.cents, unit: 'month' },
        dedicated: size.dedicated,
        precise_dyno_units: size.units,
        generation: CEDAR,
        id: this.uuid(),
        memory: size.memory,
        name: size.name,
        private_space_only: size.privateOnly,
      });
    }
  }

  /** A random-looking but reproducible UUID. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  get accountEmail(): string {
    return String(this.account.email);
  }

  addTeam(name: string, options: { type?: 'team' | 'enterprise'; role?: string } = {}): TeamJson {
    const team: TeamJson = {
      id: this.uuid(),
      created_at: TIME,
      credit_card_collections: false,
      default: false,
      enterprise_account: options.type === 'enterprise' ? { id: this.uuid(), name: `${name}-enterprise` } : null,
      identity_provider: null,
      membership_limit: null,
      name,
      provisioned_licenses: false,
      role: options.role ?? 'admin',
      type: options.type ?? 'team',
      updated_at: TIME,
    };
    this.teams.push(team);
    this.members.set(team.id, []);
    this.teamInvoices.set(team.id, []);
    this.teamUsage.set(team.id, []);
    return team;
  }

  team(nameOrId: string): TeamJson {
    const team = this.teams.find((candidate) => candidate.name === nameOrId || candidate.id === nameOrId);
    if (!team) throw new Error(`no team ${nameOrId}`);
    return team;
  }

  addSpace(name: string, options: { team: string; shield?: boolean }): SpaceJson {
    const team = this.team(options.team);
    const space: SpaceJson = {
      created_at: TIME,
      id: this.uuid(),
      name,
      organization: { name: team.name },
      team: { id: team.id, name: team.name },
      region: US_REGION,
      shield: options.shield ?? false,
      state: 'allocated',
      updated_at: TIME,
      cidr: '10.0.0.0/16',
      data_cidr: '172.23.0.0/20',
      generation: CEDAR,
    };
    this.spaces.push(space);
    return space;
  }

  dynoSize(name: string): DynoSizeJson {
    const size = this.dynoSizes.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!size) throw new Error(`no dyno size ${name}`);
    return size;
  }

  plan(service: string, plan: string, spec: Pick<AddOnSpec, 'cents' | 'contract' | 'unit' | 'compliance'> = {}) {
    const name = `${service}:${plan}`;
    const existing = this.plans.find((candidate) => candidate.name === name);
    if (existing) return existing;
    let serviceRef = this.services.get(service);
    if (!serviceRef) {
      serviceRef = { id: this.uuid(), name: service };
      this.services.set(service, serviceRef);
    }
    const created: PlanJson = {
      addon_service: serviceRef,
      created_at: TIME,
      compliance: spec.compliance ?? null,
      default: false,
      description: `${service} ${plan}`,
      human_name: plan,
      id: this.uuid(),
      installable_inside_private_network: true,
      installable_outside_private_network: true,
      name,
      price: { cents: spec.cents ?? 0, contract: spec.contract ?? false, unit: spec.unit ?? 'month' },
      space_default: false,
      state: 'public',
      updated_at: TIME,
      visible: true,
    };
    this.plans.push(created);
    return created;
  }

  addApp(
    name: string,
    options: {
      team?: string;
      space?: string;
      formation?: FormationSpec[];
      addOns?: AddOnSpec[];
      /** `heroku-24` (default), `heroku-22`… */
      stack?: string;
      /** `us` (default), `eu`. */
      region?: string;
      /** Buildpack names in order: `heroku/nodejs`. */
      buildpacks?: string[];
      /** Config vars the app sets itself (add-ons add theirs). */
      configVars?: Record<string, string>;
    } = {},
  ): AppJson {
    const team = options.team ? this.team(options.team) : undefined;
    const space = options.space ? this.spaces.find((candidate) => candidate.name === options.space) : undefined;
    if (options.space && !space) throw new Error(`no space ${options.space}`);
    const teamRef = team ? { id: team.id, name: team.name } : null;
    const app: AppJson = {
      acm: false,
      archived_at: null,
      buildpack_provided_description: 'Node.js',
      build_stack: STACK,
      created_at: TIME,
      generation: CEDAR,
      git_url: `https://git.heroku.com/${name}.git`,
      id: this.uuid(),
      internal_routing: space ? false : null,
      maintenance: false,
      name,
      owner: team
        ? { email: `${team.name}@herokumanager.com`, id: team.id }
        : { email: this.accountEmail, id: String(this.account.id) },
      organization: teamRef,
      team: teamRef,
      region: options.region && options.region !== 'us' ? { id: this.uuid(), name: options.region } : US_REGION,
      released_at: TIME,
      repo_size: null,
      slug_size: 52_428_800,
      space: space ? { id: space.id, name: space.name, shield: space.shield } : null,
      stack: options.stack && options.stack !== STACK.name ? { id: this.uuid(), name: options.stack } : STACK,
      updated_at: TIME,
      web_url: `https://${name}.herokuapp.com/`,
    };
    app.build_stack = app.stack;
    this.buildpacks.set(
      app.id,
      (options.buildpacks ?? []).map((buildpack, ordinal) => ({
        buildpack: {
          name: buildpack,
          url: buildpack.includes('://') ? buildpack : `heroku/${buildpack.split('/').pop()}`,
        },
        ordinal,
      })),
    );
    this.configVars.set(app.id, { ...(options.configVars ?? {}) });
    this.apps.push(app);
    this.formations.set(app.id, []);
    for (const formation of options.formation ?? []) this.setFormation(app.name, formation);
    for (const addOn of options.addOns ?? []) this.addAddOn(app.name, addOn);
    return app;
  }

  app(name: string): AppJson {
    const app = this.apps.find((candidate) => candidate.name === name || candidate.id === name);
    if (!app) throw new Error(`no app ${name}`);
    return app;
  }

  /** Sets (or adds) a process type of an app's formation. */
  setFormation(appName: string, spec: FormationSpec): FormationJson {
    const app = this.app(appName);
    // As Heroku's API does: a Shield space's dynos are named by their Private sizes (Shield-M reads
    // Private-M; the Heroku CLI renames them back to show and price them).
    const named = app.space?.shield ? spec.size.replace(/^shield-/i, 'private-') : spec.size;
    const size = this.dynoSize(named);
    // Formation spells sizes with a capital: `Standard-2X` where /dyno-sizes says `standard-2X`.
    const spelled = size.name.charAt(0).toUpperCase() + size.name.slice(1);
    const list = this.formations.get(app.id) ?? [];
    const existing = list.find((formation) => formation.type === spec.type);
    const formation: FormationJson = {
      app: { id: app.id, name: app.name },
      command: spec.type === 'web' ? 'npm start' : `npm run ${spec.type}`,
      created_at: TIME,
      dyno_size: spec.withoutSizeId ? { name: spelled } : { id: size.id, name: spelled },
      id: existing ? String(existing.id) : this.uuid(),
      quantity: spec.quantity,
      size: spelled,
      type: spec.type,
      updated_at: TIME,
    };
    if (existing) list.splice(list.indexOf(existing), 1, formation);
    else list.push(formation);
    this.formations.set(app.id, list);
    return formation;
  }

  addAddOn(appName: string, spec: AddOnSpec): AddOnJson {
    const app = this.app(appName);
    const plan = this.plan(spec.service, spec.plan, spec);
    const index = this.addOns.length + 1;
    const addOn: AddOnJson = {
      actions: [],
      addon_service: plan.addon_service as Ref,
      billing_entity: app.team
        ? { id: app.team.id, name: app.team.name, type: 'team' }
        : { id: app.id, name: app.name, type: 'app' },
      app: { id: app.id, name: app.name },
      billed_price:
        spec.billed === 'none'
          ? null
          : { cents: spec.cents ?? 0, contract: spec.contract ?? false, unit: spec.unit ?? 'month' },
      config_vars: [`${spec.service.toUpperCase().replace(/[^A-Z]/g, '_')}_URL`],
      created_at: TIME,
      id: this.uuid(),
      name: `${spec.service.replace(/^heroku-/, '')}-${spec.plan.replace(/[^a-z0-9]/gi, '')}-${index}`,
      plan: { id: plan.id, name: plan.name },
      provider_id: `resource${index}`,
      provision_message: 'ok',
      state: spec.state ?? 'provisioned',
      updated_at: TIME,
      web_url: null,
    };
    this.addOns.push(addOn);
    const vars = this.configVars.get(app.id);
    if (vars && addOn.state !== 'deprovisioned') {
      for (const name of addOn.config_vars as string[]) vars[name] = `redis://h:secret-${addOn.id}@example.com:6379`;
    }
    return addOn;
  }

  /**
   * Attaches an add-on another app owns (`heroku addons:attach <add-on> --app <app>`): the app then
   * lists it under /apps/{app}/addons with `app` still naming the owner, as Heroku does, and gets its config vars.
   */
  attachAddOn(addOnName: string, appName: string): void {
    const addOn = this.addOns.find((candidate) => candidate.name === addOnName);
    if (!addOn) throw new Error(`no add-on ${addOnName}`);
    const app = this.app(appName);
    this.attachments.set(app.id, [...(this.attachments.get(app.id) ?? []), addOn.id]);
    const vars = this.configVars.get(app.id);
    if (vars)
      for (const name of addOn.config_vars as string[]) vars[name] = `postgres://u:secret-${addOn.id}@example.com/db`;
  }

  /** A pipeline with apps coupled to stages (apps by name; they must exist). */
  addPipeline(name: string, stages: Partial<Record<CouplingJson['stage'], string[]>>, team?: string): PipelineJson {
    const pipeline: PipelineJson = {
      created_at: TIME,
      id: this.uuid(),
      name,
      owner: team ? { id: this.team(team).id, type: 'team' } : { id: String(this.account.id), type: 'user' },
      updated_at: TIME,
      generation: CEDAR,
    };
    this.pipelines.push(pipeline);
    for (const [stage, apps] of Object.entries(stages) as [CouplingJson['stage'], string[]][]) {
      for (const appName of apps) this.couple(pipeline, appName, stage);
    }
    return pipeline;
  }

  /** Couples an app (by name, or an id for an app this world does not hold) to a pipeline stage. */
  couple(pipeline: PipelineJson, app: string, stage: CouplingJson['stage']): CouplingJson {
    const id = this.apps.find((candidate) => candidate.name === app)?.id ?? app;
    const coupling: CouplingJson = {
      app: { id },
      created_at: TIME,
      id: this.uuid(),
      pipeline: { id: pipeline.id },
      stage,
      updated_at: TIME,
    };
    this.couplings.push(coupling);
    return coupling;
  }

  addMember(team: string, email: string, options: { twoFactor?: boolean; role?: string } = {}): MemberJson {
    const teamJson = this.team(team);
    const member: MemberJson = {
      created_at: TIME,
      email,
      federated: false,
      id: this.uuid(),
      identity_provider: null,
      role: options.role ?? 'member',
      two_factor_authentication: options.twoFactor ?? true,
      updated_at: TIME,
      user: { email, id: this.uuid(), name: email.split('@')[0] },
    };
    this.members.get(teamJson.id)?.push(member);
    return member;
  }

  /** An account invoice; amounts in cents (what the live API is seen to send). */
  addInvoice(periodStart: string, periodEnd: string, totals: { charges: number; credits: number }): Json {
    const invoice = {
      charges_total: totals.charges,
      created_at: TIME,
      credits_total: totals.credits,
      id: this.uuid(),
      number: 9_400_000 + this.invoices.length,
      period_end: periodEnd,
      period_start: periodStart,
      state: 1,
      total: totals.charges - totals.credits,
      updated_at: TIME,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  addTeamInvoice(
    team: string,
    periodStart: string,
    periodEnd: string,
    totals: { addons: number; database: number; platform: number; credits: number },
  ): Json {
    const charges = totals.addons + totals.database + totals.platform;
    const invoice = {
      addons_total: totals.addons,
      database_total: totals.database,
      charges_total: charges,
      created_at: TIME,
      credits_total: totals.credits,
      dyno_units: 12.5,
      id: this.uuid(),
      number: 9_500_000 + (this.teamInvoices.get(this.team(team).id)?.length ?? 0),
      payment_status: 'Paid',
      period_end: periodEnd,
      period_start: periodStart,
      platform_total: totals.platform,
      state: 1,
      total: charges - totals.credits,
      updated_at: TIME,
      weighted_dyno_hours: 9000,
    };
    this.teamInvoices.get(this.team(team).id)?.push(invoice);
    return invoice;
  }

  /** Monthly usage of an (Enterprise) team: credits and dyno units. */
  addTeamUsage(
    team: string,
    month: string,
    figures: { dynos: number; data: number; partner: number; space?: number; connect?: number },
    apps: { app_name: string; dynos: number; data: number; partner: number }[] = [],
  ): Json {
    const teamJson = this.team(team);
    const row = {
      addons: figures.data + figures.partner,
      apps: apps.map((app) => ({ ...app, addons: app.data + app.partner })),
      connect: figures.connect ?? 0,
      data: figures.data,
      dynos: figures.dynos,
      id: teamJson.id,
      month,
      name: teamJson.name,
      partner: figures.partner,
      space: figures.space ?? 0,
    };
    this.teamUsage.get(teamJson.id)?.push(row);
    return row;
  }
}

export interface GeneratedTeam {
  name: string;
  apps: number;
  type?: 'team' | 'enterprise';
  /** Members besides the owner; the first team's second member has no 2FA. Default 4. */
  members?: number;
}

/**
 * A large, varied account: personal apps plus team apps (some in a Shield or a plain Private
 * Space), formations over many dyno sizes (some only matchable by name, some scaled to 0), and
 * add-ons with list prices, contract prices (never $0) and missing prices.
 */
export function generateWorld(options: { personalApps: number; teams?: GeneratedTeam[]; seed?: number }): HerokuWorld {
  const world = new HerokuWorld({ seed: options.seed ?? 7 });
  const random = seededRandom((options.seed ?? 7) + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const commonSizes = ['basic', 'standard-1X', 'standard-2X', 'standard-2X', 'performance-M', 'performance-L'];
  const postgres = [
    { plan: 'essential-0', cents: 500 },
    { plan: 'essential-1', cents: 900 },
    { plan: 'standard-0', cents: 5000 },
    { plan: 'standard-2', cents: 20000 },
    { plan: 'premium-0', cents: 20000 },
  ];
  const keyValue = [
    { plan: 'mini', cents: 300 },
    { plan: 'premium-0', cents: 1500 },
    { plan: 'premium-1', cents: 3000 },
  ];

  const makeApp = (name: string, team?: string, space?: SpaceJson) => {
    const sizes = space ? (space.shield ? ['shield-S', 'shield-M'] : ['private-S', 'private-M']) : commonSizes;
    const formation: FormationSpec[] = [
      { type: 'web', quantity: 1 + Math.floor(random() * 3), size: pick(sizes), withoutSizeId: random() < 0.2 },
    ];
    if (random() < 0.5) formation.push({ type: 'worker', quantity: 1 + Math.floor(random() * 2), size: pick(sizes) });
    if (random() < 0.2) formation.push({ type: 'clock', quantity: 0, size: pick(sizes) });
    if (!team && random() < 0.03) formation.push({ type: 'release-watcher', quantity: 1, size: 'eco' });
    if (random() < 0.02) formation.push({ type: 'cruncher', quantity: 1, size: 'performance-L-RAM' });

    const addOns: AddOnSpec[] = [];
    if (space?.shield) {
      addOns.push({ service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA', 'PCI'] });
    } else if (random() < 0.6) {
      const choice = pick(postgres);
      addOns.push({ service: 'heroku-postgresql', plan: choice.plan, cents: choice.cents });
    }
    if (random() < 0.4) {
      const choice = pick(keyValue);
      addOns.push({ service: 'heroku-redis', plan: choice.plan, cents: choice.cents });
    }
    if (random() < 0.3) addOns.push({ service: 'papertrail', plan: 'fixa', cents: 700 });
    if (random() < 0.04) addOns.push({ service: 'enterprise-search', plan: 'dedicated', contract: true });
    if (random() < 0.03) addOns.push({ service: 'partner-metrics', plan: 'custom', billed: 'none' });
    if (random() < 0.02) addOns.push({ service: 'old-logs', plan: 'legacy', cents: 100, state: 'deprovisioned' });
    world.addApp(name, { team, space: space?.name, formation, addOns });
  };

  for (let i = 0; i < options.personalApps; i++) makeApp(`personal-app-${i}`);
  (options.teams ?? []).forEach((spec, teamIndex) => {
    const team = world.addTeam(spec.name, { type: spec.type ?? 'enterprise' });
    const spaces =
      team.type === 'enterprise'
        ? [
            world.addSpace(`${spec.name}-shield`, { team: spec.name, shield: true }),
            world.addSpace(`${spec.name}-private`, { team: spec.name, shield: false }),
          ]
        : [];
    world.addMember(spec.name, world.accountEmail, { role: 'admin', twoFactor: true });
    for (let m = 0; m < (spec.members ?? 4); m++) {
      world.addMember(spec.name, `dev${m}@${spec.name}.example.com`, { twoFactor: !(teamIndex === 0 && m === 1) });
    }
    for (let i = 0; i < spec.apps; i++) {
      const space = spaces.length > 0 && random() < 0.3 ? pick(spaces) : undefined;
      makeApp(`${spec.name}-app-${i}`.slice(0, 30), spec.name, space);
    }
  });
  return world;
}

// =============================================================================================
// Failure injection and the request log

export type Fault =
  | { type: 'status'; status: number; id?: string; message?: string; headers?: Record<string, string> }
  /** 429 `{"id":"rate_limit"}`, optionally with Retry-After. */
  | { type: 'rate-limit'; retryAfterSeconds?: number }
  /** 200 with a body that is not JSON. */
  | { type: 'malformed-json' }
  /** An HTML error page with this status, as Heroku's router or a proxy sends when things break. */
  | { type: 'error-page'; status: number }
  /** Mid-body: headers and part of the body, then the socket is destroyed. Before headers: destroyed at once. */
  | { type: 'drop'; when?: 'mid-body' | 'before-headers' }
  /** Answer normally after a delay. */
  | { type: 'slow'; ms: number }
  /** Answer normally once `until` settles (the test opens a gate), or when the fake closes. */
  | { type: 'held'; until: Promise<unknown> }
  /** 401 `{"id":"unauthorized"}` as for a revoked token. */
  | { type: 'unauthorized' }
  /** 403 `{"id":"forbidden"}`. */
  | { type: 'forbidden' };

export interface FaultRule {
  /** Exact pathname (no query), or a pattern tested on the pathname. Omitted: every request. */
  path?: string | RegExp;
  /** Only requests whose Range header contains this (e.g. a page's start value). */
  range?: string | RegExp;
  /** Let this many matching requests through first. Default 0. */
  skip?: number;
  /** How many matching requests fail. Default 1; Infinity for all. */
  times?: number;
  fault: Fault;
}

export interface InjectedFault {
  readonly rule: FaultRule;
  /** Matching requests seen so far. */
  seen: number;
  /** Times the fault was applied. */
  hits: number;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  /** Pathname without the query. */
  path: string;
  query: string;
  range?: string;
  accept?: string;
  auth: 'basic' | 'bearer' | 'none' | 'malformed';
  tokenValid: boolean;
  userAgent?: string;
  status?: number;
  fault?: Fault['type'];
}

export interface FakeHerokuOptions {
  world?: HerokuWorld;
  /** The valid token; default a random `HRKU-…`. */
  token?: string;
  /** Rate-limit pool per token. Default 4,500 tokens refilled at 75 a minute. */
  rateLimit?: { limit?: number; remaining?: number; perMinute?: number };
  /** Delay before every answer, for benchmarks. */
  latencyMs?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** Milliseconds clock for the refill; default Date.now plus `advanceClock`. */
  clock?: () => number;
  /** Lists whose Range field is not sortable answer 416 (default true). */
  strictRanges?: boolean;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const ACCEPT = /application\/vnd\.heroku\+json;\s*version=3/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 200;

const error = (status: number, id: string, message: string, extra: Json = {}): Answer => ({
  status,
  body: { id, message, ...extra },
});

export class FakeHeroku {
  readonly world: HerokuWorld;
  readonly token: string;
  readonly log: LoggedRequest[] = [];
  /** TCP connections clients opened: fewer than requests when they keep connections alive. */
  connections = 0;
  readonly schemaViolations: string[] = [];
  url = '';
  latencyMs: number;

  private readonly server: http.Server | https.Server;
  private readonly scheme: 'http' | 'https';
  private readonly faults: InjectedFault[] = [];
  private readonly validTokens = new Set<string>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  /** Answers held on a gate, not yet sent. */
  private readonly held = new Set<() => void>();
  private readonly limit: number;
  private readonly perMinute: number;
  private readonly initialRemaining: number;
  private readonly clock: () => number;
  private readonly strictRanges: boolean;
  private clockOffset = 0;

  private constructor(options: FakeHerokuOptions) {
    this.world = options.world ?? new HerokuWorld();
    this.token = options.token ?? `HRKU-${this.world.uuid()}`;
    this.validTokens.add(this.token);
    this.limit = options.rateLimit?.limit ?? 4500;
    this.perMinute = options.rateLimit?.perMinute ?? 75;
    this.initialRemaining = options.rateLimit?.remaining ?? this.limit;
    this.latencyMs = options.latencyMs ?? 0;
    this.clock = options.clock ?? Date.now;
    this.strictRanges = options.strictRanges ?? true;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    this.scheme = options.tls ? 'https' : 'http';
    this.server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
    // TLS servers report the raw TCP connection too.
    this.server.on('connection', () => {
      this.connections += 1;
    });
  }

  static async start(options: FakeHerokuOptions = {}): Promise<FakeHeroku> {
    const fake = new FakeHeroku(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.url = `${fake.scheme}://127.0.0.1:${port}`;
    return fake;
  }

  /**
   * Answers every delayed (slow, held or latency) request at once, then closes. Killing them instead
   * would make heroku-client resend them 1-15 s later, after the test is gone.
   */
  async close(): Promise<void> {
    for (const [timer, action] of this.timers) {
      clearTimeout(timer);
      action();
    }
    this.timers.clear();
    for (const action of [...this.held]) action();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const force = setTimeout(() => this.server.closeAllConnections(), 500);
    force.unref();
    await closed;
    clearTimeout(force);
  }

  inject(rule: FaultRule): InjectedFault {
    const injected: InjectedFault = { rule, seen: 0, hits: 0 };
    this.faults.push(injected);
    return injected;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** From now on the token gets 401 `{"id":"unauthorized"}`. */
  revokeToken(token = this.token): void {
    this.validTokens.delete(token);
  }

  addToken(token: string): void {
    this.validTokens.add(token);
  }

  /** Moves the refill clock forward (time passing without waiting). */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  rateLimitRemaining(token = this.token): number {
    return Math.floor(this.bucket(token).tokens);
  }

  setRateLimitRemaining(remaining: number, token = this.token): void {
    this.bucket(token).tokens = remaining;
  }

  /** Logged requests whose path equals `path` or matches the pattern. */
  requestsTo(path: string | RegExp): LoggedRequest[] {
    return this.log.filter((entry) => (typeof path === 'string' ? entry.path === path : path.test(entry.path)));
  }

  private now(): number {
    return this.clock() + this.clockOffset;
  }

  private bucket(token: string): Bucket {
    let bucket = this.buckets.get(token);
    if (!bucket) {
      bucket = { tokens: this.initialRemaining, at: this.now() };
      this.buckets.set(token, bucket);
    }
    const now = this.now();
    bucket.tokens = Math.min(this.limit, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.set(timer, action);
  }

  // -------------------------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const { auth, token } = parseAuth(req.headers.authorization);
    const entry: LoggedRequest = {
      seq: this.log.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      ...(req.headers.range ? { range: String(req.headers.range) } : {}),
      ...(req.headers.accept ? { accept: String(req.headers.accept) } : {}),
      auth,
      tokenValid: token !== undefined && this.validTokens.has(token),
      ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']) } : {}),
    };
    this.log.push(entry);
    req.resume();

    const proceed = () => {
      const fault = this.matchFault(entry);
      if (fault) {
        entry.fault = fault.type;
        if (fault.type === 'slow') {
          this.later(fault.ms, () => this.answer(req, res, entry, url, token));
          return;
        }
        if (fault.type === 'held') {
          const action = () => {
            if (this.held.delete(action)) this.answer(req, res, entry, url, token);
          };
          this.held.add(action);
          fault.until.then(action, action);
          return;
        }
        this.applyFault(fault, res, entry, token);
        return;
      }
      this.answer(req, res, entry, url, token);
    };
    if (this.latencyMs > 0) this.later(this.latencyMs, proceed);
    else proceed();
  }

  private matchFault(entry: LoggedRequest): Fault | undefined {
    for (const injected of this.faults) {
      const { rule } = injected;
      if (rule.path !== undefined) {
        const ok = typeof rule.path === 'string' ? rule.path === entry.path : rule.path.test(entry.path);
        if (!ok) continue;
      }
      if (rule.range !== undefined) {
        const range = entry.range ?? '';
        const ok = typeof rule.range === 'string' ? range.includes(rule.range) : rule.range.test(range);
        if (!ok) continue;
      }
      injected.seen += 1;
      if (injected.seen <= (rule.skip ?? 0)) continue;
      if (injected.hits >= (rule.times ?? 1)) continue;
      injected.hits += 1;
      return rule.fault;
    }
    return undefined;
  }

  private rateHeader(token: string | undefined): Record<string, string> {
    const remaining = token && this.validTokens.has(token) ? this.rateLimitRemaining(token) : this.limit;
    return { 'RateLimit-Remaining': String(Math.max(0, remaining)) };
  }

  private send(res: http.ServerResponse, entry: LoggedRequest, token: string | undefined, answer: Answer): void {
    entry.status = answer.status;
    const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Request-Id': this.world.uuid(),
      ...this.rateHeader(token),
      ...answer.headers,
    });
    res.end(body);
  }

  private applyFault(fault: Fault, res: http.ServerResponse, entry: LoggedRequest, token: string | undefined): void {
    switch (fault.type) {
      case 'status':
        this.send(res, entry, token, {
          ...error(fault.status, fault.id ?? 'internal_server_error', fault.message ?? 'Internal server error.'),
          headers: fault.headers,
        });
        return;
      case 'rate-limit':
        this.send(res, entry, token, {
          ...error(
            429,
            'rate_limit',
            'Your account reached the API rate limit\nPlease wait a few minutes before making new requests',
          ),
          headers: fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {},
        });
        return;
      case 'unauthorized':
        this.send(res, entry, token, error(401, 'unauthorized', 'Invalid credentials provided.'));
        return;
      case 'forbidden':
        this.send(res, entry, token, error(403, 'forbidden', 'You do not have access to this resource.'));
        return;
      case 'error-page':
        entry.status = fault.status;
        res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          `<!DOCTYPE html><html><head><title>Application Error</title></head><body>${fault.status}</body></html>`,
        );
        return;
      case 'malformed-json':
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...this.rateHeader(token) });
        res.end('<html><body>502 Bad Gateway</body></html> {"id": ');
        return;
      case 'drop':
        entry.status = 0;
        if (fault.when === 'before-headers') {
          res.socket?.destroy();
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': '4096',
          ...this.rateHeader(token),
        });
        res.write('[{"id":"', () => res.socket?.destroy());
        return;
      case 'slow':
      case 'held':
        return;
    }
  }

  private answer(
    _req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: LoggedRequest,
    url: URL,
    token: string | undefined,
  ): void {
    if (!entry.accept || !ACCEPT.test(entry.accept)) {
      this.send(
        res,
        entry,
        token,
        error(
          400,
          'bad_request',
          "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`.",
        ),
      );
      return;
    }
    const anonymous = url.pathname.startsWith('/addon-services/');
    if (!anonymous || token !== undefined) {
      if (token === undefined || !this.validTokens.has(token)) {
        this.send(res, entry, token, error(401, 'unauthorized', 'Invalid credentials provided.'));
        return;
      }
    }
    if (token !== undefined && url.pathname !== '/account/rate-limits') {
      const bucket = this.bucket(token);
      if (bucket.tokens < 1) {
        this.send(
          res,
          entry,
          token,
          error(
            429,
            'rate_limit',
            'Your account reached the API rate limit\nPlease wait a few minutes before making new requests',
          ),
        );
        return;
      }
      bucket.tokens -= 1;
    }
    const problem = herokuRequestProblem(entry.method, url.pathname);
    if (problem) this.schemaViolations.push(problem);
    if (entry.method !== 'GET') {
      this.send(res, entry, token, error(405, 'method_not_allowed', 'Only GET is faked.'));
      return;
    }
    this.send(res, entry, token, this.route(url, entry));
  }

  // -------------------------------------------------------------------------------------------
  // Routes

  private route(url: URL, entry: LoggedRequest): Answer {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const w = this.world;
    const one = (definition: string, item: unknown, what: string): Answer =>
      item
        ? this.resource(definition, item)
        : error(404, 'not_found', `Couldn't find that ${what}.`, { resource: what });
    const list = (definition: string, items: readonly Json[], fields = ['id']): Answer =>
      this.page(definition, items, entry.range, fields);
    const teamBy = (key: string) => w.teams.find((team) => team.id === key || team.name === key);
    const appBy = (key: string) => w.apps.find((app) => app.id === key || app.name === key);
    const isOwner = (key: string) => ['~', w.accountEmail, String(w.account.id)].includes(key);
    const [a, b, c, d] = parts;

    switch (parts.length > 0 ? a : '') {
      case 'account':
        if (parts.length === 1) return this.resource('account', w.account);
        if (b === 'rate-limits' && parts.length === 2) {
          return { status: 200, body: { remaining: entry.tokenValid ? this.rateLimitRemaining(this.token) : 0 } };
        }
        if (b === 'invoices' && parts.length === 2) return list('invoice', w.invoices);
        if (b === 'invoices' && parts.length === 3) {
          return one(
            'invoice',
            w.invoices.find((invoice) => String(invoice.number) === c || invoice.id === c),
            'invoice',
          );
        }
        break;
      case 'teams': {
        if (parts.length === 1) return list('team', w.teams, ['id', 'name']);
        const team = teamBy(b);
        if (!team) return error(404, 'not_found', "Couldn't find that team.", { resource: 'team' });
        if (parts.length === 2) return this.resource('team', team);
        if (parts.length === 3 && c === 'apps') {
          return list(
            'app',
            w.apps.filter((app) => app.team?.id === team.id),
            ['id', 'name', 'updated_at'],
          );
        }
        if (parts.length === 3 && c === 'addons') {
          const ids = new Set(w.apps.filter((app) => app.team?.id === team.id).map((app) => app.id));
          return list(
            'add-on',
            w.addOns.filter((addOn) => ids.has(addOn.app.id)),
          );
        }
        if (parts.length === 3 && c === 'spaces') {
          return list(
            'space',
            w.spaces.filter((space) => space.team.id === team.id),
            ['id', 'name'],
          );
        }
        if (parts.length === 3 && c === 'members') {
          return list('team-member', w.members.get(team.id) ?? [], ['email']);
        }
        if (parts.length === 3 && c === 'invoices') return list('team-invoice', w.teamInvoices.get(team.id) ?? []);
        if (parts.length === 4 && c === 'usage' && (d === 'monthly' || d === 'daily')) {
          if (!UUID.test(b)) return error(404, 'not_found', "Couldn't find that team.", { resource: 'team' });
          if (team.type !== 'enterprise') {
            return error(403, 'forbidden', 'Usage is only available for Heroku Enterprise teams.');
          }
          const start = url.searchParams.get('start');
          if (!start) return error(422, 'invalid_params', 'start is required.');
          if (d === 'daily') return this.resource('team-daily-usage', [], true);
          const end = url.searchParams.get('end') ?? start;
          const rows = (w.teamUsage.get(team.id) ?? []).filter(
            (row) => String(row.month) >= start.slice(0, 7) && String(row.month) <= end.slice(0, 7),
          );
          return this.resource('team-monthly-usage', rows, true);
        }
        break;
      }
      case 'users':
        if (parts.length === 3 && isOwner(b) && c === 'apps') {
          return list(
            'app',
            w.apps.filter((app) => app.team === null),
            ['id', 'name', 'updated_at'],
          );
        }
        if (parts.length === 3 && isOwner(b) && c === 'addons') {
          const ids = new Set(w.apps.filter((app) => app.team === null).map((app) => app.id));
          return list(
            'add-on',
            w.addOns.filter((addOn) => ids.has(addOn.app.id)),
          );
        }
        if (parts.length === 2 && isOwner(b)) return this.resource('account', w.account);
        break;
      case 'apps': {
        if (parts.length === 1) return list('app', w.apps, ['id', 'name', 'updated_at']);
        const app = appBy(b);
        if (!app) return error(404, 'not_found', "Couldn't find that app.", { resource: 'app' });
        if (parts.length === 2) return this.resource('app', app);
        if (parts.length === 3 && c === 'formation') return list('formation', w.formations.get(app.id) ?? []);
        if (parts.length === 4 && c === 'formation') {
          return one(
            'formation',
            w.formations.get(app.id)?.find((f) => f.type === d || f.id === d),
            'formation',
          );
        }
        if (parts.length === 3 && c === 'addons') {
          // The app's own add-ons and those of other apps attached to it (`app` names the owner).
          const attached = new Set(w.attachments.get(app.id) ?? []);
          return list(
            'add-on',
            w.addOns.filter((addOn) => addOn.app.id === app.id || attached.has(addOn.id)),
          );
        }
        // Not paged by Heroku (no ranges in the schema): the whole list in order.
        if (parts.length === 3 && c === 'buildpack-installations') {
          return this.resource('buildpack-installation', w.buildpacks.get(app.id) ?? [], true);
        }
        if (parts.length === 3 && c === 'config-vars')
          return this.resource('config-var', w.configVars.get(app.id) ?? {});
        if (parts.length === 3 && c === 'pipeline-couplings') {
          return one(
            'pipeline-coupling',
            w.couplings.find((coupling) => coupling.app.id === app.id),
            'pipeline coupling',
          );
        }
        break;
      }
      case 'addons':
        if (parts.length === 1) return list('add-on', w.addOns);
        if (parts.length === 2)
          return one(
            'add-on',
            w.addOns.find((x) => x.id === b || x.name === b),
            'add-on',
          );
        break;
      case 'pipelines': {
        if (parts.length === 1) return list('pipeline', w.pipelines, ['id', 'name']);
        const pipeline = w.pipelines.find((x) => x.id === b || x.name === b);
        if (!pipeline) return error(404, 'not_found', "Couldn't find that pipeline.", { resource: 'pipeline' });
        if (parts.length === 2) return this.resource('pipeline', pipeline);
        if (parts.length === 3 && c === 'pipeline-couplings') {
          return list(
            'pipeline-coupling',
            w.couplings.filter((coupling) => coupling.pipeline.id === pipeline.id),
          );
        }
        break;
      }
      case 'pipeline-couplings':
        if (parts.length === 1) return list('pipeline-coupling', w.couplings);
        break;
      case 'dyno-sizes':
        if (parts.length === 1) return list('dyno-size', w.dynoSizes, ['id', 'name']);
        if (parts.length === 2) {
          return one(
            'dyno-size',
            w.dynoSizes.find((size) => size.id === b || size.name.toLowerCase() === b.toLowerCase()),
            'dyno size',
          );
        }
        break;
      case 'spaces':
        if (parts.length === 1) return list('space', w.spaces, ['id', 'name']);
        if (parts.length === 2)
          return one(
            'space',
            w.spaces.find((x) => x.id === b || x.name === b),
            'space',
          );
        break;
      case 'plans':
        if (parts.length === 2)
          return one(
            'plan',
            w.plans.find((plan) => plan.id === b || plan.name === b),
            'plan',
          );
        break;
      case 'addon-services': {
        const plans = w.plans.filter(
          (plan) => (plan.addon_service as Ref).name === b || (plan.addon_service as Ref).id === b,
        );
        if (parts.length === 3 && c === 'plans') return list('plan', plans, ['id', 'name']);
        if (parts.length === 4 && c === 'plans') {
          return one(
            'plan',
            plans.find((plan) => plan.id === d || plan.name === d || plan.name === `${b}:${d}`),
            'plan',
          );
        }
        break;
      }
    }
    return error(
      404,
      'not_found',
      'The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your intended version with the `Accept` header?',
    );
  }

  private resource(definition: string, body: unknown, isArray = false): Answer {
    const items = isArray ? (body as unknown[]) : [body];
    for (const item of items) this.recordViolations(definition, item);
    return { status: 200, body };
  }

  private recordViolations(definition: string, item: unknown): void {
    for (const problem of validateHerokuResource(definition, item)) this.schemaViolations.push(problem);
  }

  /** Ranges (https://devcenter.heroku.com/articles/platform-api-reference#ranges): `field [\]start]..[end][; max=N][, order=desc]`; 206 + Next-Range while more remain. */
  private page(definition: string, items: readonly Json[], rangeHeader: string | undefined, fields: string[]): Answer {
    const range = parseRange(rangeHeader ?? `${fields[0]} ..`);
    if (!range) return error(400, 'bad_request', `Invalid Range header: ${rangeHeader}`);
    if (!fields.includes(range.field)) {
      if (this.strictRanges) {
        return error(416, 'requested_range_not_satisfiable', `Invalid range: sort by one of ${fields.join(', ')}.`);
      }
      range.field = fields[0];
    }
    const key = (item: Json) => String(item[range.field] ?? '');
    const sorted = [...items].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    if (range.desc) sorted.reverse();
    const after = sorted.filter((item) => {
      if (range.start === '') return true;
      const value = key(item);
      const beyond = range.desc ? value < range.start : value > range.start;
      return beyond || (!range.exclusive && value === range.start);
    });
    const max = Math.min(MAX_PAGE, range.max ?? DEFAULT_PAGE);
    const pageItems = after.slice(0, max);
    for (const item of pageItems) this.recordViolations(definition, item);
    const headers: Record<string, string> = { 'Accept-Ranges': fields.join(', ') };
    if (pageItems.length > 0) {
      headers['Content-Range'] = `${range.field} ${key(pageItems[0])}..${key(pageItems[pageItems.length - 1])}`;
    }
    if (after.length > pageItems.length) {
      const last = key(pageItems[pageItems.length - 1]);
      headers['Next-Range'] = `${range.field} ]${last}..; max=${max}${range.desc ? ', order=desc' : ''}`;
      return { status: 206, body: pageItems, headers };
    }
    return { status: 200, body: pageItems, headers };
  }
}

function parseAuth(header: string | undefined): { auth: LoggedRequest['auth']; token?: string } {
  if (!header) return { auth: 'none' };
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return { auth: 'bearer', token: value };
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // heroku-client sends an empty user: `:<token>`; the CLI sends `email:<token>`. Both are accepted.
    return colon >= 0 ? { auth: 'basic', token: decoded.slice(colon + 1) } : { auth: 'malformed' };
  }
  return { auth: 'malformed' };
}

interface ParsedRange {
  field: string;
  start: string;
  exclusive: boolean;
  max?: number;
  desc: boolean;
}

function parseRange(header: string): ParsedRange | undefined {
  const semicolon = header.indexOf(';');
  const spec = (semicolon >= 0 ? header.slice(0, semicolon) : header).trim();
  const options = semicolon >= 0 ? header.slice(semicolon + 1) : '';
  const space = spec.indexOf(' ');
  const field = (space >= 0 ? spec.slice(0, space) : spec).trim();
  const bounds = space >= 0 ? spec.slice(space + 1).trim() : '..';
  const dots = bounds.lastIndexOf('..');
  if (!/^[a-z_]+$/.test(field) || dots < 0) return undefined;
  let start = bounds.slice(0, dots);
  const exclusive = start.startsWith(']');
  if (exclusive) start = start.slice(1);
  const range: ParsedRange = { field, start, exclusive, desc: false };
  for (const option of options.split(/[;,]/)) {
    const [name, value] = option.split('=').map((part) => part.trim());
    if (name === 'max') {
      const max = Number(value);
      if (!Number.isInteger(max) || max < 1) return undefined;
      range.max = max;
    } else if (name === 'order') range.desc = value === 'desc';
  }
  return range;
}
