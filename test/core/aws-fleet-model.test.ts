import { type AwsAccount, modelAwsAccount } from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';

const catalog = DEFAULT_CATALOG;
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';

function account(overrides: Partial<AwsAccount> = {}): AwsAccount {
  return {
    period: '2026-11-01 to 2026-11-30',
    asOf: '2026-11-30',
    metric: 'UnblendedCost',
    instances: [
      { service: 'ec2', instanceType: 'm6i.large', count: 3, multiAz: false },
      { service: 'rds', instanceType: 'db.m6g.large', count: 1, multiAz: true },
      { service: 'rds', instanceType: 'db.t4g.medium', count: 1, multiAz: false },
    ],
    rdsStorageGb: 300,
    costs: [
      { service: EC2, usageType: 'BoxUsage:m6i.large', amount: '100.004' },
      { service: EC2, usageType: 'USE2-BoxUsage:m6i.large', amount: '100.004' },
      { service: RDS, usageType: 'Multi-AZUsage:db.m6g.large', amount: '228.96' },
      { service: RDS, usageType: 'InstanceUsage:db.t4g.medium', amount: '46.8' },
      { service: 'EC2 - Other', usageType: 'NatGateway-Bytes', amount: '3.333' },
      { service: 'EC2 - Other', usageType: 'EBS:VolumeUsage.gp3', amount: '4.8' },
      { service: 'Amazon Virtual Private Cloud', usageType: 'PublicIPv4:InUseAddress', amount: '10.95' },
      { service: 'AWS Data Transfer', usageType: 'DataTransfer-Out-Bytes', amount: '9' },
      { service: 'Amazon CloudFront', usageType: 'DataTransfer-Out-Bytes', amount: '20.005' },
      { service: 'Tax', usageType: 'Tax', amount: '40' },
    ],
    ...overrides,
  };
}

const items = (lines: readonly { item: string; cents: number }[]) => lines.map((l) => [l.item, l.cents]);

describe('an AWS account on Heroku', () => {
  const model = modelAwsAccount(account(), catalog);

  it('reads the bill line by line: instances as billed, what Heroku includes, what stays; each summed, then rounded once', () => {
    expect(items(model.current.lines)).toEqual([
      // 100.004 + 100.004 = 200.008 → $200.01 (two lines rounded apart would show $200.00).
      ['EC2 m6i.large: 3 running, as billed', 20001],
      ['RDS db.m6g.large Multi-AZ: 1 running, as billed', 22896],
      ['RDS db.t4g.medium: 1 running, as billed', 4680],
      ['What Heroku includes: NAT gateways', 333],
      ['What Heroku includes: public IPv4 addresses', 1095],
      ['What Heroku includes: EBS volumes and snapshots', 480],
      ['What Heroku includes: data transfer', 900],
      ['Stays on AWS: Amazon CloudFront', 2001],
    ]);
    expect(model.current.infrastructure.toFixed(2)).toBe('523.86');
  });

  it('counts CloudWatch Logs ingestion (DataProcessing-Bytes) as CloudWatch, not as data transfer; its DataTransfer rows stay data transfer', () => {
    const costs = [
      ...account().costs,
      { service: 'AmazonCloudWatch', usageType: 'USE1-DataProcessing-Bytes', amount: '150.25' },
      { service: 'AmazonCloudWatch', usageType: 'TimedStorage-ByteHrs', amount: '3.1' },
      { service: 'AmazonCloudWatch', usageType: 'USE1-DataTransfer-Out-Bytes', amount: '0.5' },
    ];
    const lines = items(modelAwsAccount(account({ costs }), catalog).current.lines);
    // A lead checking "data transfer" against the bill's data transfer finds $9.50, not $159.75 with the logs in it.
    expect(lines).toContainEqual(['What Heroku includes: data transfer', 950]);
    expect(lines).toContainEqual(['What Heroku includes: CloudWatch', 15335]);
  });

  it("leaves AWS's tax out of both sides, as Heroku's list prices are before tax, and says so", () => {
    // $40 of tax on a bill whose instances move is not a service that stays on AWS: each platform bills its own.
    for (const tier of model.tiers) expect(tier.lines.some((l) => /Tax/.test(l.item))).toBe(false);
    expect(model.assumptions).toContain(
      "AWS's tax ($40.00 in the period) is left out of both sides: Heroku's list prices are before tax, and each platform bills its own.",
    );
  });

  it('keeps what stays on AWS, at the same cents, in every tier', () => {
    for (const tier of model.tiers) {
      expect(items(tier.lines.filter((l) => l.item.startsWith('Stays on AWS')))).toEqual([
        ['Stays on AWS: Amazon CloudFront', 2001],
      ]);
    }
  });

  it('sizes each instance type by the reverse rules and each database by RAM, storage and Multi-AZ', () => {
    const [like, consolidated] = model.tiers;
    expect(items(like.lines.filter((l) => l.category !== 'platform'))).toEqual([
      // 8 GB less 1.5 GiB headroom = 6.5 GB and 2 dedicated vCPU: one Performance-L each.
      ['EC2 m6i.large: 3 × Performance-L dyno', 150000],
      // 300 GB shared by RAM: 8 GB and 4 GB → 200 GB and 100 GB. Multi-AZ → a highly available (premium) plan.
      ['RDS db.m6g.large Multi-AZ: Heroku Postgres premium-2', 35000],
      ['RDS db.t4g.medium: Heroku Postgres standard-2', 20000],
    ]);
    expect(items(consolidated.lines.filter((l) => l.category === 'compute'))).toEqual([
      ['EC2 m6i.large: 21 × Standard-2X dyno (7 per instance)', 105000],
    ]);
    expect(model.assumptions.join('\n')).toContain(
      'RDS storage (300 GB in all) is shared out over the databases in proportion to their RAM.',
    );
  });

  it('compares the bill with the consolidated tier and says what each tier saves or costs each month', () => {
    // Dynos $1,500 / $1,050 / 3 × dyno-2c-8gb $480, Postgres $350 + $200, $20.01 staying; against $523.86.
    expect(model.tiers.map((t) => t.infrastructure.toFixed(2))).toEqual(['2070.01', '1620.01', '1050.01']);
    expect(model.verdict).toMatchObject({ tier: 'consolidated', kind: 'cheaper', cheaper: 'aws' });
    expect(model.verdict.difference?.toFixed(2)).toBe('1096.15');
    expect(model.differences.map((d) => [d.tier, d.monthly.toFixed(2), d.partial])).toEqual([
      ['like-for-like', '-1546.15', false],
      ['consolidated', '-1096.15', false],
      // Fir dynos run in a Fir space whose fee has no public price.
      ['optimised', '-526.15', true],
    ]);
    expect(model.paybackMonths).toBeUndefined();
  });

  it('splits the figures into units and what no unit owns, which add up to each total', () => {
    const cents = (m: { toNumber(): number }) => Math.round(m.toNumber() * 100);
    const units = model.units.reduce((n, u) => n + cents(u.current), 0);
    expect(units + cents(model.currentShared)).toBe(cents(model.current.infrastructure));
    const modelled = model.units.reduce((n, u) => n + cents(u.likeForLike), 0);
    expect(modelled + cents(model.sharedLikeForLike)).toBe(cents(model.tiers[0].infrastructure));
  });

  it('prices the one-off move: hours per instance type and database, and the data copied out of AWS', () => {
    // 1 × 16 h + 2 × 8 h at $100/h; 300 GB at $0.09/GB.
    expect(items(model.oneOff.lines)).toEqual([
      ['Moving 1 EC2 instance type (16 h each: build, deploy, config, cut-over)', 160000],
      ['Moving 2 databases (8 h each: copy, check, switch)', 160000],
      ['Copying 300 GB of database data out of AWS', 2700],
    ]);
    expect(model.oneOff.total.toFixed(2)).toBe('3227.00');
  });

  it('counts every RDS instance of a class as a database to move and price, as Cost Explorer cannot tell a replica', () => {
    // Three db.t4g.medium running: before, "× 3 (a leader and followers)" and one database in the one-off.
    const three = modelAwsAccount(
      account({
        instances: [
          { service: 'ec2', instanceType: 'm6i.large', count: 3, multiAz: false },
          { service: 'rds', instanceType: 'db.t4g.medium', count: 3, multiAz: false },
        ],
      }),
      catalog,
    );
    for (const tier of three.tiers)
      expect(items(tier.lines.filter((l) => l.category === 'database'))).toEqual([
        // 300 GB over three instances: 100 GB each, so standard-2 (256 GB) at $200.
        ['RDS db.t4g.medium: Heroku Postgres standard-2 × 3 (one for each RDS instance)', 60000],
      ]);
    expect(items(three.oneOff.lines)).toContainEqual(['Moving 3 databases (8 h each: copy, check, switch)', 240000]);
    expect(three.assumptions).toContain(
      'Each RDS instance is its own Heroku Postgres database, and the one-off counts each: AWS bills a read replica as a DB instance of its class, and Cost Explorer does not say which instances are replicas (a replica could become a Heroku follower at the same plan price).',
    );
  });

  it('counts a Compute Savings Plan fee as what pays for the instances it covers, not as a service that stays on AWS', () => {
    // Ten m5.large all month under a 1-year no-upfront Compute Savings Plan: Cost Explorer's unblended
    // cost shows the covered usage netted to $0 by the plan's negation, and the plan's fee as a
    // service of its own.
    const covered = modelAwsAccount(
      account({
        instances: [{ service: 'ec2', instanceType: 'm5.large', count: 10, multiAz: false }],
        rdsStorageGb: 0,
        costs: [
          { service: EC2, usageType: 'BoxUsage:m5.large', amount: '0' },
          { service: 'Savings Plans for AWS Compute usage', usageType: 'ComputeSP:1yrNoUpfront', amount: '497.664' },
        ],
      }),
      catalog,
    );
    expect(items(covered.current.lines)).toEqual([
      ['EC2 m5.large: 10 running, as billed (net of the Savings Plan below)', 0],
      ['Savings Plan fee: Savings Plans for AWS Compute usage (pays for the covered instance usage)', 49766],
    ]);
    for (const tier of covered.tiers) expect(tier.lines.some((l) => /Savings Plan/.test(l.item))).toBe(false);
    // 10 × 7 Standard-2X ($3,500) against the $497.66 the instances cost through the plan.
    expect(covered.tiers[1].infrastructure.toFixed(2)).toBe('3500.00');
    expect(covered.differences[1].monthly.toFixed(2)).toBe('-3002.34');
    // The instances are compared with the fee that pays for them, never as costing $0.00.
    expect(covered.drivers[0]).toBe(
      'EC2 instances (1 type) with the Savings Plan that pays for them are cheaper on AWS by $4,502.34/mo: $497.66/mo on AWS as billed, $5,000.00/mo on Heroku like-for-like.',
    );
    expect(covered.drivers.join('\n')).not.toMatch(/\$0\.00|stays? on AWS/);
    expect(covered.assumptions.join('\n')).toContain('bills until its term ends');
  });

  it('names no winner when an instance has no known size', () => {
    const unknown = modelAwsAccount(
      account({ instances: [{ service: 'ec2', instanceType: 'x9z.huge', count: 1, multiAz: false }], costs: [] }),
      catalog,
    );
    expect(unknown.tiers[1].unpriced.map((l) => l.item)).toEqual(['EC2 x9z.huge: size unknown']);
    expect(unknown.verdict.kind).toBe('incomplete');
  });

  it('gives a payback in months when the consolidated tier saves money', () => {
    const busy = modelAwsAccount(
      account({
        instances: [{ service: 'ec2', instanceType: 't3.small', count: 2, multiAz: false }],
        rdsStorageGb: 0,
        costs: [
          { service: EC2, usageType: 'BoxUsage:t3.small', amount: '30.37' },
          { service: 'Amazon Elastic Load Balancing', usageType: 'LoadBalancerUsage', amount: '16.43' },
          { service: 'EC2 - Other', usageType: 'NatGateway-Hours', amount: '65.7' },
        ],
      }),
      catalog,
    );
    // 2 × Standard-2X ($100) against $112.50 as billed: $12.50 a month pays $1,600 back in 128 months.
    expect(busy.differences[1].monthly.toFixed(2)).toBe('12.50');
    expect(busy.paybackMonths).toBe(128);
    // Like-for-like and consolidated are both $100.00: no driver says packing "saves $0.00/mo".
    expect(busy.tiers[0].infrastructure.toFixed(2)).toBe('100.00');
    expect(busy.drivers.join('\n')).not.toContain('$0.00/mo');
  });

  it('gives no payback when the consolidated tier costs the same (it said "pays it back in Infinity months")', () => {
    // 2 × c7g.8xlarge billed $5,000.00; consolidated on Heroku 10 × Performance-L, $5,000.00: nothing saved.
    const even = modelAwsAccount(
      account({
        instances: [{ service: 'ec2', instanceType: 'c7g.8xlarge', count: 2, multiAz: false }],
        rdsStorageGb: 0,
        costs: [{ service: EC2, usageType: 'BoxUsage:c7g.8xlarge', amount: '5000' }],
      }),
      catalog,
    );
    expect(even.differences[1].monthly.toFixed(2)).toBe('0.00');
    expect(even.paybackMonths).toBeUndefined();
  });
});
