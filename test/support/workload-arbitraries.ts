import fc from 'fast-check';
import {
  awsCache,
  awsDatabase,
  awsInstanceProcess,
  herokuCache,
  herokuDatabase,
  herokuProcess,
} from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import type { ComplianceNeed, ProcessType, Workload } from '../../src/core/workload';

/** Random workloads in both directions, from every size and plan the price list knows. */
export const catalog = DEFAULT_CATALOG;
const dynoSizes = catalog.dynos.map((d) => d.size).filter((s) => s !== 'basic');
const instanceTypes = catalog.ec2Instances.map((i) => i.type);
const names = ['web', 'worker', 'clock', 'mailer'];

const shared = {
  staging: fc.boolean(),
  reviewApps: fc.integer({ min: 0, max: 5 }),
  compliance: fc.subarray<ComplianceNeed>(['hipaa', 'pci']),
  egress: fc.integer({ min: 0, max: 60_000 }),
  logs: fc.integer({ min: 0, max: 500 }),
};

function processes(sizes: string[], build: (name: string, count: number, size: string) => ProcessType | undefined) {
  return fc
    .uniqueArray(
      fc.record({
        name: fc.constantFrom(...names),
        count: fc.integer({ min: 1, max: 20 }),
        size: fc.constantFrom(...sizes),
      }),
      { minLength: 1, maxLength: 4, selector: (p) => p.name },
    )
    .map((list) => list.map((p) => build(p.name, p.count, p.size)!));
}

export const herokuWorkload: fc.Arbitrary<Workload> = fc
  .record({
    processes: processes(dynoSizes, (n, c, s) => herokuProcess(catalog, n, c, s)),
    plan: fc.option(fc.constantFrom(...catalog.postgresPlans.map((p) => p.plan)), { nil: undefined }),
    cache: fc.option(fc.constantFrom(...catalog.keyValuePlans.map((p) => p.plan)), { nil: undefined }),
    ...shared,
  })
  .map((w) => ({
    origin: 'heroku' as const,
    processes: w.processes,
    ...(w.plan ? { database: herokuDatabase(catalog, w.plan)! } : {}),
    ...(w.cache ? { cache: herokuCache(catalog, w.cache)! } : {}),
    addOns: [],
    egressGbPerMonth: w.egress,
    logGbPerMonth: w.logs,
    environments: { staging: w.staging, reviewApps: w.reviewApps },
    compliance: w.compliance,
  }));

export const awsWorkload: fc.Arbitrary<Workload> = fc
  .record({
    processes: processes(instanceTypes, (n, c, s) => awsInstanceProcess(catalog, n, c, s)),
    dbClass: fc.option(fc.constantFrom(...catalog.rdsClasses.map((c) => c.dbClass)), { nil: undefined }),
    multiAz: fc.boolean(),
    storage: fc.integer({ min: 20, max: 4000 }),
    node: fc.option(fc.constantFrom(...catalog.cacheNodes.map((n) => n.node)), { nil: undefined }),
    ...shared,
  })
  .map((w) => ({
    origin: 'aws' as const,
    processes: w.processes,
    ...(w.dbClass ? { database: awsDatabase(catalog, w.dbClass, w.multiAz, w.storage)! } : {}),
    ...(w.node ? { cache: awsCache(catalog, w.node)! } : {}),
    addOns: [],
    egressGbPerMonth: w.egress,
    logGbPerMonth: w.logs,
    environments: { staging: w.staging, reviewApps: w.reviewApps },
    compliance: w.compliance,
  }));

export const anyWorkload = fc.oneof(herokuWorkload, awsWorkload);
export const options = fc.record({ awsCompute: fc.constantFrom('ec2' as const, 'fargate' as const) });

/** A Heroku account: up to 12 apps of random shapes, some staging or review apps, some in teams. */
export const herokuFleet = fc
  .uniqueArray(
    fc.record({
      name: fc.constantFrom('api', 'web', 'shop', 'jobs', 'admin', 'search', 'mail', 'auth'),
      suffix: fc.constantFrom('', '-staging', '-dev', '-pr-12', '-eu'),
      team: fc.option(fc.constantFrom('growth', 'core'), { nil: undefined }),
      workload: herokuWorkload,
    }),
    { minLength: 1, maxLength: 12, selector: (a) => `${a.name}${a.suffix}` },
  )
  .map((apps) =>
    apps.map((a) => ({
      name: `${a.name}${a.suffix}`,
      ...(a.team ? { team: a.team } : {}),
      workload: { ...a.workload, environments: { staging: false, reviewApps: 0 } },
    })),
  );

const BILLED_SERVICES = [
  ['Amazon Elastic Load Balancing', 'LoadBalancerUsage'],
  ['EC2 - Other', 'NatGateway-Hours'],
  ['EC2 - Other', 'EBS:VolumeUsage.gp3'],
  ['AmazonCloudWatch', 'TimedStorage-ByteHrs'],
  ['Amazon Simple Storage Service', 'TimedStorage-ByteHrs'],
  ['Amazon CloudFront', 'DataTransfer-Out-Bytes'],
  ['Tax', 'Tax'],
  ['Savings Plans for AWS Compute usage', 'ComputeSP:1yrNoUpfront'],
] as const;

const amount = fc.integer({ min: 0, max: 5_000_000 }).map((milli) => (milli / 1000).toFixed(3));

/** An AWS account's month: instance types that ran, and a bill by service and usage type. */
export const awsAccountMonth = fc
  .record({
    ec2: fc.uniqueArray(fc.constantFrom(...catalog.ec2Instances.map((i) => i.type)), { maxLength: 4 }),
    rds: fc.uniqueArray(fc.constantFrom(...catalog.rdsClasses.map((c) => c.dbClass)), { maxLength: 2 }),
    cache: fc.uniqueArray(fc.constantFrom(...catalog.cacheNodes.map((n) => n.node)), { maxLength: 2 }),
    counts: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 8, maxLength: 8 }),
    multiAz: fc.boolean(),
    storage: fc.integer({ min: 0, max: 3000 }),
    amounts: fc.array(amount, { minLength: 8 + BILLED_SERVICES.length, maxLength: 8 + BILLED_SERVICES.length }),
    other: fc.subarray([...BILLED_SERVICES]),
  })
  .filter((a) => a.ec2.length + a.rds.length + a.cache.length > 0)
  .map((a) => {
    const instances = [
      ...a.ec2.map((instanceType) => ({ service: 'ec2' as const, instanceType })),
      ...a.rds.map((instanceType) => ({ service: 'rds' as const, instanceType })),
      ...a.cache.map((instanceType) => ({ service: 'elasticache' as const, instanceType })),
    ].map((i, n) => ({ ...i, count: a.counts[n], multiAz: i.service === 'rds' && a.multiAz }));
    const usage = { ec2: 'BoxUsage', rds: 'InstanceUsage', elasticache: 'NodeUsage' } as const;
    const service = {
      ec2: 'Amazon Elastic Compute Cloud - Compute',
      rds: 'Amazon Relational Database Service',
      elasticache: 'Amazon ElastiCache',
    } as const;
    return {
      period: '2026-11-01 to 2026-11-30',
      asOf: '2026-11-30',
      metric: 'UnblendedCost',
      instances,
      rdsStorageGb: a.storage,
      costs: [
        ...instances.map((i, n) => ({
          service: service[i.service],
          usageType: `${usage[i.service]}:${i.instanceType}`,
          amount: a.amounts[n],
        })),
        ...a.other.map(([s, usageType], n) => ({ service: s, usageType, amount: a.amounts[8 + n] })),
      ],
    };
  });
