/**
 * `/hosting spend` words → what to fetch, and the UTC periods they mean. Pure: `now` is passed in.
 *
 * Periods are whole UTC days, kept as Start inclusive and End exclusive (Cost Explorer's convention)
 * and always shown with both ends included:
 * - `7d` / `30d`: the last 7 / 30 complete UTC days (today, still accruing, is left out);
 * - `mtd`: the 1st of this month through today (today partial), never empty on the 1st;
 * - `last-month`: the previous calendar month.
 * The comparison period is the one of equal length just before (for `last-month`, the month before);
 * Cost Explorer's figures are compared over their whole days only (`wholeDaysCompared`).
 */

import { madeFromAtSign, neutraliseMarkup, slackMarkupIn, typedAtSigns } from '../user-text';
import { addDays, dayCount, firstOfMonth, utcDay, utcMidnight } from '../utc-days';

type SpendPlatform = 'aws' | 'heroku';
export type SpendPeriodName = '7d' | '30d' | 'mtd' | 'last-month';
export type SpendGrouping = 'service' | 'account' | 'app' | { tag: string };

export interface SpendRequest {
  platforms: SpendPlatform[];
  period: SpendPeriodName;
  groupBy: SpendGrouping;
  /** Set when the words named the grouping (`by service`), not left to the default: said back when a platform cannot group so. */
  groupAsked?: true;
}

export interface DayRange {
  /** YYYY-MM-DD, inclusive. */
  start: string;
  /** YYYY-MM-DD, exclusive. */
  end: string;
}

export interface SpendPeriod extends DayRange {
  name: SpendPeriodName;
  days: number;
  previous: DayRange;
  /** `15 – 21 Nov 2026 (7 days)`: both ends included. */
  label: string;
  /** The rest of this month, for a forecast: today through the 1st of next month. */
  restOfMonth: DayRange;
}

const SPEND_EXAMPLE = '/hosting spend aws 30d by service';

/** Word tables without a prototype, so `constructor` or `__proto__` is an unknown word, not a match. */
const wordTable = <T>(entries: Record<string, T>): Readonly<Record<string, T>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

const PERIOD_WORDS = wordTable<SpendPeriodName>({
  '7d': '7d',
  week: '7d',
  '30d': '30d',
  month: '30d',
  mtd: 'mtd',
  'last-month': 'last-month',
  lastmonth: 'last-month',
});

const PLATFORM_WORDS = wordTable<SpendPlatform>({ aws: 'aws', heroku: 'heroku' });
const GROUP_WORDS = wordTable<'service' | 'account' | 'app'>({
  service: 'service',
  services: 'service',
  account: 'account',
  accounts: 'account',
  app: 'app',
  apps: 'app',
});

/** AWS tag keys: up to 128 characters of letters, digits, spaces and `_.:/=+-@`. */
const TAG_KEY = /^[\p{L}\p{N}_.:/=+\-@]{1,128}$/u;

/** What someone typed, quoted back: no backticks, and `<` `>` as look-alikes so a mention never notifies. */
const quote = (word: string) => `\`${neutraliseMarkup(word.replace(/`/g, "'")).slice(0, 40)}\``;

function usageLine(): string {
  return `Use \`/hosting spend [aws|heroku] [7d|30d|mtd|last-month] [by service|account|app|tag:KEY]\`, for example \`${SPEND_EXAMPLE}\`.`;
}

/** Order-free words; anything unknown or contradictory is an error with an example. */
export function parseSpendArgs(args: string): SpendRequest | { error: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const platforms = new Set<SpendPlatform>();
  let period: SpendPeriodName | undefined;
  let periodWord: string | undefined;
  let groupBy: SpendGrouping | undefined;
  const setGroup = (group: SpendGrouping, word: string): string | undefined => {
    if (groupBy !== undefined) return `I can group by one thing at a time, and ${quote(word)} is a second one.`;
    groupBy = group;
    return undefined;
  };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    const lower = word.toLowerCase();
    let problem: string | undefined;
    // A word given again is named, not read once unseen (`spend aws aws` was an AWS answer).
    if (PLATFORM_WORDS[lower]) {
      if (platforms.has(PLATFORM_WORDS[lower])) {
        problem = `I did not read the second ${quote(word)}: name each platform once, or neither for both.`;
      }
      platforms.add(PLATFORM_WORDS[lower]);
    } else if (PERIOD_WORDS[lower]) {
      if (period !== undefined && period !== PERIOD_WORDS[lower]) {
        problem = `${quote(word)} is a second period; pick one of 7d, 30d, mtd or last-month.`;
      } else if (period !== undefined) {
        const which =
          periodWord!.toLowerCase() === lower
            ? `the second ${quote(word)}`
            : `${quote(word)}: ${quote(periodWord!)} already gives the period`;
        problem = `I did not read ${which}; give one of 7d, 30d, mtd or last-month.`;
      }
      period = PERIOD_WORDS[lower];
      periodWord ??= word;
    } else if (lower === 'by') {
      if (i > 0 && words[i - 1]!.toLowerCase() === 'by')
        problem = `I did not read the second ${quote(word)}: write \`by\` once, e.g. \`by service\`.`;
      else if (i === words.length - 1) problem = '`by` needs what to group by: service, account, app or tag:KEY.';
    } else if (GROUP_WORDS[lower]) {
      problem = setGroup(GROUP_WORDS[lower], word);
    } else if (lower.startsWith('tag:')) {
      const key = typedAtSigns(word.slice(4));
      const markup = slackMarkupIn(key);
      if (markup)
        problem = `${quote(word)} holds ${markup}, not the tag key you typed. ${
          madeFromAtSign(key)
            ? 'For a key that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), like `tag:%40owner`.'
            : 'Write the key as plain text, like `tag:team`.'
        }`;
      else if (!TAG_KEY.test(key)) problem = `${quote(word)} needs a tag key after \`tag:\`, like \`tag:team\`.`;
      else problem = setGroup({ tag: key }, word);
    } else {
      problem = `I don't know ${quote(word)} here.`;
    }
    if (problem) return { error: `${problem} ${usageLine()}` };
  }
  return {
    platforms: platforms.size === 0 ? ['aws', 'heroku'] : (['aws', 'heroku'] as const).filter((p) => platforms.has(p)),
    period: period ?? '7d',
    groupBy: groupBy ?? 'service',
    ...(groupBy === undefined ? {} : { groupAsked: true as const }),
  };
}

/** The period a name means at `now`, with the one before it to compare against. */
export function spendPeriod(name: SpendPeriodName, now: Date): SpendPeriod {
  const today = utcDay(now);
  let range: DayRange;
  let previous: DayRange;
  switch (name) {
    case '7d':
    case '30d': {
      const n = name === '7d' ? 7 : 30;
      range = { start: addDays(today, -n), end: today };
      previous = { start: addDays(today, -2 * n), end: range.start };
      break;
    }
    case 'mtd': {
      range = { start: firstOfMonth(today), end: addDays(today, 1) };
      const n = dayCount(range.start, range.end);
      previous = { start: addDays(range.start, -n), end: range.start };
      break;
    }
    case 'last-month': {
      range = { start: firstOfMonth(today, -1), end: firstOfMonth(today) };
      previous = { start: firstOfMonth(today, -2), end: range.start };
      break;
    }
  }
  const days = dayCount(range.start, range.end);
  const partial = name === 'mtd' ? ', today so far' : '';
  return {
    name,
    ...range,
    days,
    previous,
    label: `${readableRange({ start: range.start, end: range.end })} (${days} day${days === 1 ? '' : 's'}${partial})`,
    restOfMonth: { start: today, end: firstOfMonth(today, 1) },
  };
}

/** The days of a period compared with the days of equal length just before them. */
export interface ComparedDays {
  current: DayRange;
  previous: DayRange;
  /** The period's last day, left out of the comparison because it is still being recorded. */
  leftOut?: string;
}

/**
 * What Cost Explorer's figures for a period are compared over: every day of `7d`, `30d` and
 * `last-month` with the period before; month to date without its last day, today, which Cost
 * Explorer is still recording (a few hours against a whole day read as a drop of a day's cost), with
 * the days of equal length before those. Undefined on the 1st, when today is the only day.
 */
export function wholeDaysCompared(period: SpendPeriod): ComparedDays | undefined {
  if (period.name !== 'mtd') return { current: { start: period.start, end: period.end }, previous: period.previous };
  const leftOut = addDays(period.end, -1);
  if (leftOut === period.start) return undefined;
  const days = dayCount(period.start, leftOut);
  return {
    current: { start: period.start, end: leftOut },
    previous: { start: addDays(period.start, -days), end: period.start },
    leftOut,
  };
}

const dayMonth = (day: string) => utcMidnight(day).setLocale('en-US').toFormat('d LLL');

/** A range with both ends included, as people write it: `29 Nov – 5 Dec 2026`, `1 – 7 Dec 2026`, `5 Dec 2026`. */
export function readableRange(range: DayRange): string {
  const last = addDays(range.end, -1);
  const year = last.slice(0, 4);
  if (last === range.start) return `${dayMonth(last)} ${year}`;
  if (range.start.slice(0, 4) !== year)
    return `${dayMonth(range.start)} ${range.start.slice(0, 4)} – ${dayMonth(last)} ${year}`;
  if (range.start.slice(0, 7) === last.slice(0, 7))
    return `${Number(range.start.slice(8, 10))} – ${dayMonth(last)} ${year}`;
  return `${dayMonth(range.start)} – ${dayMonth(last)} ${year}`;
}

export function describeGrouping(group: SpendGrouping): string {
  return typeof group === 'string' ? group : `tag ${group.tag}`;
}

/** The request in words, for the audit log: which data was shown, never the figures. */
export function describeRequest(request: SpendRequest): string {
  return `${request.platforms.join('+')} ${request.period} by ${describeGrouping(request.groupBy)}`;
}
