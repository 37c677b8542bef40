/**
 * Which channel an alert goes to: a budget's own channel, else the channel routed for its Heroku team,
 * AWS linked account or cost-allocation tag, else the alerts channel, else the digest channel. Pure.
 */
import { neutraliseMarkup } from '../user-text';
import { checkChannel, checkScope } from './budget';

export interface Routes {
  /** Heroku team name → channel ID. */
  team: Record<string, string>;
  /** AWS linked account ID → channel ID. */
  account: Record<string, string>;
  /** `KEY=VALUE` → channel ID. */
  tag: Record<string, string>;
}

export type RouteTarget = { team?: string | null; account?: string | null; tag?: { key: string; value: string } };

const EMPTY_ROUTES: Routes = { team: {}, account: {}, tag: {} };

/** Stored routes, tolerating a damaged setting (it routes nothing rather than failing every alert). */
export function readRoutes(json: string | undefined): Routes {
  try {
    const value = JSON.parse(json ?? '{}') as Partial<Routes>;
    const map = (part: unknown) =>
      Object.fromEntries(
        Object.entries(part && typeof part === 'object' ? part : {}).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    return { team: map(value.team), account: map(value.account), tag: map(value.tag) };
  } catch {
    return { ...EMPTY_ROUTES };
  }
}

export function routeFor(routes: Routes, target: RouteTarget): string | undefined {
  if (target.team && routes.team[target.team]) return routes.team[target.team];
  if (target.account && routes.account[target.account]) return routes.account[target.account];
  if (target.tag) return routes.tag[`${target.tag.key}=${target.tag.value}`];
  return undefined;
}

export type RouteChange = { kind: 'team' | 'account' | 'tag'; key: string; channel?: string };

export const ROUTE_EXAMPLE = '`/hosting alerts route team=acme-eng channel=#eng-costs`';
export const UNROUTE_EXAMPLE = '`/hosting alerts unroute team=acme-eng`';

const quoted = (text: string) => `"${neutraliseMarkup(text.slice(0, 40))}"`;

/**
 * `route team=acme-eng channel=#eng-costs`, `route account=123456789012 channel=…`, `route tag:team=web
 * channel=…`; `unroute team=acme-eng` (no channel) removes one. Errors carry an example of the same verb.
 */
export function parseRoute(
  words: readonly string[],
  verb: 'route' | 'unroute',
): { value: RouteChange } | { error: string } {
  const example = verb === 'route' ? ROUTE_EXAMPLE : UNROUTE_EXAMPLE;
  let change: Omit<RouteChange, 'channel'> | undefined;
  let channel: string | undefined;
  for (const word of words) {
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(0, eq) : word;
    const value = eq > 0 ? word.slice(eq + 1) : '';
    const lower = key.toLowerCase();
    if (lower === 'channel' && verb === 'route') {
      if (channel)
        return { error: `\`channel=\` is given twice; give the one channel its alerts go to. Example: ${example}` };
      const checked = checkChannel(value);
      if ('error' in checked) return { error: `${checked.error} Example: ${example}` };
      channel = checked.value;
      continue;
    }
    if (lower !== 'team' && lower !== 'account' && !lower.startsWith('tag:')) {
      return {
        error: `${quoted(key)} is not something alerts can be routed by: use team=, account= or tag:KEY=VALUE. Example: ${example}`,
      };
    }
    if (change) {
      return { error: `${verb} one team, account or tag at a time; ${quoted(word)} is a second. Example: ${example}` };
    }
    const scope = checkScope(key, value);
    if ('error' in scope) return { error: `${scope.error} Example: ${example}` };
    const { value: parsed } = scope;
    if (parsed.kind === 'tag') change = { kind: 'tag', key: `${parsed.key}=${parsed.value}` };
    else if (parsed.kind === 'team' || parsed.kind === 'account') change = { kind: parsed.kind, key: parsed.value };
  }
  if (!change) return { error: `Say which team, account or tag to ${verb}. Example: ${example}` };
  if (verb === 'route' && !channel) return { error: `Say where its alerts go with channel=#…. Example: ${example}` };
  return { value: { ...change, ...(channel ? { channel } : {}) } };
}

/** `Heroku team acme-eng`, `AWS account 123456789012`, `tag team=web`. */
export function describeRouteKey(change: Pick<RouteChange, 'kind' | 'key'>): string {
  return change.kind === 'team'
    ? `Heroku team ${change.key}`
    : change.kind === 'account'
      ? `AWS account ${change.key}`
      : `tag ${change.key}`;
}

export function applyRoute(routes: Routes, change: RouteChange): Routes {
  const part = { ...routes[change.kind] };
  if (change.channel) part[change.key] = change.channel;
  else delete part[change.key];
  return { ...routes, [change.kind]: part };
}
