import type { Money } from '../money';
import type { Confidence } from '../pricing';
import type { Platform, Workload } from '../workload';
import type { PriceDates } from './price-dates';

export type EnvironmentName = 'production' | 'staging' | 'review';

export type CostCategory =
  | 'compute'
  | 'database'
  | 'cache'
  | 'network'
  | 'logging'
  | 'security'
  | 'backup'
  | 'platform'
  | 'add-on'
  | 'ops';

interface CostLineFacts {
  item: string;
  /** How many `unit`s: monthly = quantity × unitPrice. */
  quantity: number;
  unit: string;
  source: string;
  asOf: string;
  environment: EnvironmentName;
  category: CostCategory;
  confidence: Confidence;
  /** A contract price: the user's own figure from PRICING_FILE, or (unpriced) one still to be given. */
  contractPrice?: boolean;
  /** Why a line has no amount, or a caveat about its figure. */
  note?: string;
}

export interface PricedCostLine extends CostLineFacts {
  unitPrice: Money;
  /** Exact: quantity × unit price. */
  monthly: Money;
  /** `monthly` rounded once to whole cents: what is shown, and what every total adds up. */
  cents: number;
}

/** A line with no public price. It is never counted as $0: totals exclude it and say so. */
export interface UnpricedCostLine extends CostLineFacts {
  unitPrice: null;
  monthly: null;
  cents: null;
  note: string;
  /** The PRICING_FILE key that would price it, when there is one. */
  priceKey?: string;
  /** Where the vendor lists its price, when it is a list price the bundled list lacks (not a contract price). */
  listedAt?: string;
}

export type CostLine = PricedCostLine | UnpricedCostLine;

/** Totals are sums of the lines' shown (rounded) cents, so every total shown equals the lines shown. */
export interface PlatformCost {
  platform: Platform;
  /** Every priced line, ops included: `total` is their sum. */
  lines: PricedCostLine[];
  /** Sum of the lines other than ops. */
  infrastructure: Money;
  /** Sum of the ops lines (TCO): ops hours × hourly rate. */
  ops: Money;
  total: Money;
  /** Contract-priced or unknown items without a price; excluded from every total. */
  unpriced: UnpricedCostLine[];
}

/** `unknown`: one side leaves contract-priced or unpriced items out, so there is no winner. */
export type Cheaper = 'heroku' | 'aws' | 'same' | 'unknown';

export type TierId = 'like-for-like' | 'consolidated' | 'optimised';

export const TIER_IDS: readonly TierId[] = ['like-for-like', 'consolidated', 'optimised'];

/** One way of running the workload on the other platform: infrastructure only (ops are the same in every tier). */
export interface TierCost {
  id: TierId;
  platform: Platform;
  /** What the tier assumes, in one sentence. */
  description: string;
  lines: PricedCostLine[];
  unpriced: UnpricedCostLine[];
  /** Sum of the lines' shown cents. */
  infrastructure: Money;
}

/** The comparison the answer leads with: the current platform against one named tier. */
export interface Verdict {
  tier: TierId;
  /** `incomplete`: a side leaves items out, so no winner is named. */
  kind: 'cheaper' | 'same' | 'incomplete';
  cheaper?: Platform;
  /** The difference of the two totals shown. */
  difference?: Money;
  /** What is left out, each with how to supply it. */
  missing: string[];
  /**
   * How many of `missing` are list prices the bundled list lacks (a price refresh reads them), not
   * contract prices: the answer then sends the lead to the refresh, not to a contract.
   */
  listed?: number;
  /** How many of `missing` have no monthly price (an add-on Heroku bills by usage): nobody can supply one. */
  other?: number;
  /**
   * `cheaper` though one side leaves items out: that side's lower bound already costs more than the
   * other side's whole total, so the items can only widen the gap, and `difference` is at least it.
   */
  atLeast?: boolean;
  /**
   * `incomplete` with one side leaving items out: that side is the cheaper only if those items cost
   * less than `under` a month together (the other side's total less its lower bound).
   */
  breakEven?: { platform: Platform; under: Money };
  /**
   * How many add-ons without a price are left out of both sides alike (on AWS bought directly, at what
   * Heroku bills): they add the same to both totals, so they leave the difference as it is.
   */
  alike?: number;
}

/**
 * Who is cheaper when one side's total may be a lower bound (it leaves items out): `atLeast` and
 * `breakEven` as in `Verdict`; `unknown` when both sides leave items out, or the bound decides nothing.
 */
export interface Bounded {
  cheaper: Cheaper;
  /** Never negative; 0 when unknown. */
  difference: Money;
  atLeast?: boolean;
  breakEven?: { platform: Platform; under: Money };
}

export interface Estimate {
  workload: Workload;
  /** For the modelled platform, the like-for-like tier with its ops lines. */
  heroku: PlatformCost;
  aws: PlatformCost;
  /** The platform the workload runs on now (priced as it is); the other is modelled in `tiers`. */
  current: Platform;
  /** Always three: like-for-like, consolidated, optimised, for the modelled platform. */
  tiers: TierCost[];
  /** The lowest and highest tier totals: the answer leads with this range. */
  range: { low: Money; high: Money };
  /** Current infrastructure against the consolidated tier. */
  verdict: Verdict;
  /**
   * Which is cheaper on infrastructure (the verdict's tier), compared to the cent, the same as the
   * verdict: a side that leaves items out is a lower bound (`atLeast`, `breakEven`).
   */
  cheaper: Cheaper;
  /** The infrastructure difference of the shown totals, never negative (0 when unknown). */
  difference: Money;
  atLeast?: boolean;
  breakEven?: Bounded['breakEven'];
  /** The same comparison with ops effort (TCO) included, by the same rule. */
  withOps: Bounded;
  /** True when either platform has unpriced lines, so its totals are lower bounds. */
  excludesUnpriced: boolean;
  readonly assumptions: string[];
  /** The newest date of any price the catalog holds (kept for `--json`); see `priceDates` for what was used. */
  priceListDate: string;
  /** The oldest and newest dates of the sources this estimate's lines were priced from. */
  priceDates: PriceDates;
  /** The AWS region the AWS side is priced for. */
  awsRegion: string;
}

export interface EstimateOptions {
  /** How a Heroku workload runs on AWS: EC2 instances (default) or Fargate tasks. */
  awsCompute?: 'ec2' | 'fargate';
  /** `x86_64` (default, what Heroku runs) or `any` to allow Graviton (arm64) when cheaper. */
  awsArchitecture?: 'x86_64' | 'any';
  opsRate?: Money;
  /**
   * The environment the workload itself is (a live staging or review app, priced as it runs, with that
   * environment's rules and traffic share); production when absent. Such an app is modelled alone.
   */
  environment?: EnvironmentName;
}
