import { AWS_HOURS_PER_MONTH } from '../money';
import { type CacheNodeSpec, type Catalog, priceOf } from '../pricing';
import type { Add, AwsAppEnvironment } from './aws-tiers';
import { chooseCacheNode } from './choose-aws';
import { unknownLine } from './cost-line';
import { plural } from './describe';
import type { AwsCache } from './stacks';
import type { CostLine } from './types';

/**
 * The ElastiCache engine: Redis OSS like-for-like and consolidated (Heroku Key-Value Store is Redis),
 * Valkey in the optimised tier (Redis OSS 7.2-compatible, priced 20% below it).
 */
export type CacheEngine = 'redis' | 'valkey';

/** Caches this small or smaller share one node in the consolidated tiers. */
const SHARED_CACHE_MAX_GB = 1;

const keyOf = (spec: CacheNodeSpec, engine: CacheEngine) => (engine === 'valkey' ? spec.valkeyPriceKey : spec.priceKey);
const nameOf = (engine: CacheEngine) => (engine === 'valkey' ? 'ElastiCache for Valkey' : 'ElastiCache');

/** Each of an app's caches on its own node (and its replica), on the engine given. */
export function cacheLines(
  app: AwsAppEnvironment,
  catalog: Catalog,
  add: Add,
  lines: CostLine[],
  engine: CacheEngine,
): void {
  const { cache, extraCaches } = app.stack;
  if (cache) cacheLine(app, cache, catalog, add, lines, engine);
  // Indexed, and only when there are some: unoptimised, an iterator step is a call and an object.
  if (extraCaches)
    for (let i = 0; i < extraCaches.length; i++) cacheLine(app, extraCaches[i], catalog, add, lines, engine);
}

/** One cache's own node (and its replica); several of an app's name the Key-Value Store each replaces. */
function cacheLine(
  app: AwsAppEnvironment,
  cache: AwsCache,
  catalog: Catalog,
  add: Add,
  lines: CostLine[],
  engine: CacheEngine,
): void {
  const nodes = cache.nodes * app.copies;
  const replica = cache.nodes > 1 ? ' (primary and replica)' : '';
  const from = cache.from ? `, for Key-Value Store ${cache.from}` : '';
  const item = `${app.prefix}${nameOf(engine)} ${cache.node}${nodes > 1 ? ` × ${nodes}${replica}` : ''}${from}`;
  if (cache.spec) add(priceOf(catalog, keyOf(cache.spec, engine)), item, AWS_HOURS_PER_MONTH * nodes, 'cache');
  else
    lines.push(
      unknownLine(item, nodes, 'node', { environment: app.environment, category: 'cache' }, catalog.priceListDate),
    );
}

/** One cache of one app, as the consolidated tiers share them out. */
interface AppCache {
  app: AwsAppEnvironment;
  cache: AwsCache;
}

/**
 * Small caches of one environment (of several apps, several of one app, or an app's review copies) on one
 * shared node (a replica when any of them is highly available), when that costs less than their own nodes;
 * otherwise each keeps its own. Never across environments (docs/decisions.md, "Small caches share a node
 * within an environment, review copies included").
 */
export function sharedCacheLines(
  apps: readonly AwsAppEnvironment[],
  catalog: Catalog,
  add: Add,
  lines: CostLine[],
  engine: CacheEngine,
): void {
  const caches: AppCache[] = [];
  for (let a = 0; a < apps.length; a++) {
    const app = apps[a];
    const { cache, extraCaches } = app.stack;
    if (cache) caches.push({ app, cache });
    if (extraCaches) for (let i = 0; i < extraCaches.length; i++) caches.push({ app, cache: extraCaches[i] });
  }
  // No cache, no line (and nothing to choose).
  if (caches.length === 0) return;
  // Each review copy's cache is a cache of its own: copies of one app share as the caches of several apps do.
  const small = caches.filter((c) => c.cache.spec && c.cache.needGb <= SHARED_CACHE_MAX_GB);
  let sharing = small.reduce((sum, c) => sum + c.app.copies, 0) > 1 ? small : [];
  const needGb = Math.round(sharing.reduce((sum, c) => sum + c.cache.needGb * c.app.copies, 0) * 1000) / 1000;
  const nodes = sharing.some((c) => c.cache.nodes > 1) ? 2 : 1;
  const { spec } = chooseCacheNode(catalog, needGb);
  const hourly = (key: string) => catalog.entries.get(key)?.unitPrice?.toNumber() ?? Number.POSITIVE_INFINITY;
  const own = sharing.reduce((sum, c) => sum + hourly(keyOf(c.cache.spec!, engine)) * c.cache.nodes * c.app.copies, 0);
  if (sharing.length > 0 && hourly(keyOf(spec, engine)) * nodes >= own - 1e-9) sharing = [];
  for (const c of caches) if (!sharing.includes(c)) cacheLine(c.app, c.cache, catalog, add, lines, engine);
  if (sharing.length === 0) return;
  const count = sharing.reduce((sum, c) => sum + c.app.copies, 0);
  const owners = [...new Set(sharing.map((c) => c.app))].reduce((sum, app) => sum + app.copies, 0);
  // Copies are review apps (`review=2`); a fleet's apps are one copy each.
  const noun = sharing.some((c) => c.app.copies > 1) ? 'review app' : 'app';
  const whose =
    owners === count ? `the caches of ${plural(owners, noun)}` : `${plural(count, 'cache')} of ${plural(owners, noun)}`;
  add(
    priceOf(catalog, keyOf(spec, engine)),
    `${nameOf(engine)} ${spec.node}${nodes > 1 ? ' × 2 (primary and replica)' : ''} shared by ${whose}`,
    AWS_HOURS_PER_MONTH * nodes,
    'cache',
  );
}
