import { type AssumptionName, type Assumptions, DEFAULT_ASSUMPTION_SOURCE, DEFAULT_ASSUMPTIONS } from './assumptions';
import { EC2_INSTANCES, EC2_PRICES, type Ec2Spec } from './aws-ec2';
import { CACHE_NODES, CACHE_PRICES, type CacheNodeSpec } from './aws-elasticache';
import { RDS_CLASSES, RDS_PRICES, type RdsSpec } from './aws-rds';
import { AWS_SERVICE_PRICES } from './aws-services';
import {
  type HerokuKeyValuePlan,
  type HerokuPostgresPlan,
  KEY_VALUE_PLANS,
  KEY_VALUE_PRICES,
  POSTGRES_PLANS,
  POSTGRES_PRICES,
  SPACE_PRICES,
} from './heroku-data';
import { DYNO_PRICES, DYNOS, type DynoSpec } from './heroku-dynos';
import type { CatalogEntry } from './price-entry';
import { PriceTable } from './price-table';

/** Every price and size the model knows, dated and sourced. Immutable: overrides make a new one. */
export interface Catalog {
  /** Each entry made when first read. */
  entries: PriceTable;
  dynos: readonly DynoSpec[];
  postgresPlans: readonly HerokuPostgresPlan[];
  keyValuePlans: readonly HerokuKeyValuePlan[];
  ec2Instances: readonly Ec2Spec[];
  rdsClasses: readonly RdsSpec[];
  cacheNodes: readonly CacheNodeSpec[];
  assumptions: Assumptions;
  /** Where each assumption came from: the default, or `PRICING_FILE (name)`. */
  assumptionSources: Readonly<Record<AssumptionName, string>>;
  /** The newest `asOf` of any priced entry: the date shown in answers. */
  priceListDate: string;
  /** The AWS region the `aws.*` prices are for. The bundled list is us-east-1 only. */
  awsRegion: string;
}

function buildDefaultCatalog(): Catalog {
  const entries = new PriceTable([
    ...DYNO_PRICES,
    ...POSTGRES_PRICES,
    ...KEY_VALUE_PRICES,
    ...SPACE_PRICES,
    ...EC2_PRICES,
    ...RDS_PRICES,
    ...CACHE_PRICES,
    ...AWS_SERVICE_PRICES,
  ]);
  const assumptionSources = Object.fromEntries(
    Object.keys(DEFAULT_ASSUMPTIONS).map((name) => [name, DEFAULT_ASSUMPTION_SOURCE]),
  ) as Record<AssumptionName, string>;
  return {
    entries,
    dynos: DYNOS,
    postgresPlans: POSTGRES_PLANS,
    keyValuePlans: KEY_VALUE_PLANS,
    ec2Instances: EC2_INSTANCES,
    rdsClasses: RDS_CLASSES,
    cacheNodes: CACHE_NODES,
    assumptions: DEFAULT_ASSUMPTIONS,
    assumptionSources,
    priceListDate: entries.newestAsOf(),
    awsRegion: 'us-east-1',
  };
}

/** The built-in list prices with their sources in ./sources.ts (docs/references.md). */
export const DEFAULT_CATALOG: Catalog = buildDefaultCatalog();

/** The entry for `key`. A missing key is a programming error in the model, not a user error. */
export function priceOf(catalog: Catalog, key: string): CatalogEntry {
  const entry = catalog.entries.get(key);
  if (!entry) throw new Error(`No price "${key}" in the catalog`);
  return entry;
}

/** Each of a catalog's lists (dynos, instances…) by name, made on first use; the first of a name wins, as `find` would. */
const indexes = new WeakMap<readonly object[], Map<string, object>>();

function named<T extends object>(list: readonly T[], nameOf: (item: T) => string, name: string): T | undefined {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (const item of list) if (!index.has(nameOf(item))) index.set(nameOf(item), item);
    indexes.set(list, index);
  }
  return index.get(name.toLowerCase()) as T | undefined;
}

export const findDyno = (catalog: Catalog, size: string): DynoSpec | undefined =>
  named(catalog.dynos, (d) => d.size, size);

export const findPostgresPlan = (catalog: Catalog, plan: string): HerokuPostgresPlan | undefined =>
  named(catalog.postgresPlans, (p) => p.plan, plan);

export const findKeyValuePlan = (catalog: Catalog, plan: string): HerokuKeyValuePlan | undefined =>
  named(catalog.keyValuePlans, (p) => p.plan, plan);

export const findEc2Instance = (catalog: Catalog, type: string): Ec2Spec | undefined =>
  named(catalog.ec2Instances, (i) => i.type, type);

export const findRdsClass = (catalog: Catalog, dbClass: string): RdsSpec | undefined =>
  named(catalog.rdsClasses, (c) => c.dbClass, dbClass);

export const findCacheNode = (catalog: Catalog, node: string): CacheNodeSpec | undefined =>
  named(catalog.cacheNodes, (n) => n.node, node);
