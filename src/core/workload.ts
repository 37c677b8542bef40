/**
 * A workload, described the same way whichever platform it came from. The origin platform's
 * concrete names (dyno size, instance type, plan) are kept next to the neutral figures (RAM, vCPU)
 * so the origin can be priced exactly and the other platform by translation.
 */
export type Platform = 'heroku' | 'aws';

export const PLATFORMS: readonly Platform[] = ['heroku', 'aws'];

export type ComplianceNeed = 'hipaa' | 'pci';

export interface ProcessType {
  /** Process type name: web, worker, clock… */
  name: string;
  count: number;
  /** The origin platform's size: `standard-2x`, `m5.large`, `fargate`. Lower case. */
  size: string;
  memoryGb: number;
  vcpu: number;
  /** Dedicated CPU (Performance/Private/Shield dynos; any EC2 instance but burstable t*). */
  dedicated: boolean;
  /** Hours each instance runs a month; absent means always on (a full month). */
  hoursPerMonth?: number;
}

export interface Database {
  /** The origin plan or class: `standard-0`, `db.m6g.large`. Lower case. */
  plan: string;
  memoryGb: number;
  storageGb: number;
  highAvailability: boolean;
  /** The storage is the estimate's default, not the user's (an AWS database without `storage=`). */
  storageAssumed?: true;
  /** A live app's add-on name (`postgresql-curly-12345`), when it has two databases of this plan. */
  addOn?: string;
  /** A live app's price per month as Heroku bills it (the Platform API's billed price, not a contract's). */
  billed?: BilledPrice;
}

/** What the Platform API said an add-on costs a month, and the day it said so. */
export interface BilledPrice {
  cents: number;
  asOf: string;
}

export interface Cache {
  /** `premium-0`, `cache.t4g.small`. Lower case. */
  plan: string;
  memoryGb: number;
  /** A primary with a replica in another zone (Heroku premium, private and shield Key-Value plans). */
  highAvailability?: boolean;
  /** A live app's add-on name (`redis-shaped-12345`), when it has two Key-Value Stores of this plan. */
  addOn?: string;
  /** A live app's price per month as Heroku bills it (the Platform API's billed price, not a contract's). */
  billed?: BilledPrice;
}

/** A Heroku add-on other than Postgres and Key-Value Store, as billed. */
export interface AddOn {
  service: string;
  plan: string;
  /** Monthly price in cents; null when the price is a contract price nobody has told us, or not monthly. */
  monthlyCents: number | null;
  contract: boolean;
  /** Heroku bills it per this unit (`hour`…), not per month: there is no monthly figure to count. */
  billedPer?: string;
  /** ISO date the price was read (from the Platform API); absent means the price list's date. */
  asOf?: string;
}

interface Environments {
  /** A staging copy of production. */
  staging: boolean;
  /** Review apps running on average. */
  reviewApps: number;
}

export interface Workload {
  origin: Platform;
  /** What it describes, for people: `app acme-api`, `estimate`. */
  label?: string;
  processes: ProcessType[];
  database?: Database;
  cache?: Cache;
  /**
   * A live Heroku app's other Heroku Postgres databases (an analytics database, a follower: the Platform
   * API does not say which): each is a database of its own on either platform, never an add-on that stays.
   */
  extraDatabases?: Database[];
  /** A live Heroku app's other Key-Value Stores: each a cache of its own on either platform. */
  extraCaches?: Cache[];
  addOns: AddOn[];
  egressGbPerMonth: number;
  logGbPerMonth: number;
  environments: Environments;
  compliance: ComplianceNeed[];
}

/** Every database of a workload: the main one first, then any others a live app has. */
export function databasesOf(workload: Workload): Database[] {
  return workload.database ? [workload.database, ...(workload.extraDatabases ?? [])] : [];
}

/** Every cache of a workload: the main one first, then any others a live app has. */
export function cachesOf(workload: Workload): Cache[] {
  return workload.cache ? [workload.cache, ...(workload.extraCaches ?? [])] : [];
}
