import { AWS_HOURS_PER_MONTH } from '../money';
import { type CacheNodeSpec, type Catalog, priceOf } from '../pricing';
import type { Add, AwsAppEnvironment } from './aws-tiers';
import { chooseCacheNode } from './choose-aws';
import { unknownLine } from './cost-line';
import { plural } from './describe';
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

/** One app's own cache node (and its replica), on the engine given. */
export function cacheLine(
  app: AwsAppEnvironment,
  catalog: Catalog,
  add: Add,
  lines: CostLine[],
  engine: CacheEngine,
): void {
  const cache = app.stack.cache;
  if (!cache) return;
  const nodes = cache.nodes * app.copies;
  const replica = cache.nodes > 1 ? ' (primary and replica)' : '';
  const item = `${app.prefix}${nameOf(engine)} ${cache.node}${nodes > 1 ? ` × ${nodes}${replica}` : ''}`;
  if (cache.spec) add(priceOf(catalog, keyOf(cache.spec, engine)), item, AWS_HOURS_PER_MONTH * nodes, 'cache');
  else
    lines.push(
      unknownLine(item, nodes, 'node', { environment: app.environment, category: 'cache' }, catalog.priceListDate),
    );
}

/**
 * Small caches of several apps on one shared node (a replica when any of them is highly available),
 * when that costs less than their own nodes; otherwise each keeps its own.
 */
export function sharedCacheLines(
  apps: readonly AwsAppEnvironment[],
  catalog: Catalog,
  add: Add,
  lines: CostLine[],
  engine: CacheEngine,
): void {
  const small = apps.filter((a) => a.stack.cache?.spec && a.stack.cache.needGb * a.copies <= SHARED_CACHE_MAX_GB);
  let sharing = small.length > 1 ? small : [];
  const needGb = Math.round(sharing.reduce((sum, a) => sum + a.stack.cache!.needGb * a.copies, 0) * 1000) / 1000;
  const nodes = sharing.some((a) => a.stack.cache!.nodes > 1) ? 2 : 1;
  const { spec } = chooseCacheNode(catalog, needGb);
  const hourly = (key: string) => catalog.entries.get(key)?.unitPrice?.toNumber() ?? Number.POSITIVE_INFINITY;
  const own = sharing.reduce(
    (sum, a) => sum + hourly(keyOf(a.stack.cache!.spec!, engine)) * a.stack.cache!.nodes * a.copies,
    0,
  );
  if (sharing.length > 0 && hourly(keyOf(spec, engine)) * nodes >= own - 1e-9) sharing = [];
  for (const app of apps) if (!sharing.includes(app)) cacheLine(app, catalog, add, lines, engine);
  if (sharing.length === 0) return;
  add(
    priceOf(catalog, keyOf(spec, engine)),
    `${nameOf(engine)} ${spec.node}${nodes > 1 ? ' × 2 (primary and replica)' : ''} shared by the caches of ${plural(sharing.length, 'app')}`,
    AWS_HOURS_PER_MONTH * nodes,
    'cache',
  );
}
