import type { AwsAccount } from '../../core/model';
import { Decimal } from '../../core/money';
import type { Steps } from '../../core/steps';
import { addDays } from '../../core/utc-days';
import { inSlices } from '../../in-slices';
import type { Fetched } from '../source-error';
import { dailyByServiceAndUsageType, type Period, SERVICE_USAGE_SEPARATOR } from './alert-queries';
import type { AwsSpendSource } from './aws-spend-source';

/** Keys of the daily answer summed between turns: a month of a large bill is ~45,000 exact additions. */
const KEYS_A_STEP = 50;

/** Each service and usage type's days summed exactly; steps of keys. */
function* billRows(
  byKey: Record<string, Record<string, string>>,
): Steps<{ service: string; usageType: string; amount: string }[]> {
  const rows: { service: string; usageType: string; amount: string }[] = [];
  for (const [key, days] of Object.entries(byKey)) {
    if (rows.length > 0 && rows.length % KEYS_A_STEP === 0) yield;
    const [service, usageType = ''] = key.split(SERVICE_USAGE_SEPARATOR);
    const amount = Object.values(days).reduce((sum, day) => sum.plus(day), new Decimal(0));
    rows.push({ service, usageType, amount: amount.toFixed() });
  }
  return rows;
}

/**
 * What an AWS account ran and cost over a period, for modelling it on Heroku: instance-hours by
 * service and instance type (EC2, RDS with its Multi-AZ hours and storage, ElastiCache) and the cost
 * by service and usage type, credits and refunds apart. Requests: the instance-hours reads (one, or
 * three when RDS ran) and one for the cost, none within the cache's TTL.
 */
export async function awsAccountUsage(aws: AwsSpendSource, period: Period): Promise<Fetched<AwsAccount>> {
  const usage = await aws.usageWorkload(period);
  const costs = await dailyByServiceAndUsageType(aws, period);
  const rows = await inSlices(billRows(costs.value.byKey));
  const last = addDays(period.end, -1);
  const database = usage.value.workload.database;
  const account: AwsAccount = {
    period: `${period.start} to ${last}`,
    asOf: last,
    metric: aws.metric,
    instances: usage.value.instances.map((i) => ({
      service: i.service,
      instanceType: i.instanceType,
      count: i.count,
      multiAz: i.multiAz,
      ...(i.spec ? { memoryGb: i.spec.memoryGb, vcpu: i.spec.vcpu } : {}),
    })),
    ...(database && database.storageGb > 0 ? { rdsStorageGb: database.storageGb } : {}),
    costs: rows.filter((row) => !new Decimal(row.amount).isZero()),
  };
  const older = usage.asOf < costs.asOf ? usage : costs;
  return {
    value: account,
    asOf: older.asOf,
    fromCache: usage.fromCache || costs.fromCache,
    ...(usage.staleBecause || costs.staleBecause ? { staleBecause: usage.staleBecause ?? costs.staleBecause } : {}),
  };
}
