/**
 * Budgets: what a lead sets with `/hosting budget set …` or the App Home form, checked field by
 * field so the command and the form say the same thing about the same mistake. Pure.
 */

import { naturalOrder } from '../natural-order';
import { madeFromAtSign, neutraliseMarkup, slackMarkupIn, typedAtSigns } from '../user-text';

export type BudgetPlatform = 'aws' | 'heroku' | 'both';

/** Which spend the budget watches. Heroku scopes (team, app) and AWS scopes (service, account, tag) imply the platform. */
export type BudgetScope =
  | { kind: 'all' }
  | { kind: 'team'; value: string }
  | { kind: 'app'; value: string }
  | { kind: 'service'; value: string }
  | { kind: 'account'; value: string }
  | { kind: 'tag'; key: string; value: string };

export interface Budget {
  /** Stable identity (exactly-once keys use it, so a budget deleted and set again starts afresh). */
  id: string;
  /** What leads call it: lower case letters, digits and dashes. */
  name: string;
  /** A month, in whole cents. */
  amountCents: number;
  platform: BudgetPlatform;
  scope: BudgetScope;
  /** Percentages of the amount that alert when actual spend crosses them, ascending. */
  thresholds: number[];
  /** Also alert once when the month's forecast goes over the amount. */
  forecast: boolean;
  /** Slack channel ID; unset → the routed channel for the scope, else the alerts channel. */
  channel?: string;
}

export type BudgetDraft = Omit<Budget, 'id'>;

export const DEFAULT_THRESHOLDS = [50, 80, 100];
export const BUDGET_EXAMPLE =
  '`/hosting budget set web-prod 2000/month heroku team=acme-eng alert=50,80,100 forecast channel=#eng-costs`';
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const ACCOUNT_ID = /^\d{12}$/;
const HEROKU_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** The most anyone means by a monthly budget; more is a typo. */
const MAX_AMOUNT_CENTS = 100_000_000_00;

export type BudgetField = 'name' | 'amount' | 'platform' | 'scope' | 'thresholds' | 'channel';
export type FieldErrors = Partial<Record<BudgetField, string>>;
export type BudgetCheck =
  | {
      ok: true;
      value: BudgetDraft;
      /** The amount as typed when it named no period (`2000`): read as a month, which the reply says. */
      readAsMonthly?: string;
    }
  | { ok: false; errors: FieldErrors };

export const quote = (text: string) => `"${neutraliseMarkup(text.slice(0, 60))}"`;

export function checkName(raw: string): { value: string } | { error: string } {
  const name = raw.trim().toLowerCase();
  if (NAME.test(name)) return { value: name };
  return {
    error: `${quote(raw)} is not a budget name: use up to 40 lower-case letters, digits and dashes, e.g. web-prod.`,
  };
}

const PER_MONTH = /\/(month|mo)$/;
/** Whole dollars, with or without `$` and thousands commas: `2000`, `$2,000`. */
const DOLLARS = String.raw`\$?(\d{1,3}(?:,\d{3})+|\d+)`;
const AMOUNT = new RegExp(`^${DOLLARS}(?:\\.(\\d{1,2}))?(k)?$`);
const PAST_CENTS = new RegExp(`^${DOLLARS}\\.(\\d{3,})$`);

/**
 * `100.555`: an amount past the cent. Said as such, with the amount rounded to the cent (half up) as
 * the example, rather than "not a monthly amount", which leaves the reader guessing what is wrong.
 */
function moreThanCents(text: string, raw: string): string | undefined {
  const match = PAST_CENTS.exec(text);
  if (!match) return undefined;
  const [, whole, decimals] = match as unknown as [string, string, string];
  const cents =
    Number(whole.replace(/,/g, '')) * 100 + Number(decimals.slice(0, 2)) + (Number(decimals[2]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  const example = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}/month`;
  return `${quote(raw)} has ${decimals.length} decimals: amounts have at most two (dollars and cents), e.g. ${example}.`;
}

/** `2000`, `$2,000`, `2000.50`, `2k`, each optionally followed by `/month` or `/mo`. */
export function checkAmount(raw: string): { cents: number } | { error: string } {
  const text = raw.trim().toLowerCase().replace(PER_MONTH, '');
  const match = AMOUNT.exec(text);
  const error = `${quote(raw)} is not a monthly amount: write dollars a month, e.g. 2000/month or $2,500.50/month.`;
  if (!match) return { error: moreThanCents(text, raw) ?? error };
  const whole = Number(match[1]!.replace(/,/g, ''));
  const cents = whole * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  const total = match[3] ? cents * 1000 : cents;
  if (total <= 0) return { error: 'A budget must be more than $0 a month, e.g. 2000/month.' };
  // Past 2^53 cents the number is no longer exact: that too is more than anyone means.
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT_CENTS)
    return { error: `${quote(raw)} is more than $100,000,000 a month; check the amount.` };
  return { cents: total };
}

/** `50,80,100` (percent signs allowed): whole percentages from 1 to 1000, no repeats. */
export function checkThresholds(raw: string): { value: number[] } | { error: string } {
  const parts = raw
    .split(',')
    .map((part) => part.trim().replace(/%$/, ''))
    .filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || parts.length > 10 || values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) {
    return {
      error: `${quote(raw)} is not a list of alert levels: give up to 10 whole percentages of the budget, e.g. alert=50,80,100.`,
    };
  }
  if (new Set(values).size !== values.length) return { error: `${quote(raw)} repeats a level; e.g. alert=50,80,100.` };
  return { value: [...values].sort((a, b) => a - b) };
}

/** A channel ID, or Slack's escaped mention `<#C123|name>`. A bare #name cannot be resolved without asking Slack. */
export function checkChannel(raw: string): { value: string } | { error: string } {
  const text = raw.trim();
  const id = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(text)?.[1] ?? text;
  if (CHANNEL_ID.test(id)) return { value: id };
  return {
    error: `${quote(raw)} is not a channel I can post to: type # and pick the channel so Slack fills it in (e.g. channel=#eng-costs), or give its ID such as C012ABCDEF.`,
  };
}

const SCOPE_PLATFORM: Record<BudgetScope['kind'], BudgetPlatform | undefined> = {
  all: undefined,
  team: 'heroku',
  app: 'heroku',
  service: 'aws',
  account: 'aws',
  tag: 'aws',
};

/** A correct example of each filter, for its errors. */
const SCOPE_EXAMPLES: Readonly<Record<string, string | undefined>> = {
  team: 'team=acme-eng',
  app: 'app=api-prod',
  service: 'service="Amazon Relational Database Service"',
  account: 'account=123456789012',
  tag: 'tag:owner=alice',
};

/** `team=acme-eng`, `app=api-prod`, `service="Amazon Relational Database Service"`, `account=123456789012`, `tag:team=web`. */
export function checkScope(key: string, raw: string): { value: BudgetScope } | { error: string } {
  const value = raw.trim();
  const lower = key.toLowerCase();
  const kind = lower.startsWith('tag:') ? 'tag' : lower;
  const example = Object.hasOwn(SCOPE_EXAMPLES, kind) ? SCOPE_EXAMPLES[kind] : undefined;
  const markup = example && slackMarkupIn(`${key}=${value}`);
  if (markup) {
    // Stored as it arrived, `tag:owner=<@U123>` would watch a tag no AWS resource carries: $0 forever.
    const held = `${quote(`${key}=${raw}`)} holds ${markup}, not the words you typed, so it would match nothing.`;
    if (kind === 'tag' && madeFromAtSign(`${key}=${value}`)) {
      return {
        error: `${held} For a tag that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), e.g. tag:owner=%40alice; if it does not, leave the @ out, e.g. ${example}.`,
      };
    }
    return {
      error: `${held} Write the value as plain text, with no @ or # in front and no < or > (Slack then leaves it as typed), e.g. ${example}.`,
    };
  }
  if (lower.startsWith('tag:')) {
    const tagKey = typedAtSigns(key.slice(4));
    const tagValue = typedAtSigns(value);
    if (!tagKey || tagKey.length > 128 || tagKey.includes('$') || !tagValue) {
      return { error: `${quote(`${key}=${raw}`)} is not a tag filter: write tag:KEY=VALUE, e.g. tag:team=web.` };
    }
    return { value: { kind: 'tag', key: tagKey, value: tagValue } };
  }
  switch (lower) {
    case 'team':
    case 'app':
      if (!HEROKU_NAME.test(value)) {
        return {
          error: `${quote(value)} is not a Heroku ${lower} name (lower-case letters, digits, dashes), e.g. ${lower}=acme-eng.`,
        };
      }
      return { value: { kind: lower, value } };
    case 'service':
      if (!value || value.length > 200) {
        return {
          error: 'Name the AWS service as Cost Explorer does, in quotes: service="Amazon Relational Database Service".',
        };
      }
      return { value: { kind: 'service', value } };
    case 'account':
      if (!ACCOUNT_ID.test(value)) {
        return { error: `${quote(value)} is not an AWS account ID: use the 12 digits, e.g. account=123456789012.` };
      }
      return { value: { kind: 'account', value } };
    default:
      return {
        error: `${quote(key)} is not something a budget can watch: use team=, app=, service=, account= or tag:KEY=VALUE.`,
      };
  }
}

/** The platform a budget applies to, given what was asked and what the scope implies. */
export function resolvePlatform(
  asked: BudgetPlatform | undefined,
  scope: BudgetScope,
): { value: BudgetPlatform } | { error: string } {
  const implied = SCOPE_PLATFORM[scope.kind];
  if (!implied) return { value: asked ?? 'both' };
  if (asked && asked !== implied) {
    return {
      error: `A ${scope.kind} budget watches ${implied === 'aws' ? 'AWS' : 'Heroku'} only, so it cannot be ${asked}; leave the platform out or write ${implied}.`,
    };
  }
  return { value: implied };
}

/** Words of a command line; `key="two words"` and curly quotes keep their spaces. */
export function splitWords(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"“”]+=)?(?:"[^"]*"|“[^”]*”)|\S+/g)].map((match) => match[0]);
}

const unquote = (text: string) => text.replace(/^["“]|["”]$/g, '');

/** Parses the words after `budget set`. Every problem is listed; nothing is saved when any is found. */
export function parseBudgetSet(text: string): BudgetCheck {
  const words = splitWords(text.trim());
  const errors: FieldErrors = {};
  const [rawName, rawAmount, ...rest] = words;
  let name: string | undefined;
  let amountCents: number | undefined;
  if (!rawName) errors.name = 'Give the budget a name.';
  else {
    const checked = checkName(rawName);
    if ('error' in checked) errors.name = checked.error;
    else name = checked.value;
  }
  if (!rawAmount) errors.amount = 'Give an amount a month, e.g. 2000/month.';
  else {
    const checked = checkAmount(rawAmount);
    if ('error' in checked) errors.amount = checked.error;
    else amountCents = checked.cents;
  }
  let platform: BudgetPlatform | undefined;
  let scope: BudgetScope = { kind: 'all' };
  let thresholds = DEFAULT_THRESHOLDS;
  let forecast = false;
  let channel: string | undefined;
  let scopes = 0;
  // A word given twice would otherwise be saved as its last value, unseen.
  const given = new Set<string>();
  const twice = (key: string) => {
    const seen = given.has(key);
    given.add(key);
    return seen;
  };
  for (const word of rest) {
    const lower = word.toLowerCase();
    if (lower === 'aws' || lower === 'heroku' || lower === 'both') {
      if (platform && platform !== lower)
        errors.platform = `"${platform}" and "${lower}" are both given: give one platform, or write both.`;
      platform = lower;
      continue;
    }
    if (lower === 'forecast') {
      forecast = true;
      continue;
    }
    const eq = word.indexOf('=');
    if (eq <= 0) {
      errors.scope ??= `I did not understand ${quote(word)}: after the amount use aws, heroku or both, one of team=, app=, service=, account= or tag:KEY=VALUE, alert=50,80,100, forecast and channel=#….`;
      continue;
    }
    const key = word.slice(0, eq);
    const value = unquote(word.slice(eq + 1));
    if (key.toLowerCase() === 'alert') {
      const checked = checkThresholds(value);
      if (twice('alert')) errors.thresholds = '"alert=" is given twice: give every level in one, e.g. alert=50,80,100.';
      else if ('error' in checked) errors.thresholds = checked.error;
      else thresholds = checked.value;
    } else if (key.toLowerCase() === 'channel') {
      const checked = checkChannel(value);
      if (twice('channel'))
        errors.channel = '"channel=" is given twice: give the one channel its alerts go to, e.g. channel=#eng-costs.';
      else if ('error' in checked) errors.channel = checked.error;
      else channel = checked.value;
    } else {
      scopes += 1;
      const checked = checkScope(key, value);
      if ('error' in checked) errors.scope = checked.error;
      else scope = checked.value;
    }
  }
  if (scopes > 1)
    errors.scope = 'A budget watches one thing: give at most one of team=, app=, service=, account= or tag:KEY=VALUE.';
  let resolved: BudgetPlatform = 'both';
  if (!errors.scope && !errors.platform) {
    const checked = resolvePlatform(platform, scope);
    if ('error' in checked) errors.platform = checked.error;
    else resolved = checked.value;
  }
  if (Object.keys(errors).length > 0 || name === undefined || amountCents === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: { name, amountCents, platform: resolved, scope, thresholds, forecast, ...(channel ? { channel } : {}) },
    ...(PER_MONTH.test(rawAmount!.trim().toLowerCase()) ? {} : { readAsMonthly: rawAmount! }),
  };
}

/** `team acme-eng`, `service Amazon RDS`, `tag team=web`, `everything`. */
export function describeScope(scope: BudgetScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all spend';
    case 'tag':
      return `tag ${scope.key}=${scope.value}`;
    default:
      return `${scope.kind} ${scope.value}`;
  }
}

/** Budgets by name in natural order (`number-2` before `number-10`). */
export function byBudgetName(a: { name: string }, b: { name: string }): number {
  return naturalOrder(a.name, b.name);
}

export function platformLabel(platform: BudgetPlatform): string {
  return platform === 'both' ? 'AWS + Heroku' : platform === 'aws' ? 'AWS' : 'Heroku';
}
