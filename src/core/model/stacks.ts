import type { CacheNodeSpec, DynoSpec, Ec2Spec, HerokuKeyValuePlan, HerokuPostgresPlan, RdsSpec } from '../pricing';
import type { AddOn, BilledPrice } from '../workload';
import type { ProcessNeed } from './sizing-rules';

/**
 * Concrete Heroku resources for one environment. `spec` is absent when the price list lacks the size.
 * `perInstance`: for dynos modelled from AWS, how many stand for one instance (so staging's one instance
 * is that many dynos, not one).
 */
export interface HerokuStack {
  dynos: {
    process: string;
    size: string;
    spec?: DynoSpec;
    count: number;
    hoursPerMonth?: number;
    perInstance?: number;
  }[];
  postgres?: HerokuPostgres;
  keyValue?: HerokuKeyValue;
  /** A live app's other Postgres databases and Key-Value Stores (`Workload.extraDatabases`), each billed at its plan. */
  extraPostgres?: HerokuPostgres[];
  extraKeyValue?: HerokuKeyValue[];
  addOns: AddOn[];
}

/** `addOn`: the add-on's own name, shown on its line when the app has two of one plan. */
export interface HerokuPostgres {
  plan: string;
  spec?: HerokuPostgresPlan;
  addOn?: string;
  /** What Heroku bills for it (a live app's), the price when the bundled list has none. */
  billed?: BilledPrice;
}

export interface HerokuKeyValue {
  plan: string;
  spec?: HerokuKeyValuePlan;
  addOn?: string;
  /** What Heroku bills for it (a live app's), the price when the bundled list has none. */
  billed?: BilledPrice;
}

/** The main one first, then any more: concat, not a spread, which iterates even an empty list. */
function mainFirst<T>(main: T | undefined, more: readonly T[] | undefined): T[] {
  if (!main) return [];
  return more ? ([main] as T[]).concat(more) : [main];
}

/** Every Postgres database of a Heroku stack, the main one first. */
export const herokuPostgresOf = (stack: HerokuStack): HerokuPostgres[] =>
  mainFirst(stack.postgres, stack.extraPostgres);

/** Every Key-Value Store of a Heroku stack, the main one first. */
export const herokuKeyValueOf = (stack: HerokuStack): HerokuKeyValue[] =>
  mainFirst(stack.keyValue, stack.extraKeyValue);

/** `need`: what the process itself needs (from its dyno), for packing processes onto shared instances. */
export type AwsCompute =
  | {
      process: string;
      count: number;
      hoursPerMonth?: number;
      need?: ProcessNeed;
      kind: 'ec2';
      type: string;
      spec?: Ec2Spec;
    }
  | {
      process: string;
      count: number;
      hoursPerMonth?: number;
      need?: ProcessNeed;
      kind: 'fargate';
      vcpu: number;
      memoryGb: number;
      arch: 'x86_64' | 'arm64';
    };

/** Concrete AWS resources for one environment. */
export interface AwsStack {
  compute: AwsCompute[];
  /** `any` when Graviton was asked for (`arm`): shared instances may then be arm64 in every tier. */
  architecture?: 'x86_64' | 'any';
  database?: AwsDatabase;
  cache?: AwsCache;
  /** A live Heroku app's other databases and caches, each its own RDS instance or ElastiCache node. */
  extraDatabases?: AwsDatabase[];
  extraCaches?: AwsCache[];
}

/** `from`: the Heroku plan it replaces, named on its lines when the app has more than one database. */
export interface AwsDatabase {
  dbClass: string;
  spec?: RdsSpec;
  multiAz: boolean;
  storageGb: number;
  from?: string;
}

/**
 * `nodes`: 2 for a primary and a replica (an HA Key-Value plan), else 1; `needGb`: the data it holds;
 * `from`: the Heroku plan it replaces, named on its line when the app has more than one cache.
 */
export interface AwsCache {
  node: string;
  spec?: CacheNodeSpec;
  nodes: number;
  needGb: number;
  from?: string;
}

/** Every database of an AWS stack, the main one first. */
export const awsDatabasesOf = (stack: AwsStack): AwsDatabase[] => mainFirst(stack.database, stack.extraDatabases);

/** Every cache of an AWS stack, the main one first. */
export const awsCachesOf = (stack: AwsStack): AwsCache[] => mainFirst(stack.cache, stack.extraCaches);
