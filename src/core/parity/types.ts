/**
 * Staging against production, per Heroku pipeline: what the Heroku source read (input) and what the
 * comparison found (output). Plain, JSON-safe values; money is integer cents (every Heroku list
 * price is a whole number of cents a month, so nothing here is ever rounded).
 */
import type { PriceDates } from '../price-dates';

export type ParityStage = 'staging' | 'production';

export interface ParityProcess {
  /** Process type: web, worker… */
  type: string;
  quantity: number;
  /** Dyno size in lower case: `standard-2x`. */
  size: string;
}

export interface ParityAddOn {
  /** `heroku-postgresql`, `heroku-redis`, `papertrail`. */
  service: string;
  /** Plan without the service prefix: `standard-0`. */
  plan: string;
  /** billed_price per month in cents; null when contract-priced, missing or not per month. */
  billedMonthlyCents: number | null;
  /** The day Heroku's API was read: the date of the billed price. */
  billedOn: string;
  contract: boolean;
  /** Config var names this add-on sets on the app (add-on `config_vars`): `REDIS_URL`. */
  configVars: string[];
  /** The app that owns the add-on and is billed for it, when it is another app's, only attached to this one. */
  attachedFrom?: string;
}

/** One app of a stage, as read from the Platform API. Config var VALUES are never part of it. */
export interface ParityApp {
  name: string;
  stack: string | null;
  region: string | null;
  space: { name: string; shield: boolean } | null;
  /** Buildpack names (or URLs) in the order they run. */
  buildpacks: string[];
  processes: ParityProcess[];
  addOns: ParityAddOn[];
  /** Config var names, sorted; null when the token may not read them. */
  configVarNames: string[] | null;
  /** Why the names could not be read, in plain words. */
  configVarsProblem?: string;
}

/** An app coupled to a stage whose details this token cannot read. */
export interface UnreadableApp {
  stage: ParityStage;
  /** The app's name when Heroku gave it, else its id. */
  app: string;
  reason: string;
}

export interface ParityPipelineInput {
  id: string;
  name: string;
  staging: ParityApp[];
  production: ParityApp[];
  unreadable: UnreadableApp[];
}

// ------------------------------------------------------------------------------------------------

/** risk: behaviour can differ. cost-choice: same behaviour, smaller or cheaper. */
type DifferenceClass = 'risk' | 'cost-choice';

export type DifferenceTopic =
  | 'stack'
  | 'region'
  | 'space'
  | 'buildpacks'
  | 'process'
  | 'dyno-class'
  | 'dyno-size'
  | 'add-on'
  | 'shared-add-on'
  | 'plan-tier'
  | 'plan-size'
  | 'config-vars';

export interface Difference {
  class: DifferenceClass;
  topic: DifferenceTopic;
  /** What differs, with both sides: `stack: heroku-22 in staging, heroku-24 in production`. */
  what: string;
  /** One line: why it matters, or why it is only a cost choice. */
  why: string;
}

/** One priced item of an app, at list price for a month. */
export interface ParityCostLine {
  item: string;
  /** Integer cents a month; null when the price is a contract price or unknown (never counted as $0). */
  monthlyCents: number | null;
  /** Where the price came from, with its date: `Heroku CLI ps:type price map, as of 2026-08-04`. */
  source: string;
  /** Why there is no amount, or a caveat. */
  note?: string;
  /** Without an amount: a contract price (`leftOutKind` names each kind alike in every answer). */
  contractPrice?: true;
  /** Without an amount: a list price the bundled list lacks, listed here by the vendor. */
  listedAt?: string;
  /** The date of the price list source the amount came from; absent for the price Heroku's API bills. */
  asOf?: string;
  /** For an add-on at the price Heroku's API bills: the day that price was read. */
  billedOn?: string;
}

export interface AppCost {
  app: string;
  lines: ParityCostLine[];
  /** Sum of the priced lines. */
  monthlyCents: number;
  /** Lines without a price, left out of the total. */
  unpriced: ParityCostLine[];
}

export interface AppPair {
  staging: string;
  production: string;
  differences: Difference[];
  /** What removing the risks would add to staging a month: one line per change, priced at list price. */
  toMatch: ParityCostLine[];
  toMatchCents: number;
  /** Changes to match that have no list price (a Shield space fee, a contract plan). */
  toMatchUnpriced: ParityCostLine[];
}

type PipelineStatus = 'compared' | 'no-staging' | 'no-production' | 'no-apps' | 'nothing-readable';

/** What a set of amounts stands on: the dates of the price list sources and the day billed prices were read. */
export interface PricesUsed {
  /** The oldest and newest dates of the price list sources; undefined when every amount is a billed price. */
  priceDates?: PriceDates;
  /** The day Heroku's API was read, when an amount is the price it bills for an add-on. */
  billedOn?: string;
}

/**
 * One pipeline's comparison; its prices are those of its own amounts (a pipeline of dynos alone is
 * dated by the dyno list, not by the Postgres list another pipeline used).
 */
export interface PipelineParity extends PricesUsed {
  pipeline: string;
  status: PipelineStatus;
  pairs: AppPair[];
  staging: AppCost[];
  production: AppCost[];
  stagingCents: number;
  productionCents: number;
  /**
   * Items of each stage's readable apps without an amount (a Shield Postgres, a contract add-on):
   * left out of stagingCents and productionCents, which are then lower bounds, never read as exact.
   */
  stagingUnpriced: number;
  productionUnpriced: number;
  /** Staging as a share of production, one decimal: `37.5`; null when production costs $0. */
  sharePercent: string | null;
  /** What staging would cost more if it were a copy of production (production − staging). */
  fullCopyCents: number;
  unreadable: UnreadableApp[];
  /** Plain sentences about what could not be compared, pairing, and what prices leave out. */
  notes: string[];
}

/** Every pipeline shown; its prices span the amounts of all of them. */
export interface ParityReport extends PricesUsed {
  pipelines: PipelineParity[];
  /** Caveats for every pipeline shown (Postgres version not reported, Eco pool, space fees), said once. */
  notes: string[];
}
