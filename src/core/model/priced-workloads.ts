import type { Catalog } from '../pricing';
import {
  type Cache,
  cachesOf,
  type Database,
  databasesOf,
  type Platform,
  type ProcessType,
  type Workload,
} from '../workload';
import { awsFromAws, awsFromHeroku } from './aws-production';
import { herokuFromAws, herokuFromHeroku } from './heroku-production';
import {
  type AwsStack,
  awsCachesOf,
  awsDatabasesOf,
  type HerokuStack,
  herokuKeyValueOf,
  herokuPostgresOf,
} from './stacks';
import type { EstimateOptions } from './types';
import { awsFargateProcess } from './workload-builders';

/**
 * What an estimate prices for production (or the environment `options.environment` names) on each
 * platform, as workloads a checklist can evaluate: a `hipaa` Heroku workload comes back on the Shield
 * dynos and plans the estimate priced, and its AWS side on the like-for-like instance types, RDS class
 * and cache node. The same choices as `estimate` (the stacks it starts from), so a checklist checks
 * what the estimate showed.
 */
export function pricedWorkloads(
  workload: Workload,
  catalog: Catalog,
  options: EstimateOptions = {},
): Record<Platform, Workload> {
  const notes: string[] = [];
  const fromHeroku = workload.origin === 'heroku';
  const heroku = fromHeroku
    ? herokuFromHeroku(workload, catalog, notes)
    : herokuFromAws(workload, catalog, notes, 'like-for-like');
  const aws = fromHeroku
    ? awsFromHeroku(workload, catalog, options, notes, options.environment)
    : awsFromAws(workload, catalog);
  return { heroku: fromHerokuStack(heroku, workload), aws: fromAwsStack(aws, workload) };
}

/** The workload with its platform's parts replaced: the description (environments, needs, egress) stays. */
function priced(
  workload: Workload,
  origin: Platform,
  parts: Pick<Workload, 'processes' | 'addOns'> & {
    database?: Database;
    cache?: Cache;
    extraDatabases?: Database[];
    extraCaches?: Cache[];
  },
): Workload {
  const {
    database: _database,
    cache: _cache,
    extraDatabases: _extraDatabases,
    extraCaches: _extraCaches,
    ...described
  } = workload;
  return { ...described, origin, ...parts };
}

function fromHerokuStack(stack: HerokuStack, workload: Workload): Workload {
  const processes = stack.dynos.map(
    (dyno): ProcessType => ({
      name: dyno.process,
      count: dyno.count,
      size: dyno.size,
      memoryGb: dyno.spec?.memoryGb ?? 0,
      vcpu: dyno.spec?.vcpu ?? 0,
      dedicated: dyno.spec?.dedicated ?? false,
      ...(dyno.hoursPerMonth === undefined ? {} : { hoursPerMonth: dyno.hoursPerMonth }),
    }),
  );
  // Each data store as the stack priced it, its size from the plan (else as the workload gave it).
  const given = { databases: databasesOf(workload), caches: cachesOf(workload) };
  const databases = herokuPostgresOf(stack).map(
    (postgres, i): Database => ({
      plan: postgres.plan,
      memoryGb: postgres.spec?.memoryGb ?? given.databases[i]?.memoryGb ?? 0,
      storageGb: postgres.spec?.storageGb ?? given.databases[i]?.storageGb ?? 0,
      highAvailability: postgres.spec?.highAvailability ?? false,
    }),
  );
  const caches = herokuKeyValueOf(stack).map(
    (keyValue, i): Cache => ({
      plan: keyValue.plan,
      memoryGb: keyValue.spec?.memoryGb ?? given.caches[i]?.memoryGb ?? 0,
      highAvailability: keyValue.spec?.highAvailability ?? false,
    }),
  );
  return priced(workload, 'heroku', { processes, addOns: stack.addOns, ...dataStores(databases, caches) });
}

function fromAwsStack(stack: AwsStack, workload: Workload): Workload {
  const processes = stack.compute.map((compute): ProcessType => {
    const hours = compute.hoursPerMonth === undefined ? {} : { hoursPerMonth: compute.hoursPerMonth };
    if (compute.kind === 'fargate') {
      return { ...awsFargateProcess(compute.process, compute.count, compute.vcpu, compute.memoryGb), ...hours };
    }
    const spec = compute.spec;
    return {
      name: compute.process,
      count: compute.count,
      size: compute.type,
      memoryGb: spec?.memoryGb ?? 0,
      vcpu: spec?.vcpu ?? 0,
      dedicated: spec ? !spec.burstable : false,
      ...hours,
    };
  });
  const databases = awsDatabasesOf(stack).map(
    (rds): Database => ({
      plan: rds.dbClass,
      memoryGb: rds.spec?.memoryGb ?? 0,
      storageGb: rds.storageGb,
      highAvailability: rds.multiAz,
    }),
  );
  const caches = awsCachesOf(stack).map(
    (node): Cache => ({ plan: node.node, memoryGb: node.spec?.memoryGb ?? node.needGb }),
  );
  // Add-ons are bought from their providers on AWS: still there to check.
  return priced(workload, 'aws', { processes, addOns: workload.addOns, ...dataStores(databases, caches) });
}

/** The main database and cache, and any others, as a workload holds them. */
function dataStores(
  databases: Database[],
  caches: Cache[],
): Pick<Workload, 'database' | 'cache' | 'extraDatabases' | 'extraCaches'> {
  const [database, ...extraDatabases] = databases;
  const [cache, ...extraCaches] = caches;
  return {
    ...(database ? { database } : {}),
    ...(cache ? { cache } : {}),
    ...(extraDatabases.length > 0 ? { extraDatabases } : {}),
    ...(extraCaches.length > 0 ? { extraCaches } : {}),
  };
}
