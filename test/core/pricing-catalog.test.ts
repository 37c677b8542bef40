import { parseEstimate } from '../../src/core/estimate';
import { estimate } from '../../src/core/model';
import { AWS_HOURS_PER_MONTH, toCents } from '../../src/core/money';
import {
  DEFAULT_CATALOG,
  findDyno,
  findEc2Instance,
  findKeyValuePlan,
  findRdsClass,
  isPriced,
  type PriceEntry,
  priceOf,
} from '../../src/core/pricing';

const entries = [...DEFAULT_CATALOG.entries.values()];
const priced = (key: string): PriceEntry => {
  const entry = priceOf(DEFAULT_CATALOG, key);
  if (!isPriced(entry)) throw new Error(`${key} has no price`);
  return entry;
};
const monthlyCents = (key: string) => toCents(priced(key).unitPrice.times(AWS_HOURS_PER_MONTH));

describe('the price catalog', () => {
  it('dates the price list by its newest entry', () => {
    const newest = entries
      .filter(isPriced)
      .map((e) => e.asOf)
      .sort()
      .at(-1);
    expect(DEFAULT_CATALOG.priceListDate).toBe(newest);
    expect(DEFAULT_CATALOG.priceListDate).toBe('2026-12-08');
  });

  it('gives every entry a source, an ISO as-of date, a unit and a confidence mark', () => {
    for (const e of entries) {
      expect(e.source).not.toBe('');
      expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['primary', 'secondary', 'derived', 'unconfirmed', 'conflicting']).toContain(e.confidence);
      // Finance readers see words, never the reference file's internal codes like (H-B) or (P5).
      expect(e.source).not.toMatch(/\((H-[A-D]|[PCDM]\d+)\)|pricing\.md/);
    }
  });

  it('holds the Heroku dyno list prices of the CLI map, with RAM and the dedicated flag', () => {
    const expected: [string, string, number, boolean][] = [
      ['basic', '7', 0.5, false],
      ['standard-1x', '25', 0.5, false],
      ['standard-2x', '50', 1, false],
      ['performance-m', '250', 2.5, true],
      ['performance-l', '500', 14, true],
      ['performance-l-ram', '500', 30, true],
      ['performance-xl', '750', 62, true],
      ['performance-2xl', '1500', 126, true],
      ['private-l', '900', 14, true],
      ['private-l-ram', '500', 30, true],
      ['shield-s', '270', 1, true],
      ['shield-2xl', '1800', 126, true],
    ];
    for (const [size, monthly, memoryGb, dedicated] of expected) {
      const spec = findDyno(DEFAULT_CATALOG, size)!;
      const actual = {
        monthly: priced(spec.priceKey).unitPrice.toString(),
        memoryGb: spec.memoryGb,
        dedicated: spec.dedicated,
      };
      expect({ size, ...actual }).toEqual({ size, monthly, memoryGb, dedicated });
      expect(priced(spec.priceKey).source).toBe("Heroku's published dyno prices (Heroku CLI price list)");
    }
  });

  it('holds Heroku Postgres and Key-Value Store prices where public, and nothing where not', () => {
    expect(priced('heroku.postgres.essential-0').unitPrice.toString()).toBe('5');
    expect(priced('heroku.postgres.standard-0').unitPrice.toString()).toBe('50');
    expect(priced('heroku.postgres.premium-7').unitPrice.toString()).toBe('6000');
    expect(priced('heroku.kvs.mini').unitPrice.toString()).toBe('3');
    expect(priced('heroku.kvs.premium-3').unitPrice.toString()).toBe('100');
    for (const key of [
      'heroku.postgres.standard-9',
      'heroku.postgres.premium-8',
      'heroku.postgres.shield-0',
      'heroku.postgres.private-4',
      'heroku.kvs.premium-4',
      'heroku.kvs.shield-7',
      'heroku.space.shield',
      'heroku.space.private',
    ]) {
      const entry = priceOf(DEFAULT_CATALOG, key);
      expect({ key, unitPrice: entry.unitPrice, contract: entry.contract }).toEqual({
        key,
        unitPrice: null,
        contract: true,
      });
    }
  });

  it("matches AWS's us-east-1 on-demand EC2 prices at 730 h a month (docs/references.md#hours-per-month)", () => {
    expect(monthlyCents('aws.ec2.t3.micro')).toBe(759);
    expect(monthlyCents('aws.ec2.t3.medium')).toBe(3_037);
    expect(monthlyCents('aws.ec2.t3.xlarge')).toBe(12_147);
    expect(monthlyCents('aws.ec2.t4g.medium')).toBe(2_453);
    expect(monthlyCents('aws.ec2.m5.large')).toBe(7_008);
    expect(monthlyCents('aws.ec2.m7i.xlarge')).toBe(14_717);
    expect(monthlyCents('aws.ec2.c6i.2xlarge')).toBe(24_820);
    expect(monthlyCents('aws.ec2.r5.2xlarge')).toBe(36_792);
    expect(priced('aws.ec2.m5.large').confidence).toBe('primary');
  });

  it('lists every EC2 size at the AWS Price List figure, none derived by doubling (Karpenter table, 2026-07-20)', () => {
    // Reference values: aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go,
    // "generated at 2026-07-20T13:44:30Z for us-east-1".
    const reference: Record<string, string> = {
      'aws.ec2.m6g.xlarge': '0.154',
      'aws.ec2.m6g.4xlarge': '0.616',
      'aws.ec2.m5.4xlarge': '0.768',
      'aws.ec2.t3.2xlarge': '0.3328',
      'aws.ec2.r7g.large': '0.1071',
      'aws.ec2.m7g.2xlarge': '0.3264',
      'aws.ec2.r6i.4xlarge': '1.008',
    };
    for (const [key, hourly] of Object.entries(reference)) {
      expect([key, priced(key).unitPrice.toString(), priced(key).confidence]).toEqual([key, hourly, 'primary']);
    }
    expect(entries.filter((e) => e.key.startsWith('aws.ec2.') && e.confidence !== 'primary')).toEqual([]);
    expect(findEc2Instance(DEFAULT_CATALOG, 'm6g.4xlarge')).toMatchObject({ vcpu: 16, memoryGb: 64, arch: 'arm64' });
    expect(findEc2Instance(DEFAULT_CATALOG, 't3.small')).toMatchObject({ vcpu: 2, memoryGb: 2, baselineVcpu: 0.4 });
    expect(findEc2Instance(DEFAULT_CATALOG, 't3.micro')).toMatchObject({ baselineVcpu: 0.2 });
  });

  it('keeps the AWS Price List RDS Multi-AZ prices of the t classes, which are not exactly twice Single-AZ', () => {
    // Reference: RDS for PostgreSQL us-east-1 Multi-AZ on-demand, db.t4g.small/db.t4g.medium/db.t3.medium.
    expect(priced('aws.rds.postgres.db.t4g.small.multi-az').unitPrice.toString()).toBe('0.065');
    expect(priced('aws.rds.postgres.db.t4g.medium.multi-az').unitPrice.toString()).toBe('0.129');
    expect(priced('aws.rds.postgres.db.t3.medium.multi-az').unitPrice.toString()).toBe('0.145');
    expect(priced('aws.rds.postgres.db.m6g.large.multi-az').confidence).toBe('secondary');
    expect(priced('aws.rds.postgres.db.t3.large.multi-az').unitPrice.toString()).toBe('0.29');
    expect(priced('aws.rds.postgres.db.t3.large.multi-az').confidence).toBe('derived');
  });

  it('has memory-optimised RDS classes, so a 244 GB plan is not priced as a general-purpose 16xlarge', () => {
    expect(findRdsClass(DEFAULT_CATALOG, 'db.r6g.8xlarge')).toMatchObject({ vcpu: 32, memoryGb: 256 });
    expect(findRdsClass(DEFAULT_CATALOG, 'db.r7g.large')).toMatchObject({ vcpu: 2, memoryGb: 16 });
    expect(priced('aws.rds.postgres.db.r6g.large.single-az').unitPrice.toString()).toBe('0.225');
    expect(priced('aws.rds.postgres.db.r6g.8xlarge.multi-az').unitPrice.toString()).toBe('7.2');
    // Not re-read from the Price List for this release: marked, and overridable by live prices or PRICING_FILE.
    expect(priced('aws.rds.postgres.db.r6g.large.single-az').confidence).toBe('unconfirmed');
  });

  it('has the AWS Price List ElastiCache m6g figures rather than doublings of cache.m6g.large', () => {
    const reference: Record<string, string> = {
      'aws.elasticache.cache.m6g.xlarge': '0.297',
      'aws.elasticache.cache.m6g.2xlarge': '0.593',
      'aws.elasticache.cache.m6g.4xlarge': '1.186',
      'aws.elasticache.cache.m6g.8xlarge': '2.372',
    };
    for (const [key, hourly] of Object.entries(reference)) {
      expect([key, priced(key).unitPrice.toString(), priced(key).source]).toEqual([
        key,
        hourly,
        'AWS Price List, ElastiCache on-demand nodes (Redis OSS) us-east-1',
      ]);
    }
  });

  it('prices ElastiCache for Valkey nodes 20% below Redis OSS, as the AWS Price List does', () => {
    // Reference: the AWS Price List's ElastiCache Valkey node in us-east-1, cache.t4g.micro 0.0128 $/h
    // (Redis OSS 0.016); cache.m6g.large 0.1192 (Redis OSS 0.149); AWS's offer file of 2025-06-24 has
    // cache.c7gn.large Valkey at 0.8 × Redis OSS in every term.
    expect(priced('aws.elasticache.valkey.cache.t4g.micro').unitPrice.toString()).toBe('0.0128');
    expect(priced('aws.elasticache.valkey.cache.m6g.large').unitPrice.toString()).toBe('0.1192');
    expect(monthlyCents('aws.elasticache.valkey.cache.t4g.micro')).toBe(934);
    for (const node of DEFAULT_CATALOG.cacheNodes) {
      const redis = priced(node.priceKey).unitPrice;
      expect([node.node, priced(node.valkeyPriceKey).unitPrice.toString()]).toEqual([
        node.node,
        redis.times(0.8).toString(),
      ]);
    }
    const valkey = priced('aws.elasticache.valkey.cache.t4g.micro');
    expect(valkey).toMatchObject({
      confidence: 'derived',
      unit: 'hour',
      description: 'ElastiCache cache.t4g.micro (Valkey)',
    });
    expect(valkey.source).toMatch(
      /less 20% for Valkey \(AWS ElastiCache pricing: node-based Valkey is priced 20% below Redis OSS\)$/,
    );
  });

  it('prices data transfer above 150 TB and every public IPv4 address', () => {
    expect(priced('aws.data-transfer.out.over-150tb').unitPrice.toString()).toBe('0.05');
    expect(priced('aws.vpc.public-ipv4').unitPrice.toString()).toBe('0.005');
    expect(priced('aws.vpc.public-ipv4').source).toMatch(/Public IPv4 Address Charge.*2024-02-01/);
    expect(monthlyCents('aws.vpc.public-ipv4')).toBe(365);
  });

  it('marks the HA Key-Value Store plans, so AWS gets a replica', () => {
    expect(findKeyValuePlan(DEFAULT_CATALOG, 'mini')?.highAvailability).toBe(false);
    expect(findKeyValuePlan(DEFAULT_CATALOG, 'premium-0')?.highAvailability).toBe(true);
    expect(findKeyValuePlan(DEFAULT_CATALOG, 'shield-9')?.highAvailability).toBe(true);
  });

  it('holds the Fir-generation dyno sizes of the Heroku CLI price list, and their space fee as a contract input', () => {
    expect(findDyno(DEFAULT_CATALOG, 'dyno-2c-8gb')).toMatchObject({ tier: 'fir', memoryGb: 8, vcpu: 2 });
    expect(priced('heroku.dyno.dyno-2c-8gb').unitPrice.toString()).toBe('160');
    expect(priced('heroku.dyno.dyno-1c-0.5gb').unitPrice.toString()).toBe('25');
    expect(priceOf(DEFAULT_CATALOG, 'heroku.space.fir').unitPrice).toBeNull();
  });

  it('shows the conflicting Private and Shield list prices as conflicting, with both figures', () => {
    const entry = priced('heroku.dyno.private-l-ram');
    expect(entry.confidence).toBe('conflicting');
    expect(entry.conflict).toMatch(/\$500\/month, less than the smaller Private-L's \$900/);
    expect(priced('heroku.dyno.shield-xl').conflict).toMatch(/\$900\/month, less than the smaller Shield-L's \$1,080/);
    expect(priced('heroku.dyno.private-l').confidence).toBe('primary');
  });

  it("has AWS's published us-east-1 network, logging and security prices", () => {
    const expected: Record<string, string> = {
      'aws.alb.hour': '0.0225',
      'aws.alb.lcu-hour': '0.008',
      'aws.nat.hour': '0.045',
      'aws.nat.gb': '0.045',
      'aws.fargate.vcpu-hour': '0.04048',
      'aws.fargate.gb-hour': '0.004445',
      'aws.ebs.gp3': '0.08',
      'aws.s3.standard': '0.023',
      'aws.cloudwatch.logs.ingest': '0.5',
      'aws.cloudwatch.logs.storage': '0.03',
      'aws.data-transfer.out.first-10tb': '0.09',
      'aws.kms.key': '1',
      'aws.waf.web-acl': '5',
      'aws.rds.backup': '0.095',
      'aws.elasticache.cache.t4g.small': '0.032',
    };
    for (const [key, price] of Object.entries(expected))
      expect([key, priced(key).unitPrice.toString()]).toEqual([key, price]);
    expect(priced('aws.backup.rds-snapshot').confidence).toBe('unconfirmed');
  });

  it("tiers data transfer out as the AWS Price List does, the 150 TB+ tier included, over an estimate's whole egress", () => {
    // Reference (AWS EC2 data transfer out to the internet, us-east-1): first 10 TB $0.09/GB, next 40 TB $0.085,
    // next 100 TB $0.07, over 150 TB $0.05.
    const reference: Record<string, string> = {
      'aws.data-transfer.out.first-10tb': '0.09',
      'aws.data-transfer.out.next-40tb': '0.085',
      'aws.data-transfer.out.next-100tb': '0.07',
      'aws.data-transfer.out.over-150tb': '0.05',
    };
    for (const [key, perGb] of Object.entries(reference))
      expect([key, priced(key).unitPrice.toString()]).toEqual([key, perGb]);
    // 200 TB a month: 10,240 GB × $0.09 + 40,960 × $0.085 + 102,400 × $0.07 + 51,200 × $0.05.
    const parsed = parseEstimate('web=1xstandard-2x egress=204800gb', DEFAULT_CATALOG);
    if (!parsed.ok || parsed.request.kind !== 'workload') throw new Error('does not parse');
    const lines = estimate(parsed.request.workload, DEFAULT_CATALOG).aws.lines.filter((l) =>
      l.item.startsWith('Data transfer out'),
    );
    expect(lines.map((l) => [l.quantity, l.cents])).toEqual([
      [10_240, 92_160],
      [40_960, 348_160],
      [102_400, 716_800],
      [51_200, 256_000],
    ]);
  });
});
