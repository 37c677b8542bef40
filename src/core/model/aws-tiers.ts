import { AWS_HOURS_PER_MONTH, Decimal } from '../money';
import { type Catalog, type CatalogEntry, priceOf, RDS_MIN_STORAGE_GB } from '../pricing';
import type { Steps } from '../steps';
import { cacheLines, sharedCacheLines } from './aws-cache-lines';
import { type Placement, placeTasks } from './aws-pool';
import { lineFor, unknownLine } from './cost-line';
import { formatCount, percent, plural } from './describe';
import { publicAddressItem, webBehindLoadBalancer } from './public-subnet';
import { kept } from './remembered';
import { instanceForDyno, type ProcessNeed } from './sizing-rules';
import type { AwsDatabase, AwsStack } from './stacks';
import type { CostLine, EnvironmentName, TierId } from './types';

/** Traffic-driven quantities of one app in one environment (for review apps: all copies together). */
export interface AwsTraffic {
  egressGb: number;
  logGb: number;
  natGb: number;
  albLcu: number;
  /** A web process needs the load balancer (one host rule per app); workers alone do not. */
  loadBalancer: boolean;
}

/** One app in one environment, as like-for-like AWS resources plus what its processes need. */
export interface AwsAppEnvironment {
  /** Shown before each of the app's own lines in a fleet (`acme-api: `); empty for one estimate. */
  prefix: string;
  environment: EnvironmentName;
  /** Review apps: how many copies run. */
  copies: number;
  stack: AwsStack;
  traffic: AwsTraffic;
  /**
   * Its instances or tasks sit in a public subnet, each with its own public address, with no load
   * balancer and no NAT gateway (an app of Eco or Basic dynos: `runsInPublicSubnet`).
   */
  publicSubnet?: boolean;
}

const DATA_TRANSFER_TIERS: readonly { key: string; gb: number }[] = [
  { key: 'aws.data-transfer.out.first-10tb', gb: 10_240 },
  { key: 'aws.data-transfer.out.next-40tb', gb: 40_960 },
  { key: 'aws.data-transfer.out.next-100tb', gb: 102_400 },
  { key: 'aws.data-transfer.out.over-150tb', gb: Number.POSITIVE_INFINITY },
];

export type Add = (entry: CatalogEntry, item: string, quantity: Decimal.Value, category: CostLine['category']) => void;

function collector(lines: CostLine[], environment: EnvironmentName): Add {
  return (entry, item, quantity, category) => {
    const zero = typeof quantity === 'number' ? quantity === 0 : new Decimal(quantity).isZero();
    if (!zero) lines.push(lineFor(entry, item, quantity, { environment, category }));
  };
}

type SavingsPlanKind = 'computeSavingsPlanDiscount' | 'fargateSavingsPlanDiscount';

/** Savings Plan entries by catalog, then on-demand entry, then kind and rate: objects and numbers, no text keys. */
const savingsEntries = new WeakMap<Catalog, WeakMap<CatalogEntry, Map<string, Map<number, CatalogEntry>>>>();

/** The on-demand entry, or in the optimised tier the same at a 1-year Compute Savings Plan rate. */
function computeEntry(
  catalog: Catalog,
  key: string,
  savingsPlan: number | undefined,
  what: SavingsPlanKind,
): CatalogEntry {
  const entry = priceOf(catalog, key);
  if (savingsPlan === undefined || entry.unitPrice === null) return entry;
  const onDemand = entry.unitPrice;
  const byEntry = kept(savingsEntries, catalog, () => new WeakMap());
  const byRate = kept(
    kept(byEntry, entry, () => new Map()),
    what,
    () => new Map(),
  );
  return kept(byRate, savingsPlan, () => ({
    ...entry,
    unitPrice: onDemand.times(1 - savingsPlan),
    source: `${entry.source}, less ${percent(savingsPlan)} for a 1-year no-upfront Compute Savings Plan (${catalog.assumptionSources[what]}; AWS publishes a rate per ${what === 'fargateSavingsPlanDiscount' ? 'task size' : 'instance type'})`,
    confidence: 'derived' as const,
  }));
}

const hoursOf = (perMonth: number | undefined): number => perMonth ?? AWS_HOURS_PER_MONTH;

/** Quantities keep three decimals, so a float product never shows as 73.00000000000001. */
const milli = (value: number): number => Math.round(value * 1000) / 1000;

function oneInstancePerProcess(app: AwsAppEnvironment, catalog: Catalog, add: Add, lines: CostLine[]): number {
  let instances = 0;
  const { compute } = app.stack;
  for (let j = 0; j < compute.length; j++) {
    const c = compute[j];
    if (c.kind !== 'ec2') continue;
    const count = c.count * app.copies;
    const item = `${app.prefix}${c.process}: ${count} × ${c.type}`;
    if (c.spec) add(priceOf(catalog, c.spec.priceKey), item, hoursOf(c.hoursPerMonth) * count, 'compute');
    else
      lines.push(
        unknownLine(
          item,
          count,
          'instance',
          { environment: app.environment, category: 'compute' },
          catalog.priceListDate,
        ),
      );
    instances += count;
  }
  return instances;
}

function fargateLines(app: AwsAppEnvironment, catalog: Catalog, add: Add, optimised: boolean): void {
  const discount = optimised ? catalog.assumptions.fargateSavingsPlanDiscount : undefined;
  const { compute } = app.stack;
  for (let j = 0; j < compute.length; j++) {
    const c = compute[j];
    if (c.kind !== 'fargate') continue;
    const arch = optimised ? 'arm64' : c.arch;
    const prefix = arch === 'arm64' ? 'aws.fargate-arm' : 'aws.fargate';
    const count = c.count * app.copies;
    const hours = hoursOf(c.hoursPerMonth) * count;
    const task = `${app.prefix}${c.process}: ${count} × Fargate task (${c.vcpu} vCPU, ${c.memoryGb} GB${arch === 'arm64' ? ', ARM' : ''})`;
    const plan = discount === undefined ? '' : ', 1-year Compute Savings Plan';
    const what = 'fargateSavingsPlanDiscount' as const;
    add(
      computeEntry(catalog, `${prefix}.vcpu-hour`, discount, what),
      `${task}: vCPU${plan}`,
      milli(hours * c.vcpu),
      'compute',
    );
    add(
      computeEntry(catalog, `${prefix}.gb-hour`, discount, what),
      `${task}: memory${plan}`,
      milli(hours * c.memoryGb),
      'compute',
    );
  }
}

function pooledInstances(
  apps: readonly AwsAppEnvironment[],
  environment: EnvironmentName,
  catalog: Catalog,
  add: Add,
  optimised: boolean,
  publicSubnet = false,
): number {
  const needs: { need: ProcessNeed; count: number }[] = [];
  const owners = new Set<string>();
  let tasks = 0;
  for (let a = 0; a < apps.length; a++) {
    const app = apps[a];
    const { compute } = app.stack;
    for (let j = 0; j < compute.length; j++) {
      const c = compute[j];
      if (c.kind !== 'ec2' || !c.need) continue;
      needs.push({ need: c.need, count: c.count * app.copies });
      owners.add(app.prefix);
      tasks += c.count * app.copies;
    }
  }
  // Production's processes spread across two zones when there is more than one to spread (web runs two,
  // except an Eco or Basic web dyno, which runs one on Heroku too). Apps of Eco and Basic dynos have no
  // redundancy on Heroku to match: their shared instances in a public subnet stay in one zone.
  const spread = !publicSubnet && environment === 'production' && tasks > 1;
  const graviton = optimised || apps.some((a) => a.stack.architecture === 'any');
  const placement = placeTasks(catalog, needs, graviton ? 'any' : 'x86_64', spread ? 2 : 1);
  if (!placement) return 0;
  const whose = owners.size > 1 ? ` of ${plural(owners.size, 'app')}` : '';
  const discount = optimised ? catalog.assumptions.computeSavingsPlanDiscount : undefined;
  const plan = discount === undefined ? '' : ', 1-year Compute Savings Plan';
  if (placement.kind === 'own') return ownInstanceLines(apps, placement, catalog, add, graviton, discount);
  let instances = 0;
  for (let i = 0; i < placement.pools.length; i++) {
    const pool = placement.pools[i];
    add(
      computeEntry(catalog, pool.spec.priceKey, discount, 'computeSavingsPlanDiscount'),
      `ECS on EC2: ${pool.count} × ${pool.spec.type} shared by ${plural(pool.tasks, 'process', 'processes')}${whose}${plan}`,
      AWS_HOURS_PER_MONTH * pool.count,
      'compute',
    );
    instances += pool.count;
  }
  return instances;
}

/**
 * When packing saves nothing, each process keeps its own instance, one line per process as in
 * like-for-like (so the two tiers round alike); a spare instance makes up the two-zone minimum.
 */
function ownInstanceLines(
  apps: readonly AwsAppEnvironment[],
  placement: Placement,
  catalog: Catalog,
  add: Add,
  graviton: boolean,
  discount: number | undefined,
): number {
  const plan = discount === undefined ? '' : ', 1-year Compute Savings Plan';
  let instances = 0;
  for (let a = 0; a < apps.length; a++) {
    const app = apps[a];
    const { compute } = app.stack;
    for (let j = 0; j < compute.length; j++) {
      const c = compute[j];
      if (c.kind !== 'ec2' || !c.need) continue;
      const count = c.count * app.copies;
      const { spec } = instanceForDyno(catalog, c.need, graviton ? 'any' : 'x86_64');
      add(
        computeEntry(catalog, spec.priceKey, discount, 'computeSavingsPlanDiscount'),
        `${app.prefix}${c.process}: ${count} × ${spec.type}${plan}`,
        AWS_HOURS_PER_MONTH * count,
        'compute',
      );
      instances += count;
    }
  }
  const placed = placement.pools.reduce((n, p) => n + p.count, 0);
  if (placed > instances) {
    const spare = placement.pools[0].spec;
    const extra = placed - instances;
    add(
      computeEntry(catalog, spare.priceKey, discount, 'computeSavingsPlanDiscount'),
      `${extra} × ${spare.type} spare, for a second Availability Zone${plan}`,
      AWS_HOURS_PER_MONTH * extra,
      'compute',
    );
  }
  return placed;
}

/** Each of the app's databases, its own RDS instance and storage (several name the Heroku plan each replaces). */
function databaseLines(app: AwsAppEnvironment, catalog: Catalog, add: Add, lines: CostLine[]): void {
  const { database, extraDatabases } = app.stack;
  if (database) databaseLine(app, database, catalog, add, lines);
  if (extraDatabases)
    for (let i = 0; i < extraDatabases.length; i++) databaseLine(app, extraDatabases[i], catalog, add, lines);
}

function databaseLine(app: AwsAppEnvironment, db: AwsDatabase, catalog: Catalog, add: Add, lines: CostLine[]): void {
  const deployment = db.multiAz ? 'Multi-AZ' : 'Single-AZ';
  const copies = app.copies > 1 ? ` × ${app.copies}` : '';
  const from = db.from ? `, for Heroku Postgres ${db.from}` : '';
  const item = `${app.prefix}RDS PostgreSQL ${db.dbClass} ${deployment}${copies}${from}`;
  if (db.spec)
    add(
      priceOf(catalog, db.multiAz ? db.spec.multiAzKey : db.spec.singleAzKey),
      item,
      AWS_HOURS_PER_MONTH * app.copies,
      'database',
    );
  else
    lines.push(
      unknownLine(
        item,
        app.copies,
        'instance',
        { environment: app.environment, category: 'database' },
        catalog.priceListDate,
      ),
    );
  const storageGb = Math.max(RDS_MIN_STORAGE_GB, db.storageGb);
  add(
    priceOf(catalog, db.multiAz ? 'aws.rds.storage.gp3.multi-az' : 'aws.rds.storage.gp3.single-az'),
    `${app.prefix}RDS gp3 storage (${storageGb} GB${copies}, ${deployment}${from})`,
    storageGb * app.copies,
    'database',
  );
}

/**
 * Load balancers, NAT gateways, public addresses and logs: once per environment, whatever the app count;
 * none of them in an environment where no process runs.
 */
function sharedNetworkLines(
  apps: readonly AwsAppEnvironment[],
  environment: EnvironmentName,
  units: number,
  publicUnits: number,
  catalog: Catalog,
  add: Add,
): void {
  const a = catalog.assumptions;
  // Apps in a public subnet (Eco and Basic dynos) use no load balancer and no NAT gateway: their own
  // addresses are their own lines (`publicAddressLines`); only their logs are counted here. A web process
  // of theirs on Fargate keeps a load balancer all the same, for an address that stays (`webBehindLoadBalancer`).
  const routed = publicUnits > 0 ? apps.filter((app) => !app.publicSubnet) : apps;
  const balanced =
    publicUnits > 0
      ? apps.filter((app) => !app.publicSubnet || webBehindLoadBalancer(app.stack, app.traffic.loadBalancer))
      : apps;
  const rulesOf = (of: readonly AwsAppEnvironment[]) =>
    of.reduce((sum, app) => sum + (app.traffic.loadBalancer ? app.copies : 0), 0);
  const hostRules = rulesOf(balanced);
  // Where no process runs (apps scaled to 0, only databases and caches) nothing needs the internet: a NAT
  // gateway lets instances in private subnets reach it, and RDS and ElastiCache in private subnets need
  // none (Amazon VPC User Guide, NAT gateways). So no NAT gateway, no addresses, and no logs to ingest.
  const natGateway = units > 0 || rulesOf(routed) > 0;
  if (!natGateway && hostRules === 0) {
    if (publicUnits > 0) logLines(apps, catalog, add);
    return;
  }
  const loadBalancers = Math.ceil(hostRules / a.albRulesPerLoadBalancer);
  // Production spreads across two zones when it runs more than one instance or task; a single one (an Eco
  // or Basic web dyno) sits in one zone with one NAT gateway, though its load balancer spans two.
  const zones = environment === 'production' && units > 1 ? 2 : 1;
  const sum = (of: readonly AwsAppEnvironment[], pick: (t: AwsTraffic) => number) =>
    milli(of.reduce((total, app) => total + pick(app.traffic), 0));
  if (loadBalancers > 0) {
    const rules = hostRules > 1 ? ` with ${plural(hostRules, 'host rule')}` : '';
    add(
      priceOf(catalog, 'aws.alb.hour'),
      `Application Load Balancer${loadBalancers > 1 ? ` × ${loadBalancers}` : ''}${rules}`,
      AWS_HOURS_PER_MONTH * loadBalancers,
      'network',
    );
    const lcu = sum(balanced, (t) => (t.loadBalancer ? t.albLcu : 0));
    add(
      priceOf(catalog, 'aws.alb.lcu-hour'),
      `ALB capacity (${lcu} LCU average)`,
      milli(lcu * AWS_HOURS_PER_MONTH),
      'network',
    );
  }
  if (natGateway) {
    add(
      priceOf(catalog, 'aws.nat.hour'),
      `NAT gateway${zones > 1 ? ` × ${zones} (one per Availability Zone)` : ''}`,
      AWS_HOURS_PER_MONTH * zones,
      'network',
    );
    const natGb = sum(routed, (t) => t.natGb);
    add(priceOf(catalog, 'aws.nat.gb'), `NAT gateway data processed (${natGb} GB)`, natGb, 'network');
  }
  // An Application Load Balancer spans at least two zones (AWS requires subnets in two), each with its
  // own public address, even where one NAT gateway serves staging or review apps.
  const addresses = loadBalancers * Math.max(zones, 2) + (natGateway ? zones : 0);
  // Name only what holds the addresses: a worker-only environment has no load balancer, and a Fargate web
  // task in a public subnet no NAT gateway.
  const nat = zones > 1 ? "NAT gateways'" : "NAT gateway's";
  const balancer = loadBalancers > 1 ? "load balancers'" : "load balancer's";
  const holders = loadBalancers === 0 ? nat : natGateway ? `${balancer} and ${nat}` : balancer;
  add(
    priceOf(catalog, 'aws.vpc.public-ipv4'),
    `Public IPv4 addresses (${formatCount(addresses)}: the ${holders})`,
    AWS_HOURS_PER_MONTH * addresses,
    'network',
  );
  logLines(apps, catalog, add);
}

/** One set of CloudWatch Logs for every app of the environment that runs a process. */
function logLines(apps: readonly AwsAppEnvironment[], catalog: Catalog, add: Add): void {
  const a = catalog.assumptions;
  const logGb = milli(apps.reduce((total, app) => total + app.traffic.logGb, 0));
  add(priceOf(catalog, 'aws.cloudwatch.logs.ingest'), `CloudWatch Logs ingestion (${logGb} GB)`, logGb, 'logging');
  add(
    priceOf(catalog, 'aws.cloudwatch.logs.storage'),
    `CloudWatch Logs storage (${plural(a.logRetentionMonths, 'month')} kept)`,
    milli(logGb * a.logRetentionMonths),
    'logging',
  );
}

/** An app's Fargate tasks, all copies together. */
function tasksOf(app: AwsAppEnvironment): number {
  let tasks = 0;
  const { compute } = app.stack;
  for (let j = 0; j < compute.length; j++) {
    const c = compute[j];
    if (c.kind === 'fargate') tasks += c.count * app.copies;
  }
  return tasks;
}

/**
 * The public IPv4 address of each instance or task in a public subnet: an app's own line where it has
 * its own instances (like-for-like) or tasks; one line for the instances its processes share otherwise.
 */
function publicAddressLines(
  apps: readonly AwsAppEnvironment[],
  ownInstances: boolean,
  sharedInstances: number,
  catalog: Catalog,
  add: Add,
): void {
  const entry = priceOf(catalog, 'aws.vpc.public-ipv4');
  for (let a = 0; a < apps.length; a++) {
    const app = apps[a];
    if (!app.publicSubnet) continue;
    let instances = 0;
    const { compute } = app.stack;
    for (let j = 0; j < compute.length; j++) {
      const c = compute[j];
      if (c.kind === 'ec2') instances += c.count * app.copies;
    }
    const tasks = tasksOf(app);
    const own = (ownInstances ? instances : 0) + tasks;
    const of = tasks > 0 ? 'task' : 'instance';
    add(entry, publicAddressItem(app.prefix, own, of), AWS_HOURS_PER_MONTH * own, 'network');
  }
  if (!ownInstances)
    add(entry, publicAddressItem('', sharedInstances, 'instance'), AWS_HOURS_PER_MONTH * sharedInstances, 'network');
}

/** Data transfer out is tiered per account and region: the fleet's egress together, once. */
/** A data-transfer tier's item for an amount (`… (first 10 TB: 54.5 GB)`), per price entry and amount. */
const transferItems = new WeakMap<CatalogEntry, Map<number, string>>();

function transferItem(entry: CatalogEntry, gb: number): string {
  const items = kept(transferItems, entry, () => new Map<number, string>());
  // The amounts are the user's egress: emptied rather than grown without bound.
  if (items.size >= 1000) items.clear();
  return kept(items, gb, () => entry.description.replace(/\)$/, `: ${formatCount(gb)} GB)`));
}

function dataTransferLines(apps: readonly AwsAppEnvironment[], catalog: Catalog): CostLine[] {
  const lines: CostLine[] = [];
  // The account's, shown with production; apps all of one environment (a staging app alone) with theirs.
  const [first] = apps;
  const alone = first !== undefined && apps.every((app) => app.environment === first.environment);
  const add = collector(lines, alone ? first.environment : 'production');
  let remaining = milli(apps.reduce((total, app) => total + app.traffic.egressGb, 0));
  for (let i = 0; i < DATA_TRANSFER_TIERS.length && remaining > 0; i++) {
    const { key, gb: tierGb } = DATA_TRANSFER_TIERS[i];
    const inTier = Math.min(remaining, tierGb);
    const entry = priceOf(catalog, key);
    add(entry, transferItem(entry, inTier), inTier, 'network');
    remaining = milli(remaining - inTier);
  }
  return lines;
}

const ENVIRONMENT_ORDER: readonly EnvironmentName[] = ['production', 'staging', 'review'];

/**
 * What every tier prices alike for one set of apps, made once and shared by the three tiers (lines are
 * immutable): each environment's apps, databases and network lines (by whether more than one instance
 * or task runs there, which decides production's zones), and the account's data transfer.
 */
export interface SharedTierLines {
  apps: readonly AwsAppEnvironment[];
  catalog: Catalog;
  groups: (readonly AwsAppEnvironment[])[];
  databases: (CostLine[] | undefined)[];
  /**
   * By environment, then by [no unit running behind the load balancer and NAT, one, several], and again
   * those three with apps in a public subnet running beside them (their logs are counted too).
   */
  network: (CostLine[] | undefined)[][];
  transfer: CostLine[] | undefined;
}

export function sharedTierLines(apps: readonly AwsAppEnvironment[], catalog: Catalog): SharedTierLines {
  return {
    apps,
    catalog,
    groups: ENVIRONMENT_ORDER.map((e) => apps.filter((a) => a.environment === e)),
    databases: [],
    network: [[], [], []],
    transfer: undefined,
  };
}

/** Lines written into a list of their own. */
function linesOf(environment: EnvironmentName, write: (add: Add, lines: CostLine[]) => void): CostLine[] {
  const made: CostLine[] = [];
  write(collector(made, environment), made);
  return made;
}

/**
 * The AWS lines of one tier for apps in any environments:
 * - like-for-like: one instance per dyno (the sizing rules), each database and cache its own;
 * - consolidated: ECS on EC2 packing every environment's processes onto shared instances, small caches
 *   sharing one node; each database stays its own;
 * - optimised: consolidated with Graviton allowed, EC2/Fargate at 1-year Compute Savings Plan rates and
 *   caches on ElastiCache for Valkey.
 * Load balancers, NAT gateways, public addresses and logs are shared per environment in every tier, and
 * left out where no process runs.
 */
export function awsTierLines(tier: TierId, shared: SharedTierLines): CostLine[] {
  const lines: CostLine[] = [];
  for (let e = 0; e < ENVIRONMENT_ORDER.length; e++) {
    const pass = environmentPass(tier, shared, e, lines);
    if (pass === undefined) continue;
    for (let i = 0; i < PASSES.length; i++) PASSES[i](pass);
  }
  return transferLines(shared, lines);
}

/** `awsTierLines` in steps (src/core/steps.ts), one after each pass over an environment's apps. */
export function* awsTierLineSteps(tier: TierId, shared: SharedTierLines): Steps<CostLine[]> {
  const lines: CostLine[] = [];
  for (let e = 0; e < ENVIRONMENT_ORDER.length; e++) {
    const pass = environmentPass(tier, shared, e, lines);
    if (pass === undefined) continue;
    for (let i = 0; i < PASSES.length; i++) {
      PASSES[i](pass);
      yield;
    }
  }
  return transferLines(shared, lines);
}

/** One tier's passes over one environment's apps: what they share, and the instances counted so far. */
interface EnvironmentPass {
  tier: TierId;
  shared: SharedTierLines;
  e: number;
  environment: EnvironmentName;
  group: readonly AwsAppEnvironment[];
  lines: CostLine[];
  add: Add;
  instances: number;
  /** Some apps are of Eco or Basic dynos: in a public subnet, apart from the load balancer and NAT gateways. */
  inPublic: boolean;
  /** Of `instances`, those in the public subnet. */
  publicInstances: number;
}

function environmentPass(
  tier: TierId,
  shared: SharedTierLines,
  e: number,
  lines: CostLine[],
): EnvironmentPass | undefined {
  const group = shared.groups[e];
  if (group.length === 0) return undefined;
  const environment = ENVIRONMENT_ORDER[e];
  return {
    tier,
    shared,
    e,
    environment,
    group,
    lines,
    add: collector(lines, environment),
    instances: 0,
    inPublic: group.some((app) => app.publicSubnet),
    publicInstances: 0,
  };
}

/** Instances: one per process in like-for-like, else the processes packed. */
function instancePass(p: EnvironmentPass): void {
  const { catalog } = p.shared;
  if (p.tier === 'like-for-like') {
    const { group } = p;
    for (let a = 0; a < group.length; a++) {
      const app = group[a];
      const own = oneInstancePerProcess(app, catalog, p.add, p.lines);
      p.instances += own;
      if (app.publicSubnet) p.publicInstances += own;
    }
    return;
  }
  const optimised = p.tier === 'optimised';
  const routed = p.inPublic ? p.group.filter((app) => !app.publicSubnet) : p.group;
  p.instances += pooledInstances(routed, p.environment, catalog, p.add, optimised);
  if (p.inPublic) {
    const publicApps = p.group.filter((app) => app.publicSubnet);
    p.publicInstances = pooledInstances(publicApps, p.environment, catalog, p.add, optimised, true);
    p.instances += p.publicInstances;
  }
}

/** Fargate tasks, and the instances' root volumes. */
function taskPass(p: EnvironmentPass): void {
  const { catalog } = p.shared;
  const { group } = p;
  for (let a = 0; a < group.length; a++) fargateLines(group[a], catalog, p.add, p.tier === 'optimised');
  const rootGb = catalog.assumptions.ec2RootVolumeGb;
  p.add(
    priceOf(catalog, 'aws.ebs.gp3'),
    `EBS gp3 root volumes (${plural(p.instances, 'instance')} × ${rootGb} GB)`,
    p.instances * rootGb,
    'compute',
  );
}

/** Databases: the same in every tier, made once. */
function databasePass(p: EnvironmentPass): void {
  const { shared, group } = p;
  shared.databases[p.e] ??= linesOf(p.environment, (addOwn, own) => {
    for (let a = 0; a < group.length; a++) databaseLines(group[a], shared.catalog, addOwn, own);
  });
  pushLines(p.lines, shared.databases[p.e]!);
}

/** Caches, then the network lines, which depend only on how many instances and tasks run. */
function networkPass(p: EnvironmentPass): void {
  const { shared, group, environment, add, lines } = p;
  const { catalog } = shared;
  if (p.tier === 'like-for-like') {
    for (let a = 0; a < group.length; a++) cacheLines(group[a], catalog, add, lines, 'redis');
  } else sharedCacheLines(group, catalog, add, lines, p.tier === 'optimised' ? 'valkey' : 'redis');
  let tasks = 0;
  let publicTasks = 0;
  for (let a = 0; a < group.length; a++) {
    const app = group[a];
    const own = tasksOf(app);
    tasks += own;
    if (app.publicSubnet) publicTasks += own;
  }
  if (p.inPublic) publicAddressLines(group, p.tier === 'like-for-like', p.publicInstances, catalog, add);
  const units = p.instances + tasks - p.publicInstances - publicTasks;
  const publicUnits = p.publicInstances + publicTasks;
  const running = (units > 1 ? 2 : units) + (publicUnits > 0 ? 3 : 0);
  shared.network[p.e][running] ??= linesOf(environment, (addOwn) =>
    sharedNetworkLines(group, environment, units, publicUnits, catalog, addOwn),
  );
  pushLines(lines, shared.network[p.e][running]!);
}

const PASSES: readonly ((p: EnvironmentPass) => void)[] = [instancePass, taskPass, databasePass, networkPass];

/** The account's data transfer, the same in every tier, made once. */
function transferLines(shared: SharedTierLines, lines: CostLine[]): CostLine[] {
  shared.transfer ??= dataTransferLines(shared.apps, shared.catalog);
  pushLines(lines, shared.transfer);
  return lines;
}

/**
 * Lines made once and shared, added to a tier's list. Here and in this file's other loops, indexed
 * rather than `for…of`: unoptimised, as nearly every estimate runs them, each step of an iterator is
 * a builtin call and a result object.
 */
function pushLines(lines: CostLine[], shared: readonly CostLine[]): void {
  for (let i = 0; i < shared.length; i++) lines.push(shared[i]);
}
