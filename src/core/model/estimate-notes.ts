import type Decimal from 'decimal.js';
import { AWS_HOURS_PER_MONTH } from '../money';
import type { Catalog } from '../pricing';
import { cachesOf, databasesOf, type Workload } from '../workload';
import { albLcuFor } from './alb-capacity';
import type { AwsTraffic } from './aws-tiers';
import { complianceTier } from './choose-heroku';
import { andList, formatCount, plural } from './describe';
import { byKind, LEFT_OUT_WORDS, type LeftOutKind } from './left-out';
import { webBehindLoadBalancer } from './public-subnet';
import { kept } from './remembered';
import type { AwsStack, HerokuStack } from './stacks';
import type { EnvironmentName, PlatformCost } from './types';

/**
 * Charges an AWS build usually has that the model leaves out, named so a reader can add them: each
 * depends on how the migration is built (which zones talk, what is stored), not on the workload's words.
 */
export const AWS_NOT_MODELLED =
  'Not in the AWS figures, as they depend on how it is built: data transfer between Availability Zones (an instance talking to a database or cache in the other zone), a container registry for the images (Amazon ECR), a store for secrets and config vars (AWS Secrets Manager or Systems Manager Parameter Store), and a build service for deploys (on Heroku, builds come with the dynos).';

/** One environment of an estimate: each platform's resources and its share of production traffic. */
export interface EnvironmentPlan {
  name: EnvironmentName;
  copies: number;
  heroku: HerokuStack;
  aws: AwsStack;
  /** Share of production traffic this environment (all its copies) carries. */
  trafficShare: Decimal;
  /** On AWS in a public subnet with no load balancer or NAT gateway (`runsInPublicSubnet`). */
  publicSubnet?: boolean;
}

/**
 * What an environment of apps in a public subnet has on AWS, instead of a load balancer and NAT gateway;
 * a web process on Fargate keeps the load balancer (`webBehindLoadBalancer`).
 */
function inAPublicSubnet(behindLoadBalancer: boolean): string {
  return behindLoadBalancer
    ? 'in a public subnet with an address of its own and no NAT gateway, its web behind a load balancer (a Fargate task cannot keep its address)'
    : 'in a public subnet with an address of its own, and no load balancer or NAT gateway';
}

/** `awsTiers`: AWS is the modelled side, in three tiers (from Heroku); else AWS is priced as it runs. */
export function environmentNotes(
  plans: readonly EnvironmentPlan[],
  catalog: Catalog,
  web: boolean,
  awsTiers: boolean,
): string[] {
  const notes: string[] = [];
  const share = `${catalog.assumptions.nonProductionTrafficShare * 100}%`;
  const staging = plans.find((p) => p.name === 'staging');
  if (staging) {
    const data = [
      staging.heroku.postgres && `Heroku Postgres ${staging.heroku.postgres.plan}`,
      staging.aws.database && `RDS ${staging.aws.database.dbClass} Single-AZ`,
      staging.heroku.keyValue && `Key-Value Store ${staging.heroku.keyValue.plan}`,
      staging.aws.cache && `ElastiCache ${staging.aws.cache.node}`,
    ].filter(Boolean);
    const network =
      staging.aws.compute.length === 0
        ? nothingRuns('it has')
        : staging.publicSubnet
          ? `on AWS it runs ${inAPublicSubnet(webBehindLoadBalancer(staging.aws, web))}`
          : 'on AWS it has its own load balancer and one NAT gateway';
    notes.push(
      `Staging: one of each process at production sizes${data.length > 0 ? `, with ${data.join(', ')}` : ''}, and ${share} of production's traffic and logs; ${network}.`,
    );
  }
  const review = plans.find((p) => p.name === 'review');
  if (review) {
    const first = review.aws.compute[0];
    const awsUnit = first?.kind === 'fargate' ? 'a 0.25 vCPU, 512 MB Fargate task' : `one ${first?.type ?? 't3.micro'}`;
    const herokuData = [
      review.heroku.postgres && 'essential-0 Postgres',
      review.heroku.keyValue && 'mini Key-Value Store',
    ];
    // The consolidated tiers put the copies' small caches on one node, as they do several apps' caches.
    const sharedCache = awsTiers && review.copies > 1 ? ' (in the consolidated tiers one node shared by them all)' : '';
    const awsData = [review.aws.database && 'db.t4g.micro', review.aws.cache && `cache.t4g.micro${sharedCache}`];
    const withData = (parts: (string | undefined)[]) => {
      const present = parts.filter(Boolean);
      return present.length > 0 ? ` with ${present.join(' and ')}` : '';
    };
    notes.push(
      `Review apps (${review.copies}): each runs one Basic dyno per process${withData(herokuData)} on Heroku, and ${awsUnit} per process${withData(awsData)} on AWS, ${review.aws.compute.length === 0 ? `and ${nothingRuns('they have')}` : review.publicSubnet ? `each ${inAPublicSubnet(webBehindLoadBalancer(review.aws, web))}` : 'where they share one load balancer and NAT gateway'}; ${share} of production's traffic each; no regulated data, so no compliance services.`,
    );
  }
  return notes;
}

/** Why an environment where no process runs has no NAT gateway, public address or logs on AWS. */
const WHY_NO_NAT =
  'a NAT gateway is for instances in private subnets to reach the internet (Amazon VPC User Guide, NAT gateways), and RDS and ElastiCache in private subnets need none';

export const NO_NAT_WHERE_NOTHING_RUNS = `AWS has no NAT gateway, public address or logs there: ${WHY_NO_NAT}`;

/** Staging and review copy production's processes: none runs there either, and the additions note says why that needs no NAT gateway. */
const nothingRuns = (who: 'it has' | 'they have') =>
  `as no process runs, ${who} no NAT gateway, public address or logs on AWS`;

/**
 * The note per catalog, load balancer or not, logs and egress (the user's figures: emptied when large);
 * one set on EC2 and one on Fargate, which has no root volumes.
 */
const additionsNotes = new WeakMap<Catalog, Map<boolean, Map<number, Map<number, string>>>>();
const fargateAdditionsNotes = new WeakMap<Catalog, Map<boolean, Map<number, Map<number, string>>>>();

export function awsAdditionsNote(workload: Workload, catalog: Catalog, loadBalancer: boolean, ec2 = true): string {
  const byLogs = kept(
    kept(ec2 ? additionsNotes : fargateAdditionsNotes, catalog, () => new Map()),
    loadBalancer,
    () => new Map(),
  );
  if (byLogs.size >= 1000) byLogs.clear();
  const byEgress = kept(byLogs, workload.logGbPerMonth, () => new Map<number, string>());
  if (byEgress.size >= 1000) byEgress.clear();
  const a = catalog.assumptions;
  const traffic = {
    egressGb: workload.egressGbPerMonth,
    logGb: workload.logGbPerMonth,
    natGb: a.natGbPerMonth,
    albLcu: albLcuFor(workload.egressGbPerMonth, a.albLcuAverage),
  };
  return kept(byEgress, workload.egressGbPerMonth, () => writeAdditionsNote(traffic, catalog, loadBalancer, true, ec2));
}

/** The sentence for the traffic one environment was priced with; `runs` false when no process runs. */
export function writeAdditionsNote(
  traffic: Pick<AwsTraffic, 'egressGb' | 'logGb' | 'natGb' | 'albLcu'>,
  catalog: Catalog,
  loadBalancer: boolean,
  runs = true,
  ec2 = true,
): string {
  const a = catalog.assumptions;
  if (!runs) {
    const transfer =
      traffic.egressGb > 0
        ? `; it adds data transfer out for ${formatCount(traffic.egressGb)} GB a month of egress`
        : '. No data transfer out is assumed without a web process (`egress=100gb` sets it)';
    return `On AWS the estimate adds no load balancer, NAT gateway, public address, root volume or logs, as no process runs: ${WHY_NO_NAT}${transfer}.`;
  }
  const parts = [
    loadBalancer
      ? `an Application Load Balancer (${traffic.albLcu} LCU average${
          traffic.albLcu > a.albLcuAverage ? ': AWS counts 1 LCU per GB an hour it processes' : ''
        }) for web`
      : 'no load balancer (no web process)',
    `a NAT gateway in each Availability Zone used (two for production where more than one instance runs; ${traffic.natGb} GB a month through them)`,
    'a public IPv4 address for each load-balancer zone (at least two) and NAT gateway ($0.005/hour each since February 2024)',
    ...everyLayoutAdds(traffic, catalog, loadBalancer, ec2),
  ];
  return `On AWS the estimate adds what Heroku includes: ${parts.join(', ')}.`;
}

/**
 * AWS's free 100 GB a month out to the internet is one allowance per account, across its services and
 * Regions (docs/decisions.md, "AWS's free data transfer out is not subtracted"): a shop already on AWS
 * spends it, so the estimate prices every GB and says so.
 */
const FREE_TRANSFER_NOT_SUBTRACTED =
  " (AWS's free 100 GB a month is one per account, across all its services and Regions, so it is not subtracted: an account already in use spends it)";

/** What either layout adds: root volumes, logs and data transfer out. */
function everyLayoutAdds(
  traffic: Pick<AwsTraffic, 'egressGb' | 'logGb'>,
  catalog: Catalog,
  web: boolean,
  ec2: boolean,
): string[] {
  const a = catalog.assumptions;
  return [
    // A Fargate task's 20 GB of ephemeral storage comes with it (no EBS volume to price).
    ...(ec2 ? [`a ${a.ec2RootVolumeGb} GB gp3 root volume per EC2 instance`] : []),
    `CloudWatch Logs for ${formatCount(traffic.logGb)} GB a month kept ${plural(a.logRetentionMonths, 'month')}`,
    traffic.egressGb > 0
      ? `data transfer out for ${formatCount(traffic.egressGb)} GB a month of egress${FREE_TRANSFER_NOT_SUBTRACTED}`
      : `no data transfer out (${web ? 'egress=0' : 'none is assumed without a web process, as for a live app; `egress=100gb` sets it'})`,
  ];
}

/** The additions for an app in a public subnet (Eco or Basic dynos): its addresses in place of a load balancer and NAT. */
export function publicAdditionsNote(
  traffic: Pick<AwsTraffic, 'egressGb' | 'logGb'>,
  catalog: Catalog,
  web: boolean,
  behindLoadBalancer = false,
  ec2 = true,
): string {
  const parts = [
    behindLoadBalancer
      ? 'no NAT gateway, as the app runs in a public subnet, but an Application Load Balancer in front of its web task, whose own address changes whenever it is replaced (the rules follow)'
      : 'no load balancer and no NAT gateway, as the app runs in a public subnet (the rule follows)',
    behindLoadBalancer
      ? "a public IPv4 address for each task and for each of the load balancer's zones ($0.005/hour each since February 2024)"
      : 'a public IPv4 address for each instance or task ($0.005/hour each since February 2024)',
    ...everyLayoutAdds(traffic, catalog, web, ec2),
  ];
  return `On AWS the estimate adds what Heroku includes: ${parts.join(', ')}.`;
}

/** A live staging or review app, modelled alone as that environment. */
export function runsAsNote(
  environment: EnvironmentName,
  catalog: Catalog,
  runs = true,
  publicSubnet = false,
  behindLoadBalancer = false,
): string {
  const share = `${catalog.assumptions.nonProductionTrafficShare * 100}%`;
  const network = !runs
    ? 'with no NAT gateway (no process runs)'
    : publicSubnet
      ? `${inAPublicSubnet(behindLoadBalancer)} (its dynos are Eco or Basic)`
      : 'in one Availability Zone with one NAT gateway (web is not doubled for a second zone)';
  return `Modelled as a ${environment} app: Heroku as it runs; on AWS ${network}, its database on the cheapest RDS class that holds it (burstable allowed, as for any non-production database), and ${share} of a production app's traffic and logs.`;
}

/** The workload names Shield dynos or data stores itself (not moved there by `hipaa`). */
const namesShield = (workload: Workload): boolean =>
  workload.origin === 'heroku' &&
  [...workload.processes.map((p) => p.size), workload.database?.plan, workload.cache?.plan].some((name) =>
    name?.startsWith('shield-'),
  );

export function herokuComplianceNotes(workload: Workload): string[] {
  const tier = complianceTier(workload.compliance);
  if (tier === 'shield') {
    return [
      ...(namesShield(workload)
        ? [
            'Shield dynos and data stores run in a Shield Private Space, where Heroku keeps HIPAA data under its BAA: the workload is taken to hold it, as a live app in a Shield space is, so AWS carries HIPAA-eligible services too.',
          ]
        : []),
      'HIPAA on Heroku, as third-party HIPAA guides describe it: a Shield Private Space, Shield dynos and Shield data stores under an Enterprise contract with a signed BAA; confirm with your Salesforce account team. The Shield Space and Shield data-store prices are not public: they are contract inputs.',
    ];
  }
  if (tier === 'private') {
    return [
      'PCI on Heroku: Heroku publishes no PCI DSS attestation; check the Salesforce Trust/compliance docs. Modelled as a Private Space with Private dynos and Private data stores, whose space and data-store prices are contract inputs.',
    ];
  }
  return [];
}

/** Heroku's Eco plan: one pool of dyno-hours a month for the whole account. */
const ECO_POOL_HOURS = 1000;

/**
 * Eco dynos on AWS, the rule and what it rests on. On Heroku every Eco dyno of the account draws on one
 * pool of 1,000 dyno-hours a month bought for a flat fee; an app's Eco web dyno sleeps after 30 minutes
 * without web traffic (its Eco worker with it), and once the pool is spent every Eco dyno sleeps until
 * the next month (Heroku Help, "How do Eco dyno hours work?"). AWS has nothing that sleeps on its own:
 * an EC2 instance or Fargate task is billed for every hour it runs. So the AWS side is priced always on,
 * what the processes cost after a plain move; running them only while Heroku would (stopped or scaled
 * to zero when idle) is work on the app, not a price, and the model does not assume it. The note gives
 * both figures in hours, so a lead sees how far apart they are; the totals stay the sum of the lines.
 */
export function ecoNotes(plans: readonly { heroku: HerokuStack; copies: number }[]): string[] {
  let dynos = 0;
  let hours = 0;
  const processes = new Set<string>();
  // Indexed: unoptimised, as every estimate runs it, an iterator step is a call and an object.
  for (let p = 0; p < plans.length; p++) {
    const plan = plans[p];
    const running = plan.heroku.dynos;
    for (let i = 0; i < running.length; i++) {
      const d = running[i];
      if (d.spec?.tier !== 'eco' || d.count <= 0) continue;
      dynos += d.count * plan.copies;
      hours += d.count * plan.copies * (d.hoursPerMonth ?? AWS_HOURS_PER_MONTH);
      processes.add(d.process);
    }
  }
  if (dynos === 0) return [];
  const these = dynos === 1 ? 'this Eco dyno' : `these ${formatCount(dynos)} Eco dynos`;
  const atMost =
    hours > ECO_POOL_HOURS
      ? `at most ${formatCount(ECO_POOL_HOURS)} of the ${formatCount(hours)} hours priced on AWS`
      : `at most the ${formatCount(hours)} hours priced on AWS, and only while it gets traffic`;
  return [
    `Eco dynos (${[...processes].join(', ')}) on AWS are priced always on: ${these}, ${formatCount(hours)} instance-hours a month, since AWS bills an EC2 instance or Fargate task for every hour it runs and none sleeps without traffic on its own. On Heroku the account's Eco dynos share one pool of ${formatCount(ECO_POOL_HOURS)} dyno-hours a month for the flat Eco fee, an Eco web dyno sleeps after 30 minutes without web traffic (an Eco worker with it), and all sleep once the pool is spent (Heroku Help, "How do Eco dyno hours work?"), so Heroku runs ${these} ${atMost}. Matching that on AWS would mean stopping the instances or scaling the tasks to zero when idle, work on the app that this model does not assume. Eco is not for production traffic.`,
  ];
}

/** What items of each kind left out need before a side's totals are whole: a contract's figure, or a refresh. */
const UNTIL: Record<LeftOutKind, (n: number, name: string) => string> = {
  contract: (n) => `you set the contract ${n === 1 ? 'price' : 'prices'} in PRICING_FILE`,
  listed: (n, name) =>
    `a lead's price refresh (\`prices refresh\`) reads the list ${n === 1 ? 'price' : 'prices'} from ${name} (or you set ${n === 1 ? 'it' : 'them'} in PRICING_FILE)`,
  // Billed by usage, or no billed price at all: nothing to set, the line's own note says why.
  other: () => '',
};

export function unpricedNote(cost: PlatformCost, name: string): string[] {
  if (cost.unpriced.length === 0) return [];
  const groups = byKind(cost.unpriced);
  const what = groups.map(({ kind, lines }) => {
    const items = lines.map((l) => `${l.item} in ${l.environment}`).join(', ');
    return `${plural(lines.length, 'item')} ${LEFT_OUT_WORDS[kind].what} (${items})`;
  });
  const until = groups.map(({ kind, lines }) => UNTIL[kind](lines.length, name)).filter(Boolean);
  return [
    `${name} totals exclude ${andList(what)}: they are lower bounds${until.length ? ` until ${andList(until)}` : ''}.`,
  ];
}

const SHOWN_SEVERAL = 8;

/**
 * The apps with more than one Heroku Postgres or Key-Value Store add-on, by name and plan: each of them
 * is a database or cache of its own on AWS. The Platform API does not say which Postgres add-on is a
 * follower, so each is its own RDS instance (a read replica is billed as an instance of its class too).
 */
export function severalDataStoresNote(apps: readonly { name: string; workload: Workload }[]): string[] {
  const several = apps.filter((app) => app.workload.extraDatabases?.length || app.workload.extraCaches?.length);
  if (several.length === 0) return [];
  const described = several.slice(0, SHOWN_SEVERAL).map((app) => {
    const postgres = databasesOf(app.workload).map((d) => d.plan);
    const keyValue = cachesOf(app.workload).map((c) => c.plan);
    const parts = [
      ...(postgres.length > 0 ? [`Postgres ${postgres.join(' and ')}`] : []),
      ...(keyValue.length > 0 ? [`Key-Value Store ${keyValue.join(' and ')}`] : []),
    ];
    return `${app.name} (${parts.join('; ')})`;
  });
  const more = several.length > SHOWN_SEVERAL ? ` and ${several.length - SHOWN_SEVERAL} more` : '';
  return [
    `${plural(several.length, 'app')} ${several.length === 1 ? 'has' : 'have'} more than one Heroku Postgres or Key-Value Store: ${described.join(', ')}${more}. None can stay on Heroku when the app moves, so each Postgres is its own RDS instance (sized, stored, backed up and Multi-AZ by the same rules as the first) and each Key-Value Store its own ElastiCache node, in every tier, and the one-off counts each database. Heroku's Platform API does not say which Postgres add-on is a follower, so a follower is modelled as an instance of its own too (an RDS read replica is a DB instance of its own, priced by its class: Amazon RDS User Guide, Working with DB instance read replicas).`,
  ];
}
