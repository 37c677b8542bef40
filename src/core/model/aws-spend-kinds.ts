/**
 * What each row of an AWS bill (Cost Explorer's cost by service and usage type) becomes when the
 * account moves to Heroku: an instance that becomes dynos or a data store, something Heroku's prices
 * include (load balancing, NAT, disks, logs, data transfer), or a service that stays on AWS.
 */

/** Cost Explorer's SERVICE values of the services Heroku replaces. */
const MOVING_SERVICES: Record<string, string> = {
  'Amazon Elastic Compute Cloud - Compute': 'ec2',
  'EC2 - Other': 'ec2-other',
  'Amazon Relational Database Service': 'rds',
  'Amazon ElastiCache': 'elasticache',
  'Amazon Elastic Load Balancing': 'elb',
  'Amazon Virtual Private Cloud': 'vpc',
  AmazonCloudWatch: 'cloudwatch',
  'AWS Data Transfer': 'data-transfer',
};

/** `BoxUsage:m5.large`, `USE2-InstanceUsage:db.m6g.large`, `Multi-AZUsage:db.t4g.small`, `NodeUsage:cache.t4g.small`. */
const INSTANCE_USAGE =
  /(?:^|-)(?:BoxUsage|DedicatedUsage|HeavyUsage|SpotUsage|InstanceUsage|Multi-AZUsage|NodeUsage)[^:]*:(.+)$/;

/**
 * Cost Explorer's SERVICE of a Compute Savings Plan's fee. Under unblended cost the EC2 usage it covers
 * is netted to nothing by the plan's negation, so the fee is what that usage costs: it goes with the
 * instances, not with what stays (Fargate and Lambda usage it covers stay; the share is not in the bill).
 */
const COMPUTE_SAVINGS_PLAN = /^Savings Plans for AWS Compute usage$/i;

export type SpendKind =
  | { kind: 'instance'; service: 'ec2' | 'rds' | 'elasticache'; instanceType: string }
  | { kind: 'included'; what: string }
  | { kind: 'commitment'; service: string }
  /** Tax on the bill: Heroku's list prices are before tax, so it is compared on neither side. */
  | { kind: 'tax' }
  | { kind: 'stays'; service: string };

/** The Heroku-included things, in the order answers list them. */
export const INCLUDED_ORDER = [
  'load balancing',
  'NAT gateways',
  'public IPv4 addresses',
  'EBS volumes and snapshots',
  'data transfer',
  'CloudWatch',
  'RDS storage, I/O and backups',
  'ElastiCache backups and other',
  'other EC2 and VPC charges',
] as const;

export function spendKind(service: string, usageType: string): SpendKind {
  if (COMPUTE_SAVINGS_PLAN.test(service)) return { kind: 'commitment', service };
  if (service === 'Tax') return { kind: 'tax' };
  const moving = MOVING_SERVICES[service];
  if (!moving) return { kind: 'stays', service };
  const instance = INSTANCE_USAGE.exec(usageType);
  if (instance && (moving === 'ec2' || moving === 'rds' || moving === 'elasticache')) {
    return { kind: 'instance', service: moving, instanceType: instance[1].toLowerCase() };
  }
  if (moving === 'elb' || /LoadBalancer|LCUUsage/.test(usageType)) return { kind: 'included', what: 'load balancing' };
  if (/NatGateway/.test(usageType)) return { kind: 'included', what: 'NAT gateways' };
  if (/PublicIPv4/.test(usageType)) return { kind: 'included', what: 'public IPv4 addresses' };
  if (/EBS:/.test(usageType)) return { kind: 'included', what: 'EBS volumes and snapshots' };
  // CloudWatch bills logs ingested as `DataProcessing-Bytes` and stored as `TimedStorage-ByteHrs`: those
  // are CloudWatch, not data transfer, though the first ends in -Bytes; only its DataTransfer rows are.
  if (moving === 'cloudwatch' && !/DataTransfer/.test(usageType)) return { kind: 'included', what: 'CloudWatch' };
  if (moving === 'data-transfer' || /DataTransfer|-Bytes$/.test(usageType))
    return { kind: 'included', what: 'data transfer' };
  if (moving === 'rds') return { kind: 'included', what: 'RDS storage, I/O and backups' };
  if (moving === 'elasticache') return { kind: 'included', what: 'ElastiCache backups and other' };
  return { kind: 'included', what: 'other EC2 and VPC charges' };
}
