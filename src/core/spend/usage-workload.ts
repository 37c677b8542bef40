import { Decimal } from '../money';
import type { InstanceSpecLookup } from '../pricing/instance-specs';
import { utcMidnight } from '../utc-days';
import type { Workload } from '../workload';

/** SERVICE dimension values of the services whose instance hours become a Workload. */
export const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';
export const RDS_SERVICE = 'Amazon Relational Database Service';
export const ELASTICACHE_SERVICE = 'Amazon ElastiCache';

type ComputeService = 'ec2' | 'rds' | 'elasticache';

const SERVICE_KIND: Record<string, ComputeService> = {
  [EC2_COMPUTE_SERVICE]: 'ec2',
  [RDS_SERVICE]: 'rds',
  [ELASTICACHE_SERVICE]: 'elasticache',
};

/**
 * Average running instances are rounded up, but a sliver over a whole number (per-second billing,
 * an overlap during a deploy) does not buy another instance: up to this fraction of one instance is
 * ignored before rounding up.
 */
const ROUNDING_SLACK = new Decimal('0.05');

/** One row of instance-hours: what Cost Explorer reported for a service and instance type. */
export interface InstanceHoursRow {
  service: string;
  instanceType: string;
  /** UsageQuantity as sent (a decimal string). */
  quantity: string;
  unit: string;
}

interface InstanceUsage {
  service: ComputeService;
  instanceType: string;
  /** Instance-hours in the period, exact. */
  hours: string;
  /** hours / hours in the period, to 4 places. */
  averageRunning: string;
  /** Instances to model: the average rounded up (see ROUNDING_SLACK), at least 1. */
  count: number;
  /** RDS: some of these hours were Multi-AZ. */
  multiAz: boolean;
  /** Undefined when no spec is known for the type. */
  spec?: { memoryGb: number; vcpu: number };
}

export interface UsageWorkload {
  workload: Workload;
  start: string;
  end: string;
  hoursInPeriod: number;
  /** Every instance type seen, largest first within each service: the evidence behind the workload. */
  instances: InstanceUsage[];
  /** Instance types with no known memory/vCPU: modelled with 0 GB / 0 vCPU until the catalog knows them. */
  unknownInstanceTypes: string[];
  /** Rows left out and why, and what the workload cannot know from Cost Explorer. */
  notes: string[];
}

export interface BuildUsageWorkloadInput {
  start: string;
  end: string;
  rows: InstanceHoursRow[];
  /** RDS instance types that ran Multi-AZ in the period (hours > 0). */
  multiAzTypes: ReadonlySet<string>;
  /** Average allocated RDS storage over the period, GB; undefined when it was not measured. */
  rdsStorageGb?: number;
  instanceSpec: InstanceSpecLookup;
}

function hoursBetween(start: string, end: string): number {
  return utcMidnight(end).diff(utcMidnight(start), 'hours').hours;
}

const isHours = (unit: string) => /^(hrs|hours?)$/i.test(unit.trim());

function instancesFromRows(input: BuildUsageWorkloadInput, hoursInPeriod: number, notes: string[]): InstanceUsage[] {
  const totals = new Map<string, { service: ComputeService; instanceType: string; hours: Decimal }>();
  for (const row of input.rows) {
    const service = SERVICE_KIND[row.service];
    const type = row.instanceType.trim().toLowerCase();
    if (!service) {
      notes.push(`Ignored usage of ${row.service}: only EC2, RDS and ElastiCache instances become a workload.`);
      continue;
    }
    if (!type || type === 'noinstancetype') continue;
    if (!isHours(row.unit)) {
      notes.push(`Ignored ${row.quantity} ${row.unit} of ${type} (${row.service}): not instance-hours.`);
      continue;
    }
    const id = `${service}:${type}`;
    const current = totals.get(id) ?? { service, instanceType: type, hours: new Decimal(0) };
    current.hours = current.hours.plus(row.quantity);
    totals.set(id, current);
  }
  const period = new Decimal(hoursInPeriod);
  return [...totals.values()]
    .filter((entry) => entry.hours.greaterThan(0))
    .map((entry) => {
      const average = entry.hours.dividedBy(period);
      const count = Decimal.max(1, average.minus(ROUNDING_SLACK).ceil()).toNumber();
      const spec = input.instanceSpec(entry.instanceType);
      return {
        service: entry.service,
        instanceType: entry.instanceType,
        hours: entry.hours.toFixed(),
        averageRunning: average.toDecimalPlaces(4).toFixed(),
        count,
        multiAz: entry.service === 'rds' && input.multiAzTypes.has(entry.instanceType),
        ...(spec ? { spec: { memoryGb: spec.memoryGb, vcpu: spec.vcpu } } : {}),
      };
    })
    .sort(
      (a, b) =>
        a.service.localeCompare(b.service) ||
        (b.spec?.memoryGb ?? 0) - (a.spec?.memoryGb ?? 0) ||
        (b.spec?.vcpu ?? 0) - (a.spec?.vcpu ?? 0) ||
        Number(b.multiAz) - Number(a.multiAz) ||
        new Decimal(b.hours).comparedTo(a.hours) ||
        a.instanceType.localeCompare(b.instanceType),
    );
}

/**
 * Instance-hours by type → a platform-neutral Workload: EC2 types become process types named by
 * instance type, the largest RDS class the database (Multi-AZ → high availability), the largest
 * ElastiCache node the cache. Pure: the figures behind every choice come back in `instances`/`notes`.
 */
export function buildUsageWorkload(input: BuildUsageWorkloadInput): UsageWorkload {
  const hoursInPeriod = hoursBetween(input.start, input.end);
  if (!(hoursInPeriod > 0)) throw new RangeError(`The period ${input.start} to ${input.end} is empty`);
  const notes: string[] = [];
  const instances = instancesFromRows(input, hoursInPeriod, notes);
  const unknownInstanceTypes = instances.filter((i) => !i.spec).map((i) => i.instanceType);

  const processes = instances
    .filter((i) => i.service === 'ec2')
    .map((i) => ({
      name: i.instanceType,
      count: i.count,
      size: i.instanceType,
      memoryGb: i.spec?.memoryGb ?? 0,
      vcpu: i.spec?.vcpu ?? 0,
      dedicated: !/^t\d/.test(i.instanceType),
    }));

  const [database, ...otherDatabases] = instances.filter((i) => i.service === 'rds');
  const [cache, ...otherCaches] = instances.filter((i) => i.service === 'elasticache');
  if (database && database.count > 1) {
    notes.push(
      `${database.instanceType} averaged ${database.averageRunning} instances; the workload models one database.`,
    );
  }
  if (otherDatabases.length > 0) {
    notes.push(
      `Other RDS instances are not in the workload (it models one database): ${otherDatabases.map((i) => i.instanceType).join(', ')}.`,
    );
  }
  if (otherCaches.length > 0) {
    notes.push(
      `Other ElastiCache nodes are not in the workload (it models one cache): ${otherCaches.map((i) => i.instanceType).join(', ')}.`,
    );
  }
  if (database && input.rdsStorageGb === undefined) {
    notes.push('RDS storage was not measured; the database is modelled with 0 GB.');
  }
  if (unknownInstanceTypes.length > 0) {
    notes.push(`No memory/vCPU figures for ${unknownInstanceTypes.join(', ')}: modelled as 0 GB / 0 vCPU.`);
  }
  notes.push(
    'Egress and log volume are not read from Cost Explorer: the workload has 0 GB of each until they are set.',
  );

  const workload: Workload = {
    origin: 'aws',
    label: `AWS usage ${input.start} to ${input.end} (end exclusive, UTC)`,
    processes,
    addOns: [],
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };
  if (database) {
    workload.database = {
      plan: database.instanceType,
      memoryGb: database.spec?.memoryGb ?? 0,
      storageGb: input.rdsStorageGb ?? 0,
      highAvailability: database.multiAz,
    };
  }
  if (cache) workload.cache = { plan: cache.instanceType, memoryGb: cache.spec?.memoryGb ?? 0 };
  return {
    workload,
    start: input.start,
    end: input.end,
    hoursInPeriod,
    instances,
    unknownInstanceTypes,
    notes: [...new Set(notes)],
  };
}
