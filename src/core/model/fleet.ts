import { fromCents, toCents } from '../money';
import type { Catalog } from '../pricing';
import { finish, type Steps } from '../steps';
import { type ComplianceNeed, cachesOf, databasesOf, type Workload } from '../workload';
import { albLcuFor } from './alb-capacity';
import { awsComplianceLines, type RegulatedDatabase } from './aws-compliance-lines';
import { awsFromHeroku } from './aws-production';
import { type AwsAppEnvironment, awsTierLineSteps, sharedTierLines } from './aws-tiers';
import { PRODUCTION_DATABASE_RULE } from './choose-aws';
import { formatCount, isWebProcess, plural, tierTitle } from './describe';
import { AWS_NOT_MODELLED, ecoNotes, NO_NAT_WHERE_NOTHING_RUNS, severalDataStoresNote } from './estimate-notes';
import { fleetDriverSteps } from './fleet-drivers';
import { addOnLine, herokuAccountLines, herokuLines } from './heroku-lines';
import { herokuFromHeroku } from './heroku-production';
import { tallyCount, tallyOf } from './left-out';
import {
  differencesOf,
  type MigrationModel,
  type MigrationUnit,
  type OneOffPart,
  oneOffCost,
  ownCentsOf,
  ownUnpricedOf,
  paybackOf,
  type SpaceFee,
  sharedUnpricedOf,
  teamsOf,
} from './migration';
import { platformCost } from './platform-cost';
import { PUBLIC_SUBNET_RULE, runsInPublicSubnet } from './public-subnet';
import { awsDatabasesOf, type HerokuStack } from './stacks';
import { tierCost } from './tier-cost';
import {
  type CostLine,
  type EnvironmentName,
  type EstimateOptions,
  type PlatformCost,
  TIER_IDS,
  type TierCost,
} from './types';
import { rangeOf, VERDICT_TIER, verdictFor } from './verdict';

/** One live app of a Heroku account, as a workload. */
export interface FleetApp {
  name: string;
  team?: string;
  /** Absent: read by `environmentOfLiveApp` from the name (`-staging` → staging; `-dev`, `-review`, `-qa`, `-pr-N` → review). */
  environment?: EnvironmentName;
  /** `workload.compliance` says what regulated data the app holds (a live app in a Shield Private Space: HIPAA). */
  workload: Workload;
  /** The Private or Shield Space it runs in: each space the fleet uses is billed its own fee. */
  space?: { name: string; shield: boolean };
}

/**
 * The one-off work of moving these apps (production and staging; review apps are made again by the
 * pipeline), by what each has (docs/decisions.md, "The one-off cost of moving scales with what each app
 * has"): a base per app, each process type, the production layout for an app that is not a hobby app
 * in a public subnet, each Postgres (dump and restore up to `migrationDumpRestoreMaxGb` of plan storage,
 * a rehearsed cut-over above), each Key-Value Store, each other add-on, and each Private or Shield Space.
 */
function herokuOneOffParts(
  apps: readonly FleetApp[],
  publicSubnet: readonly boolean[],
  catalog: Catalog,
): OneOffPart[] {
  const a = catalog.assumptions;
  let processTypes = 0;
  let loadBalanced = 0;
  let small = 0;
  let large = 0;
  let caches = 0;
  let addOns = 0;
  const spaces = new Set<string>();
  apps.forEach((app, i) => {
    const running = app.workload.processes.filter((p) => p.count > 0).length;
    processTypes += running;
    if (running > 0 && !publicSubnet[i]) loadBalanced += 1;
    for (const db of databasesOf(app.workload)) {
      if (db.storageGb <= a.migrationDumpRestoreMaxGb) small += 1;
      else large += 1;
    }
    caches += cachesOf(app.workload).length;
    addOns += app.workload.addOns.length;
    if (app.space) spaces.add(app.space.name);
  });
  const max = formatCount(a.migrationDumpRestoreMaxGb);
  return [
    {
      what: `Moving ${plural(apps.length, 'app')}`,
      count: apps.length,
      why: 'image build, deploy pipeline, config vars into Parameter Store, DNS cut-over',
      hours: 'migrationHoursBasePerApp',
    },
    {
      what: `Their ${plural(processTypes, 'running process type')}`,
      count: processTypes,
      why: 'an ECS service or instance setup, health check, scaling, alarms',
      hours: 'migrationHoursPerProcessType',
    },
    {
      what: `${plural(loadBalanced, 'app')} on the production layout`,
      count: loadBalanced,
      why: 'private subnets, a load balancer target group and host rule, a TLS certificate',
      hours: 'migrationHoursPerLoadBalancedApp',
    },
    {
      what: `Copying ${plural(small, 'Postgres database')} on plans of at most ${max} GB by dump and restore`,
      count: small,
      why: 'pg:backups capture, pg_restore into RDS, check, switch',
      hours: 'migrationHoursPerSmallDatabase',
    },
    {
      what: `Moving ${plural(large, 'Postgres database')} on larger plans by a rehearsed cut-over`,
      count: large,
      why: 'a trial restore to time it, then the cut-over in a planned window',
      hours: 'migrationHoursPerLargeDatabase',
    },
    {
      what: `Re-pointing ${plural(caches, 'Key-Value Store')}`,
      count: caches,
      why: 'the new endpoint and TLS settings; a cache starts empty',
      hours: 'migrationHoursPerCache',
    },
    {
      what: `Replacing ${plural(addOns, 'other add-on')}`,
      count: addOns,
      why: "an AWS service or the vendor's own account in its place",
      hours: 'migrationHoursPerAddOn',
    },
    {
      what: `Rebuilding ${plural(spaces.size, 'Private or Shield Space')} as a VPC`,
      count: spaces.size,
      why: 'subnets, peering or VPN, trusted IP ranges, once for all its apps',
      hours: 'migrationHoursPerSpace',
    },
  ];
}

/** The one-off rule in the answer's words. */
function oneOffRule(catalog: Catalog): string {
  const a = catalog.assumptions;
  // Worked out from the hours in force, so a PRICING_FILE that changes them changes these too.
  const hobby = a.migrationHoursBasePerApp + a.migrationHoursPerProcessType;
  const typical =
    a.migrationHoursBasePerApp +
    2 * a.migrationHoursPerProcessType +
    a.migrationHoursPerLoadBalancedApp +
    // A Standard plan holds 64 GB or more: past the dump-and-restore limit.
    a.migrationHoursPerLargeDatabase +
    a.migrationHoursPerCache +
    a.migrationHoursPerAddOn;
  return `One-off, by what each app has, at the ops rate: ${a.migrationHoursBasePerApp} h per app, ${a.migrationHoursPerProcessType} h per running process type, ${a.migrationHoursPerLoadBalancedApp} h per app on the production layout (not a hobby app in a public subnet), ${a.migrationHoursPerSmallDatabase} h per Postgres whose plan holds at most ${formatCount(a.migrationDumpRestoreMaxGb)} GB (Heroku's pg:backups dump and pg_restore, which Heroku Dev Center, Importing and Exporting Heroku Postgres Databases, describes) and ${a.migrationHoursPerLargeDatabase} h for a larger one (a trial restore, then the cut-over in a planned window), ${a.migrationHoursPerCache} h per Key-Value Store, ${a.migrationHoursPerAddOn} h per other add-on and ${a.migrationHoursPerSpace} h per Private or Shield Space (Hosting Advisor defaults, unconfirmed; each is a PRICING_FILE assumption). A production app with web and worker processes, a Standard Postgres, a Key-Value Store and one add-on is ${typical} h; a hobby app of one Basic dyno ${hobby} h. Copying data out of Heroku costs nothing (Heroku bills no egress, AWS no data in).`;
}

/** A Heroku account modelled on AWS. */
export interface FleetModel extends MigrationModel {
  direction: 'heroku-to-aws';
}

const MARKS: readonly [EnvironmentName, RegExp][] = [
  ['staging', /-(staging|stage|stg)(-|$)/],
  ['review', /-(dev|develop|review|qa|test|pr-\d+)(-|$)/],
];

/**
 * Heroku's pipeline stages as the model's environments: development and test apps are short-lived
 * copies like review apps (Heroku Dev Center, Pipelines).
 */
const STAGE_ENVIRONMENTS: Readonly<Record<string, EnvironmentName>> = {
  production: 'production',
  staging: 'staging',
  review: 'review',
  development: 'review',
  test: 'review',
};

/**
 * The one rule for a live app's environment, with the words that say why: the stage of the pipeline
 * it is in, when it is in one, else its name.
 */
export function environmentOfLiveApp(
  name: string,
  pipelineStage?: string | null,
): { environment: EnvironmentName; because: string } {
  const staged = pipelineStage ? STAGE_ENVIRONMENTS[pipelineStage] : undefined;
  if (staged) return { environment: staged, because: `it is in its pipeline's ${pipelineStage} stage` };
  const lower = name.toLowerCase();
  for (const [environment, mark] of MARKS) {
    const found = mark.exec(lower);
    if (found)
      return {
        environment,
        because: found[2] ? `its name has -${found[1]}- in it` : `its name ends in -${found[1]}`,
      };
  }
  return {
    environment: 'production',
    because: 'its name has no -staging, -stage, -stg, -dev, -develop, -review, -qa, -test or -pr-N part',
  };
}

const prefixOf = (app: string): string => `${app}: `;

const ENVIRONMENT_ORDER: readonly EnvironmentName[] = ['production', 'staging'];

const SHOWN_REGULATED = 8;

/** Which apps the compliance services are for, and that they are counted once for the account. */
function regulatedNote(names: readonly string[], needs: readonly ComplianceNeed[]): string[] {
  if (names.length === 0) return [];
  const shown = names.slice(0, SHOWN_REGULATED).join(', ');
  const more = names.length > SHOWN_REGULATED ? ` and ${names.length - SHOWN_REGULATED} more` : '';
  const frameworks = needs.map((n) => n.toUpperCase()).join(' and ');
  return [
    `${plural(names.length, 'app')} ${names.length === 1 ? 'holds' : 'hold'} ${frameworks}-regulated data (${shown}${more}): in every tier AWS adds the compliance services once for the account (CloudTrail data events, GuardDuty, a KMS key per environment with regulated data), not once per app; per app, only what is the app's own (a backup of its production database for HIPAA).`,
  ];
}

const SHOWN_PUBLIC = 8;

/** Which apps run in a public subnet on AWS (only Eco or Basic dynos), and the rule with its sources. */
function publicSubnetNote(names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const shown = names.slice(0, SHOWN_PUBLIC).join(', ');
  const more = names.length > SHOWN_PUBLIC ? ` and ${names.length - SHOWN_PUBLIC} more` : '';
  return [
    `${plural(names.length, 'app')} ${names.length === 1 ? 'runs' : 'run'} only Eco or Basic dynos (${shown}${more}), so on AWS ${names.length === 1 ? 'it has' : 'they have'} no share of a load balancer or NAT gateway and a public address for each instance. ${PUBLIC_SUBNET_RULE}`,
  ];
}

/**
 * Environments where no app runs a process: no NAT gateway, addresses or logs there, and why.
 */
function idleEnvironmentNote(apps: readonly FleetApp[], environments: readonly EnvironmentName[]): string[] {
  const idle = (['production', 'staging', 'review'] as const).filter(
    (e) =>
      environments.includes(e) &&
      apps.every((app, i) => environments[i] !== e || app.workload.processes.every((p) => p.count === 0)),
  );
  if (idle.length === 0) return [];
  return [
    `No process runs in ${idle.join(' or ')} (its apps are scaled to 0 or hold only data), so ${NO_NAT_WHERE_NOTHING_RUNS}.`,
  ];
}

/**
 * Each Space's fee line (priced by PRICING_FILE or left out), with the team that owns the space and
 * its apps: Heroku bills a space to one team, and a migration moves the space with that team's apps.
 * A space whose apps name no single team keeps its fee account-wide.
 */
function spaceFeesOf(apps: readonly FleetApp[], current: PlatformCost): SpaceFee[] {
  const byName = new Map<string, { shield: boolean; teams: Set<string | undefined>; apps: string[] }>();
  for (const app of apps) {
    if (!app.space) continue;
    const space = byName.get(app.space.name) ?? { shield: app.space.shield, teams: new Set(), apps: [] };
    space.teams.add(app.team);
    space.apps.push(app.name);
    byName.set(app.space.name, space);
  }
  const fees: SpaceFee[] = [];
  for (const [name, space] of byName) {
    const [team] = space.teams;
    if (space.teams.size !== 1 || team === undefined) continue;
    // The line herokuAccountLines names for it.
    const item = `${space.shield ? 'Shield ' : ''}Private Space ${name}`;
    const priced = current.lines.find((line) => line.item === item);
    const unpriced = tallyOf(priced ? [] : current.unpriced.filter((line) => line.item === item));
    if (!priced && tallyCount(unpriced) === 0) continue;
    fees.push({ item, team, apps: space.apps, current: fromCents(priced?.cents ?? 0), unpriced });
  }
  return fees.sort((a, b) => a.item.localeCompare(b.item));
}

/**
 * A whole Heroku account on AWS in three tiers. Shared infrastructure is counted once per environment
 * (one load balancer per 100 host rules, one NAT gateway per Availability Zone used, one set of logs);
 * data transfer is tiered over the account's egress together.
 */
export function modelFleet(apps: readonly FleetApp[], catalog: Catalog, options: EstimateOptions = {}): FleetModel {
  return finish(modelFleetSteps(apps, catalog, options));
}

/** `modelFleet` in steps (src/core/steps.ts), one an app and one a tier: 500 apps take tens of milliseconds. */
export function* modelFleetSteps(
  apps: readonly FleetApp[],
  catalog: Catalog,
  options: EstimateOptions = {},
): Steps<FleetModel> {
  const a = catalog.assumptions;
  const stacks: HerokuStack[] = [];
  const currentLines: CostLine[] = [];
  const addOns: CostLine[] = [];
  const awsApps: AwsAppEnvironment[] = [];
  const rules = new Set<string>();
  const environments: EnvironmentName[] = [];
  const regulated = {
    apps: [] as string[],
    needs: new Set<ComplianceNeed>(),
    environments: new Set<EnvironmentName>(),
  };
  const regulatedDatabases: RegulatedDatabase[] = [];
  let regulatedWeb = false;
  for (const app of apps) {
    yield;
    const environment = app.environment ?? environmentOfLiveApp(app.name).environment;
    environments.push(environment);
    const prefix = prefixOf(app.name);
    // Heroku as it runs: an app's compliance moves nothing to Shield here, it is billed as it is.
    const heroku = herokuFromHeroku({ ...app.workload, compliance: [] }, catalog, []);
    stacks.push(heroku);
    currentLines.push(...herokuLines(heroku, environment, 1, catalog, prefix));
    for (const addOn of app.workload.addOns)
      addOns.push(addOnLine(addOn, environment, catalog.priceListDate, true, prefix));
    const translation: string[] = [];
    const stack = awsFromHeroku(app.workload, catalog, options, translation, environment);
    for (const note of translation) {
      // The rule for a size, without the app's process name: one sentence per dyno size, not per app.
      const rule = note.replace(/^[^:]+: /, '');
      if (rule.includes('→')) rules.add(rule);
    }
    const share = environment === 'production' ? 1 : a.nonProductionTrafficShare;
    const web = app.workload.processes.some((p) => isWebProcess(p.name));
    // Review apps hold no regulated data, as in one estimate.
    if (app.workload.compliance.length > 0 && environment !== 'review') {
      regulated.apps.push(app.name);
      for (const need of app.workload.compliance) regulated.needs.add(need);
      regulated.environments.add(environment);
      if (environment === 'production')
        for (const db of awsDatabasesOf(stack)) regulatedDatabases.push({ prefix, storageGb: db.storageGb });
      if (environment === 'production' && web) regulatedWeb = true;
    }
    awsApps.push({
      prefix,
      environment,
      copies: 1,
      stack,
      traffic: {
        egressGb: app.workload.egressGbPerMonth,
        logGb: app.workload.logGbPerMonth,
        natGb: a.natGbPerMonth * share,
        albLcu: web ? albLcuFor(app.workload.egressGbPerMonth, a.albLcuAverage * share) : 0,
        loadBalancer: web,
      },
      publicSubnet: runsInPublicSubnet(heroku),
    });
  }
  yield;
  const spaces = apps.flatMap((app) => (app.space ? [app.space] : []));
  const current = platformCost('heroku', [...herokuAccountLines(stacks, catalog, spaces), ...currentLines]);
  const complianceNotes: string[] = [];
  const compliance = awsComplianceLines(
    [...regulated.needs].sort(),
    ENVIRONMENT_ORDER.filter((e) => regulated.environments.has(e)),
    regulatedDatabases,
    regulatedWeb,
    catalog,
    complianceNotes,
  );
  const tiers: TierCost[] = [];
  const shared = sharedTierLines(awsApps, catalog);
  for (const id of TIER_IDS) {
    yield;
    const lines = yield* awsTierLineSteps(id, shared);
    yield;
    tiers.push(tierCost(id, 'aws', [...lines, ...compliance, ...addOns], catalog));
  }
  const [likeForLike] = tiers;
  yield;
  const currentOf = ownCentsOf(current.lines);
  yield;
  const likeForLikeOf = ownCentsOf(likeForLike.lines);
  const currentUnpricedOf = ownUnpricedOf(current.unpriced);
  const likeForLikeUnpricedOf = ownUnpricedOf(likeForLike.unpriced);
  yield;
  const units = apps.map(
    (app, i): MigrationUnit => ({
      name: app.name,
      ...(app.team ? { team: app.team } : {}),
      environment: environments[i],
      current: fromCents(currentOf(prefixOf(app.name))),
      likeForLike: fromCents(likeForLikeOf(prefixOf(app.name))),
      unpriced: {
        current: currentUnpricedOf(prefixOf(app.name)),
        likeForLike: likeForLikeUnpricedOf(prefixOf(app.name)),
      },
    }),
  );
  const spaceFees = spaceFeesOf(apps, current);
  const sumOf = (pick: (u: MigrationUnit) => number) => units.reduce((sum, u) => sum + pick(u), 0);
  const spaceCents = spaceFees.reduce((sum, space) => sum + toCents(space.current), 0);
  const currentShared = fromCents(toCents(current.infrastructure) - sumOf((u) => toCents(u.current)) - spaceCents);
  const sharedLikeForLike = fromCents(toCents(likeForLike.infrastructure) - sumOf((u) => toCents(u.likeForLike)));
  yield;
  const differences = differencesOf(current, tiers);
  // Review apps are made by the pipeline for each pull request: they are set up again, not moved.
  const moved = apps.filter((_, i) => environments[i] !== 'review');
  const reviewApps = apps.length - moved.length;
  const oneOff = oneOffCost(
    {
      parts: herokuOneOffParts(
        apps.filter((_, i) => environments[i] !== 'review'),
        awsApps.filter((_, i) => environments[i] !== 'review').map((app) => app.publicSubnet === true),
        catalog,
      ),
      dataOutGb: 0,
    },
    catalog,
  );
  yield;
  const drivers = yield* fleetDriverSteps(apps, current, tiers, sharedLikeForLike, catalog);
  const counts = (['production', 'staging', 'review'] as const).map(
    (e) => `${plural(environments.filter((x) => x === e).length, `${e} app`)}`,
  );
  return {
    direction: 'heroku-to-aws',
    unitKind: 'app',
    current,
    tiers,
    range: rangeOf(tiers),
    verdict: verdictFor(current, tiers),
    units,
    teams: teamsOf(units, spaceFees),
    spaces: spaceFees,
    currentShared,
    sharedLikeForLike,
    sharedUnpriced: sharedUnpricedOf(current, likeForLike, units, spaceFees),
    differences,
    oneOff,
    ...(paybackOf(differences, oneOff) === undefined ? {} : { paybackMonths: paybackOf(differences, oneOff) }),
    drivers,
    assumptions: [
      `${plural(apps.length, 'app')} (${counts.join(', ')}; the environment is read from the app name). Heroku is priced at list prices as the apps run now; AWS in three tiers, the verdict on the ${VERDICT_TIER} tier.`,
      `Shared once per environment on AWS, whatever the app count: one Application Load Balancer per ${a.albRulesPerLoadBalancer} host rules (one rule per app with a web process), one NAT gateway per Availability Zone used (two in production), their public IPv4 addresses, one set of CloudWatch Logs (none of these where no process runs); data transfer out is tiered over the account's egress together.`,
      ...idleEnvironmentNote(apps, environments),
      ...publicSubnetNote(apps.filter((_, i) => awsApps[i].publicSubnet).map((app) => app.name)),
      AWS_NOT_MODELLED,
      ...tiers.map((t) => `${tierTitle(t.id)}: ${t.description}`),
      ...(apps.some((app) => app.workload.database) ? [PRODUCTION_DATABASE_RULE] : []),
      ...severalDataStoresNote(apps),
      ...ecoNotes(stacks.map((heroku) => ({ heroku, copies: 1 }))),
      ...[...rules].sort(),
      ...regulatedNote(regulated.apps, [...regulated.needs].sort()),
      ...complianceNotes,
      oneOffRule(catalog),
      ...(reviewApps > 0
        ? [
            `${plural(reviewApps, 'review app')} ${reviewApps === 1 ? 'is' : 'are'} not moved one by one: the pipeline makes them again on AWS for each pull request, so the one-off counts the production and staging apps and their databases.`,
          ]
        : []),
    ],
    priceListDate: catalog.priceListDate,
  };
}
