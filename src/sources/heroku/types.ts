/**
 * Plain, JSON-safe data the Heroku source returns. Everything here survives a round trip through
 * the store's cache unchanged (no Dates, no Decimals, no classes).
 */

interface HerokuRef {
  id: string;
  name: string;
}

interface HerokuAccount {
  id: string;
  email: string;
  twoFactor: boolean;
}

export interface HerokuTeam extends HerokuRef {
  /** `enterprise` or `team` (Heroku's team.type). */
  type: string | null;
  /** The token owner's role in the team. */
  role: string | null;
}

type PriceSource = 'api' | 'catalog';

export interface HerokuDynoSize {
  id: string;
  /** As Heroku names it: `standard-2X`. */
  name: string;
  memoryGb: number;
  /** Heroku's `compute`: minimum vCPUs. */
  compute: number;
  dedicated: boolean;
  privateSpaceOnly: boolean;
  preciseDynoUnits: number | null;
  /** `cost` as the API sent it. */
  cost: { cents: number | null; unit: string | null } | null;
  /** Price of one dyno for a month: `cost.cents` when given per month, else the catalog's; null when neither knows. */
  monthlyCents: number | null;
  priceFrom: PriceSource | null;
}

export interface HerokuFormation {
  /** Process type: web, worker… */
  type: string;
  quantity: number;
  /** Dyno size in lower case: `standard-2x`. */
  size: string;
  /** The size as Heroku spelled it in the formation: `Standard-2X`. */
  sizeName: string;
  /** From GET /dyno-sizes; null when the size is not listed there. */
  memoryGb: number | null;
  compute: number | null;
  dedicated: boolean;
  /** Price of one dyno for a month; null when unknown. */
  monthlyCents: number | null;
  priceFrom: PriceSource | null;
}

export interface HerokuAddOn {
  id: string;
  /** The add-on's own name: `postgresql-curly-12345`. */
  name: string;
  /** `heroku-postgresql`. */
  service: string;
  /** Plan without the service prefix: `standard-0`. */
  plan: string;
  /** As Heroku names it: `heroku-postgresql:standard-0`. */
  planName: string;
  planId: string;
  /** `billed_price` as the API sent it. */
  billedPrice: { cents: number; contract: boolean; unit: string | null } | null;
  /** Monthly price in cents; null when contract-priced, not given, or not billed per month. */
  monthlyCents: number | null;
  contract: boolean;
  /** The billing unit when it is not `month`. */
  priceUnit: string | null;
  state: string | null;
}

interface HerokuSpaceRef {
  id: string;
  name: string;
  shield: boolean;
}

export interface HerokuApp {
  id: string;
  name: string;
  team: HerokuRef | null;
  ownerEmail: string | null;
  region: string | null;
  space: HerokuSpaceRef | null;
  formation: HerokuFormation[];
  /** Provisioned and provisioning add-ons billed to this app (deprovisioned ones are left out). */
  addOns: HerokuAddOn[];
  /**
   * The stage of the pipeline it is coupled to (`production`, `staging`, `review`, `development`,
   * `test`); null when it is in none. Absent in an inventory cached before it was read.
   */
  pipelineStage?: string | null;
}

export interface HerokuSpace extends HerokuSpaceRef {
  team: string | null;
}

export interface HerokuTeamMember {
  team: HerokuRef;
  email: string;
  role: string | null;
  /** False when Heroku says so or does not say. */
  twoFactor: boolean;
}

export interface HerokuInventory {
  /** Shape version of this object, for the cache. */
  version: 1;
  /** ISO time the fetch started. */
  fetchedAt: string;
  /** The teams asked for, or `all` for personal apps plus every team the token sees. */
  scope: string[] | 'all';
  account: HerokuAccount;
  teams: HerokuTeam[];
  apps: HerokuApp[];
  dynoSizes: HerokuDynoSize[];
  spaces: HerokuSpace[];
  members: HerokuTeamMember[];
  /**
   * What could not be read, so no one mistakes it for "none": a team's members without admin rights
   * (`team` names the team), or an app whose formation the token may not read or Heroku would not
   * give after retries (`app` names it; the app is then not in `apps`, and its cost in no total;
   * `appTeam` is the team Heroku listed it in, so a day's snapshot can say whose app it left out).
   */
  gaps: { what: string; reason: string; team?: string; app?: string; appTeam?: string }[];
  /** API requests it took, retries included. */
  requests: number;
}

export type ComplianceRegime = 'HIPAA' | 'PCI';

/** The shape live compliance checks read (src/core/compliance). */
export interface HerokuComplianceInventory {
  apps: {
    name: string;
    team?: string;
    space: { name: string; shield: boolean } | null;
    addOns: { service: string; plan: string; compliance: ComplianceRegime[] | null }[];
  }[];
  members: { email: string; team?: string; twoFactor: boolean; role?: TeamRole | null }[];
  /** Teams whose member list the token could not read, with Heroku's answer. */
  membersNotRead?: { team: string; reason: string }[];
  /** Apps whose formation could not be read (left out of `apps`), with Heroku's answer. */
  appsNotRead?: { app: string; reason: string }[];
}

export type TeamRole = 'admin' | 'collaborator' | 'member' | 'owner';
