import { fromCents, type Money } from '../money';
import type { Catalog } from '../pricing';
import type { Workload } from '../workload';
import { awsFromHeroku } from './aws-production';
import { type AwsAppEnvironment, awsTierLines } from './aws-tiers';
import { isWebProcess, plural } from './describe';
import { fleetDrivers } from './fleet-drivers';
import { addOnLine, herokuAccountLines, herokuLines } from './heroku-lines';
import { herokuFromHeroku } from './heroku-production';
import { platformCost, shownCents } from './platform-cost';
import type { HerokuStack } from './stacks';
import { tierCost } from './tier-cost';
import {
  type CostLine,
  type EnvironmentName,
  type EstimateOptions,
  type PlatformCost,
  type PricedCostLine,
  TIER_IDS,
  type TierCost,
  type Verdict,
} from './types';
import { rangeOf, VERDICT_TIER, verdictFor } from './verdict';

/** One live app of a Heroku account, as a workload. */
export interface FleetApp {
  name: string;
  team?: string;
  /** Absent: read from the name (`-staging` → staging; `-dev`, `-review`, `-qa`, `-pr-N` → review). */
  environment?: EnvironmentName;
  workload: Workload;
}

/** An app's own lines on each platform; shared lines belong to no app. */
export interface FleetAppCost {
  app: string;
  team?: string;
  environment: EnvironmentName;
  /** Heroku as it runs (list prices), shown cents summed. */
  current: Money;
  /** Its own AWS like-for-like lines (instances, database, cache), before shared infrastructure. */
  likeForLike: Money;
}

export interface FleetModel {
  direction: 'heroku-to-aws';
  apps: number;
  current: PlatformCost;
  tiers: TierCost[];
  range: { low: Money; high: Money };
  verdict: Verdict;
  perApp: FleetAppCost[];
  /** The like-for-like lines no app owns: load balancers, NAT gateways, addresses, logs, data transfer. */
  sharedLikeForLike: Money;
  /** The largest reasons for the difference, in words. */
  drivers: string[];
  assumptions: string[];
}

const STAGING = /-(staging|stage|stg)(-|$)/;
const REVIEW = /-(dev|develop|review|qa|test|pr-\d+)(-|$)/;

export function environmentOfApp(name: string): EnvironmentName {
  const lower = name.toLowerCase();
  if (STAGING.test(lower)) return 'staging';
  if (REVIEW.test(lower)) return 'review';
  return 'production';
}

const prefixOf = (app: string) => `${app}: `;

/**
 * A whole Heroku account on AWS in three tiers. Shared infrastructure is counted once per environment
 * (one load balancer per 100 host rules, one NAT gateway per Availability Zone used, one set of logs);
 * data transfer is tiered over the account's egress together.
 */
export function modelFleet(apps: readonly FleetApp[], catalog: Catalog, options: EstimateOptions = {}): FleetModel {
  const a = catalog.assumptions;
  const stacks: HerokuStack[] = [];
  const currentLines: CostLine[] = [];
  const awsApps: AwsAppEnvironment[] = [];
  const rules = new Map<string, string>();
  const environments: EnvironmentName[] = [];
  for (const app of apps) {
    const environment = app.environment ?? environmentOfApp(app.name);
    environments.push(environment);
    const notes: string[] = [];
    const heroku = herokuFromHeroku(app.workload, catalog, notes);
    stacks.push(heroku);
    currentLines.push(...herokuLines(heroku, environment, 1, catalog, prefixOf(app.name)));
    const translation: string[] = [];
    const stack = awsFromHeroku(app.workload, catalog, options, translation, environment === 'production' ? 2 : 1);
    for (const note of translation) {
      const rule = note.replace(/^[^:]+: /, '');
      if (rule.includes('→')) rules.set(rule, rule);
    }
    const share = environment === 'production' ? 1 : a.nonProductionTrafficShare;
    const web = app.workload.processes.some((p) => isWebProcess(p.name));
    awsApps.push({
      prefix: prefixOf(app.name),
      environment,
      copies: 1,
      stack,
      traffic: {
        egressGb: app.workload.egressGbPerMonth,
        logGb: app.workload.logGbPerMonth,
        natGb: a.natGbPerMonth * share,
        albLcu: web ? a.albLcuAverage * share : 0,
        loadBalancer: web,
      },
    });
  }
  const current = platformCost('heroku', [...herokuAccountLines(stacks, catalog), ...currentLines]);
  const addOns = apps.flatMap((app) =>
    app.workload.addOns.map((addOn) =>
      addOnLine(addOn, environments[apps.indexOf(app)], catalog.priceListDate, true, prefixOf(app.name)),
    ),
  );
  const tiers = TIER_IDS.map((id) => tierCost(id, 'aws', [...awsTierLines(id, awsApps, catalog), ...addOns], catalog));
  const likeForLike = tiers[0];
  const perApp = apps.map((app, i): FleetAppCost => {
    const prefix = prefixOf(app.name);
    const own = (lines: readonly PricedCostLine[]) =>
      fromCents(shownCents(lines.filter((l) => l.item.startsWith(prefix))));
    return {
      app: app.name,
      ...(app.team ? { team: app.team } : {}),
      environment: environments[i],
      current: own(current.lines),
      likeForLike: own(likeForLike.lines),
    };
  });
  const ownedCents = perApp.reduce((sum, p) => sum + Math.round(p.likeForLike.toNumber() * 100), 0);
  const sharedLikeForLike = fromCents(Math.round(likeForLike.infrastructure.toNumber() * 100) - ownedCents);
  const verdict = verdictFor(current, tiers);
  const counts = ['production', 'staging', 'review'].map(
    (e) => `${plural(environments.filter((x) => x === e).length, `${e} app`)}`,
  );
  return {
    direction: 'heroku-to-aws',
    apps: apps.length,
    current,
    tiers,
    range: rangeOf(tiers),
    verdict,
    perApp,
    sharedLikeForLike,
    drivers: fleetDrivers(perApp, apps, sharedLikeForLike, tiers),
    assumptions: [
      `${plural(apps.length, 'app')} (${counts.join(', ')}; the environment is read from the app name). Heroku is priced at list prices as the apps run now; AWS in three tiers, the verdict on the ${VERDICT_TIER} tier.`,
      `Shared once per environment on AWS, whatever the app count: one Application Load Balancer per ${a.albRulesPerLoadBalancer} host rules (one rule per app with a web process), one NAT gateway per Availability Zone used (two in production), their public IPv4 addresses, one set of CloudWatch Logs; data transfer out is tiered over the account's egress together.`,
      ...tiers.map((t) => `${t.id}: ${t.description}`),
      ...[...rules.values()].sort(),
    ],
  };
}
