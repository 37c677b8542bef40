import { formatUsd, fromCents, toCents } from '../money';
import { type Catalog, findCacheNode, findEc2Instance, findRdsClass, priceOf } from '../pricing';
import { finish, type Steps } from '../steps';
import { type AwsAccount, type AwsAccountInstance, type AwsBill, billSteps, unitName } from './aws-bill';
import { chooseKeyValuePlan, choosePostgresPlan, PLAN_MEMORY_RULE } from './choose-heroku';
import { lineFor, unknownLine } from './cost-line';
import { formatMemory, plural } from './describe';
import { herokuAccountLines } from './heroku-lines';
import { addTallies, type LeftOutTally, NOTHING_LEFT_OUT, tallyCount, tallyWords } from './left-out';
import {
  differencesOf,
  type MigrationModel,
  type MigrationUnit,
  oneOffCost,
  ownCents,
  ownUnpricedOf,
  paybackOf,
  sharedUnpricedOf,
} from './migration';
import { platformCost } from './platform-cost';
import { type DynoSetTier, dynosForInstance, MEMORY_HEADROOM_GB, needOfInstance } from './sizing-rules';
import type { HerokuStack } from './stacks';
import { tierCost } from './tier-cost';
import { type CostLine, type PricedCostLine, TIER_IDS, type TierCost } from './types';
import { rangeOf, VERDICT_TIER, verdictFor } from './verdict';

/** An AWS account modelled on Heroku. */
export interface AwsFleetModel extends MigrationModel {
  direction: 'aws-to-heroku';
}

const PRODUCTION = { environment: 'production' as const };

/** Size of an instance: the price list's figures, else what the usage read knew. */
function sizeOf(catalog: Catalog, i: AwsAccountInstance): { memoryGb: number; vcpu: number; baseline?: number } {
  if (i.service === 'ec2') {
    const spec = findEc2Instance(catalog, i.instanceType);
    if (spec) return { memoryGb: spec.memoryGb, vcpu: spec.vcpu, baseline: spec.baselineVcpu };
  } else if (i.service === 'rds') {
    const spec = findRdsClass(catalog, i.instanceType);
    if (spec) return { memoryGb: spec.memoryGb, vcpu: spec.vcpu };
  } else {
    const spec = findCacheNode(catalog, i.instanceType);
    if (spec) return { memoryGb: spec.memoryGb, vcpu: 0 };
  }
  return { memoryGb: i.memoryGb ?? 0, vcpu: i.vcpu ?? 0 };
}

/** RDS storage shared out over the databases in proportion to their RAM, whole GB. */
function storageShares(catalog: Catalog, account: AwsAccount): Map<AwsAccountInstance, number> {
  const databases = account.instances.filter((i) => i.service === 'rds');
  const memory = databases.reduce((sum, i) => sum + sizeOf(catalog, i).memoryGb * i.count, 0);
  const total = account.rdsStorageGb ?? 0;
  return new Map(
    databases.map((i) => [
      i,
      memory > 0 ? Math.ceil((total * sizeOf(catalog, i).memoryGb * i.count) / memory / i.count) : 0,
    ]),
  );
}

/** One unit's Heroku lines in one tier, and the rule that made them. */
function unitLines(
  catalog: Catalog,
  i: AwsAccountInstance,
  tier: DynoSetTier,
  storageGb: number,
  dynos: HerokuStack['dynos'],
): { lines: CostLine[]; what: string; why?: string } {
  const prefix = `${unitName(i)}: `;
  const size = sizeOf(catalog, i);
  if (size.memoryGb <= 0) {
    const unit = i.service === 'ec2' ? 'instance' : i.service === 'rds' ? 'database' : 'node';
    const category = i.service === 'ec2' ? 'compute' : i.service === 'rds' ? 'database' : 'cache';
    return {
      lines: [unknownLine(`${prefix}size unknown`, i.count, unit, { ...PRODUCTION, category }, catalog.priceListDate)],
      what: 'no size known, so no Heroku equivalent is priced',
    };
  }
  if (i.service === 'ec2') {
    const burstable = size.baseline !== undefined && size.baseline < size.vcpu;
    const need = needOfInstance(
      {
        name: i.instanceType,
        count: i.count,
        size: i.instanceType,
        memoryGb: size.memoryGb,
        vcpu: size.vcpu,
        dedicated: !burstable,
      },
      size.baseline,
      false,
    );
    const set = dynosForInstance(catalog, need, tier);
    const count = i.count * set.perInstance;
    const per = set.perInstance > 1 ? ` (${set.perInstance} per instance)` : '';
    dynos.push({ process: unitName(i), size: set.spec.size, spec: set.spec, count });
    return {
      lines: [
        lineFor(priceOf(catalog, set.spec.priceKey), `${prefix}${count} × ${set.spec.label} dyno${per}`, count, {
          ...PRODUCTION,
          category: 'compute',
        }),
      ],
      what: set.rule.split(': ')[0],
      why: `the cheapest dyno, or set of dynos, with ${formatMemory(need.memoryGb)} and ${need.vcpu} vCPU sustained (the instance less ${MEMORY_HEADROOM_GB} GiB for the system)`,
    };
  }
  if (i.service === 'rds') {
    const { spec, fits } = choosePostgresPlan(catalog, size.memoryGb, storageGb, [i.multiAz ? 'premium' : 'standard']);
    const followers = i.count > 1 ? ` × ${i.count} (one for each RDS instance)` : '';
    return {
      lines: [
        lineFor(priceOf(catalog, spec.priceKey), `${prefix}Heroku Postgres ${spec.plan}${followers}`, i.count, {
          ...PRODUCTION,
          category: 'database',
        }),
      ],
      what: `${fits ? '' : 'no plan holds it; the largest, '}Heroku Postgres ${spec.plan} (${formatMemory(spec.memoryGb)}, ${spec.storageGb} GB)`,
      why: `the cheapest plan with ${formatMemory(size.memoryGb)} and ${storageGb} GB${i.multiAz ? ', in a highly available tier as it runs Multi-AZ' : ''}${spec.memoryGb < size.memoryGb ? ` (${PLAN_MEMORY_RULE})` : ''}`,
    };
  }
  const { spec, fits } = chooseKeyValuePlan(catalog, size.memoryGb, ['mini', 'premium']);
  return {
    lines: [
      lineFor(
        priceOf(catalog, spec.priceKey),
        `${prefix}Heroku Key-Value Store ${spec.plan}${i.count > 1 ? ` × ${i.count}` : ''}`,
        i.count,
        { ...PRODUCTION, category: 'cache' },
      ),
    ],
    what: `${fits ? '' : 'no plan holds it; the largest, '}Key-Value Store ${spec.plan} (${formatMemory(spec.memoryGb)})`,
    why: `the cheapest plan with the node's ${formatMemory(size.memoryGb)}`,
  };
}

/** The largest reasons, in words, from the figures shown. */
function awsDrivers(units: readonly MigrationUnit[], bill: AwsBill, tiers: readonly TierCost[]): string[] {
  // EC2 billed net of a Savings Plan is compared together with the plan's fee, never as costing nothing.
  const planned = bill.commitments.length > 0 ? units.filter((u) => u.name.startsWith('EC2 ')) : [];
  const compared = units
    .filter((u) => !planned.includes(u))
    .map((u) => ({
      name: `${u.name} is`,
      current: u.current,
      likeForLike: u.likeForLike,
      unpriced: u.unpriced.likeForLike,
    }));
  const none = (u: { unpriced: LeftOutTally }) => tallyCount(u.unpriced) === 0;
  if (planned.length > 0) {
    const cents = (pick: (u: MigrationUnit) => number) => planned.reduce((sum, u) => sum + pick(u), 0);
    const fee = bill.commitments.reduce((sum, l) => sum + l.cents, 0);
    compared.push({
      name: `EC2 instances (${plural(planned.length, 'type')}) with the Savings Plan that pays for them are`,
      current: fromCents(cents((u) => toCents(u.current)) + fee),
      likeForLike: fromCents(cents((u) => toCents(u.likeForLike))),
      unpriced: planned.reduce((sum, u) => addTallies(sum, u.unpriced.likeForLike), NOTHING_LEFT_OUT),
    });
  }
  // A Heroku figure that leaves a plan without a public price out is a lower bound, never that plan at
  // $0: it names a winner only when it already costs more than AWS, and then says "at least".
  const ranked = compared
    .filter((u) => (!none(u) ? u.likeForLike.greaterThan(u.current) : !u.current.equals(u.likeForLike)))
    .sort((a, b) => b.current.minus(b.likeForLike).abs().comparedTo(a.current.minus(a.likeForLike).abs()));
  const drivers = ranked.slice(0, 3).map((u) => {
    const gap = formatUsd(u.current.minus(u.likeForLike).abs());
    const cheaper = u.current.lessThanOrEqualTo(u.likeForLike) ? 'AWS' : 'Heroku';
    const bound = !none(u) ? ['at least ', '≥ ', ` (${tallyWords(u.unpriced)} left out)`] : ['', '', ''];
    return `${u.name} cheaper on ${cheaper} by ${bound[0]}${gap}/mo: ${formatUsd(u.current)}/mo on AWS as billed, ${bound[1]}${formatUsd(u.likeForLike)}/mo on Heroku like-for-like${bound[2]}.`;
  });
  const included = bill.included.reduce((sum, l) => sum + l.cents, 0);
  if (included !== 0)
    drivers.push(
      `What Heroku's prices include (load balancing, NAT, disks, logs, data transfer) costs ${formatUsd(fromCents(included))}/mo on AWS and goes away on Heroku.`,
    );
  const stays = bill.stays.reduce((sum, l) => sum + l.cents, 0);
  if (stays !== 0)
    drivers.push(
      `${plural(bill.stays.length, 'service')} with no Heroku counterpart (${formatUsd(fromCents(stays))}/mo) ${bill.stays.length === 1 ? 'stays' : 'stay'} on AWS, the same in every tier.`,
    );
  const [like, consolidated] = tiers;
  const saving = fromCents(toCents(like.infrastructure) - toCents(consolidated.infrastructure));
  // greaterThan, not isPositive: decimal.js counts 0 as positive, and packing that saves $0.00 is no driver.
  if (saving.greaterThan(0))
    drivers.push(
      `Several smaller dynos or the large Performance sizes instead of one dyno per instance save ${formatUsd(saving)}/mo on Heroku (like-for-like ${formatUsd(like.infrastructure)} → consolidated ${formatUsd(consolidated.infrastructure)}).`,
    );
  return drivers;
}

/**
 * A whole AWS account on Heroku in three tiers: AWS as billed (Cost Explorer, by service and usage
 * type), each instance type, database and cache as dynos and data stores by the sizing rules; what
 * Heroku's prices include goes away; services with no Heroku counterpart stay on AWS in every tier.
 * Steps of bill rows and of units, so the bot can answer Slack while a large account is modelled.
 */
export function* awsAccountSteps(account: AwsAccount, catalog: Catalog): Steps<AwsFleetModel> {
  const bill = yield* billSteps(account);
  const storage = storageShares(catalog, account);
  const rules = new Map<AwsAccountInstance, { whats: string[]; why?: string }>();
  const tiers: TierCost[] = [];
  for (const id of TIER_IDS) {
    const dynos: HerokuStack['dynos'] = [];
    const lines: CostLine[] = [];
    for (const i of account.instances) {
      yield;
      const made = unitLines(catalog, i, id, storage.get(i) ?? 0, dynos);
      lines.push(...made.lines);
      const rule = rules.get(i) ?? { whats: [], why: made.why };
      rule.whats.push(`${id} ${made.what}`);
      rules.set(i, rule);
    }
    yield;
    tiers.push(
      tierCost(
        id,
        'heroku',
        [...herokuAccountLines([{ dynos, addOns: [] }], catalog), ...lines, ...bill.stays],
        catalog,
      ),
    );
  }
  yield;
  const current = platformCost('aws', [
    ...bill.unitLines.values(),
    ...bill.commitments,
    ...bill.included,
    ...bill.stays,
  ]);
  const [likeForLike] = tiers;
  const likeForLikeUnpricedOf = ownUnpricedOf(likeForLike.unpriced);
  const units = account.instances.map(
    (i): MigrationUnit => ({
      name: unitName(i),
      environment: 'production',
      current: fromCents((bill.unitLines.get(unitName(i)) as PricedCostLine).cents),
      likeForLike: fromCents(ownCents(likeForLike.lines, `${unitName(i)}: `)),
      // AWS as billed has a figure for every line.
      unpriced: { current: NOTHING_LEFT_OUT, likeForLike: likeForLikeUnpricedOf(`${unitName(i)}: `) },
    }),
  );
  const unitCents = (pick: (u: MigrationUnit) => number) => units.reduce((sum, u) => sum + pick(u), 0);
  const differences = differencesOf(current, tiers);
  const databases = account.instances.filter((i) => i.service === 'rds');
  const oneOff = oneOffCost(
    {
      parts: [
        {
          what: `Moving ${plural(account.instances.filter((i) => i.service === 'ec2').length, 'EC2 instance type')}`,
          count: account.instances.filter((i) => i.service === 'ec2').length,
          why: 'build, deploy, config, cut-over',
          hours: 'migrationHoursPerApp',
        },
        {
          // Every RDS instance is a database to move: Cost Explorer cannot tell a read replica from a primary.
          what: `Moving ${plural(
            databases.reduce((n, i) => n + i.count, 0),
            'database',
          )}`,
          count: databases.reduce((n, i) => n + i.count, 0),
          why: 'copy, check, switch',
          hours: 'migrationHoursPerDatabase',
        },
      ],
      dataOutGb: Math.ceil(account.rdsStorageGb ?? 0),
    },
    catalog,
  );
  const payback = paybackOf(differences, oneOff);
  const a = catalog.assumptions;
  return {
    direction: 'aws-to-heroku',
    unitKind: 'workload',
    current,
    tiers,
    range: rangeOf(tiers),
    verdict: verdictFor(current, tiers),
    units,
    teams: [],
    spaces: [],
    currentShared: fromCents(toCents(current.infrastructure) - unitCents((u) => toCents(u.current))),
    sharedLikeForLike: fromCents(toCents(likeForLike.infrastructure) - unitCents((u) => toCents(u.likeForLike))),
    sharedUnpriced: sharedUnpricedOf(current, likeForLike, units),
    differences,
    oneOff,
    ...(payback === undefined ? {} : { paybackMonths: payback }),
    drivers: awsDrivers(units, bill, tiers),
    assumptions: [
      `AWS as billed ${account.period}, before tax (Cost Explorer, ${account.metric}, by service and usage type; credits and refunds apart); Heroku at list prices in three tiers, the verdict on the ${VERDICT_TIER} tier.`,
      'AWS has no apps: each instance type, database class and cache node is one line, modelled as always-on production; instances are the average running over the period, rounded up.',
      ...account.instances.map((i) => {
        const size = sizeOf(catalog, i);
        const rule = rules.get(i)!;
        const whats = rule.whats.map((w) => w.replace(/^\S+ /, ''));
        const tiers = whats.every((w) => w === whats[0]) ? `${whats[0]} in every tier` : rule.whats.join(', ');
        return `${unitName(i)} (${i.count} × ${formatMemory(size.memoryGb)}${size.vcpu ? `, ${size.vcpu} vCPU` : ''}) → ${tiers}${rule.why ? `: ${rule.why}` : ''}.`;
      }),
      ...(databases.some((i) => i.count > 1)
        ? [
            'Each RDS instance is its own Heroku Postgres database, and the one-off counts each: AWS bills a read replica as a DB instance of its class, and Cost Explorer does not say which instances are replicas (a replica could become a Heroku follower at the same plan price).',
          ]
        : []),
      ...(databases.length > 1
        ? [
            `RDS storage (${account.rdsStorageGb ?? 0} GB in all) is shared out over the databases in proportion to their RAM.`,
          ]
        : []),
      "What Heroku's prices include (load balancing, NAT gateways, public addresses, EBS disks, CloudWatch, data transfer, RDS storage and backups) is on the AWS side only.",
      'Services with no Heroku counterpart stay on AWS and are counted the same in every tier, so they change no difference.',
      ...(bill.tax.isZero()
        ? []
        : [
            `AWS's tax (${formatUsd(bill.tax)} in the period) is left out of both sides: Heroku's list prices are before tax, and each platform bills its own.`,
          ]),
      ...(bill.commitments.length > 0
        ? [
            "A Compute Savings Plan's fee is what the EC2 usage it covers costs (Cost Explorer's unblended cost shows that usage net of the plan), so it is on the AWS side only, with the instances; the plan bills until its term ends, whatever moves, so count the months left in the cost of moving.",
          ]
        : []),
      `One-off: ${a.migrationHoursPerApp} h per EC2 instance type (taken as one app) and ${a.migrationHoursPerDatabase} h per database at the ops rate, and the database data copied out of AWS at its data transfer price.`,
    ],
    priceListDate: catalog.priceListDate,
  };
}

/** The same, worked out at once (tests, and callers with nothing else to answer meanwhile). */
export function modelAwsAccount(account: AwsAccount, catalog: Catalog): AwsFleetModel {
  return finish(awsAccountSteps(account, catalog));
}
