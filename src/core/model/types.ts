import type { Money } from '../money';
import type { Confidence } from '../pricing';
import type { Platform, Workload } from '../workload';

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
  monthly: Money;
}

/** A line with no public price. It is never counted as $0: totals exclude it and say so. */
export interface UnpricedCostLine extends CostLineFacts {
  unitPrice: null;
  monthly: null;
  note: string;
}

export type CostLine = PricedCostLine | UnpricedCostLine;

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

export type Cheaper = 'heroku' | 'aws' | 'same';

export interface Estimate {
  workload: Workload;
  heroku: PlatformCost;
  aws: PlatformCost;
  /** Which is cheaper on infrastructure, compared to the cent. */
  cheaper: Cheaper;
  /** The infrastructure difference, never negative. */
  difference: Money;
  /** The same comparison with ops effort (TCO) included. */
  withOps: { cheaper: Cheaper; difference: Money };
  /** True when either platform has unpriced lines, so its totals are lower bounds. */
  excludesUnpriced: boolean;
  assumptions: string[];
  priceListDate: string;
  /** The AWS region the AWS side is priced for. */
  awsRegion: string;
}

export interface EstimateOptions {
  /** How a Heroku workload runs on AWS: EC2 instances (default) or Fargate tasks. */
  awsCompute?: 'ec2' | 'fargate';
  /** `x86_64` (default, what Heroku runs) or `any` to allow Graviton (arm64) when cheaper. */
  awsArchitecture?: 'x86_64' | 'any';
  opsRate?: Money;
  opsHoursPerEnvironment?: { heroku?: number; aws?: number };
}
