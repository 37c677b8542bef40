import Decimal from 'decimal.js';
import { formatUnitPrice, type Money, toCents } from '../money';
import type { Catalog } from '../pricing';
import type { Workload } from '../workload';
import { awsComplianceLines } from './aws-compliance-lines';
import { type AwsTraffic, awsLines } from './aws-lines';
import { awsFromAws, awsFromHeroku } from './aws-production';
import { complianceTier } from './choose-heroku';
import { formatCount, isWebProcess, plural } from './describe';
import { awsReview, awsStaging, herokuReview, herokuStaging } from './environments';
import { addOnLine, herokuAccountLines, herokuLines } from './heroku-lines';
import { herokuFromAws, herokuFromHeroku } from './heroku-production';
import { type OpsEffort, opsLines } from './ops-lines';
import { platformCost } from './platform-cost';
import type { AwsStack, HerokuStack } from './stacks';
import type { Cheaper, EnvironmentName, Estimate, EstimateOptions, PlatformCost } from './types';

interface EnvironmentPlan {
  name: EnvironmentName;
  copies: number;
  heroku: HerokuStack;
  aws: AwsStack;
  /** Share of production traffic this environment (all its copies) carries. */
  trafficShare: Decimal;
}

function compare(heroku: Money, aws: Money): { cheaper: Cheaper; difference: Money } {
  const cents = toCents(heroku) - toCents(aws);
  return { cheaper: cents === 0 ? 'same' : cents < 0 ? 'heroku' : 'aws', difference: heroku.minus(aws).abs() };
}

function planEnvironments(workload: Workload, heroku: HerokuStack, aws: AwsStack, catalog: Catalog): EnvironmentPlan[] {
  const share = new Decimal(catalog.assumptions.nonProductionTrafficShare);
  const plans: EnvironmentPlan[] = [{ name: 'production', copies: 1, heroku, aws, trafficShare: new Decimal(1) }];
  if (workload.environments.staging) {
    plans.push({
      name: 'staging',
      copies: 1,
      heroku: herokuStaging(heroku, catalog),
      aws: awsStaging(aws, catalog),
      trafficShare: share,
    });
  }
  const review = workload.environments.reviewApps;
  if (review > 0) {
    plans.push({
      name: 'review',
      copies: review,
      heroku: herokuReview(heroku, catalog),
      aws: awsReview(aws, catalog),
      trafficShare: share.times(review),
    });
  }
  return plans;
}

function trafficFor(plan: EnvironmentPlan, workload: Workload, catalog: Catalog, loadBalancer: boolean): AwsTraffic {
  const scaled = (value: number) => plan.trafficShare.times(value).toDecimalPlaces(3).toNumber();
  return {
    egressGb: scaled(workload.egressGbPerMonth),
    logGb: scaled(workload.logGbPerMonth),
    natGb: scaled(catalog.assumptions.natGbPerMonth),
    albLcu: scaled(catalog.assumptions.albLcuAverage),
    loadBalancer,
  };
}

function opsEffort(platform: 'heroku' | 'aws', catalog: Catalog, options: EstimateOptions): OpsEffort {
  const a = catalog.assumptions;
  const hoursGiven = options.opsHoursPerEnvironment?.[platform];
  const hoursPerEnvironment = hoursGiven ?? a.opsHoursPerEnvironment[platform];
  const hourlyRate = options.opsRate ?? a.opsHourlyRate;
  const hoursSource = hoursGiven === undefined ? catalog.assumptionSources.opsHoursPerEnvironment : 'estimate option';
  const rateSource = options.opsRate ? 'ops-rate option' : catalog.assumptionSources.opsHourlyRate;
  return {
    hoursPerEnvironment,
    hourlyRate,
    source: `Ops hours: ${hoursSource}; rate: ${rateSource}`,
    asOf: catalog.priceListDate,
  };
}

function environmentNotes(plans: readonly EnvironmentPlan[], catalog: Catalog): string[] {
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
      `Staging: one of each process at production sizes${data.length > 0 ? `, with ${data.join(', ')}` : ''}, and ${share} of production's traffic and logs; on AWS it has its own load balancer and NAT gateway.`,
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

function awsAdditionsNote(workload: Workload, catalog: Catalog, loadBalancer: boolean): string {
  const a = catalog.assumptions;
  const parts = [
    loadBalancer
      ? `an Application Load Balancer (${a.albLcuAverage} LCU average) for web`
      : 'no load balancer (no web process)',
    `a NAT gateway (${a.natGbPerMonth} GB a month)`,
    `a ${a.ec2RootVolumeGb} GB gp3 root volume per EC2 instance`,
    `CloudWatch Logs for ${workload.logGbPerMonth} GB a month kept ${plural(a.logRetentionMonths, 'month')}`,
    `data transfer out for ${workload.egressGbPerMonth} GB a month of egress`,
  ];
  return `On AWS the estimate adds what Heroku includes: ${parts.join(', ')}.`;
}

function herokuComplianceNotes(workload: Workload): string[] {
  const tier = complianceTier(workload.compliance);
  if (tier === 'shield') {
    return [
      'HIPAA on Heroku: a Shield Private Space, Shield dynos and Shield data stores under an Enterprise contract with a signed BAA (reported). The Shield Space and Shield data-store prices are not public: they are contract inputs.',
    ];
  }
  if (tier === 'private') {
    return [
      'PCI on Heroku: Heroku publishes no PCI DSS attestation; check the Salesforce Trust/compliance docs. Modelled as a Private Space with Private dynos and Private data stores, whose space and data-store prices are contract inputs.',
    ];
  }
  return [];
}

function ecoNotes(stacks: readonly HerokuStack[]): string[] {
  const eco = stacks.flatMap((s) => s.dynos).filter((d) => d.spec?.tier === 'eco');
  if (eco.length === 0) return [];
  const hours = eco.reduce((sum, d) => sum + d.count * (d.hoursPerMonth ?? 730), 0);
  const over = hours > 1000 ? ` These Eco dynos would need ${formatCount(hours)} hours a month if always on.` : '';
  return [
    `Eco dynos sleep when idle and share 1,000 dyno-hours a month across the account; not for production traffic.${over}`,
  ];
}

function unpricedNote(cost: PlatformCost, name: string): string[] {
  if (cost.unpriced.length === 0) return [];
  const items = cost.unpriced.map((l) => `${l.item} in ${l.environment}`).join(', ');
  return [
    `${name} totals exclude ${plural(cost.unpriced.length, 'item')} with no public price (${items}): they are lower bounds until you set those prices in PRICING_FILE.`,
  ];
}

/** Prices a workload on Heroku and on AWS: itemised, dated, sourced, with every assumption stated. */
export function estimate(workload: Workload, catalog: Catalog, options: EstimateOptions = {}): Estimate {
  const translation: string[] = [];
  const herokuProduction =
    workload.origin === 'heroku'
      ? herokuFromHeroku(workload, catalog, translation)
      : herokuFromAws(workload, catalog, translation);
  const awsProduction =
    workload.origin === 'aws' ? awsFromAws(workload, catalog) : awsFromHeroku(workload, catalog, options, translation);
  const plans = planEnvironments(workload, herokuProduction, awsProduction, catalog);
  const loadBalancer = workload.processes.some((p) => isWebProcess(p.name));
  const environments = plans.map((p) => p.name);

  const herokuEffort = opsEffort('heroku', catalog, options);
  const awsEffort = opsEffort('aws', catalog, options);
  const complianceNotes: string[] = [];
  const heroku = platformCost('heroku', [
    ...herokuAccountLines(
      plans.map((p) => p.heroku),
      catalog,
    ),
    ...plans.flatMap((p) => herokuLines(p.heroku, p.name, p.copies, catalog)),
    ...opsLines('heroku', environments, herokuEffort),
  ]);
  const aws = platformCost('aws', [
    ...plans.flatMap((p) => awsLines(p.aws, p.name, p.copies, trafficFor(p, workload, catalog, loadBalancer), catalog)),
    ...awsComplianceLines(
      workload.compliance,
      environments.filter((e) => e !== 'review'),
      awsProduction,
      loadBalancer,
      catalog,
      complianceNotes,
    ),
    ...workload.addOns.map((a) => addOnLine(a, 'production', catalog.priceListDate, true)),
    ...opsLines('aws', environments, awsEffort),
  ]);

  const rate = formatUnitPrice(herokuEffort.hourlyRate);
  const assumptions = [
    `List prices in USD before tax, price list dated ${catalog.priceListDate}: Heroku public prices; AWS ${catalog.awsRegion} on-demand Linux, with no free tier, Savings Plans or Reserved Instances.`,
    'Monthly figures: AWS hourly × 730 h; Heroku prices are monthly caps prorated to the second, so an always-on dyno costs its full monthly price.',
    ...translation,
    ...(workload.origin === 'heroku' && options.awsArchitecture !== 'any'
      ? ['AWS instances are x86-64, as Heroku runs; Graviton (arm64) is often cheaper: add `arm` to allow it.']
      : []),
    awsAdditionsNote(workload, catalog, loadBalancer),
    'On Heroku, bandwidth and log routing are included in the prices; log-retention add-ons are not modelled.',
    ...(workload.database
      ? [
          'RDS automated backups are taken to fit the free allowance (equal to provisioned storage); beyond it they cost $0.095 per GB-month.',
        ]
      : []),
    ...(workload.addOns.length > 0
      ? [
          `Add-ons (${workload.addOns.map((a) => a.service).join(', ')}) are priced for production only, and on AWS are taken to cost the same bought directly from their providers.`,
        ]
      : []),
    ...environmentNotes(plans, catalog),
    ...ecoNotes(plans.map((p) => p.heroku)),
    ...herokuComplianceNotes(workload),
    ...complianceNotes,
    `Ops effort (TCO, shown apart from infrastructure): Heroku ${herokuEffort.hoursPerEnvironment} h and AWS ${awsEffort.hoursPerEnvironment} h per environment per month at ${rate}/h, over ${plural(environments.length, 'environment')}${plans.some((p) => p.name === 'review') ? ' (review apps count as one)' : ''}. Source: ${herokuEffort.source}.`,
    ...unpricedNote(heroku, 'Heroku'),
    ...unpricedNote(aws, 'AWS'),
  ];

  return {
    workload,
    heroku,
    aws,
    ...compare(heroku.infrastructure, aws.infrastructure),
    withOps: compare(heroku.total, aws.total),
    excludesUnpriced: heroku.unpriced.length + aws.unpriced.length > 0,
    assumptions: [...new Set(assumptions)],
    priceListDate: catalog.priceListDate,
    awsRegion: catalog.awsRegion,
  };
}
