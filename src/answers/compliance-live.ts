/**
 * The live checklist: `compliance <framework> live` evaluates what runs in the accounts (Heroku apps,
 * their spaces and add-on plans' declared compliance, team members' two-factor; AWS services with
 * spend in Cost Explorer over the last seven days), and `… app=NAME` one live Heroku app, with its AWS
 * side as the estimate models it. Live data is for hosting leads: the adapters check that first.
 *
 * Nothing here costs a request that a cache can answer: the Heroku inventory is the source's (an
 * hour, stale on error), the plans' compliance facts are kept with the inventory they were read for,
 * and the Cost Explorer answer is the AWS source's (six hours; each request costs $0.01).
 */

import { appNotRead, appsNotReadLine, appsNotReadReasons } from '../core/apps-not-read';
import { evaluateInventory, evaluateInventorySteps, evaluateWorkload, type Finding } from '../core/compliance';
import type { HerokuInventory, LiveInventory } from '../core/compliance/inventory';
import { withEstimatePrices } from '../core/compliance/priced-by-estimate';
import { freshnessLabel } from '../core/freshness';
import { estimate, pricedWorkloads } from '../core/model';
import { addDays, utcDay } from '../core/utc-days';
import { PLATFORMS, type Platform } from '../core/workload';
import { inSlices } from '../in-slices';
import type { Services } from '../services';
import type { AwsSpendSource, DailyCost } from '../sources/aws';
import type { HerokuSource } from '../sources/heroku';
import { notListedYetNote } from './app-not-listed';
import { type ComplianceChecklist, generatedAt, type LiveComplianceRequest, liveWords } from './compliance';
import { failureMessage } from './spend';

export type LiveComplianceAnswer =
  | { kind: 'checklist'; checklist: ComplianceChecklist }
  /** No source the request needs is configured here. */
  | { kind: 'not-connected'; message: string }
  /** `app=NAME` names no app the token sees. Other apps' names are never given. */
  | { kind: 'no-such-app'; app: string; notListedYet?: string };

export interface LiveComplianceOptions {
  /** How the user types the command, for examples: `/hosting compliance`, `npx hosting-advisor compliance`. */
  command: string;
  /** Where unexpected failures are logged. */
  log?: (message: string, error: unknown) => void;
}

type LiveServices = Pick<Services, 'sources' | 'store' | 'catalog' | 'now'>;

/** The days of Cost Explorer spend that count as "in use". */
const AWS_SPEND_DAYS = 7;

const FACTS_KEY = 'heroku:compliance-facts:v1';

/** Whether a source the request needs is configured here (no request is made). */
export function liveConnected(request: LiveComplianceRequest, sources: Services['sources']): boolean {
  if (request.app !== undefined) return sources.heroku !== undefined;
  const wanted = request.platform === undefined ? PLATFORMS : [request.platform];
  return wanted.some((platform) => sources[platform] !== undefined);
}

export function liveNotConnectedMessage(request: LiveComplianceRequest, command: string): string {
  const example = `\`${command} ${request.framework.id} heroku web=2xstandard-2x postgres=standard-0\``;
  if (request.app !== undefined) {
    return [
      `Checking the live Heroku app \`${request.app}\` needs HEROKU_API_TOKEN (a read-only token: \`heroku authorizations:create --scope read\`) set where Hosting Advisor runs; it reads the live inventory, for hosting leads.`,
      `Meanwhile, describe its formation: ${example}.`,
    ].join('\n');
  }
  const needs =
    'HEROKU_API_TOKEN (for Heroku; a read-only token: `heroku authorizations:create --scope read`) or AWS credentials allowed ce:GetCostAndUsage (for AWS)';
  return [
    `A live ${request.framework.name} checklist reads what actually runs in your accounts, for hosting leads. It needs ${needs} set where Hosting Advisor runs (see README, "Access to live data").`,
    `Meanwhile, check a described workload: ${example}.`,
  ].join('\n');
}

/** Cost Explorer SERVICE names with spend above zero on any of the days from ≤ d < to, largest first. */
export function servicesWithSpend(daily: DailyCost, from: string, to: string): string[] {
  const used = new Set<string>();
  for (const day of daily.days) {
    if (day.day < from || day.day >= to) continue;
    for (const group of day.groups) if (Number(group.amount) > 0) used.add(group.key);
  }
  return daily.keys.filter((key) => used.has(key));
}

interface HerokuFacts {
  facts: HerokuInventory;
  /** When the inventory was read, and whether from the cache. */
  note: string;
  /** The inventory read, for the workload of one app. */
  inventory?: Awaited<ReturnType<HerokuSource['inventory']>>;
}

/**
 * What the Heroku read could not see, a sentence each: `Not read: members of team acme: Heroku refused …`;
 * apps left out are counted and named first (the findings cover only the apps read).
 */
function notReadNotes(facts: HerokuInventory): string[] {
  const apps = facts.appsNotRead ?? [];
  return [
    ...(apps.length > 0 ? [appsNotReadLine(apps, 'this checklist', { cost: false }), ...appsNotReadReasons(apps)] : []),
    ...(facts.membersNotRead ?? []).map(({ team, reason }) => {
      const stop = /[.!?]$/.test(reason) ? '' : '.';
      return `Not read: members of team ${team}: ${reason}${stop}`;
    }),
  ];
}

/** Apps, spaces, plans' compliance and members, with the facts kept for the inventory they were read from. */
async function readHeroku(
  heroku: HerokuSource,
  services: LiveServices,
  log: LiveComplianceOptions['log'],
): Promise<HerokuFacts> {
  let inventory: Awaited<ReturnType<HerokuSource['inventory']>>;
  try {
    inventory = await heroku.inventory();
  } catch (error) {
    const why = failureMessage(error, 'Reading Heroku', log);
    return { facts: { apps: [], members: [], error: why }, note: `Heroku could not be read: ${why}` };
  }
  const note = `Heroku apps, spaces, add-on plans and team members ${freshnessLabel({
    asOf: inventory.asOf,
    fromCache: inventory.fromCache,
    staleBecause: inventory.staleBecause?.message,
  })}.`;
  const readFor = inventory.asOf.toISOString();
  const kept = await services.store
    .cacheGet<{ readFor: string; facts: HerokuInventory }>(FACTS_KEY)
    .catch(() => undefined);
  if (kept?.value?.readFor === readFor) return { facts: kept.value.facts, note, inventory };
  try {
    const facts = await heroku.complianceInventory(inventory.value);
    await services.store
      .cachePut(FACTS_KEY, { readFor, facts }, services.now())
      .catch((error: unknown) =>
        log?.('Keeping the Heroku compliance facts failed (they are read again next time)', error),
      );
    return { facts, note, inventory };
  } catch (error) {
    // Without the plans nothing is evaluated: said where the checklist says what it stands on.
    const why = failureMessage(error, 'Reading Heroku add-on plans', log);
    return {
      facts: { apps: [], members: [], error: why },
      note: `Heroku's add-on plans could not be read: ${why}`,
      inventory,
    };
  }
}

async function readAws(
  aws: AwsSpendSource,
  now: Date,
  log: LiveComplianceOptions['log'],
): Promise<{ facts: NonNullable<LiveInventory['aws']>; note: string }> {
  const end = utcDay(now);
  const start = addDays(end, -AWS_SPEND_DAYS);
  const period = `${start} to ${addDays(end, -1)}`;
  try {
    const daily = await aws.dailyCost({ start, end, groupBy: 'service' });
    return {
      facts: { servicesWithSpend: servicesWithSpend(daily.value, start, end), period },
      note: `AWS services in use: Cost Explorer spend by service, ${period}, ${freshnessLabel({
        asOf: daily.asOf,
        fromCache: daily.fromCache,
        staleBecause: daily.staleBecause?.message,
      })}.`,
    };
  } catch (error) {
    const why = failureMessage(error, 'Reading AWS spend', log);
    return { facts: { servicesWithSpend: [], period, error: why }, note: `AWS could not be read: ${why}` };
  }
}

/** The live checklist for the whole inventory, or for one Heroku app. */
export async function answerLiveCompliance(
  request: LiveComplianceRequest,
  services: LiveServices,
  options: LiveComplianceOptions,
): Promise<LiveComplianceAnswer> {
  const { heroku, aws } = services.sources;
  const wanted = request.platform === undefined ? PLATFORMS : [request.platform];
  if (!liveConnected(request, services.sources)) {
    return { kind: 'not-connected', message: liveNotConnectedMessage(request, options.command) };
  }
  if (request.app !== undefined && heroku) return appChecklist(request, request.app, heroku, services, options);

  const now = services.now();
  const inventory: LiveInventory = {};
  const notes: string[] = [];
  const [herokuRead, awsRead] = await Promise.all([
    heroku && wanted.includes('heroku') ? readHeroku(heroku, services, options.log) : undefined,
    aws && wanted.includes('aws') ? readAws(aws, now, options.log) : undefined,
  ]);
  if (herokuRead) {
    inventory.heroku = herokuRead.facts;
    notes.push(herokuRead.note, ...notReadNotes(herokuRead.facts));
  }
  if (awsRead) {
    inventory.aws = awsRead.facts;
    notes.push(awsRead.note);
  }
  for (const platform of wanted) {
    if (inventory[platform] === undefined) notes.push(notConnectedNote(platform));
  }
  const platforms = request.platform === undefined ? undefined : [request.platform];
  const unread = wanted.flatMap((platform) => {
    const why = inventory[platform]?.error;
    return why === undefined ? [] : [{ platform, why }];
  });
  return {
    kind: 'checklist',
    checklist: {
      framework: request.framework,
      findings: await inSlices(evaluateInventorySteps(request.framework, inventory, platforms ? { platforms } : {})),
      meta: { generatedAt: generatedAt(now), subject: 'live inventory', ...(platforms ? { platforms } : {}) },
      words: liveWords(request),
      notes,
      live: true,
      ...(unread.length > 0 ? { unread } : {}),
    },
  };
}

function notConnectedNote(platform: Platform): string {
  return platform === 'heroku'
    ? 'Heroku is not connected here (HEROKU_API_TOKEN), so nothing on Heroku was checked live.'
    : 'AWS is not connected here (AWS credentials allowed ce:GetCostAndUsage), so nothing on AWS was checked live.';
}

/** One app: Heroku as it runs now (its space, add-on plans, its team's members); AWS as the estimate models it. */
async function appChecklist(
  request: LiveComplianceRequest,
  app: string,
  heroku: HerokuSource,
  services: LiveServices,
  options: LiveComplianceOptions,
): Promise<LiveComplianceAnswer> {
  const now = services.now();
  const read = await readHeroku(heroku, services, options.log);
  const wanted = app.trim().toLowerCase();
  const found = read.facts.apps.find((candidate) => candidate.name.toLowerCase() === wanted);
  const unreadApp = found ? undefined : appNotRead(read.facts.appsNotRead, app);
  if (!found) {
    if (read.facts.error === undefined && !unreadApp) {
      const list = read.inventory;
      const notListedYet = list && notListedYetNote({ ...list, staleBecause: list.staleBecause?.message });
      return { kind: 'no-such-app', app, ...(notListedYet ? { notListedYet } : {}) };
    }
    // Heroku, or this one app, could not be read: say so, without guessing (or, for the app, with what Heroku said).
    const why = unreadApp
      ? `Heroku app ${unreadApp.app} could not be read: ${unreadApp.reason}`
      : (read.facts.error ?? 'Heroku could not be read');
    const facts: HerokuInventory = unreadApp ? { apps: [], members: [], error: why } : read.facts;
    return {
      kind: 'checklist',
      checklist: {
        framework: request.framework,
        findings: evaluateInventory(request.framework, { heroku: facts }, { platforms: ['heroku'] }),
        meta: { generatedAt: generatedAt(now), subject: `app ${unreadApp?.app ?? app}`, platforms: ['heroku'] },
        words: liveWords(request),
        notes: [read.note],
        live: true,
        unread: [{ platform: 'heroku', why }],
      },
    };
  }
  const membersNotRead = read.facts.membersNotRead?.filter((unread) => unread.team === found.team) ?? [];
  const facts: HerokuInventory = {
    apps: [found],
    members: read.facts.members.filter((member) => member.team === found.team),
    membersNotRead,
  };
  const platforms: Platform[] = request.platform === undefined ? [...PLATFORMS] : [request.platform];
  const findings: Finding[] = evaluateInventory(request.framework, { heroku: facts }, { platforms: ['heroku'] });
  const notes = [read.note, ...notReadNotes(facts)];
  if (platforms.includes('aws') && read.inventory) {
    const { workload, environment, readAs } = heroku.liveApp(read.inventory.value, found.name);
    const modelled = evaluateWorkload(
      request.framework,
      pricedWorkloads(workload, services.catalog, { environment }).aws,
    );
    const awsLines = estimate(workload, services.catalog, { environment }).aws.lines;
    findings.push(...withEstimatePrices(request.framework, modelled, awsLines, 'like-for-like tier'));
    notes.push(
      `AWS: ${found.name} as the estimate models it (the like-for-like tier, \`estimate app=${found.name}\`; ${readAs}), not a live AWS account.`,
    );
  }
  return {
    kind: 'checklist',
    checklist: {
      framework: request.framework,
      findings: findings.filter((finding) => platforms.includes(finding.platform)),
      meta: {
        generatedAt: generatedAt(now),
        subject: `app ${found.name}`,
        ...(request.platform === undefined ? {} : { platforms }),
      },
      words: liveWords({ ...request, app: found.name }),
      notes,
      live: true,
    },
  };
}
