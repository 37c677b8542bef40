/**
 * The answer to "does staging match production?": reads the Heroku pipelines (staging and
 * production apps: stack, region, space, buildpacks, formation, add-ons, config var NAMES), asks the
 * parity core to compare and price them, and returns plain data that `/hosting parity` and
 * `npx hosting-advisor parity` each render. Config var values never reach this module: the source
 * keeps only the names.
 */
import { closest, distance } from 'fastest-levenshtein';
import { freshnessLabel } from '../core/freshness';
import { compareAllPipelines, type ParityReport } from '../core/parity';
import { neutraliseMarkup } from '../core/user-text';
import type { Services } from '../services';
import { HerokuPipelines, type PipelinesRead } from '../sources/heroku/pipelines';
import type { Fetched } from '../sources/source-error';
import { failureMessage } from './spend';

export type ParityAnswer =
  /** The comparison, of every pipeline or of the one asked for. */
  | {
      kind: 'report';
      report: ParityReport;
      /** Every pipeline the token sees, by name (also when one was asked for). */
      pipelines: string[];
      /** `as of 2026-11-23 09:00 UTC (cached)`. */
      freshness: string;
    }
  /** Nothing to compare, a name no pipeline has, Heroku off or failing: plain words and what to do. */
  | { kind: 'no-pipelines' | 'unknown-pipeline' | 'off' | 'failed'; message: string; pipelines?: string[] };

export interface ParityContext {
  services: Pick<Services, 'sources' | 'store' | 'catalog' | 'now'>;
  /** How the user types the command, for examples: `/hosting parity`, `npx hosting-advisor parity`. */
  command: string;
  /** Where unexpected (non-SourceError) failures are logged. */
  log?: (message: string, error: unknown) => void;
}

const MAX_ECHO = 60;

/** What the user typed, safe to quote: no mention or link works, nothing very long. */
function echo(text: string): string {
  const clean = neutraliseMarkup(text.replace(/[`\p{Cc}]/gu, ' ').trim());
  return clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO)}…` : clean;
}

const PARITY_HEROKU_OFF =
  'The parity check reads Heroku pipelines, and Heroku is not connected: set HEROKU_API_TOKEN (`heroku authorizations:create --scope read,read-protected`; `read-protected` lets it list config vars, of which it keeps only the names), then restart. See README, "Staging parity".';

const NO_PIPELINES =
  'This Heroku token sees no pipelines, so there is no staging to compare with production. A pipeline couples each app to a stage: `heroku pipelines:create shop --app shop-production --stage production`, then `heroku pipelines:add shop --app shop-staging --stage staging`.';

/** Reads the pipelines through the Heroku source's API client (its retries, pacing and request count). */
export async function readPipelines(
  services: ParityContext['services'],
  refresh = false,
): Promise<Fetched<PipelinesRead> | undefined> {
  const heroku = services.sources.heroku;
  if (!heroku) return undefined;
  return new HerokuPipelines(heroku.api, { store: services.store, now: services.now }).read(refresh);
}

/** Names beyond this many are counted, not listed. */
const MAX_LISTED = 30;

function listSentence(pipelines: readonly string[], asked: string, command: string): string {
  const guess = closest(asked.toLowerCase(), [...pipelines]);
  const near = distance(asked.toLowerCase(), guess) <= Math.max(2, Math.floor(guess.length / 3));
  const shown = pipelines.slice(0, MAX_LISTED).map((name) => `\`${name}\``);
  if (pipelines.length > MAX_LISTED) shown.push(`and ${pipelines.length - MAX_LISTED} more`);
  const example = near ? guess : pipelines[0];
  return `${near ? `Did you mean \`${guess}\`? ` : ''}Pipelines this token sees: ${shown.join(', ')}. For example: \`${command} ${example}\`, or \`${command}\` for all of them.`;
}

/** `[pipeline]`: nothing (all pipelines) or one name; anything else is refused before Heroku is asked. */
export function parseParityArgs(text: string, command: string): { pipeline?: string } | { error: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return {};
  if (words.length > 1) {
    return {
      error: `\`${command}\` takes one pipeline name (or none, for all pipelines); you wrote ${words.length} words: \`${echo(text)}\`. For example: \`${command} shop\`.`,
    };
  }
  return { pipeline: words[0] };
}

export async function parityAnswer(pipeline: string | undefined, context: ParityContext): Promise<ParityAnswer> {
  const { services, command } = context;
  let read: Fetched<PipelinesRead> | undefined;
  try {
    read = await readPipelines(services);
  } catch (error) {
    return {
      kind: 'failed',
      message: `Could not read Heroku pipelines: ${failureMessage(error, 'Reading Heroku pipelines', context.log)}`,
    };
  }
  if (!read) return { kind: 'off', message: PARITY_HEROKU_OFF };
  const names = read.value.pipelines.map((p) => p.name);
  if (names.length === 0) return { kind: 'no-pipelines', message: NO_PIPELINES };
  let inputs = read.value.inputs;
  if (pipeline !== undefined) {
    const wanted = pipeline.toLowerCase();
    inputs = inputs.filter((input) => input.name.toLowerCase() === wanted || input.id === pipeline);
    if (inputs.length === 0) {
      return {
        kind: 'unknown-pipeline',
        pipelines: names,
        message: `No pipeline is called \`${echo(pipeline)}\`. ${listSentence(names, pipeline, command)}`,
      };
    }
  }
  return {
    kind: 'report',
    report: compareAllPipelines(inputs, services.catalog),
    pipelines: names,
    freshness: `Heroku Platform API ${freshnessLabel({
      asOf: read.asOf,
      fromCache: read.fromCache,
      ...(read.staleBecause ? { staleBecause: read.staleBecause.message } : {}),
    })}`,
  };
}

/** What the audit log says was seen: the pipelines shown by their names (never a figure). */
export function parityAuditDetail(
  asked: string | undefined,
  answer: Extract<ParityAnswer, { kind: 'report' }>,
): string {
  return asked === undefined ? 'all pipelines' : answer.report.pipelines.map((p) => p.pipeline).join(', ');
}
