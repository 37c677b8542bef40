import type Decimal from 'decimal.js';
import type { Catalog } from '../pricing';
import type { Workload } from '../workload';
import type { AwsTraffic } from './aws-tiers';
import { complianceTier } from './choose-heroku';
import { formatCount, plural } from './describe';
import { kept } from './remembered';
import type { AwsStack, HerokuStack } from './stacks';
import type { EnvironmentName, PlatformCost } from './types';

/** One environment of an estimate: each platform's resources and its share of production traffic. */
export interface EnvironmentPlan {
  name: EnvironmentName;
  copies: number;
  heroku: HerokuStack;
  aws: AwsStack;
  /** Share of production traffic this environment (all its copies) carries. */
  trafficShare: Decimal;
}

export function environmentNotes(plans: readonly EnvironmentPlan[], catalog: Catalog): string[] {
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
    notes.push(
      `Staging: one of each process at production sizes${data.length > 0 ? `, with ${data.join(', ')}` : ''}, and ${share} of production's traffic and logs; on AWS it has its own load balancer and one NAT gateway.`,
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
    const awsData = [review.aws.database && 'db.t4g.micro', review.aws.cache && 'cache.t4g.micro'];
    const withData = (parts: (string | undefined)[]) => {
      const present = parts.filter(Boolean);
      return present.length > 0 ? ` with ${present.join(' and ')}` : '';
    };
    notes.push(
      `Review apps (${review.copies}): each runs one Basic dyno per process${withData(herokuData)} on Heroku, and ${awsUnit} per process${withData(awsData)} on AWS, where they share one load balancer and NAT gateway; ${share} of production's traffic each; no regulated data, so no compliance services.`,
    );
  }
  return notes;
}

/** The note per catalog, load balancer or not, logs and egress (the user's figures: emptied when large). */
const additionsNotes = new WeakMap<Catalog, Map<boolean, Map<number, Map<number, string>>>>();

export function awsAdditionsNote(workload: Workload, catalog: Catalog, loadBalancer: boolean): string {
  const byLogs = kept(
    kept(additionsNotes, catalog, () => new Map()),
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
    albLcu: a.albLcuAverage,
  };
  return kept(byEgress, workload.egressGbPerMonth, () => writeAdditionsNote(traffic, catalog, loadBalancer));
}

/** The sentence for the traffic one environment was priced with. */
export function writeAdditionsNote(
  traffic: Pick<AwsTraffic, 'egressGb' | 'logGb' | 'natGb' | 'albLcu'>,
  catalog: Catalog,
  loadBalancer: boolean,
): string {
  const a = catalog.assumptions;
  const parts = [
    loadBalancer
      ? `an Application Load Balancer (${traffic.albLcu} LCU average) for web`
      : 'no load balancer (no web process)',
    `a NAT gateway in each Availability Zone used (two for production; ${traffic.natGb} GB a month through them)`,
    'a public IPv4 address for each load-balancer zone (at least two) and NAT gateway ($0.005/hour each since February 2024)',
    `a ${a.ec2RootVolumeGb} GB gp3 root volume per EC2 instance`,
    `CloudWatch Logs for ${formatCount(traffic.logGb)} GB a month kept ${plural(a.logRetentionMonths, 'month')}`,
    `data transfer out for ${formatCount(traffic.egressGb)} GB a month of egress`,
  ];
  return `On AWS the estimate adds what Heroku includes: ${parts.join(', ')}.`;
}

/** A live staging or review app, modelled alone as that environment. */
export function runsAsNote(environment: EnvironmentName, catalog: Catalog): string {
  const share = `${catalog.assumptions.nonProductionTrafficShare * 100}%`;
  return `Modelled as a ${environment} app: Heroku as it runs; on AWS in one Availability Zone with one NAT gateway (web is not doubled for a second zone), its database on the cheapest RDS class that holds it (burstable allowed, as for any non-production database), and ${share} of a production app's traffic and logs.`;
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

export function ecoNotes(stacks: readonly HerokuStack[]): string[] {
  // concat, not flatMap: V8's flatMap is many times slower here.
  const eco = ([] as HerokuStack['dynos']).concat(...stacks.map((s) => s.dynos)).filter((d) => d.spec?.tier === 'eco');
  if (eco.length === 0) return [];
  const hours = eco.reduce((sum, d) => sum + d.count * (d.hoursPerMonth ?? 730), 0);
  const over = hours > 1000 ? ` These Eco dynos would need ${formatCount(hours)} hours a month if always on.` : '';
  return [
    `Eco dynos sleep when idle and share 1,000 dyno-hours a month across the account; not for production traffic.${over}`,
  ];
}

export function unpricedNote(cost: PlatformCost, name: string): string[] {
  if (cost.unpriced.length === 0) return [];
  const items = cost.unpriced.map((l) => `${l.item} in ${l.environment}`).join(', ');
  return [
    `${name} totals exclude ${plural(cost.unpriced.length, 'item')} with no public price (${items}): they are lower bounds until you set those prices in PRICING_FILE.`,
  ];
}
