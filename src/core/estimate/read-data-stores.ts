// The modules themselves, not the model's index: an estimate does not load the fleet and migration models.
import { awsCache, awsDatabase, herokuCache, herokuDatabase } from '../model/workload-builders';
import { type Catalog, closestMatch, findKeyValuePlan, findPostgresPlan } from '../pricing';
import type { Cache, Database, Platform } from '../workload';
import { shown } from './input-text';
import { fail } from './parse-failure';
import {
  canonicalCacheNode,
  canonicalKeyValuePlan,
  canonicalPostgresPlan,
  canonicalRdsClass,
  LEGACY_POSTGRES,
} from './size-names';

export function readDatabase(
  token: string,
  setting: 'postgres' | 'rds',
  value: string,
  platform: Platform,
  catalog: Catalog,
): Database {
  if (platform === 'heroku') {
    if (setting === 'rds') {
      fail(
        `${shown(token)}: \`rds=\` describes an AWS database. Start with \`aws\`, e.g. \`aws web=2xm5.large rds=db.m6g.large\`, or use \`postgres=standard-0\` for Heroku.`,
      );
    }
    const plan = canonicalPostgresPlan(value);
    const database = herokuDatabase(catalog, plan);
    if (database) return database;
    if (LEGACY_POSTGRES[plan]) fail(`${shown(token)}: ${LEGACY_POSTGRES[plan]}, e.g. \`postgres=essential-0\`.`);
    if (canonicalRdsClass(value) && value.startsWith('db.')) {
      fail(
        `${shown(value)} is an RDS class: to describe AWS start with \`aws\`, e.g. \`aws web=2xm5.large rds=${value.slice(0, 30)}\`.`,
      );
    }
    const guess = closestMatch(
      plan,
      catalog.postgresPlans.map((p) => p.plan),
    );
    fail(
      `${shown(token)}: there is no Heroku Postgres plan ${shown(value)}.${guess ? ` Did you mean \`${guess}\`?` : ''} Plans: essential-0 to -2, standard-0 and -2 to -9, premium-0 and -2 to -9, private-* and shield-*. Example: \`postgres=standard-0\`.`,
    );
  }
  const dbClass = canonicalRdsClass(value);
  // Deployment and storage may come later in the text: databaseFor() sets them.
  const database = dbClass ? awsDatabase(catalog, dbClass, false, 0) : undefined;
  if (database) return database;
  if (findPostgresPlan(catalog, canonicalPostgresPlan(value))) {
    fail(
      `${shown(value)} is a Heroku Postgres plan, but this estimate starts with \`aws\`: name an RDS class, e.g. \`rds=db.t4g.medium\`, or drop \`aws\`.`,
    );
  }
  const guess = closestMatch(
    dbClass ?? value,
    catalog.rdsClasses.map((c) => c.dbClass),
  );
  fail(
    `${shown(token)}: ${shown(value)} is not an RDS PostgreSQL class in the price list.${guess ? ` Did you mean \`${guess}\`?` : ''} Classes: ${rdsFamilies(catalog)}. Example: \`rds=db.m6g.large\`.`,
  );
}

/** The RDS families the catalog prices, each with its smallest and largest size: `db.r6g (large to 16xlarge)`. */
function rdsFamilies(catalog: Catalog): string {
  const sizes = new Map<string, string[]>();
  for (const { dbClass } of catalog.rdsClasses) {
    const cut = dbClass.lastIndexOf('.');
    const family = dbClass.slice(0, cut);
    sizes.set(family, [...(sizes.get(family) ?? []), dbClass.slice(cut + 1)]);
  }
  return [...sizes].map(([family, [first, ...rest]]) => `${family} (${first} to ${rest.at(-1) ?? first})`).join(', ');
}

export function readCache(token: string, value: string, platform: Platform, catalog: Catalog): Cache {
  if (platform === 'heroku') {
    const plan = canonicalKeyValuePlan(value);
    const cache = herokuCache(catalog, plan);
    if (cache) return cache;
    if (plan === 'hobby-dev') fail(`${shown(token)}: hobby-dev was retired; the nearest is \`redis=mini\`.`);
    if (value.startsWith('cache.')) {
      fail(
        `${shown(value)} is an ElastiCache node: to describe AWS start with \`aws\`, e.g. \`aws web=2xm5.large cache=${value.slice(0, 30)}\`.`,
      );
    }
    const guess = closestMatch(
      plan,
      catalog.keyValuePlans.map((p) => p.plan),
    );
    fail(
      `${shown(token)}: there is no Key-Value Store plan ${shown(value)}.${guess ? ` Did you mean \`${guess}\`?` : ''} Plans: mini, premium-0 to -5, premium-7, -9, -10, -12, -14, and private-*/shield-* from 7. Example: \`redis=premium-0\`.`,
    );
  }
  const node = canonicalCacheNode(value);
  const cache = node ? awsCache(catalog, node) : undefined;
  if (cache) return cache;
  if (findKeyValuePlan(catalog, canonicalKeyValuePlan(value))) {
    fail(
      `${shown(value)} is a Heroku Key-Value Store plan, but this estimate starts with \`aws\`: name an ElastiCache node, e.g. \`cache=cache.t4g.small\`.`,
    );
  }
  const guess = closestMatch(
    node ?? value,
    catalog.cacheNodes.map((n) => n.node),
  );
  fail(
    `${shown(token)}: ${shown(value)} is not an ElastiCache node in the price list.${guess ? ` Did you mean \`${guess}\`?` : ''} Nodes: ${catalog.cacheNodes.map((n) => n.node).join(', ')}. Example: \`cache=cache.t4g.small\`.`,
  );
}
