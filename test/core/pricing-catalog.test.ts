import { AWS_HOURS_PER_MONTH, toCents } from '../../src/core/money';
import { DEFAULT_CATALOG, findDyno, findEc2Instance, isPriced, type PriceEntry, priceOf } from '../../src/core/pricing';

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
    expect(DEFAULT_CATALOG.priceListDate).toBe('2026-10-02');
  });

  it('gives every entry a source, an ISO as-of date, a unit and a confidence mark', () => {
    for (const e of entries) {
      expect(e.source).not.toBe('');
      expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['primary', 'secondary', 'derived', 'unconfirmed']).toContain(e.confidence);
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
      expect(priced(spec.priceKey).source).toMatch(/H-B/);
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

  it('matches the monthly EC2 figures of pricing.md at 730 h', () => {
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

  it('derives sizes pricing.md does not list by doubling, and marks them derived', () => {
    expect(priced('aws.ec2.m6g.xlarge').unitPrice.toString()).toBe('0.154');
    expect(priced('aws.ec2.m6g.4xlarge').unitPrice.toString()).toBe('0.616');
    expect(priced('aws.ec2.m5.4xlarge').unitPrice.toString()).toBe('0.768');
    expect(priced('aws.ec2.t3.2xlarge').unitPrice.toString()).toBe('0.3328');
    for (const key of ['aws.ec2.m6g.xlarge', 'aws.ec2.m5.4xlarge', 'aws.rds.postgres.db.t3.large.multi-az']) {
      expect(priced(key).confidence).toBe('derived');
      expect(priced(key).source).toMatch(/^Derived: /);
    }
    expect(findEc2Instance(DEFAULT_CATALOG, 'm6g.4xlarge')).toMatchObject({ vcpu: 16, memoryGb: 64, arch: 'arm64' });
  });

  it('keeps listed RDS Multi-AZ prices rather than doubling them', () => {
    expect(priced('aws.rds.postgres.db.t4g.medium.multi-az').unitPrice.toString()).toBe('0.13');
    expect(priced('aws.rds.postgres.db.m6g.large.multi-az').confidence).toBe('secondary');
    expect(priced('aws.rds.postgres.db.t3.large.multi-az').unitPrice.toString()).toBe('0.29');
  });

  it('has the network, logging and security prices of pricing.md', () => {
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
});
