import { Decimal, toCents } from '../money';
import type { Steps } from '../steps';
import { INCLUDED_ORDER, spendKind } from './aws-spend-kinds';
import type { CostCategory, PricedCostLine } from './types';

/** One instance type (or database class, or cache node) that ran, from Cost Explorer's instance-hours. */
export interface AwsAccountInstance {
  service: 'ec2' | 'rds' | 'elasticache';
  instanceType: string;
  /** The average running over the period, rounded up. */
  count: number;
  multiAz: boolean;
  /** Its size, when the price list may not know the type. */
  memoryGb?: number;
  vcpu?: number;
}

/** Cost Explorer's cost of one service and usage type over the period (usage only, credits apart). */
interface AwsCostRow {
  service: string;
  usageType: string;
  amount: string;
}

/** What an AWS account ran and cost over a period (a month). */
export interface AwsAccount {
  /** The period in words: `2026-11-01 to 2026-11-30`. */
  period: string;
  /** The period's last day (ISO): the date of the bill's lines. */
  asOf: string;
  /** The Cost Explorer metric of `costs`. */
  metric: string;
  instances: AwsAccountInstance[];
  /** Average allocated RDS storage, GB. */
  rdsStorageGb?: number;
  costs: AwsCostRow[];
}

/** A unit's name: the line prefix of its own lines on both platforms. */
export function unitName(instance: AwsAccountInstance): string {
  if (instance.service === 'ec2') return `EC2 ${instance.instanceType}`;
  if (instance.service === 'rds') return `RDS ${instance.instanceType}${instance.multiAz ? ' Multi-AZ' : ''}`;
  return `ElastiCache ${instance.instanceType}`;
}

const CATEGORY: Record<AwsAccountInstance['service'], CostCategory> = {
  ec2: 'compute',
  rds: 'database',
  elasticache: 'cache',
};

/** The bill as lines: each unit's instance charges, what Heroku includes by kind, each service that stays. */
export interface AwsBill {
  unitLines: Map<string, PricedCostLine>;
  included: PricedCostLine[];
  /** Savings Plan fees: what the instance usage they cover costs (that usage is billed net of them). */
  commitments: PricedCostLine[];
  stays: PricedCostLine[];
  /** The bill's tax, on no line: Heroku's list prices are before tax. */
  tax: Decimal;
}

function billLine(item: string, amount: Decimal, category: CostCategory, source: string, asOf: string): PricedCostLine {
  return {
    item,
    quantity: 1,
    unit: 'month',
    unitPrice: amount,
    monthly: amount,
    cents: toCents(amount),
    source,
    asOf,
    environment: 'production',
    category,
    confidence: 'primary',
  };
}

/** Rows of the bill sorted between turns: a large account's bill has a row per service and usage type. */
const ROWS_A_STEP = 100;

/** Sorts Cost Explorer's rows into the bill's lines, each summed exactly and rounded once; steps of rows. */
export function* billSteps(account: AwsAccount): Steps<AwsBill> {
  const source = `AWS Cost Explorer, ${account.metric}, ${account.period}`;
  const byUnit = new Map<string, Decimal>();
  const included = new Map<string, Decimal>();
  const stays = new Map<string, Decimal>();
  const commitments = new Map<string, Decimal>();
  let tax = new Decimal(0);
  const known = new Map(account.instances.map((i) => [`${i.service}:${i.instanceType}`, i]));
  const add = (map: Map<string, Decimal>, key: string, amount: string) =>
    map.set(key, (map.get(key) ?? new Decimal(0)).plus(amount));
  for (const [index, row] of account.costs.entries()) {
    if (index > 0 && index % ROWS_A_STEP === 0) yield;
    const kind = spendKind(row.service, row.usageType);
    if (kind.kind === 'stays') add(stays, kind.service, row.amount);
    else if (kind.kind === 'commitment') add(commitments, kind.service, row.amount);
    else if (kind.kind === 'tax') tax = tax.plus(row.amount);
    else if (kind.kind === 'included') add(included, kind.what, row.amount);
    else {
      const instance = known.get(`${kind.service}:${kind.instanceType}`);
      if (instance) add(byUnit, unitName(instance), row.amount);
      else add(included, 'instance charges without running hours in the period', row.amount);
    }
  }
  const unitLines = new Map<string, PricedCostLine>();
  for (const instance of account.instances) {
    const name = unitName(instance);
    const amount = byUnit.get(name) ?? new Decimal(0);
    const running = `${instance.count} running`;
    const net = instance.service === 'ec2' && commitments.size > 0 ? ' (net of the Savings Plan below)' : '';
    unitLines.set(
      name,
      billLine(`${name}: ${running}, as billed${net}`, amount, CATEGORY[instance.service], source, account.asOf),
    );
  }
  const order = (what: string) => {
    const at = (INCLUDED_ORDER as readonly string[]).indexOf(what);
    return at < 0 ? INCLUDED_ORDER.length : at;
  };
  return {
    unitLines,
    included: [...included]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([what, amount]) => billLine(`What Heroku includes: ${what}`, amount, 'network', source, account.asOf)),
    commitments: [...commitments]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, amount]) =>
        billLine(
          `Savings Plan fee: ${service} (pays for the covered instance usage)`,
          amount,
          'compute',
          source,
          account.asOf,
        ),
      ),
    stays: [...stays]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, amount]) => billLine(`Stays on AWS: ${service}`, amount, 'platform', source, account.asOf)),
    tax,
  };
}
