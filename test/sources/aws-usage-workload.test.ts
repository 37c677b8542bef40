import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { builtInInstanceSpec } from '../../src/core/pricing/instance-specs';
import { buildUsageWorkload } from '../../src/core/spend/usage-workload';
import { AwsSpendSource, type AwsSpendSourceOptions } from '../../src/sources/aws/aws-spend-source';
import { createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import { type CeRequestBody, type FakeCostExplorer, startFakeCostExplorer } from '../support/fake-cost-explorer';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const CACHE = 'Amazon ElastiCache';
/** June 2026: 30 days, 720 hours. */
const JUNE = { start: '2026-06-01', end: '2026-07-01' };
const clock = new Date('2026-07-02T08:00:00Z');

type Input = CeRequestBody;
const isHoursQuery = (input: Input) => input.GroupBy?.length === 2;
const isMultiAzQuery = (input: Input) =>
  (input.Filter?.And ?? []).some((e) => e.Dimensions?.Key === 'DEPLOYMENT_OPTION');
const isStorageQuery = (input: Input) => input.GroupBy?.[0]?.Key === 'USAGE_TYPE';

let ce: FakeCostExplorer;
let store: Store;
let clients: CostExplorerClient[];

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(async () => {
  ce.reset();
  clients = [];
  store = await openStore(tempSqliteFile());
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await store.close();
});

function source(options: Partial<AwsSpendSourceOptions> = {}): AwsSpendSource {
  const client = createCostExplorerClient({
    endpoint: ce.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  clients.push(client);
  return new AwsSpendSource({ client, store, now: () => clock, ...options });
}

/** One MONTHLY bucket for June with UsageQuantity per group. */
function june(groups: { keys: string[]; quantity: string; unit: string }[]) {
  return {
    GroupDefinitions: [],
    ResultsByTime: [
      {
        TimePeriod: { Start: '2026-06-01', End: '2026-07-01' },
        Total: {},
        Groups: groups.map((g) => ({
          Keys: g.keys,
          Metrics: { UsageQuantity: { Amount: g.quantity, Unit: g.unit } },
        })),
        Estimated: false,
      },
    ],
    DimensionValueAttributes: [],
  };
}

function scriptJune() {
  ce.pages(
    'GetCostAndUsage',
    [
      june([
        { keys: [EC2, 'm5.large'], quantity: '1460', unit: 'Hrs' },
        { keys: [EC2, 't3.small'], quantity: '500.25', unit: 'Hrs' },
      ]),
      june([
        { keys: [EC2, 'c5.xlarge'], quantity: '2200', unit: 'Hrs' },
        { keys: [RDS, 'db.m6g.large'], quantity: '720', unit: 'Hrs' },
        { keys: [RDS, 'db.t4g.micro'], quantity: '720', unit: 'Hrs' },
        { keys: [CACHE, 'cache.t4g.small'], quantity: '720', unit: 'Hrs' },
      ]),
    ],
    { match: isHoursQuery },
  );
  ce.pages('GetCostAndUsage', [june([{ keys: ['db.m6g.large'], quantity: '720', unit: 'Hrs' }])], {
    match: isMultiAzQuery,
  });
  ce.pages(
    'GetCostAndUsage',
    [
      june([
        { keys: ['RDS:GP3-Storage'], quantity: '100', unit: 'GB-Mo' },
        { keys: ['RDS:ChargedBackupUsage'], quantity: '50', unit: 'GB-Mo' },
        { keys: ['RDS:PIOPS'], quantity: '3000', unit: 'IOPS-Mo' },
        { keys: ['InstanceUsage:db.t4g.micro'], quantity: '720', unit: 'Hrs' },
      ]),
    ],
    { match: isStorageQuery },
  );
}

describe('usageWorkload', () => {
  test('turns a month of instance-hours into a workload', async () => {
    scriptJune();
    const { value, fromCache } = await source().usageWorkload(JUNE);
    expect(fromCache).toBe(false);
    expect(value.hoursInPeriod).toBe(720);
    expect(value.workload).toEqual({
      origin: 'aws',
      label: 'AWS usage 2026-06-01 to 2026-07-01 (end exclusive, UTC)',
      processes: [
        // 2200 h / 720 h = 3.06 running on average: rounded up to 4.
        { name: 'c5.xlarge', count: 4, size: 'c5.xlarge', memoryGb: 8, vcpu: 4, dedicated: true },
        // 1,460 h of m5.large is two instances all month.
        { name: 'm5.large', count: 2, size: 'm5.large', memoryGb: 8, vcpu: 2, dedicated: true },
        { name: 't3.small', count: 1, size: 't3.small', memoryGb: 2, vcpu: 2, dedicated: false },
      ],
      database: { plan: 'db.m6g.large', memoryGb: 8, storageGb: 100, highAvailability: true },
      cache: { plan: 'cache.t4g.small', memoryGb: 1.37 },
      addOns: [],
      egressGbPerMonth: 0,
      logGbPerMonth: 0,
      environments: { staging: false, reviewApps: 0 },
      compliance: [],
    });
    expect(value.instances.find((i) => i.instanceType === 'm5.large')).toEqual({
      service: 'ec2',
      instanceType: 'm5.large',
      hours: '1460',
      averageRunning: '2.0278',
      count: 2,
      multiAz: false,
      spec: { memoryGb: 8, vcpu: 2 },
    });
    expect(value.instances.find((i) => i.instanceType === 'db.t4g.micro')?.multiAz).toBe(false);
    expect(value.notes).toEqual(
      expect.arrayContaining([
        'Other RDS instances are not in the workload (it models one database): db.t4g.micro.',
        expect.stringMatching(/^Egress and log volume are not read from Cost Explorer/),
      ]),
    );
    expect(value.unknownInstanceTypes).toEqual([]);
  });

  test('asks for running hours of the three services, then RDS Multi-AZ hours and storage', async () => {
    scriptJune();
    await source().usageWorkload(JUNE);
    const bodies = ce.requests('GetCostAndUsage').map((r) => r.body);
    expect(bodies).toHaveLength(4);
    const usage = {
      Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'] },
    };
    const runningHours = {
      Dimensions: {
        Key: 'USAGE_TYPE_GROUP',
        Values: ['EC2: Running Hours', 'RDS: Running Hours', 'ElastiCache: Running Hours'],
      },
    };
    const base = {
      TimePeriod: { Start: '2026-06-01', End: '2026-07-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UsageQuantity'],
    };
    const hours = {
      ...base,
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
      ],
      Filter: { And: [{ Dimensions: { Key: 'SERVICE', Values: [EC2, RDS, CACHE] } }, runningHours, usage] },
    };
    const rds = { Dimensions: { Key: 'SERVICE', Values: [RDS] } };
    expect(bodies[0]).toEqual(hours);
    expect(bodies[1]).toEqual({ ...hours, NextPageToken: expect.any(String) });
    expect(bodies[2]).toEqual({
      ...base,
      GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }],
      Filter: {
        And: [
          rds,
          runningHours,
          usage,
          { Dimensions: { Key: 'DEPLOYMENT_OPTION', Values: ['Multi-AZ', 'Multi-AZ (readable standbys)'] } },
        ],
      },
    });
    expect(bodies[3]).toEqual({
      ...base,
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      Filter: { And: [rds, usage] },
    });
  });

  test('without RDS it is one request and no database; Single-AZ is not high availability', async () => {
    ce.pages('GetCostAndUsage', [june([{ keys: [EC2, 'm6g.large'], quantity: '730', unit: 'Hrs' }])], {
      match: isHoursQuery,
    });
    const { value } = await source().usageWorkload(JUNE);
    expect(ce.requests()).toHaveLength(1);
    expect(value.workload.database).toBeUndefined();
    expect(value.workload.cache).toBeUndefined();
    expect(value.workload.processes).toEqual([
      { name: 'm6g.large', count: 1, size: 'm6g.large', memoryGb: 8, vcpu: 2, dedicated: true },
    ]);

    ce.reset();
    ce.pages('GetCostAndUsage', [june([{ keys: [RDS, 'db.m6g.large'], quantity: '720', unit: 'Hrs' }])], {
      match: isHoursQuery,
    });
    ce.pages('GetCostAndUsage', [june([])], { match: isMultiAzQuery });
    ce.pages('GetCostAndUsage', [june([])], { match: isStorageQuery });
    // A different period, so the first half's cached hours query is not reused.
    const single = await source().usageWorkload({ start: '2026-06-01', end: '2026-06-30' });
    expect(single.value.workload.database).toEqual({
      plan: 'db.m6g.large',
      memoryGb: 8,
      storageGb: 0,
      highAvailability: false,
    });
    expect(single.value.notes).toContain('RDS storage was not measured; the database is modelled with 0 GB.');
  });

  test('uses the instanceSpec option first, the built-in table for the rest, and names unknown types', async () => {
    ce.pages(
      'GetCostAndUsage',
      [
        june([
          { keys: [EC2, 'm5.large'], quantity: '720', unit: 'Hrs' },
          { keys: [EC2, 'x9z.mega'], quantity: '720', unit: 'Hrs' },
          { keys: [EC2, 'NoInstanceType'], quantity: '12', unit: 'Hrs' },
          { keys: [EC2, 'm5.xlarge'], quantity: '7', unit: 'N/A' },
        ]),
      ],
      { match: isHoursQuery },
    );
    const instanceSpec = (type: string) => (type === 'm5.large' ? { memoryGb: 7.5, vcpu: 2 } : undefined);
    const { value } = await source({ instanceSpec }).usageWorkload(JUNE);
    expect(value.workload.processes.map((p) => [p.name, p.memoryGb, p.vcpu])).toEqual([
      ['m5.large', 7.5, 2],
      ['x9z.mega', 0, 0],
    ]);
    expect(value.unknownInstanceTypes).toEqual(['x9z.mega']);
    expect(value.notes).toContain(
      'Ignored 7 N/A of m5.xlarge (Amazon Elastic Compute Cloud - Compute): not instance-hours.',
    );
    expect(value.notes).toContain('No memory/vCPU figures for x9z.mega: modelled as 0 GB / 0 vCPU.');
  });

  test('is cached like every other request', async () => {
    scriptJune();
    const spend = source();
    await spend.usageWorkload(JUNE);
    const again = await spend.usageWorkload(JUNE);
    expect(again.fromCache).toBe(true);
    expect(ce.requests()).toHaveLength(4);
    expect((await spend.requestsThisMonth()).requests).toBe(4);
  });
});

describe('buildUsageWorkload', () => {
  const base = { multiAzTypes: new Set<string>(), instanceSpec: builtInInstanceSpec };
  const ec2 = (instanceType: string, quantity: string) => ({ service: EC2, instanceType, quantity, unit: 'Hrs' });

  test.each([
    ['1', 1],
    ['744', 1],
    // A few hours over one instance (a deploy overlap) is still one.
    ['780', 1],
    // 5% over is not a sliver any more.
    ['782', 2],
    ['1488', 2],
    ['1489.5', 2],
    ['2232', 3],
  ])('%s hours in a 744-hour month → %i instances', (hours, count) => {
    const { workload } = buildUsageWorkload({
      ...base,
      start: '2026-07-01',
      end: '2026-08-01',
      rows: [ec2('m5.large', hours)],
    });
    expect(workload.processes[0].count).toBe(count);
  });

  test('hours of one type across monthly buckets add up', () => {
    const { instances } = buildUsageWorkload({
      ...base,
      start: '2026-06-16',
      end: '2026-07-16',
      rows: [ec2('m5.large', '720.0000000001'), ec2('M5.LARGE', '719.9999999999')],
    });
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ hours: '1440', averageRunning: '2', count: 2 });
  });

  test('an empty period is refused', () => {
    expect(() => buildUsageWorkload({ ...base, start: '2026-06-01', end: '2026-06-01', rows: [] })).toThrow(RangeError);
  });
});

describe('builtInInstanceSpec', () => {
  test.each([
    ['m5.large', { memoryGb: 8, vcpu: 2 }],
    ['c6i.2xlarge', { memoryGb: 16, vcpu: 8 }],
    ['r6g.xlarge', { memoryGb: 32, vcpu: 4 }],
    ['t3.micro', { memoryGb: 1, vcpu: 2 }],
    ['t4g.medium', { memoryGb: 4, vcpu: 2 }],
    ['db.m6g.large', { memoryGb: 8, vcpu: 2 }],
    ['db.r6g.2xlarge', { memoryGb: 64, vcpu: 8 }],
    ['db.t4g.micro', { memoryGb: 1, vcpu: 2 }],
    ['cache.t4g.small', { memoryGb: 1.37, vcpu: 2 }],
    ['cache.m6g.large', { memoryGb: 6.38, vcpu: 2 }],
    ['cache.r6g.large', { memoryGb: 13.07, vcpu: 2 }],
  ])('%s', (type, spec) => {
    expect(builtInInstanceSpec(type)).toEqual(spec);
  });

  test('unknown types are undefined, not guessed', () => {
    expect(builtInInstanceSpec('x9z.mega')).toBeUndefined();
    expect(builtInInstanceSpec('m5.huge')).toBeUndefined();
    expect(builtInInstanceSpec('NoInstanceType')).toBeUndefined();
  });
});
