import { Decimal, formatUnitPrice, fromCents, toCents } from '../money';
import type { Catalog } from '../pricing';
import type { Workload } from '../workload';
import { albLcuFor } from './alb-capacity';
import { awsComplianceLines } from './aws-compliance-lines';
import { awsFromAws, awsFromHeroku } from './aws-production';
import { type AwsAppEnvironment, type AwsTraffic, awsTierLines, sharedTierLines } from './aws-tiers';
import { isWebProcess, plural, tierTitle } from './describe';
import { awsReview, awsStaging, herokuReview, herokuStaging } from './environments';
import {
  AWS_NOT_MODELLED,
  awsAdditionsNote,
  type EnvironmentPlan,
  ecoNotes,
  environmentNotes,
  herokuComplianceNotes,
  publicAdditionsNote,
  runsAsNote,
  severalDataStoresNote,
  unpricedNote,
  writeAdditionsNote,
} from './estimate-notes';
import { addOnLine, herokuAccountLines, herokuLines } from './heroku-lines';
import { herokuFromAws, herokuFromHeroku } from './heroku-production';
import { logGbFor, logVolumeNote } from './log-volume';
import { type OpsEffort, opsLines } from './ops-lines';
import { platformCost } from './platform-cost';
import { type priceDatesOf, priceDatesOfLists, pricesDated } from './price-dates';
import { FARGATE_WEB_RULE, PUBLIC_SUBNET_RULE, runsInPublicSubnet, webBehindLoadBalancer } from './public-subnet';
import { kept } from './remembered';
import { type AwsStack, awsDatabasesOf, type HerokuStack } from './stacks';
import { type AwsComputeKind, tierCost } from './tier-cost';
import {
  type CostLine,
  type EnvironmentName,
  type Estimate,
  type EstimateOptions,
  type PlatformCost,
  TIER_IDS,
  type TierCost,
  type TierId,
} from './types';
import { compareBounded, partialSides, rangeOf, VERDICT_TIER, verdictFor } from './verdict';

/** All of the traffic: production's share. */
const WHOLE = new Decimal(1);

/**
 * Per catalog: the non-production traffic share, its multiples for review apps, and the scaled
 * traffic by share (one of these Decimals), egress and logs, without and with a load balancer.
 * Keyed by objects and numbers: a text key costs more to build and hash than the work it saves.
 */
interface TrafficTables {
  share: Decimal;
  reviewShares: Map<number, Decimal>;
  traffic: Map<Decimal, Map<number, Map<number, [AwsTraffic, AwsTraffic]>>>;
}

const trafficTables = new WeakMap<Catalog, TrafficTables>();
/** The assumption naming the tiers, per catalog, platform modelled and AWS compute (`aws fargate`). */
const tierSentences = new WeakMap<Catalog, Map<'aws' | 'heroku', Map<AwsComputeKind, string>>>();
const MAX_REMEMBERED_FIGURES = 1000;

function trafficTablesOf(catalog: Catalog): TrafficTables {
  return kept(trafficTables, catalog, () => ({
    share: new Decimal(catalog.assumptions.nonProductionTrafficShare),
    reviewShares: new Map(),
    traffic: new Map(),
  }));
}

/** A table of the user's own figures (egress, logs, review copies): emptied rather than grown without bound. */
function bounded<K, V>(table: Map<K, V>): Map<K, V> {
  if (table.size >= MAX_REMEMBERED_FIGURES) table.clear();
  return table;
}

function planEnvironments(
  workload: Workload,
  heroku: HerokuStack,
  aws: AwsStack,
  catalog: Catalog,
  runsAs: EnvironmentName,
): EnvironmentPlan[] {
  const tables = trafficTablesOf(catalog);
  const share = tables.share;
  // From Heroku, each environment takes its layout from the dynos it runs there (review apps run Basic
  // dynos); an AWS workload is priced with the layout its words describe, its review apps' too.
  const fromHeroku = workload.origin === 'heroku';
  const publicSubnet = (stack: HerokuStack) => fromHeroku && runsInPublicSubnet(stack);
  // A live staging or review app is priced alone, as it runs, with its environment's share of traffic.
  if (runsAs !== 'production')
    return [{ name: runsAs, copies: 1, heroku, aws, trafficShare: share, publicSubnet: publicSubnet(heroku) }];
  const plans: EnvironmentPlan[] = [
    { name: 'production', copies: 1, heroku, aws, trafficShare: WHOLE, publicSubnet: publicSubnet(heroku) },
  ];
  if (workload.environments.staging) {
    const staging = herokuStaging(heroku, catalog);
    plans.push({
      name: 'staging',
      copies: 1,
      heroku: staging,
      aws: awsStaging(aws, catalog),
      trafficShare: share,
      publicSubnet: publicSubnet(staging),
    });
  }
  const review = workload.environments.reviewApps;
  if (review > 0) {
    const copy = herokuReview(heroku, catalog);
    plans.push({
      name: 'review',
      copies: review,
      heroku: copy,
      aws: awsReview(aws, catalog),
      trafficShare:
        tables.reviewShares.get(review) ?? bounded(tables.reviewShares).set(review, share.times(review)).get(review)!,
      publicSubnet: publicSubnet(copy),
    });
  }
  return plans;
}

function trafficFor(plan: EnvironmentPlan, workload: Workload, catalog: Catalog, loadBalancer: boolean): AwsTraffic {
  const { egressGbPerMonth: egress, logGbPerMonth: logs } = workload;
  // The share is fixed by the catalog, the environment and its copies: so are the scaled figures.
  const byEgress = kept(trafficTablesOf(catalog).traffic, plan.trafficShare, () => new Map());
  const byLogs = byEgress.get(egress) ?? bounded(byEgress).set(egress, new Map()).get(egress)!;
  const pair =
    byLogs.get(logs) ??
    bounded(byLogs)
      .set(logs, scaledTraffic(plan.trafficShare, egress, logs, catalog))
      .get(logs)!;
  return pair[loadBalancer ? 1 : 0];
}

function scaledTraffic(
  trafficShare: Decimal,
  egress: number,
  logs: number,
  catalog: Catalog,
): [AwsTraffic, AwsTraffic] {
  const share = (value: number) => trafficShare.times(value).toDecimalPlaces(3).toNumber();
  const a = catalog.assumptions;
  const scaled = {
    egressGb: share(egress),
    logGb: share(logs),
    natGb: share(a.natGbPerMonth),
    albLcu: albLcuFor(share(egress), share(a.albLcuAverage)),
  };
  return [
    { ...scaled, loadBalancer: false },
    { ...scaled, loadBalancer: true },
  ];
}

function opsEffort(platform: 'heroku' | 'aws', catalog: Catalog, options: EstimateOptions): OpsEffort {
  const a = catalog.assumptions;
  const hoursPerEnvironment = a.opsHoursPerEnvironment[platform];
  const hourlyRate = options.opsRate ?? a.opsHourlyRate;
  const hoursSource = catalog.assumptionSources.opsHoursPerEnvironment;
  const rateSource = options.opsRate ? 'ops-rate option' : catalog.assumptionSources.opsHourlyRate;
  return {
    hoursPerEnvironment,
    hourlyRate,
    source: `Ops hours: ${hoursSource}; rate: ${rateSource}`,
    asOf: catalog.priceListDate,
  };
}

function awsApps(
  plans: readonly EnvironmentPlan[],
  workload: Workload,
  catalog: Catalog,
  web: boolean,
): AwsAppEnvironment[] {
  return plans.map((p) => ({
    prefix: '',
    environment: p.name,
    copies: p.copies,
    stack: p.aws,
    traffic: trafficFor(p, workload, catalog, web),
    publicSubnet: p.publicSubnet,
  }));
}

function herokuTierLines(plans: readonly EnvironmentPlan[], production: HerokuStack, catalog: Catalog): CostLine[] {
  // The plans' own stacks when pricing the production they were made from (Heroku as it runs).
  const stacks =
    production === plans[0].heroku
      ? plans.map((p) => p.heroku)
      : plans.map((p) =>
          p.name === 'production'
            ? production
            : p.name === 'staging'
              ? herokuStaging(production, catalog)
              : herokuReview(production, catalog),
        );
  // Shown with the first environment: production, or the one a live staging or review app is.
  let lines = herokuAccountLines(stacks, catalog, [], plans[0].name);
  for (let i = 0; i < plans.length; i++)
    lines = lines.concat(herokuLines(stacks[i], plans[i].name, plans[i].copies, catalog));
  return lines;
}

/** A tier's AWS lines and the lines every tier has (compliance, add-ons): concat, not spreads, which iterate. */
function withCommon(lines: CostLine[], common: readonly CostLine[]): CostLine[] {
  return common.length === 0 ? lines : lines.concat(common);
}

/** Prices a workload on Heroku and on AWS: itemised, dated, sourced, with every assumption stated. */
export function estimate(workload: Workload, catalog: Catalog, options: EstimateOptions = {}): Estimate {
  const translation: string[] = [];
  const fromHeroku = workload.origin === 'heroku';
  const herokuProduction = fromHeroku
    ? herokuFromHeroku(workload, catalog, translation)
    : herokuFromAws(workload, catalog, translation, 'like-for-like');
  const runsAs = options.environment ?? 'production';
  const awsProduction = fromHeroku
    ? awsFromHeroku(workload, catalog, options, translation, runsAs)
    : awsFromAws(workload, catalog);
  const plans = planEnvironments(workload, herokuProduction, awsProduction, catalog, runsAs);
  const loadBalancer = workload.processes.some((p) => isWebProcess(p.name));
  // No process runs (only data stores, or a live app scaled to 0): no NAT gateway, addresses or logs on AWS.
  const runs = workload.processes.some((p) => p.count > 0);
  const environments = plans.map((p) => p.name);

  const herokuEffort = opsEffort('heroku', catalog, options);
  const awsEffort = opsEffort('aws', catalog, options);
  const complianceNotes: string[] = [];
  const awsCommon = awsComplianceLines(
    // A review app holds no regulated data, and only a production database is backed up, as in migrate.
    runsAs === 'review' ? [] : workload.compliance,
    environments.filter((e) => e !== 'review'),
    runsAs === 'production' ? awsDatabasesOf(awsProduction).map((db) => ({ prefix: '', storageGb: db.storageGb })) : [],
    loadBalancer,
    catalog,
    complianceNotes,
  ).concat(workload.addOns.map((a) => addOnLine(a, runsAs, catalog.priceListDate, true)));
  const apps = awsApps(plans, workload, catalog, loadBalancer);
  const shared = sharedTierLines(apps, catalog);
  const tierLines = new Map<TierId, CostLine[]>();
  for (let t = 0; t < TIER_IDS.length; t++) {
    const id = TIER_IDS[t];
    if (fromHeroku) {
      tierLines.set(id, withCommon(awsTierLines(id, shared), awsCommon));
    } else if (id === 'like-for-like') {
      tierLines.set(id, herokuTierLines(plans, herokuProduction, catalog));
    } else {
      // Each tier's dyno choice is stated with its rule where it differs from like-for-like's (the data
      // stores' are the same). herokuFromAws writes one note per process first, in the processes' order.
      const notes: string[] = [];
      const production = herokuFromAws(workload, catalog, notes, id);
      tierLines.set(id, herokuTierLines(plans, production, catalog));
      const tierName = `${tierTitle(id)} tier`;
      production.dynos.forEach((d, i) => {
        const like = herokuProduction.dynos[i];
        if (d.size !== like.size || d.count !== like.count) translation.push(`${tierName}: ${notes[i]}`);
      });
    }
  }
  const modelled = fromHeroku ? 'aws' : 'heroku';
  const compute = fromHeroku ? (options.awsCompute ?? 'ec2') : 'ec2';
  const tiers: TierCost[] = TIER_IDS.map((id) => tierCost(id, modelled, tierLines.get(id)!, catalog, compute));
  const currentLines = fromHeroku
    ? herokuTierLines(plans, herokuProduction, catalog)
    : withCommon(awsTierLines('like-for-like', shared), awsCommon);
  const herokuLinesAll = fromHeroku ? currentLines : tierLines.get('like-for-like')!;
  const awsLinesAll = fromHeroku ? tierLines.get('like-for-like')! : currentLines;
  const heroku = platformCost('heroku', herokuLinesAll.concat(opsLines('heroku', environments, herokuEffort)));
  const aws = platformCost('aws', awsLinesAll.concat(opsLines('aws', environments, awsEffort)));
  const current = fromHeroku ? heroku : aws;
  const other = fromHeroku ? aws : heroku;
  const verdict = verdictFor(current, tiers);
  const verdictTier = tiers.find((t) => t.id === VERDICT_TIER)!;
  // Infrastructure and with ops by the verdict's rule: a side that leaves items out is a lower bound.
  const sides = fromHeroku ? partialSides(current, verdictTier) : partialSides(verdictTier, current);
  const partial = fromHeroku
    ? { current: sides.heroku, modelled: sides.aws }
    : { current: sides.aws, modelled: sides.heroku };
  const pair = (currentAmount: Decimal, modelledAmount: Decimal) =>
    fromHeroku
      ? compareBounded(currentAmount, modelledAmount, { heroku: partial.current, aws: partial.modelled })
      : compareBounded(modelledAmount, currentAmount, { heroku: partial.modelled, aws: partial.current });

  // Each list read where it is, not copied into one first (a copy, and a spread, iterate in the interpreter).
  const lineLists: (readonly CostLine[])[] = [heroku.lines, aws.lines];
  for (let t = 0; t < tiers.length; t++) lineLists.push(tiers[t].lines);
  const priceDates = priceDatesOfLists(lineLists, catalog.priceListDate);
  const infrastructure = pair(current.infrastructure, verdictTier.infrastructure);
  // The assumptions are written when first read (see ModelledEstimate): the other fields in turn.
  const result = new ModelledEstimate({
    workload,
    catalog,
    options,
    tiers,
    translation,
    plans,
    apps,
    priceDates,
    heroku,
    aws,
    complianceNotes,
    herokuEffort,
    awsEffort,
    loadBalancer,
    runs,
  }) as unknown as Estimate;
  result.workload = workload;
  result.heroku = heroku;
  result.aws = aws;
  result.current = workload.origin;
  result.tiers = tiers;
  result.range = rangeOf(tiers);
  result.verdict = verdict;
  result.cheaper = infrastructure.cheaper;
  result.difference = infrastructure.difference;
  // Field by field, in the order the JSON has always had: a spread after the first field is copied
  // property by property.
  if (infrastructure.atLeast) result.atLeast = infrastructure.atLeast;
  if (infrastructure.breakEven) result.breakEven = infrastructure.breakEven;
  result.withOps = pair(current.total, fromCents(toCents(verdictTier.infrastructure) + toCents(other.ops)));
  result.excludesUnpriced =
    heroku.unpriced.length + aws.unpriced.length + tiers.reduce((n, t) => n + t.unpriced.length, 0) > 0;
  result.priceListDate = catalog.priceListDate;
  result.priceDates = priceDates;
  result.awsRegion = catalog.awsRegion;
  return result;
}

/**
 * An estimate whose assumptions are written when first read: the compact Slack reply before the ack
 * never shows them (a dozen sentences, ~30 k instructions an estimate); Details, the CLI's text and
 * `--json` read them. The getter is on the prototype, so every estimate has the same shape; `toJSON`
 * keeps the key order the JSON has always had (`assumptions` after `excludesUnpriced`).
 */
class ModelledEstimate {
  readonly #facts: AssumptionFacts;
  #assumptions: string[] | undefined;

  constructor(facts: AssumptionFacts) {
    this.#facts = facts;
  }

  get assumptions(): string[] {
    if (this.#assumptions === undefined) this.#assumptions = assumptionsOf(this.#facts);
    return this.#assumptions;
  }

  toJSON(): object {
    const { priceListDate, priceDates, awsRegion, ...before } = this as unknown as Estimate;
    return { ...before, assumptions: this.assumptions, priceListDate, priceDates, awsRegion };
  }
}

/** What the assumptions are written from: the estimate's parts. */
interface AssumptionFacts {
  workload: Workload;
  catalog: Catalog;
  options: EstimateOptions;
  tiers: readonly TierCost[];
  translation: readonly string[];
  plans: readonly EnvironmentPlan[];
  apps: readonly AwsAppEnvironment[];
  priceDates: ReturnType<typeof priceDatesOf>;
  heroku: PlatformCost;
  aws: PlatformCost;
  complianceNotes: readonly string[];
  herokuEffort: OpsEffort;
  awsEffort: OpsEffort;
  /** A web process runs: AWS has a load balancer. */
  loadBalancer: boolean;
  /** Some process runs (not only data stores). */
  runs: boolean;
}

/** Every assumption an estimate rests on, in the order the answer states them, each once. */
function assumptionsOf(f: AssumptionFacts): string[] {
  const { workload, catalog, options, tiers, plans, heroku, aws, herokuEffort, awsEffort, loadBalancer, runs } = f;
  const fromHeroku = workload.origin === 'heroku';
  const modelled = fromHeroku ? 'aws' : 'heroku';
  const compute = fromHeroku ? (options.awsCompute ?? 'ec2') : 'ec2';
  const runsAs = options.environment ?? 'production';
  const environments = plans.map((p) => p.name);
  const rate = formatUnitPrice(herokuEffort.hourlyRate);
  const assumptions = [
    `List prices in USD before tax, ${pricesDated(f.priceDates)}: Heroku public prices; AWS ${catalog.awsRegion} on-demand Linux with no free tier or Reserved Instances (the optimised tier alone uses Savings Plan rates).`,
    'Monthly figures: AWS hourly × 730 h; Heroku prices are monthly caps prorated to the second, so an always-on dyno costs its full monthly price. Each line is rounded to the cent once, and every total is the sum of the lines shown.',
    // The tiers' descriptions depend only on the catalog, the platform modelled and the AWS compute:
    // so does this sentence.
    kept(
      kept(
        kept(tierSentences, catalog, () => new Map()),
        modelled,
        () => new Map<AwsComputeKind, string>(),
      ),
      compute,
      () =>
        `Tiers for ${fromHeroku ? 'AWS' : 'Heroku'}: ${tiers.map((t) => `${tierTitle(t.id)}: ${t.description}`).join(' ')} The verdict compares ${fromHeroku ? 'Heroku' : 'AWS'} as it runs with the ${VERDICT_TIER} tier.`,
    ),
    ...f.translation,
    ...severalDataStoresNote([{ name: workload.label?.replace(/^app /, '') ?? 'the workload', workload }]),
    ...(fromHeroku && options.awsArchitecture !== 'any'
      ? [
          'AWS instances are x86-64, as Heroku runs, except in the optimised tier; add `arm` to allow Graviton (arm64) in every tier.',
        ]
      : []),
    !runs
      ? writeAdditionsNote(f.apps[0].traffic, catalog, loadBalancer, false)
      : plans[0].publicSubnet
        ? publicAdditionsNote(
            f.apps[0].traffic,
            catalog,
            loadBalancer,
            webBehindLoadBalancer(plans[0].aws, loadBalancer),
            compute === 'ec2',
          )
        : runsAs === 'production'
          ? awsAdditionsNote(workload, catalog, loadBalancer, compute === 'ec2')
          : writeAdditionsNote(f.apps[0].traffic, catalog, loadBalancer, true, compute === 'ec2'),
    // The volume the rule sized, unless `logs=` gave another.
    ...(runs && workload.logGbPerMonth === logGbFor(workload.processes, catalog)
      ? logVolumeNote(workload.processes, catalog)
      : []),
    ...(plans.some((p) => p.publicSubnet) ? [PUBLIC_SUBNET_RULE] : []),
    ...(plans.some((p) => p.publicSubnet && webBehindLoadBalancer(p.aws, loadBalancer)) ? [FARGATE_WEB_RULE] : []),
    'On Heroku, bandwidth and log routing are included in the prices; log-retention add-ons are not modelled.',
    AWS_NOT_MODELLED,
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
    ...(runsAs === 'production'
      ? environmentNotes(plans, catalog, loadBalancer, fromHeroku)
      : [runsAsNote(runsAs, catalog, runs, plans[0].publicSubnet, webBehindLoadBalancer(plans[0].aws, loadBalancer))]),
    ...ecoNotes(plans),
    ...herokuComplianceNotes(workload),
    ...f.complianceNotes,
    `Ops effort (TCO, shown apart from infrastructure): Heroku ${herokuEffort.hoursPerEnvironment} h and AWS ${awsEffort.hoursPerEnvironment} h per environment per month at ${rate}/h, over ${plural(environments.length, 'environment')}${plans.some((p) => p.name === 'review') ? ' (review apps count as one)' : ''}. Source: ${herokuEffort.source}.`,
    ...unpricedNote(heroku, 'Heroku'),
    ...unpricedNote(aws, 'AWS'),
  ];
  // Duplicates are rare and the sentences long: comparing them is cheaper than hashing them all.
  return assumptions.filter((a, i) => assumptions.indexOf(a) === i);
}
