import {
  type Catalog,
  type DynoSpec,
  findDyno,
  findEc2Instance,
  findKeyValuePlan,
  findPostgresPlan,
  type KeyValueTier,
  type PostgresTier,
  RDS_MIN_STORAGE_GB,
} from '../pricing';
import type { Cache, Database, Workload } from '../workload';
import { chooseDyno, chooseKeyValuePlan, choosePostgresPlan, complianceTier, PLAN_MEMORY_RULE } from './choose-heroku';
import { formatMemory } from './describe';
import { type DynoSetTier, dynosForInstance, needOfInstance } from './sizing-rules';
import type { HerokuKeyValue, HerokuPostgres, HerokuStack } from './stacks';

const REASON = { shield: 'HIPAA needs Shield', private: 'PCI is modelled with Private' } as const;

/** Shield also satisfies a Private Space requirement. */
const satisfies = (resourceTier: string | undefined, required: 'shield' | 'private'): boolean =>
  resourceTier === 'shield' || resourceTier === required;

/** Performance-L → Shield-L / Private-L: the same hardware in the compliant runtime. */
function sameSizeIn(catalog: Catalog, spec: DynoSpec | undefined, tier: 'shield' | 'private'): DynoSpec | undefined {
  const m = spec && /^(?:performance|private|shield)-(.+)$/.exec(spec.size);
  return m ? findDyno(catalog, `${tier}-${m[1]}`) : undefined;
}

/** Production on Heroku for a Heroku workload: as given, moved to Shield/Private dynos and data when compliance needs it. */
export function herokuFromHeroku(workload: Workload, catalog: Catalog, notes: string[]): HerokuStack {
  const tier = complianceTier(workload.compliance);
  const dynos = workload.processes.map((p) => {
    const spec = findDyno(catalog, p.size);
    // Written out, not spread: this runs for every process of every estimate.
    if (!tier || satisfies(spec?.tier, tier))
      return { process: p.name, count: p.count, hoursPerMonth: p.hoursPerMonth, size: p.size, spec };
    const base = { process: p.name, count: p.count, hoursPerMonth: p.hoursPerMonth };
    const chosen = sameSizeIn(catalog, spec, tier) ?? chooseDyno(catalog, p.memoryGb, [tier]).spec;
    notes.push(
      `${REASON[tier]} dynos on Heroku: ${p.name} ${p.size} is priced as ${chosen.label} (${formatMemory(chosen.memoryGb)}).`,
    );
    return { ...base, size: chosen.size, spec: chosen };
  });
  const stack: HerokuStack = { dynos, addOns: workload.addOns };
  const postgresOf = (db: Database): HerokuPostgres => {
    const spec = findPostgresPlan(catalog, db.plan);
    const named = db.addOn ? { addOn: db.addOn } : {};
    // As it runs: what Heroku bills for it goes with it (a plan moved to Shield is another plan).
    if (!tier || satisfies(spec?.tier, tier))
      return { plan: db.plan, spec, ...named, ...(db.billed ? { billed: db.billed } : {}) };
    const chosen = choosePostgresPlan(catalog, db.memoryGb, db.storageGb, [tier]).spec;
    notes.push(`${REASON[tier]} Postgres: ${db.plan} is priced as ${chosen.plan}.`);
    return { plan: chosen.plan, spec: chosen, ...named };
  };
  const keyValueOf = (cache: Cache): HerokuKeyValue => {
    const spec = findKeyValuePlan(catalog, cache.plan);
    const named = cache.addOn ? { addOn: cache.addOn } : {};
    if (!tier || satisfies(spec?.tier, tier))
      return { plan: cache.plan, spec, ...named, ...(cache.billed ? { billed: cache.billed } : {}) };
    const chosen = chooseKeyValuePlan(catalog, cache.memoryGb, [tier]).spec;
    notes.push(`${REASON[tier]} Key-Value Store: ${cache.plan} is priced as ${chosen.plan}.`);
    return { plan: chosen.plan, spec: chosen, ...named };
  };
  if (workload.database) stack.postgres = postgresOf(workload.database);
  if (workload.cache) stack.keyValue = keyValueOf(workload.cache);
  if (workload.extraDatabases) stack.extraPostgres = workload.extraDatabases.map(postgresOf);
  if (workload.extraCaches) stack.extraKeyValue = workload.extraCaches.map(keyValueOf);
  if (tier === 'shield' && workload.addOns.length > 0) {
    notes.push('Third-party HIPAA guides say add-ons outside Shield are outside the Heroku BAA: keep PHI out of them.');
  }
  return stack;
}

/**
 * What an assumed storage did to the plan: RDS's smallest allocation (the default) or PRICING_FILE's
 * `awsDatabaseStorageGb`, and whether the RAM alone would have picked the same plan, so a reader sees
 * which of the two decided it and how to give the data's size.
 */
function assumedStorage(catalog: Catalog, db: Database, tiers: PostgresTier[], plan: string): string {
  const what =
    db.storageGb === RDS_MIN_STORAGE_GB
      ? `RDS's smallest allocation, ${RDS_MIN_STORAGE_GB} GB, assumed`
      : `${db.storageGb} GB assumed (awsDatabaseStorageGb)`;
  const byRam = choosePostgresPlan(catalog, db.memoryGb, 0, tiers).spec.plan === plan;
  return ` (storage not given: ${what}, so ${byRam ? 'its RAM decides the plan' : 'that storage, not its RAM, decides the plan'}; add \`storage=\` to size by the data, e.g. \`storage=50gb\`)`;
}

/**
 * Production on Heroku for an AWS workload: per instance, the dynos the sizing rules pick for the tier;
 * the cheapest Postgres plan and Key-Value Store that hold what AWS runs.
 */
export function herokuFromAws(
  workload: Workload,
  catalog: Catalog,
  notes: string[],
  tier: DynoSetTier = 'like-for-like',
): HerokuStack {
  const compliance = complianceTier(workload.compliance);
  const dynos = workload.processes.map((p) => {
    const instance = findEc2Instance(catalog, p.size);
    const need = needOfInstance(p, instance?.baselineVcpu, p.size.startsWith('fargate'));
    const set = dynosForInstance(catalog, need, tier, compliance);
    const from = `${p.name}: ${p.size} (${formatMemory(p.memoryGb)}${instance ? `, ${instance.burstable ? `${instance.baselineVcpu} vCPU baseline` : `${instance.vcpu} vCPU`}` : ''})`;
    notes.push(
      set.fits
        ? `${from} → ${set.rule}${compliance ? ` (${REASON[compliance]})` : ''}.`
        : `${from}: ${set.rule}, ${set.spec.label}.`,
    );
    return {
      process: p.name,
      size: set.spec.size,
      spec: set.spec,
      count: p.count * set.perInstance,
      hoursPerMonth: p.hoursPerMonth,
      perInstance: set.perInstance,
    };
  });
  const stack: HerokuStack = { dynos, addOns: [] };
  if (workload.database) {
    const db = workload.database;
    const tiers: PostgresTier[] = compliance ? [compliance] : db.highAvailability ? ['premium'] : ['standard'];
    const { spec, fits } = choosePostgresPlan(catalog, db.memoryGb, db.storageGb, tiers);
    notes.push(
      fits
        ? `Database: ${db.plan}${db.highAvailability ? ' Multi-AZ' : ''} (${formatMemory(db.memoryGb)}, ${db.storageGb} GB) → Heroku Postgres ${spec.plan} (${formatMemory(spec.memoryGb)}, ${spec.storageGb} GB)${db.highAvailability ? ', a highly available tier' : ''}: the cheapest ${tiers.join(' or ')} plan with its RAM and ${db.storageGb} GB of storage${db.storageAssumed ? assumedStorage(catalog, db, tiers, spec.plan) : ''}${spec.memoryGb < db.memoryGb ? `; ${PLAN_MEMORY_RULE}` : ''}.`
        : `Database: no ${tiers.join(' or ')} Heroku Postgres plan holds ${formatMemory(db.memoryGb)} and ${db.storageGb} GB; priced as the largest, ${spec.plan}.`,
    );
    stack.postgres = { plan: spec.plan, spec };
  }
  if (workload.cache) {
    const cache = workload.cache;
    const tiers: KeyValueTier[] = compliance ? [compliance] : ['mini', 'premium'];
    const { spec, fits } = chooseKeyValuePlan(catalog, cache.memoryGb, tiers);
    notes.push(
      fits
        ? `Cache: ${cache.plan} (${formatMemory(cache.memoryGb)}) → Heroku Key-Value Store ${spec.plan} (${formatMemory(spec.memoryGb)}).`
        : `Cache: no Heroku Key-Value Store plan holds ${formatMemory(cache.memoryGb)}; priced as the largest, ${spec.plan}.`,
    );
    stack.keyValue = { plan: spec.plan, spec };
  }
  return stack;
}
