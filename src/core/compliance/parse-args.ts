import { closestMatch } from '../pricing/closest-match';
import { neutraliseMarkup, wordAgain } from '../user-text';
import type { Platform } from '../workload';
import { getFramework, listFrameworks } from './registry';
import type { Framework } from './types';

export type ComplianceArgs =
  | {
      ok: true;
      framework: Framework;
      platform?: Platform;
      live: boolean;
      /** `estimate`: check what an estimate of the workload prices, on both platforms. */
      estimate: boolean;
      /** What is left for the estimate grammar, e.g. `web=2xstandard-2x postgres=standard-0`. */
      workloadText?: string;
    }
  | { ok: false; message: string };

export interface ParseComplianceOptions {
  /** How the user typed the command, for examples: `/hosting compliance`, `compliance`. */
  command?: string;
}

const PLATFORM_WORDS: Record<string, Platform> = { heroku: 'heroku', aws: 'aws', amazon: 'aws' };

/**
 * Bare words that are clearly a platform we do not cover. Any other bare word goes to the
 * estimate grammar untouched, since it may be one of its keywords.
 */
const OTHER_PLATFORMS = new Set([
  'azure',
  'gcp',
  'google',
  'google-cloud',
  'render',
  'fly',
  'fly.io',
  'flyio',
  'vercel',
  'netlify',
  'railway',
  'digitalocean',
  'linode',
  'oci',
  'oracle',
  'ibm',
  'alibaba',
]);

/**
 * `<hipaa|pci|soc2|gdpr> [heroku|aws] [live|estimate] [workload tokens…]`; the platform, `live` and
 * `estimate` in any order, before the framework or after it.
 */
export function parseComplianceArgs(text: string, options: ParseComplianceOptions = {}): ComplianceArgs {
  const command = options.command ?? 'compliance';
  const tokens = frameworkFirst(text.trim().split(/\s+/).filter(Boolean));
  let [first, ...rest] = tokens;
  if (first === undefined || ['help', '-h', '--help'].includes(first.toLowerCase())) {
    return { ok: false, message: usage(command) };
  }

  // `pci dss`, `soc 2`: a name typed as two words.
  if (rest.length > 0 && getFramework(first + rest[0]) !== undefined) {
    first = first + rest[0];
    rest = rest.slice(1);
  }
  const framework = getFramework(first);
  if (framework === undefined) {
    // A typo of a framework's name (`hipa`) gets the name it is closest to, as a dyno size's does.
    const guess = closestMatch(
      first.toLowerCase(),
      listFrameworks().map((known) => known.id),
    );
    const meant = guess ? `: did you mean ${quote(guess)}?` : '.';
    return { ok: false, message: `I don't know the framework ${quote(first)}${meant}\n${usage(command)}` };
  }

  let platform: Platform | undefined;
  let live = false;
  let estimate = false;
  // The option words as typed, so one given twice is named rather than read once, unseen.
  const typed = new Map<string, string>();
  const again = (key: string, word: string, fix: string): ComplianceArgs => {
    const which = wordAgain(word, typed.get(key)!, quote);
    return { ok: false, message: `I did not read ${which}: ${fix}.\n${usage(command)}` };
  };
  let index = 0;
  for (; index < rest.length; index += 1) {
    const word = rest[index].toLowerCase();
    if (word === 'live' || word === 'estimate') {
      if (typed.has(word)) return again(word, rest[index], 'write it once');
      typed.set(word, rest[index]);
      if (word === 'live') live = true;
      else estimate = true;
    } else if (Object.hasOwn(PLATFORM_WORDS, word)) {
      const named = PLATFORM_WORDS[word];
      if (platform !== undefined && platform !== named) {
        return {
          ok: false,
          message: `Pick one platform, \`heroku\` or \`aws\`, or leave it out for both.\n${usage(command)}`,
        };
      }
      if (platform !== undefined) return again('platform', rest[index], 'name the platform once, or neither for both');
      typed.set('platform', rest[index]);
      platform = named;
    } else if (isOtherPlatform(word)) {
      return { ok: false, message: `I don't cover the platform ${quote(rest[index])}.\n${usage(command)}` };
    } else {
      break;
    }
  }

  const tail = rest.slice(index).join(' ');
  const others = otherFrameworks(rest.slice(index), framework);
  if (others !== undefined) {
    const ids = [framework.id, ...others];
    return {
      ok: false,
      message: `One checklist at a time: ${ids.map((id) => `\`${command} ${id}\``).join(', then ')}. A word after the framework describes a workload, e.g. \`${command} ${framework.id} heroku web=2xstandard-2x postgres=standard-0\`.`,
    };
  }
  return {
    ok: true,
    framework,
    ...(platform === undefined ? {} : { platform }),
    live,
    estimate,
    ...(tail === '' ? {} : { workloadText: tail }),
  };
}

/** Words that may come before or after the framework: `aws hipaa` is `hipaa aws`. */
const isOptionWord = (word: string) =>
  Object.hasOwn(PLATFORM_WORDS, word.toLowerCase()) || ['live', 'estimate'].includes(word.toLowerCase());

/** The words with the framework first: platform, `live` and `estimate` typed before it move after it. */
function frameworkFirst(tokens: string[]): string[] {
  const lead = tokens.findIndex((token) => !isOptionWord(token));
  if (lead <= 0) return tokens;
  const [name, next] = [tokens[lead]!, tokens[lead + 1]];
  // `pci dss`, `soc 2`: a name typed as two words stays together.
  const words = next !== undefined && getFramework(name + next) ? 2 : getFramework(name) ? 1 : 0;
  if (words === 0) return tokens;
  const end = lead + words;
  return [...tokens.slice(lead, end), ...tokens.slice(0, lead), ...tokens.slice(end)];
}

/**
 * The other frameworks, when every word after the options names one (`hipaa pci`): a second
 * checklist asked for, not a workload. A workload's own `hipaa` or `pci` comes with its processes.
 */
function otherFrameworks(words: readonly string[], framework: Framework): string[] | undefined {
  const named: Framework[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const two = i + 1 < words.length ? getFramework(words[i]! + words[i + 1]) : undefined;
    const one = two ?? getFramework(words[i]!);
    if (one === undefined) return undefined;
    if (two !== undefined) i += 1;
    named.push(one);
  }
  const others = [...new Set(named.filter((other) => other !== framework).map((other) => other.id))];
  return others.length > 0 ? others : undefined;
}

/** A word someone typed, quoted back: at most 40 characters, no backticks, no working mention or link. */
function quote(word: string): string {
  const clean = neutraliseMarkup(word.replace(/`/g, "'"));
  return `\`${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}\``;
}

function isOtherPlatform(word: string): boolean {
  return OTHER_PLATFORMS.has(word) || (word !== 'heroku' && editDistance(word, 'heroku') <= 2);
}

function usage(command: string): string {
  const frameworks = listFrameworks()
    .map((framework) => `\`${framework.id}\` (${framework.name} ${framework.version})`)
    .join(', ');
  return [
    // No `<framework>`: Slack reads angle brackets as a link, even in code.
    `Usage: \`${command} ${listFrameworks()
      .map((framework) => framework.id)
      .join('|')} [heroku|aws] [live | app=NAME | estimate workload | workload]\``,
    `Frameworks: ${frameworks}. Platforms: \`heroku\`, \`aws\`.`,
    `Example: \`${command} hipaa heroku web=2xstandard-2x postgres=standard-0\` or \`${command} pci aws live\``,
  ].join('\n');
}

/** Levenshtein distance, to catch `herokku` and `heorku` without a list of typos. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
