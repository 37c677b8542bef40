import type { Catalog } from '../pricing';
import type { Cache, Database, Platform, ProcessType, Workload } from '../workload';
import { awsFromAws, awsFromHeroku } from './aws-production';
import { herokuFromAws, herokuFromHeroku } from './heroku-production';
import type { AwsStack, HerokuStack } from './stacks';
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
  parts: Pick<Workload, 'processes' | 'addOns'> & { database?: Database; cache?: Cache },
): Workload {
  const { database: _database, cache: _cache, ...described } = workload;
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
  const { postgres, keyValue } = stack;
  const database = postgres && {
    plan: postgres.plan,
    memoryGb: postgres.spec?.memoryGb ?? workload.database?.memoryGb ?? 0,
    storageGb: postgres.spec?.storageGb ?? workload.database?.storageGb ?? 0,
    highAvailability: postgres.spec?.highAvailability ?? false,
  };
  const cache = keyValue && {
    plan: keyValue.plan,
    memoryGb: keyValue.spec?.memoryGb ?? workload.cache?.memoryGb ?? 0,
    highAvailability: keyValue.spec?.highAvailability ?? false,
  };
  return priced(workload, 'heroku', {
    processes,
    addOns: stack.addOns,
    ...(database ? { database } : {}),
    ...(cache ? { cache } : {}),
  });
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
  const { database: rds, cache: node } = stack;
  const database = rds && {
    plan: rds.dbClass,
    memoryGb: rds.spec?.memoryGb ?? 0,
    storageGb: rds.storageGb,
    highAvailability: rds.multiAz,
  };
  const cache = node && { plan: node.node, memoryGb: node.spec?.memoryGb ?? node.needGb };
  // Add-ons are bought from their providers on AWS: still there to check.
  return priced(workload, 'aws', {
    processes,
    addOns: workload.addOns,
    ...(database ? { database } : {}),
    ...(cache ? { cache } : {}),
  });
}
