import Decimal from 'decimal.js';
import { AWS_HOURS_PER_MONTH } from '../money';
import { type Catalog, priceOf } from '../pricing';
import { lineFor, unknownLine } from './cost-line';
import { plural } from './describe';
import type { AwsStack } from './stacks';
import type { CostLine, EnvironmentName } from './types';

/** Traffic-driven quantities for one AWS environment (for review apps: all of them together). */
export interface AwsTraffic {
  egressGb: number;
  logGb: number;
  natGb: number;
  albLcu: number;
  /** A web process needs the load balancer; workers alone do not. */
  loadBalancer: boolean;
}

const DATA_TRANSFER_TIERS: [key: string, gb: number][] = [
  ['aws.data-transfer.out.first-10tb', 10_240],
  ['aws.data-transfer.out.next-40tb', 40_960],
  ['aws.data-transfer.out.next-100tb', Number.POSITIVE_INFINITY],
];

/** Lines for one AWS environment; `copies` review apps share each line. Monthly = hourly × 730. */
export function awsLines(
  stack: AwsStack,
  environment: EnvironmentName,
  copies: number,
  traffic: AwsTraffic,
  catalog: Catalog,
): CostLine[] {
  const lines: CostLine[] = [];
  const add = (key: string, item: string, quantity: Decimal.Value, category: CostLine['category']) => {
    if (!new Decimal(quantity).isZero())
      lines.push(lineFor(priceOf(catalog, key), item, quantity, { environment, category }));
  };
  const hours = (perMonth: number | undefined) => new Decimal(perMonth ?? AWS_HOURS_PER_MONTH);
  let instances = 0;

  for (const c of stack.compute) {
    const count = c.count * copies;
    if (c.kind === 'fargate') {
      const prefix = c.arch === 'arm64' ? 'aws.fargate-arm' : 'aws.fargate';
      const task = `${c.process}: ${count} × Fargate task (${c.vcpu} vCPU, ${c.memoryGb} GB${c.arch === 'arm64' ? ', ARM' : ''})`;
      add(`${prefix}.vcpu-hour`, `${task}: vCPU`, hours(c.hoursPerMonth).times(count).times(c.vcpu), 'compute');
      add(`${prefix}.gb-hour`, `${task}: memory`, hours(c.hoursPerMonth).times(count).times(c.memoryGb), 'compute');
      continue;
    }
    const item = `${c.process}: ${count} × ${c.type}`;
    if (c.spec) add(c.spec.priceKey, item, hours(c.hoursPerMonth).times(count), 'compute');
    else lines.push(unknownLine(item, count, 'instance', { environment, category: 'compute' }, catalog.priceListDate));
    instances += count;
  }
  const rootGb = catalog.assumptions.ec2RootVolumeGb;
  add(
    'aws.ebs.gp3',
    `EBS gp3 root volumes (${plural(instances, 'instance')} × ${rootGb} GB)`,
    instances * rootGb,
    'compute',
  );

  if (stack.database) {
    const db = stack.database;
    const deployment = db.multiAz ? 'Multi-AZ' : 'Single-AZ';
    const item = `RDS PostgreSQL ${db.dbClass} ${deployment}${copies > 1 ? ` × ${copies}` : ''}`;
    if (db.spec)
      add(db.multiAz ? db.spec.multiAzKey : db.spec.singleAzKey, item, hours(undefined).times(copies), 'database');
    else
      lines.push(unknownLine(item, copies, 'instance', { environment, category: 'database' }, catalog.priceListDate));
    const storageKey = `aws.rds.storage.gp3.${db.multiAz ? 'multi-az' : 'single-az'}`;
    add(
      storageKey,
      `RDS gp3 storage (${db.storageGb} GB${copies > 1 ? ` × ${copies}` : ''}, ${deployment})`,
      db.storageGb * copies,
      'database',
    );
  }
  if (stack.cache) {
    const item = `ElastiCache ${stack.cache.node}${copies > 1 ? ` × ${copies}` : ''}`;
    if (stack.cache.spec) add(stack.cache.spec.priceKey, item, hours(undefined).times(copies), 'cache');
    else lines.push(unknownLine(item, copies, 'node', { environment, category: 'cache' }, catalog.priceListDate));
  }

  if (traffic.loadBalancer) {
    add('aws.alb.hour', 'Application Load Balancer', AWS_HOURS_PER_MONTH, 'network');
    add(
      'aws.alb.lcu-hour',
      `ALB capacity (${traffic.albLcu} LCU average)`,
      new Decimal(traffic.albLcu).times(AWS_HOURS_PER_MONTH),
      'network',
    );
  }
  add('aws.nat.hour', 'NAT gateway', AWS_HOURS_PER_MONTH, 'network');
  add('aws.nat.gb', `NAT gateway data processed (${traffic.natGb} GB)`, traffic.natGb, 'network');
  add('aws.cloudwatch.logs.ingest', `CloudWatch Logs ingestion (${traffic.logGb} GB)`, traffic.logGb, 'logging');
  const retention = catalog.assumptions.logRetentionMonths;
  add(
    'aws.cloudwatch.logs.storage',
    `CloudWatch Logs storage (${plural(retention, 'month')} kept)`,
    new Decimal(traffic.logGb).times(retention),
    'logging',
  );

  let remaining = new Decimal(traffic.egressGb);
  for (const [key, tierGb] of DATA_TRANSFER_TIERS) {
    const inTier = Decimal.min(remaining, tierGb);
    const description = priceOf(catalog, key).description;
    add(key, description.replace(/\)$/, `: ${inTier.toNumber()} GB)`), inTier, 'network');
    remaining = remaining.minus(inTier);
  }
  return lines;
}
