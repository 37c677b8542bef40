/**
 * The answer to "what would our whole account cost on the other platform?": reads the live Heroku
 * inventory (and models it on AWS) or the AWS bill and instance-hours of the last complete month
 * (and models them on Heroku), and returns plain data that `/hosting migrate` and
 * `npx hosting-advisor migrate` each render. Leads only: it reads live spend.
 */
import { type AppNotRead, appsNotReadLine, appsNotReadReasons } from '../core/apps-not-read';
import { awsAccountSteps, type MigrationModel } from '../core/model';
import type { Catalog } from '../core/pricing';
import { metricInWords } from '../core/spend/rows';
import { firstOfMonth, utcDay } from '../core/utc-days';
import { inSlices } from '../in-slices';
import { awsAccountUsage } from '../sources/aws';
import type { Sources } from '../sources/connect-sources';
import { fleetShieldNote, fleetTrafficNote, inventoryOnAwsSteps } from '../sources/heroku';
import { AWS_OFF, failureMessage, freshness, HEROKU_OFF } from './spend';

export type MigrateFrom = 'heroku' | 'aws';

export const MIGRATE_EXAMPLE = 'migrate heroku';

/** `heroku`, `aws`, or nothing (whichever is connected, Heroku first). */
export function parseMigrateWords(words: string): { from?: MigrateFrom } | { error: string } {
  const parts = words.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1 && (parts[0] === 'heroku' || parts[0] === 'aws')) return { from: parts[0] };
  const unknown = parts.find((p) => p !== 'heroku' && p !== 'aws') ?? parts[1];
  return {
    error: `I don't know \`${unknown.slice(0, 40)}\` here: say which account to model, \`heroku\` (your Heroku apps on AWS) or \`aws\` (your AWS account on Heroku). Example: \`/hosting ${MIGRATE_EXAMPLE}\`.`,
  };
}

export type MigrateAnswer =
  /** The source the question needs is not configured: what to set. */
  | { kind: 'off'; message: string }
  /** Reading the source failed (plain words from it). */
  | { kind: 'failed'; message: string }
  /** Nothing to move: no apps, or no instance-hours in the period. */
  | { kind: 'empty'; message: string }
  | {
      kind: 'migrate';
      model: MigrationModel;
      /** Where the live figures came from and how fresh they are. */
      source: string;
      notes: string[];
      /** Heroku apps that could not be read: not in the model, said with the figures, never silently. */
      notRead?: AppNotRead[];
    };

export interface MigrateContext {
  sources: Sources;
  catalog: Catalog;
  now: Date;
  log?: (message: string, error: unknown) => void;
}

/**
 * The platform to model: the one named, else Heroku when connected, else AWS; with neither named nor
 * connected, what to set for either.
 */
export function migrateFrom(named: MigrateFrom | undefined, sources: Sources): { from: MigrateFrom } | { off: string } {
  if (named) return { from: named };
  if (sources.heroku) return { from: 'heroku' };
  if (sources.aws) return { from: 'aws' };
  return {
    off: `Nothing to model yet: neither account is connected. To model your Heroku apps on AWS: ${HEROKU_OFF} To model your AWS account on Heroku: ${AWS_OFF}`,
  };
}

async function herokuToAws(context: MigrateContext): Promise<MigrateAnswer> {
  const heroku = context.sources.heroku;
  if (!heroku) return { kind: 'off', message: HEROKU_OFF };
  let inventory: Awaited<ReturnType<typeof heroku.inventory>>;
  try {
    inventory = await heroku.inventory();
  } catch (error) {
    return {
      kind: 'failed',
      message: `Could not read Heroku: ${failureMessage(error, 'Reading Heroku', context.log)}`,
    };
  }
  // The fleet as the digest and App Home model it, remembered with this inventory, and worked out a
  // few milliseconds a turn: 500 apps held the bot's thread ~75 ms at once.
  const onAws = await inSlices(inventoryOnAwsSteps(inventory.value, context.catalog));
  const notRead = heroku.appsNotRead(inventory.value);
  if (onAws.modelled === 0)
    return { kind: 'empty', message: 'This Heroku token sees no apps, so there is nothing to move.' };
  return {
    kind: 'migrate',
    model: onAws.fleet,
    source: `Heroku Platform API (apps, formation, add-ons), ${freshness(inventory)}`,
    notes: [
      fleetTrafficNote(context.catalog),
      ...fleetShieldNote(inventory.value),
      // Every app left out, counted and named (team member lists do not enter the model).
      ...leftOut(notRead),
    ],
    ...(notRead.length > 0 ? { notRead } : {}),
  };
}

/** The apps not read: a count and every name, then Heroku's answer for the first few. */
function leftOut(apps: readonly AppNotRead[]): string[] {
  return apps.length === 0 ? [] : [appsNotReadLine(apps, 'this model'), ...appsNotReadReasons(apps)];
}

async function awsToHeroku(context: MigrateContext): Promise<MigrateAnswer> {
  const aws = context.sources.aws;
  if (!aws) return { kind: 'off', message: AWS_OFF };
  // The last complete calendar month: a whole bill, and instance-hours over the same days.
  const thisMonth = firstOfMonth(utcDay(context.now));
  const period = { start: firstOfMonth(thisMonth, -1), end: thisMonth };
  let account: Awaited<ReturnType<typeof awsAccountUsage>>;
  try {
    account = await awsAccountUsage(aws, period);
  } catch (error) {
    return {
      kind: 'failed',
      message: `Could not read AWS: ${failureMessage(error, 'Reading AWS usage', context.log)}`,
    };
  }
  if (account.value.instances.length === 0) {
    return {
      kind: 'empty',
      message: `No EC2, RDS or ElastiCache instance ran from ${account.value.period}, so there is nothing to move to Heroku.`,
    };
  }
  return {
    kind: 'migrate',
    model: await inSlices(awsAccountSteps(account.value, context.catalog)),
    source: `AWS Cost Explorer, ${metricInWords(aws.metric)} (${account.value.period}), ${freshness(account)}`,
    notes: [],
  };
}

/** The whole live account of `from`, modelled on the other platform. */
export function answerMigrate(from: MigrateFrom, context: MigrateContext): Promise<MigrateAnswer> {
  return from === 'heroku' ? herokuToAws(context) : awsToHeroku(context);
}
