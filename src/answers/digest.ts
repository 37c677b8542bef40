/**
 * The answer to "how did last week go?": gathers what the digest needs from the live sources and the store, then lets the pure core
 * build it. Each platform is fetched on its own: one failing leaves the other's figures intact and
 * its own section saying why. Shared by the scheduled digest, `/hosting digest`, the CLI and App Home.
 */
import { type AppNotRead, appsCouldNotBeRead, noModelWithout } from '../core/apps-not-read';
import type { LiveInventory } from '../core/compliance/inventory';
import {
  buildDigestSteps,
  countedPeriod,
  type Digest,
  type DigestInput,
  type DigestWeek,
  digestPeriod,
  lastCompleteWeek,
  type ModelledMonthly,
  type PlatformUnavailable,
} from '../core/digest';
import { monthStart } from '../core/heroku-run-rate';
import { estimate, priceDatesOf } from '../core/model';
import { compareAllPipelines } from '../core/parity';
import { spacesRunIn } from '../core/space-fees';
import { addDays, firstOfMonth, utcDay } from '../core/utc-days';
import { inSlices } from '../in-slices';
import type { Services } from '../services';
import type { AwsSpendSource } from '../sources/aws';
import { COST_EXPLORER_SERVICE } from '../sources/aws';
import type { HerokuSource } from '../sources/heroku';
import { inventoryOnAwsSteps } from '../sources/heroku';
import { servicesWithSpend } from './compliance-live';
import { loadDigestSettings } from './digest-settings';
import { digestWhy } from './digest-why';
import { readPipelines } from './parity';
import { AWS_OFF, failureMessage, HEROKU_OFF } from './spend';
import { storedSnapshots } from './stored-snapshots';

export interface GatherOptions {
  now: Date;
  /** Re-read Heroku now instead of using its cache (Cost Explorer answers keep their cache: each request costs $0.01). */
  force?: boolean;
  /** Time zone of the digest week; defaults to the digest settings'. */
  timezone?: string;
  /** Add "why it changed" (the digest message and its text; the App Home dashboard leaves it out). */
  explain?: boolean;
  /** Where unexpected failures are logged. */
  log?: (message: string, error: unknown) => void;
  /**
   * Where what a source shrugged off (a cache write that failed) is logged when the digest is
   * gathered in a process of its own (./digest-in-child.ts); in the bot's process the sources log it.
   */
  warn?: (...messages: unknown[]) => void;
}

type Log = GatherOptions['log'];

/** UTC days, `end` excluded (as Cost Explorer's TimePeriod). */
type Days = { start: string; end: string };

/** `2026-11-16 to 2026-11-21`: the days as people read them, the last one included. */
const shownPeriod = (days: Days): string => `${days.start} to ${addDays(days.end, -1)}`;

const failed = (platform: 'aws' | 'heroku', why: string): PlatformUnavailable => ({
  platform,
  status: 'failed',
  reason: why,
});

async function awsInput(
  aws: AwsSpendSource,
  services: Services,
  /** `week`: the days of last week the figures count (Monday to Saturday while its Sunday is not over in UTC). */
  range: { start: string; today: string; week: Days },
  inventory: LiveInventory,
  log: Log,
): Promise<DigestInput['aws']> {
  let daily: Awaited<ReturnType<AwsSpendSource['dailyCost']>>;
  try {
    daily = await aws.dailyCost({ start: range.start, end: range.today, groupBy: 'service' });
  } catch (error) {
    inventory.aws = {
      servicesWithSpend: [],
      period: shownPeriod(range.week),
      error: failureMessage(error, 'Reading AWS spend', log),
    };
    return failed('aws', `could not read Cost Explorer: ${failureMessage(error, 'Reading AWS spend', log)}`);
  }
  let forecast: DigestInput extends { aws: infer A } ? Extract<A, { forecast: unknown }>['forecast'] : never;
  try {
    const answer = await aws.forecast({ start: range.today, end: firstOfMonth(range.today, 1) });
    forecast = answer.value.available
      ? { available: true, total: answer.value.total }
      : { available: false, reason: answer.value.reason };
  } catch (error) {
    forecast = { available: false, reason: failureMessage(error, 'The AWS forecast', log) };
  }
  let onHeroku: ModelledMonthly;
  try {
    const usage = await aws.usageWorkload(range.week);
    const { workload } = usage.value;
    if (workload.processes.length === 0 && !workload.database && !workload.cache) {
      onHeroku = { error: 'no EC2, RDS or ElastiCache running hours last week, so there is no workload to move' };
    } else {
      const modelled = estimate(workload, services.catalog);
      // The modelled Heroku side only: the AWS lines price what runs now, which the digest takes from the bill.
      const shown = [modelled.heroku, ...modelled.tiers].flatMap((cost) => cost.lines);
      onHeroku = {
        monthly: modelled.heroku.infrastructure,
        notes: [...usage.value.notes],
        range: modelled.range,
        priceDates: priceDatesOf(shown, services.catalog.priceListDate),
      };
    }
  } catch (error) {
    onHeroku = { error: failureMessage(error, 'Modelling the AWS workload', log) };
  }
  const withSpend = servicesWithSpend(daily.value, range.week.start, range.week.end);
  inventory.aws = { servicesWithSpend: withSpend, period: shownPeriod(range.week) };
  return {
    daily: daily.value,
    freshness: {
      asOf: daily.asOf,
      fromCache: daily.fromCache,
      ...(daily.staleBecause ? { staleBecause: daily.staleBecause.message } : {}),
    },
    forecast,
    onHeroku,
  };
}

/** Why the fleet is not modelled when apps were left out: `2 Heroku apps could not be read (a, b), …`. */
function notModelledWithout(notRead: readonly AppNotRead[]): string {
  return `${appsCouldNotBeRead(notRead)}, and ${noModelWithout(notRead)}`;
}

async function herokuInput(
  heroku: HerokuSource,
  services: Services,
  range: { start: string; today: string },
  inventory: LiveInventory,
  force: boolean,
  log: Log,
): Promise<DigestInput['heroku']> {
  const snapshots = await storedSnapshots(services.store, monthStart(range.start), range.today);
  // After the rows: a day's apps left out are recorded before its rows are written.
  const left = await services.store.snapshotsLeftOut(monthStart(range.start), range.today);
  const snapshotsLeftOut = left.length > 0 ? { snapshotsLeftOut: left } : {};
  let live: Awaited<ReturnType<HerokuSource['inventory']>> | undefined;
  let liveError: string | undefined;
  try {
    live = await heroku.inventory({ refresh: force });
  } catch (error) {
    liveError = failureMessage(error, 'Reading Heroku', log);
  }
  if (!live) {
    inventory.heroku = { apps: [], members: [], error: liveError };
    if (snapshots.length === 0)
      return failed('heroku', `could not read Heroku and no daily snapshots are stored: ${liveError}`);
    return { snapshots, ...snapshotsLeftOut, onAws: { error: `could not read Heroku: ${liveError}` } };
  }
  const onAws = await inSlices(inventoryOnAwsSteps(live.value, services.catalog));
  const notRead = heroku.appsNotRead(live.value);
  try {
    const compliance = await heroku.complianceInventory(live.value);
    // What was not read goes with what was: the posture must not count an unread team or app as fine.
    inventory.heroku = {
      apps: compliance.apps,
      members: compliance.members,
      ...(compliance.membersNotRead?.length ? { membersNotRead: compliance.membersNotRead } : {}),
      ...(compliance.appsNotRead?.length ? { appsNotRead: compliance.appsNotRead } : {}),
    };
  } catch (error) {
    inventory.heroku = { apps: [], members: [], error: failureMessage(error, 'Reading Heroku compliance facts', log) };
  }
  const runRate = heroku.runRate(live.value);
  const runRateLeftOut = runRate.contractPriced.length + runRate.unpriced.length;
  const spaceFees = spacesRunIn(live.value.apps).length;
  return {
    snapshots,
    ...snapshotsLeftOut,
    runRateMonthlyCents: runRate.totalMonthlyCents,
    ...(runRateLeftOut > 0 ? { runRateLeftOut } : {}),
    ...(spaceFees > 0 ? { spaceFees } : {}),
    freshness: {
      asOf: live.asOf,
      fromCache: live.fromCache,
      ...(live.staleBecause ? { staleBecause: live.staleBecause.message } : {}),
    },
    ...(notRead.length > 0 ? { notRead } : {}),
    onAws:
      // A fleet without some apps set against last week's actual cost, which has them, would show a
      // saving that is only the apps left out: no modelled difference then, and the reason said.
      notRead.length > 0
        ? { error: notModelledWithout(notRead) }
        : onAws.modelled > 0
          ? {
              monthly: onAws.monthly,
              notes: [onAws.note],
              range: onAws.fleet.range,
              priceDates: priceDatesOf(
                onAws.fleet.tiers.flatMap((tier) => tier.lines),
                services.catalog.priceListDate,
              ),
            }
          : { error: 'no Heroku app could be modelled' },
  };
}

/** Staging against production per pipeline; a failure is said in the digest, never fatal to it. */
async function parityInput(services: Services, force: boolean, log: Log): Promise<DigestInput['parity']> {
  try {
    const read = await readPipelines(services, force);
    return read && compareAllPipelines(read.value.inputs, services.catalog);
  } catch (error) {
    return { error: failureMessage(error, 'Reading Heroku pipelines', log) };
  }
}

async function gatherDigestInput(services: Services, options: GatherOptions): Promise<DigestInput> {
  const timezone = options.timezone ?? (await loadDigestSettings(services.store, services.config)).timezone;
  const week = lastCompleteWeek(options.now, timezone);
  const today = utcDay(options.now);
  const period = digestPeriod({ week, today });
  // The earlier of the chart's first day and the first of the month (ISO days sort as text).
  const start = [period.days[0]!, period.monthStart].sort()[0]!;
  const month = today.slice(0, 7);
  const requestsBefore = await services.store.requestCount(COST_EXPLORER_SERVICE, month);
  const inventory: LiveInventory = {};
  // The same days as the figures: while Sunday is not over in UTC, Monday to Saturday of each week.
  const counted = (w: DigestWeek): Days => countedPeriod(w, period);
  const { aws, heroku } = services.sources;
  const [awsSection, herokuSection, parity] = await Promise.all([
    aws
      ? awsInput(aws, services, { start, today, week: counted(week) }, inventory, options.log)
      : ({ platform: 'aws', status: 'off', reason: AWS_OFF } as const),
    heroku
      ? herokuInput(heroku, services, { start, today }, inventory, options.force ?? false, options.log)
      : ({ platform: 'heroku', status: 'off', reason: HEROKU_OFF } as const),
    parityInput(services, options.force ?? false, options.log),
  ]);
  const weekBefore = period.weeks.at(-2);
  const why =
    options.explain && weekBefore
      ? await digestWhy(
          services,
          today,
          { weekBefore: counted(weekBefore), week: counted(week) },
          'snapshots' in herokuSection ? herokuSection.snapshots : undefined,
        )
      : undefined;
  const requestsThisMonth = await services.store.requestCount(COST_EXPLORER_SERVICE, month);
  return {
    week,
    today,
    generatedAt: options.now,
    aws: awsSection,
    heroku: herokuSection,
    inventory,
    ...(parity ? { parity } : {}),
    ...(why ? { why } : {}),
    costExplorer: { requestsThisRun: requestsThisMonth - requestsBefore, month, requestsThisMonth },
  };
}

/** The digest for the last complete week as of `now`. */
export async function gatherDigest(services: Services, options: GatherOptions): Promise<Digest> {
  return inSlices(buildDigestSteps(await gatherDigestInput(services, options)));
}
