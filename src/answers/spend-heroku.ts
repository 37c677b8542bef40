/**
 * Heroku's part of a spend answer, for the same period as AWS's: what ran, from the bot's daily
 * formation snapshots at Heroku's billed prices. Only when no snapshot covers the period does today's
 * run-rate stand in for it, and then it says so.
 */
import { appsNeverReadLines, appsNotReadLine, appsNotReadReasons, notReadUntilWords } from '../core/apps-not-read';
import { type HerokuPeriodCost, monthStart } from '../core/heroku-run-rate';
import { formatCents } from '../core/money';
import { type SpaceRunIn, spaceFeeDetails, spacesRunIn } from '../core/space-fees';
import { readableRange, type SpendPeriod, type SpendRequest } from '../core/spend/request';
import { linesAddingUp, type SpendLine } from '../core/spend/rows';
import type { HerokuSource } from '../sources/heroku';
import { herokuPeriodRunRate, notCountedNote } from './heroku-period-run-rate';
import { snapshotPeriodCosts } from './snapshot-costs';
import {
  failureMessage,
  freshness,
  MAX_ROWS,
  optional,
  type PlatformFigures,
  type PlatformSpend,
  percentChange,
  type SpendContext,
} from './spend-common';

const SNAPSHOT_MEASURE =
  "Estimated from the bot's daily snapshots of what ran, at Heroku's billed prices; invoices are final";
const signed = (cents: number) => (cents < 0 ? formatCents(cents) : `+${formatCents(cents)}`);

/**
 * Heroku bills each app for its dynos and add-ons: there is no service, linked account or cost tag to
 * group its spend by. A lead who named another grouping is told so beside the lines, in the words they
 * used, rather than handed a breakdown by app as if it were the one asked (docs/decisions.md, "Heroku
 * spend is by app, and says so").
 */
export function herokuGroupingNote(request: SpendRequest): string | undefined {
  if (!request.groupAsked || request.groupBy === 'app') return undefined;
  const asked = typeof request.groupBy === 'string' ? request.groupBy : `tag:${request.groupBy.tag}`;
  const none =
    request.groupBy === 'service'
      ? 'no service dimension'
      : request.groupBy === 'account'
        ? 'no linked accounts'
        : 'no cost-allocation tags';
  return `By app, not by ${asked} as asked: Heroku bills per app (its dynos and add-ons) and has ${none} to group by.`;
}

/**
 * The Spaces the apps run in, from the last inventory read, whatever its age: Spaces change rarely, and
 * figures made from snapshots need nothing else from Heroku (a fresh read of 500 apps is ~500 requests
 * of the hourly pool). Said as of that read; said, not guessed, when it cannot be read.
 */
async function spacesToday(
  heroku: HerokuSource,
  context: SpendContext,
): Promise<{ spaces: SpaceRunIn[]; asOf?: string; unknown?: string }> {
  try {
    const inventory = await heroku.inventory({ anyAge: true });
    return { spaces: spacesRunIn(inventory.value.apps), asOf: freshness(inventory) };
  } catch (error) {
    const why = failureMessage(error, 'Reading Heroku apps for their Spaces', context.log);
    return {
      spaces: [],
      unknown: `Whether the apps run in Private or Shield Spaces, whose fees no snapshot holds, could not be read: ${why}`,
    };
  }
}

/** Per-app lines of a period, each rounded once; the total is their sum. */
const appLines = (cost: HerokuPeriodCost): SpendLine[] =>
  cost.apps.map((app) => ({ label: app.app, cents: app.cents }));
const sumCents = (lines: readonly SpendLine[]) => lines.reduce((sum, line) => sum + line.cents, 0);

function figuresFromLines(
  request: SpendRequest,
  lines: SpendLine[],
  rest: Omit<
    PlatformFigures,
    'grossCents' | 'netCents' | 'creditsCents' | 'lines' | 'allLines' | 'grouping' | 'groupingNote'
  >,
): PlatformFigures {
  const grossCents = sumCents(lines);
  return {
    grossCents,
    netCents: grossCents,
    creditsCents: 0,
    grouping: 'app',
    ...optional('groupingNote', herokuGroupingNote(request)),
    lines: linesAddingUp(lines, grossCents, MAX_ROWS, 'app'),
    allLines: linesAddingUp(lines, grossCents, lines.length, 'app', true),
    ...rest,
  };
}

export async function herokuSpend(
  heroku: HerokuSource,
  request: SpendRequest,
  period: SpendPeriod,
  context: SpendContext,
): Promise<PlatformSpend> {
  const [current, before] = (await snapshotPeriodCosts(context.store, monthStart(period.previous.start), period.end, [
    period,
    period.previous,
  ])) as [HerokuPeriodCost, HerokuPeriodCost];
  if (current.daysCovered.length > 0) {
    const lines = appLines(current);
    const grossCents = sumCents(lines);
    // Snapshots hold no Space: the fees of the Spaces today's apps run in are said to be left out.
    const today = await spacesToday(heroku, context);
    const previousCents = sumCents(appLines(before));
    const covered = current.daysCovered.length;
    const partial = covered < period.days;
    const beforeWhole = before.daysMissing.length === 0;
    // Days without a snapshot count as nothing, so a period missing any is not compared with another:
    // the gap would read as a drop (or, missing from the period before, as a rise).
    const firstRead = readSince(current, before);
    const comparable = beforeWhole && !partial && firstRead.length === 0;
    const beforeDays = before.daysCovered.length + before.daysMissing.length;
    const notes = [
      ...(partial ? [`${covered} of ${period.days} days covered (days without a snapshot are not counted)`] : []),
      // Said here too, not only in Details: beside AWS's change, a Heroku figure without one reads as an omission.
      ...(!partial && !beforeWhole
        ? [
            `not compared with ${readableRange(period.previous)}: ${before.daysCovered.length} of its ${beforeDays} days have a snapshot`,
          ]
        : []),
      ...(!partial && beforeWhole && firstRead.length > 0
        ? [`not compared with ${readableRange(period.previous)}: ${firstReadWords(firstRead)}`]
        : []),
      // Days written without apps never read: the total is not the whole account, and says whose cost it lacks.
      ...appsNeverReadLines(current.leftOut, 'this total'),
    ];
    notes.push(...notCountedNote(current.excluded.length, today.spaces), ...(today.unknown ? [today.unknown] : []));
    const details = [
      `Daily snapshots cover ${covered} of ${period.days} days of ${readableRange(period)} (UTC days).`,
      ...current.excluded.map(
        (e) => `Not counted: ${e.app} ${e.item} (${e.reason}, ${e.days} day${e.days === 1 ? '' : 's'}).`,
      ),
      ...current.leftOut.map(
        (app) =>
          `Not counted: app ${app.app}, never read on ${app.days.length} of the ${covered} days with a snapshot (${app.days[0]} to ${app.days.at(-1)}): the snapshot of those days was taken without it.`,
      ),
      ...spaceFeeDetails(today.spaces),
      ...(today.spaces.length > 0 && today.asOf
        ? [`The Spaces are those Heroku listed the apps in, ${today.asOf}.`]
        : []),
      ...(partial
        ? [`No change shown: snapshots cover ${covered} of ${period.days} days of ${readableRange(period)}.`]
        : []),
      ...(beforeWhole
        ? []
        : [
            `No change shown: snapshots cover ${before.daysCovered.length} of ${beforeDays} days of ${readableRange(period.previous)}.`,
          ]),
    ];
    const changeCents = grossCents - previousCents;
    return {
      platform: 'heroku',
      name: 'Heroku',
      status: 'ok',
      figures: figuresFromLines(request, lines, {
        measure: SNAPSHOT_MEASURE,
        estimated: 'from daily snapshots at list prices; invoices are final',
        ...(comparable
          ? {
              change: {
                previousCents,
                changeCents,
                ...optional('percent', percentChange(changeCents, previousCents)),
                range: readableRange(period.previous),
              },
            }
          : {}),
        movers: comparable ? movers(current, before) : [],
        notes,
        details,
      }),
    };
  }
  return runRateSpend(heroku, request, period, context);
}

/**
 * Apps counted in one of the two periods that days of the two were written without (never read then,
 * read since): compared, their cost would read as a rise. Each with the last day it was left out of.
 */
function readSince(current: HerokuPeriodCost, before: HerokuPeriodCost): { app: string; until: string }[] {
  const counted = new Set([...before.apps, ...current.apps].map((app) => app.app));
  const until = new Map<string, string>();
  for (const app of [...before.leftOut, ...current.leftOut])
    if (counted.has(app.app)) until.set(app.app, app.days.at(-1)!);
  return [...until].map(([app, day]) => ({ app, until: day }));
}

const firstReadWords = (apps: readonly { app: string; until: string }[]) =>
  `${notReadUntilWords(apps)}, so a change would show ${apps.length === 1 ? 'its' : 'their'} cost as a rise.`;

/** Apps whose cost moved most between the two periods, in words. */
function movers(current: HerokuPeriodCost, before: HerokuPeriodCost): string[] {
  const was = new Map(before.apps.map((app) => [app.app, app.cents]));
  const now = new Map(current.apps.map((app) => [app.app, app.cents]));
  return [...new Set([...was.keys(), ...now.keys()])]
    .map((app) => ({ app, from: was.get(app) ?? 0, to: now.get(app) ?? 0 }))
    .filter((row) => row.to !== row.from)
    .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.app.localeCompare(b.app))
    .slice(0, MAX_ROWS)
    .map((row) => `${row.app}: ${signed(row.to - row.from)} (${formatCents(row.from)} → ${formatCents(row.to)})`);
}

/** No snapshot covers the period (the bot is new): today's apps for the period's days, labelled. */
async function runRateSpend(
  heroku: HerokuSource,
  request: SpendRequest,
  period: SpendPeriod,
  context: SpendContext,
): Promise<PlatformSpend> {
  let runRate: Awaited<ReturnType<typeof herokuPeriodRunRate>>;
  try {
    runRate = await herokuPeriodRunRate(heroku, period);
  } catch (error) {
    const why = failureMessage(error, 'Reading Heroku', context.log);
    return {
      platform: 'heroku',
      name: 'Heroku',
      status: 'failed',
      problem: `Could not read Heroku: ${why} (No daily snapshot covers ${readableRange(period)} yet, so there is no figure to show instead.)`,
    };
  }
  const { inventory, rate } = runRate;
  const lines = runRate.apps
    .map((app) => ({ label: app.app, cents: app.cents }))
    .sort((a, b) => b.cents - a.cents || a.label.localeCompare(b.label));
  const excluded = [...rate.contractPriced, ...rate.unpriced];
  // An app that could not be read is in no line, so the total foots; the answer says it is left out.
  const notRead = heroku.appsNotRead(inventory.value);
  const notes = [
    `Heroku apps read ${freshness(inventory)}`,
    ...(notRead.length > 0 ? [appsNotReadLine(notRead, 'this total')] : []),
  ];
  const spaces = spacesRunIn(inventory.value.apps);
  notes.push(...notCountedNote(excluded.length, spaces));
  return {
    platform: 'heroku',
    name: 'Heroku',
    status: 'ok',
    figures: figuresFromLines(request, lines, {
      measure: runRate.measure,
      estimated: "today's run-rate, not what ran",
      runRate: true,
      movers: [],
      notes,
      details: [
        `Today's run-rate: ${formatCents(rate.totalMonthlyCents)} a month for ${rate.apps.length} app${rate.apps.length === 1 ? '' : 's'}.`,
        ...excluded.map((e) => `Not counted: ${e.app} ${e.item} (${e.reason}).`),
        ...spaceFeeDetails(spaces),
        ...appsNotReadReasons(notRead),
      ],
    }),
  };
}
