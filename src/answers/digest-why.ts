/**
 * The digest's "why it changed", in the alert messages' words, for last week against the week before
 * (UTC days, as the digest counts them):
 * - Heroku: formation (dyno type and quantity per process), add-on plan and app changes, day by day
 *   from the daily snapshots, priced at list prices;
 * - AWS: the services and usage types that moved most, from the alert checks' daily cost by service
 *   and usage type (the same cached request, so the digest and the checks pay for it once a day).
 */
import { biggestMoves } from '../core/alerts/aws-movers';
import { type HerokuChange, herokuChanges } from '../core/alerts/heroku-changes';
import type { DigestWeek, DigestWhy } from '../core/digest';
import type { HerokuSnapshotData, SnapshotRow } from '../core/heroku-run-rate';
import { Decimal, formatUsd, fromCents, toCents } from '../core/money';
import type { Steps } from '../core/steps';
import { addDays } from '../core/utc-days';
import { inSlices } from '../in-slices';
import type { Services } from '../services';
import { type AwsAlertData, gatherAwsAlertData } from './alert-data';
import { herokuChangeWords, signedUsd } from './change-words';

/** Lines per platform: the largest changes; the rest are counted. */
const LIMIT = 5;

type Weeks = { weekBefore: Pick<DigestWeek, 'start' | 'end'>; week: Pick<DigestWeek, 'start' | 'end'> };

const readable = (data: unknown): data is HerokuSnapshotData =>
  Boolean(data && typeof data === 'object' && Array.isArray((data as HerokuSnapshotData).items));

/** `Wed 18 Nov`: the digest names days, the year is in its title. */
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const dayLabel = (day: string) => DAY_LABEL.format(new Date(`${day}T00:00:00Z`));

const andMore = (count: number, what: string) => (count > 0 ? [`and ${count} smaller ${what}`] : []);

/** Each change between consecutive snapshot days, from the day before the week before to the end of last week. */
/** In steps (src/core/steps.ts), one a pair of days. */
function* herokuWeekWhySteps(rows: readonly SnapshotRow[], { weekBefore, week }: Weeks): Steps<string[]> {
  const byDay = new Map<string, Map<string, HerokuSnapshotData>>();
  const from = addDays(weekBefore.start, -1);
  let read = 0;
  for (const row of rows) {
    if (++read % 2000 === 0) yield;
    if (row.day < from || row.day >= week.end || !readable(row.data)) continue;
    const apps = byDay.get(row.day) ?? new Map<string, HerokuSnapshotData>();
    apps.set(row.app, row.data);
    byDay.set(row.day, apps);
  }
  const days = [...byDay.keys()].sort();
  const changes: { day: string; change: HerokuChange }[] = [];
  for (let i = 1; i < days.length; i++) {
    yield;
    const day = days[i]!;
    changes.push(...herokuChanges(byDay.get(days[i - 1]!)!, byDay.get(day)!).map((change) => ({ day, change })));
  }
  const groups = alikeChanges(changes);
  groups.sort(
    (a, b) =>
      Math.abs(b.change.monthlyDeltaCents) * b.apps.length - Math.abs(a.change.monthlyDeltaCents) * a.apps.length ||
      a.day.localeCompare(b.day),
  );
  const rest = groups.slice(LIMIT).reduce((sum, group) => sum + group.apps.length, 0);
  return [
    ...groups.slice(0, LIMIT).map((group) => `${groupWords(group)}, on ${dayLabel(group.day)}`),
    ...andMore(rest, rest === 1 ? 'change' : 'changes'),
  ];
}

type AlikeChanges = { day: string; change: HerokuChange; apps: string[] };

/** The same change on the same day in several apps (20 apps scaled web 3 → 2) is one line, not twenty. */
function alikeChanges(changes: readonly { day: string; change: HerokuChange }[]): AlikeChanges[] {
  const groups = new Map<string, AlikeChanges>();
  for (const { day, change } of changes) {
    const key = `${day} ${herokuChangeWords({ ...change, app: '' })}`;
    const group = groups.get(key);
    if (group) group.apps.push(change.app);
    else groups.set(key, { day, change, apps: [change.app] });
  }
  return [...groups.values()];
}

/** One app: the alert's own words. Several: how many, the first three names, and the change each made. */
function groupWords({ change, apps }: AlikeChanges): string {
  if (apps.length === 1) return herokuChangeWords(change);
  const names = apps.length > 3 ? `${apps.slice(0, 3).join(', ')} and ${apps.length - 3} more` : apps.join(', ');
  return herokuChangeWords({ ...change, app: `${apps.length} apps (${names}), each` });
}

/** Each service's usage types: the week's exact sum, rounded once. */
function usageTypeTotals(aws: AwsAlertData, from: string, to: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [service, usageTypes] of Object.entries(aws.byService)) {
    for (const [usageType, perDay] of Object.entries(usageTypes)) {
      const amounts = Object.entries(perDay)
        .filter(([day]) => day >= from && day < to)
        .map(([, amount]) => amount);
      // Cost Explorer leaves the usage type empty for some lines (tax, support): the service alone says it.
      totals[usageType.trim() ? `${service} / ${usageType}` : service] = toCents(Decimal.sum(0, ...amounts));
    }
  }
  return totals;
}

function awsWeekWhy(aws: AwsAlertData, { weekBefore, week }: Weeks): string[] {
  const usd = (cents: number) => formatUsd(fromCents(cents));
  const moves = biggestMoves(
    usageTypeTotals(aws, weekBefore.start, weekBefore.end),
    usageTypeTotals(aws, week.start, week.end),
    Number.POSITIVE_INFINITY,
  );
  return [
    ...moves
      .slice(0, LIMIT)
      .map(
        (move) =>
          `${move.name}: ${usd(move.afterCents)} last week against ${usd(move.beforeCents)} the week before (${signedUsd(move.deltaCents)})`,
      ),
    ...andMore(moves.length - LIMIT, 'moves'),
  ];
}

/** Why each platform moved; a platform off or unread has no entry (its section already says why). */
export async function digestWhy(
  services: Services,
  today: string,
  weeks: Weeks,
  herokuSnapshots: readonly SnapshotRow[] | undefined,
): Promise<DigestWhy> {
  const why: DigestWhy = {};
  if (herokuSnapshots) why.heroku = await inSlices(herokuWeekWhySteps(herokuSnapshots, weeks));
  if (services.sources.aws) {
    const { aws, awsProblem } = await gatherAwsAlertData(services, today);
    if (aws) why.aws = awsWeekWhy(aws, weeks);
    else if (awsProblem) why.aws = [`the usage types could not be read: ${awsProblem}`];
  }
  return why;
}
