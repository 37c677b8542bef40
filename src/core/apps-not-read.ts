/**
 * Heroku apps a live read left out because their formation could not be read (the token may not see
 * them, or Heroku would not give them after retries), in the words every answer built on the
 * inventory uses: a partial account is never shown as the whole. Pure.
 */

export interface AppNotRead {
  app: string;
  /** Heroku's answer, in plain words, already cleaned of secrets. */
  reason: string;
}

/** Names listed in one sentence; past this many the rest are counted (the count always leads). */
const NAMES_SHOWN = 20;
/** Heroku's answer shown for this many apps; the rest are counted. */
const REASONS_SHOWN = 3;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function names(apps: readonly AppNotRead[]): string {
  const shown = apps.slice(0, NAMES_SHOWN).map((app) => app.app);
  const rest = apps.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/**
 * `2 Heroku apps could not be read, so they are not in these figures (their cost is not included):
 * acme-tools, billing.` `where` says what they are missing from; `cost: false` for an answer that
 * has no cost (a checklist). Empty when every app was read.
 */
export function appsNotReadLine(
  apps: readonly AppNotRead[],
  where = 'these figures',
  { cost = true }: { cost?: boolean } = {},
): string {
  if (apps.length === 0) return '';
  const they = apps.length === 1 ? 'it is' : 'they are';
  const costWords = cost ? ` ${costNotIncluded(apps)}` : '';
  return `${plural(apps.length, 'Heroku app', 'Heroku apps')} could not be read, so ${they} not in ${where}${costWords}: ${names(apps)}.`;
}

/** `(its cost is not included)`, `(their cost is not included)`. */
const costNotIncluded = (apps: readonly unknown[], when = '') =>
  `(${apps.length === 1 ? 'its' : 'their'} cost${when} is not included)`;

/**
 * Apps that days of a period summed from the daily snapshots were written without, because they had
 * never been read (the snapshot job writes such a day for the apps read and records them): a line
 * for those in none of the period's figures, and one for each counted only from the day it was
 * first read. Empty when there are none.
 *
 * `acme-tools is not in these figures (its cost is not included): it has never been readable: …`
 */
export function appsNeverReadLines(
  apps: readonly (AppNotRead & { countedFrom?: string })[],
  where = 'these figures',
): string[] {
  const never = apps.filter((app) => !app.countedFrom);
  const lines: string[] = [];
  if (never.length === 1) {
    const [app] = never as [AppNotRead];
    lines.push(
      `${app.app} is not in ${where} ${costNotIncluded(never)}: it has never been readable: ${sentence(app.reason)}`,
    );
  } else if (never.length > 1) {
    const answers = never.slice(0, REASONS_SHOWN).map(({ app, reason }) => `${app}: ${withoutStop(reason)}`);
    const rest = never.length - answers.length;
    lines.push(
      `${plural(never.length, 'Heroku app', 'Heroku apps')} are not in ${where} ${costNotIncluded(never)}: they have never been readable: ${answers.join('; ')}${rest > 0 ? `; and ${plural(rest, 'more app', 'more apps')} (${names(never.slice(answers.length))})` : ''}.`,
    );
  }
  for (const app of apps) {
    if (!app.countedFrom) continue;
    lines.push(
      `${app.app} is in ${where} only from ${app.countedFrom}, when it was first read ${costNotIncluded([app], ' before then')}: until then it had never been readable: ${sentence(app.reason)}`,
    );
  }
  return lines;
}

/** `2 Heroku apps could not be read (acme-tools, billing)`; `when` says when (` today`). */
export function appsCouldNotBeRead(apps: readonly AppNotRead[], when = ''): string {
  return `${plural(apps.length, 'Heroku app', 'Heroku apps')} could not be read${when} (${names(apps)})`;
}

/** Why the account is not modelled on the other platform while apps are left out of it. */
export function noModelWithout(apps: readonly AppNotRead[]): string {
  return apps.length === 1
    ? 'a model without it would show its cost as a saving'
    : 'a model without them would show their cost as a saving';
}

/**
 * Why two periods are not compared when an app is counted in them only since it was first read (days
 * before were written without it): `acme-tools is not in the figures up to 2026-11-18, when it had
 * never been read`; `until` is the last day without it.
 */
export function notReadUntilWords(apps: readonly { app: string; until: string }[]): string {
  return apps
    .map(({ app, until }) => `${app} is not in the figures up to ${until}, when it had never been read`)
    .join('; ');
}

/** Heroku's answer per app, a sentence each, the first few; then how many more there are. */
export function appsNotReadReasons(apps: readonly AppNotRead[], limit = REASONS_SHOWN): string[] {
  const lines = apps.slice(0, limit).map(({ app, reason }) => `Not read: app ${app}: ${sentence(reason)}`);
  const rest = apps.length - lines.length;
  if (rest > 0)
    lines.push(`${plural(rest, 'more app', 'more apps')} not read; Heroku's answers for them are not shown here.`);
  return lines;
}

/** The one app named, when it is among those not read. */
export function appNotRead(apps: readonly AppNotRead[] | undefined, name: string): AppNotRead | undefined {
  const wanted = name.trim().toLowerCase();
  return apps?.find((app) => app.app.toLowerCase() === wanted);
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
/** A sentence without its closing stop, to quote inside another. */
export const withoutStop = (text: string) => text.replace(/[.!?]+$/, '');
