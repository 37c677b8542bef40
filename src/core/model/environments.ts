import {
  type Catalog,
  findCacheNode,
  findDyno,
  findKeyValuePlan,
  findPostgresPlan,
  findRdsClass,
  RDS_MIN_STORAGE_GB,
} from '../pricing';
import { instanceForDyno } from './sizing-rules';
import type { AwsCompute, AwsStack, HerokuStack } from './stacks';

/**
 * Staging and review environments, derived from each platform's production stack:
 * - staging: one of each process at production sizes (one instance's worth of dynos when modelled from
 *   AWS); the entry production-grade database and the smallest cache; compliance as production.
 * - review app: one smallest always-on unit per process, the smallest database and cache, no compliance.
 */

const STAGING_POSTGRES: Record<string, string> = {
  essential: 'essential-0',
  standard: 'standard-0',
  premium: 'standard-0',
  private: 'private-0',
  shield: 'shield-0',
};

const STAGING_KEY_VALUE: Record<string, string> = {
  mini: 'mini',
  premium: 'premium-0',
  private: 'private-7',
  shield: 'shield-7',
};

/** The staging database on AWS is at most db.t4g.medium (4 GB, like Heroku's standard-0), Single-AZ. */
const AWS_STAGING_DB = 'db.t4g.medium';
const AWS_STAGING_STORAGE_GB = 64;

export function herokuStaging(production: HerokuStack, catalog: Catalog): HerokuStack {
  // One instance's worth: an m5.large modelled as 7 × Standard-2X stays 7 in staging, as AWS staging
  // keeps the m5.large.
  const stack: HerokuStack = {
    dynos: production.dynos.map((d) => ({ ...d, count: d.perInstance ?? 1 })),
    addOns: [],
  };
  if (production.postgres) {
    const plan = STAGING_POSTGRES[production.postgres.spec?.tier ?? 'standard'];
    stack.postgres = { plan, spec: findPostgresPlan(catalog, plan) };
  }
  if (production.keyValue) {
    const plan = STAGING_KEY_VALUE[production.keyValue.spec?.tier ?? 'premium'];
    stack.keyValue = { plan, spec: findKeyValuePlan(catalog, plan) };
  }
  return stack;
}

export function herokuReview(production: HerokuStack, catalog: Catalog): HerokuStack {
  const basic = findDyno(catalog, 'basic');
  const stack: HerokuStack = {
    dynos: production.dynos.map((d) => ({ process: d.process, size: 'basic', spec: basic, count: 1 })),
    addOns: [],
  };
  if (production.postgres) stack.postgres = { plan: 'essential-0', spec: findPostgresPlan(catalog, 'essential-0') };
  if (production.keyValue) stack.keyValue = { plan: 'mini', spec: findKeyValuePlan(catalog, 'mini') };
  return stack;
}

export function awsStaging(production: AwsStack, catalog: Catalog): AwsStack {
  const stack: AwsStack = {
    compute: production.compute.map((c) => ({ ...c, count: 1 })),
    architecture: production.architecture,
  };
  if (production.database) {
    const db = production.database;
    const dbClass = db.spec && db.spec.memoryGb <= 4 ? db.dbClass : AWS_STAGING_DB;
    stack.database = {
      dbClass,
      spec: findRdsClass(catalog, dbClass),
      multiAz: false,
      storageGb: Math.max(RDS_MIN_STORAGE_GB, Math.min(db.storageGb, AWS_STAGING_STORAGE_GB)),
    };
  }
  if (production.cache)
    stack.cache = { node: 'cache.t4g.micro', spec: findCacheNode(catalog, 'cache.t4g.micro'), nodes: 1, needGb: 0.025 };
  return stack;
}

/** A review app's process: what a Basic dyno holds (512 MB, a 1x share). */
const REVIEW_NEED = { memoryGb: 0.5, vcpu: 0.2, dedicated: false };

export function awsReview(production: AwsStack, catalog: Catalog): AwsStack {
  const compute = production.compute.map((c): AwsCompute => {
    if (c.kind === 'fargate')
      return {
        process: c.process,
        count: 1,
        need: REVIEW_NEED,
        kind: 'fargate',
        vcpu: 0.25,
        memoryGb: 0.5,
        arch: c.arch,
      };
    const { spec } = instanceForDyno(catalog, REVIEW_NEED, c.spec?.arch === 'arm64' ? 'any' : 'x86_64');
    return { process: c.process, count: 1, need: REVIEW_NEED, kind: 'ec2', type: spec.type, spec };
  });
  const stack: AwsStack = { compute, architecture: production.architecture };
  if (production.database) {
    stack.database = {
      dbClass: 'db.t4g.micro',
      spec: findRdsClass(catalog, 'db.t4g.micro'),
      multiAz: false,
      storageGb: RDS_MIN_STORAGE_GB,
    };
  }
  if (production.cache)
    stack.cache = { node: 'cache.t4g.micro', spec: findCacheNode(catalog, 'cache.t4g.micro'), nodes: 1, needGb: 0.025 };
  return stack;
}
