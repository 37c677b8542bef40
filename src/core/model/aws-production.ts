import {
  type Catalog,
  type DynoTier,
  type Ec2Spec,
  findCacheNode,
  findDyno,
  findEc2Instance,
  findPostgresPlan,
  findRdsClass,
  RDS_MIN_STORAGE_GB,
} from '../pricing';
import type { Cache, Database, ProcessType, Workload } from '../workload';
import {
  chooseCacheNode,
  chooseFargateTask,
  chooseRdsClass,
  PRODUCTION_DATABASE_RULE,
  rdsFamiliesFor,
} from './choose-aws';
import { formatMemory, isWebProcess } from './describe';
import { kept } from './remembered';
import { type ArchitectureChoice, guidanceNote, instanceForDyno, needOfDyno, type ProcessNeed } from './sizing-rules';
import type { AwsCache, AwsCompute, AwsDatabase, AwsStack } from './stacks';
import type { EnvironmentName, EstimateOptions } from './types';

const VALKEY_NOTE =
  'Cache engine: Redis OSS like-for-like and consolidated, as Heroku Key-Value Store speaks the Redis protocol; the optimised tier runs the same node on ElastiCache for Valkey, which is compatible with Redis OSS 7.2 and priced 20% below it (check any command your app uses that Valkey lacks).';

/** Production on AWS for an AWS workload: exactly what it names. */
export function awsFromAws(workload: Workload, catalog: Catalog): AwsStack {
  const compute = workload.processes.map((p): AwsCompute => {
    const base = { process: p.name, count: p.count, hoursPerMonth: p.hoursPerMonth };
    if (p.size.startsWith('fargate')) {
      return { ...base, kind: 'fargate', vcpu: p.vcpu, memoryGb: p.memoryGb, arch: 'x86_64' };
    }
    return { ...base, kind: 'ec2', type: p.size, spec: findEc2Instance(catalog, p.size) };
  });
  const stack: AwsStack = { compute };
  if (workload.database) {
    const db = workload.database;
    stack.database = {
      dbClass: db.plan,
      spec: findRdsClass(catalog, db.plan),
      multiAz: db.highAvailability,
      storageGb: Math.max(RDS_MIN_STORAGE_GB, db.storageGb),
    };
  }
  if (workload.cache) {
    const spec = findCacheNode(catalog, workload.cache.plan);
    stack.cache = { node: workload.cache.plan, spec, nodes: 1, needGb: spec?.memoryGb ?? workload.cache.memoryGb };
  }
  return stack;
}

/** A Heroku process's size on AWS: what it needs, what runs it, and the sentence saying so (after `name: `). */
interface DynoOnAws {
  need: ProcessNeed;
  runsOn:
    | { kind: 'ec2'; type: string; spec: Ec2Spec }
    | { kind: 'fargate'; vcpu: number; memoryGb: number; arch: 'x86_64' | 'arm64' };
  note: string;
}

type Mode = ArchitectureChoice | `fargate-${ArchitectureChoice}`;

const dynosOnAws = new WeakMap<Catalog, Record<Mode, Map<string, DynoOnAws>>>();
const newModes = (): Record<Mode, Map<string, DynoOnAws>> => ({
  x86_64: new Map(),
  any: new Map(),
  'fargate-x86_64': new Map(),
  'fargate-any': new Map(),
});

function dynoOnAws(p: ProcessType, catalog: Catalog, arch: ArchitectureChoice, fargate: boolean): DynoOnAws {
  const need = needOfDyno(p, catalog);
  const what = `${p.size} (${formatMemory(need.memoryGb)}, ${need.vcpu} vCPU ${need.dedicated ? 'dedicated' : 'sustained share'})`;
  if (fargate) {
    const taskArch = arch === 'any' ? 'arm64' : 'x86_64';
    const task = chooseFargateTask(catalog, need, taskArch);
    return {
      need,
      runsOn: { kind: 'fargate', vcpu: task.vcpu, memoryGb: task.memoryGb, arch: taskArch },
      note: task.fits
        ? `${what} → a Fargate task of ${task.vcpu} vCPU and ${formatMemory(task.memoryGb)} (${taskArch}), the smallest valid size that holds it.`
        : `${what} is larger than any Fargate task; priced as the largest, ${task.vcpu} vCPU and ${formatMemory(task.memoryGb)}.`,
    };
  }
  const { spec, fits, rule } = instanceForDyno(catalog, need, arch);
  return {
    need,
    runsOn: { kind: 'ec2', type: spec.type, spec },
    note: fits
      ? `${what} → EC2 ${spec.type} (${formatMemory(spec.memoryGb)}, ${spec.vcpu} vCPU): ${rule}.${arch === 'x86_64' ? guidanceNote(catalog, p.size, need, spec) : ''}`
      : `${what}: ${rule}, ${spec.type}.`,
  };
}

/** Eco and Basic dynos cannot be scaled out: Heroku runs one to a process type (Dev Center, Dyno Types). */
function runsOneToAProcessType(tier: DynoTier | undefined): boolean {
  return tier === 'eco' || tier === 'basic';
}

/**
 * A Heroku app's environment on AWS (production unless said): for each dyno the cheapest instance (or
 * Fargate task) with at least its RAM and vCPU; production's web gets two or more across zones, as
 * Heroku's router gives redundancy (one, as on Heroku, for Eco and Basic dynos, which do not scale out), and its database a non-burstable class (`rdsFamiliesFor`).
 */
export function awsFromHeroku(
  workload: Workload,
  catalog: Catalog,
  options: EstimateOptions,
  notes: string[],
  environment: EnvironmentName = 'production',
): AwsStack {
  const minimumWeb = environment === 'production' ? 2 : 1;
  const arch = options.awsArchitecture ?? 'x86_64';
  const fargate = options.awsCompute === 'fargate';
  const mode: Mode = fargate ? (`fargate-${arch}` as const) : arch;
  const compute = workload.processes.map((p): AwsCompute => {
    const web = isWebProcess(p.name) && p.count > 0;
    const dyno = findDyno(catalog, p.size);
    const single = web && runsOneToAProcessType(dyno?.tier);
    const count = web && !single ? Math.max(minimumWeb, p.count) : p.count;
    if (count > p.count) {
      notes.push(
        `web runs ${count} instances on AWS (Heroku has ${p.count}): two across Availability Zones give the redundancy Heroku's router provides.`,
      );
    } else if (single && environment === 'production') {
      notes.push(
        `${p.name} runs ${p.count} instance on AWS, as on Heroku: ${dyno?.label} dynos run one to a process type (Heroku Dev Center, Dyno Types: no horizontal scaling), so there is no second dyno's redundancy to match.`,
      );
    }
    // A listed dyno size needs the same whatever the process: its choice and sentence are remembered.
    const onAws = dyno
      ? kept(kept(dynosOnAws, catalog, newModes)[mode], p.size, () => dynoOnAws(p, catalog, arch, fargate))
      : dynoOnAws(p, catalog, arch, fargate);
    notes.push(`${p.name}: ${onAws.note}`);
    const { need, runsOn } = onAws;
    // Written out rather than spread (a spread costs more than the rest of this step).
    return runsOn.kind === 'ec2'
      ? {
          process: p.name,
          count,
          hoursPerMonth: p.hoursPerMonth,
          need,
          kind: 'ec2',
          type: runsOn.type,
          spec: runsOn.spec,
        }
      : {
          process: p.name,
          count,
          hoursPerMonth: p.hoursPerMonth,
          need,
          kind: 'fargate',
          vcpu: runsOn.vcpu,
          memoryGb: runsOn.memoryGb,
          arch: runsOn.arch,
        };
  });
  const stack: AwsStack = { compute, architecture: arch };
  // An app with several databases or caches names the Heroku plan each replaces on its lines.
  const severalDatabases = (workload.extraDatabases?.length ?? 0) > 0;
  const severalCaches = (workload.extraCaches?.length ?? 0) > 0;
  const rdsOf = (db: Database): AwsDatabase => {
    const families = rdsFamiliesFor(db.plan, environment);
    const { spec, fits } = chooseRdsClass(catalog, db.memoryGb, db.highAvailability, families);
    const storageGb = Math.max(RDS_MIN_STORAGE_GB, db.storageGb);
    // Neither the words nor Heroku's API say how much a database holds: its plan's limit is priced, the most it can be.
    const storageWhy =
      storageGb > db.storageGb
        ? " (RDS's smallest allocation)"
        : findPostgresPlan(catalog, db.plan)?.storageGb === db.storageGb
          ? " (the plan's limit: the most its data can be, as its size is not known here)"
          : '';
    const ram = db.memoryGb > 0 ? formatMemory(db.memoryGb) : 'RAM not published';
    const kind = families === 'non-burstable' ? 'non-burstable RDS class' : 'RDS class';
    const burstable = environment === 'production' ? '' : ` (a ${environment} database may be burstable)`;
    notes.push(
      fits
        ? `Database: Heroku Postgres ${db.plan} (${ram}) → RDS PostgreSQL ${spec.dbClass} ${db.highAvailability ? 'Multi-AZ (the plan is highly available)' : 'Single-AZ'} with ${storageGb} GB gp3 storage${storageWhy}: the cheapest ${kind}${db.memoryGb > 0 ? " with at least the plan's RAM" : ', as the plan publishes no RAM'}${burstable}.`
        : `Database: no ${kind} in the price list has ${formatMemory(db.memoryGb)}; priced as the largest, ${spec.dbClass}.`,
      PRODUCTION_DATABASE_RULE,
    );
    const from = severalDatabases ? { from: db.addOn ? `${db.plan} (${db.addOn})` : db.plan } : {};
    return { dbClass: spec.dbClass, spec, multiAz: db.highAvailability, storageGb, ...from };
  };
  const nodeOf = (cache: Cache): AwsCache => {
    const { spec, fits } = chooseCacheNode(catalog, cache.memoryGb);
    const nodes = cache.highAvailability ? 2 : 1;
    const replica = nodes === 2 ? ', with a replica in a second zone, as the plan is highly available' : '';
    notes.push(
      fits
        ? `Cache: Key-Value Store ${cache.plan} (${formatMemory(cache.memoryGb)}) → ElastiCache ${spec.node} (${formatMemory(spec.memoryGb)})${replica}.`
        : `Cache: no ElastiCache node in the price list has ${formatMemory(cache.memoryGb)}; priced as the largest, ${spec.node}${replica}.`,
      VALKEY_NOTE,
    );
    const from = severalCaches ? { from: cache.addOn ? `${cache.plan} (${cache.addOn})` : cache.plan } : {};
    return { node: spec.node, spec, nodes, needGb: cache.memoryGb, ...from };
  };
  if (workload.database) stack.database = rdsOf(workload.database);
  if (workload.cache) stack.cache = nodeOf(workload.cache);
  if (workload.extraDatabases) stack.extraDatabases = workload.extraDatabases.map(rdsOf);
  if (workload.extraCaches) stack.extraCaches = workload.extraCaches.map(nodeOf);
  return stack;
}
