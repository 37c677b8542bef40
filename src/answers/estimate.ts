/**
 * The answer to "what would this cost?": reads the words with the estimate grammar, resolves a live
 * Heroku app (`app=NAME`) to its workload through the Heroku source, and models it with the core.
 * Plain data: the Slack listeners, the form, the buttons and the CLI render the same answer.
 */
import { appNotRead } from '../core/apps-not-read';
import { parseEstimate } from '../core/estimate/parse-estimate';
import type { ParseResult } from '../core/estimate/types';
import type { EnvironmentName, Estimate, EstimateOptions } from '../core/model';
// The modules themselves, not the model's index: an estimate does not load the fleet and migration models.
import { estimate } from '../core/model/estimate';
import { BUNDLED_AWS_REGION, type Catalog, type LayeredCatalog } from '../core/pricing';
import { cachesOf, databasesOf, type Workload } from '../core/workload';
import type { Services } from '../services';
import { SourceError } from '../sources/source-error';
import { notListedYetNote } from './app-not-listed';

/** Where a live app's workload came from, and how fresh it is. */
interface LiveAppNote {
  app: string;
  /** The environment it was modelled as, read from its name as `migrate` reads it. */
  environment: EnvironmentName;
  /** Which environment, and why: `read as staging: its name ends in -staging`. */
  readAs: string;
  asOf: Date;
  fromCache: boolean;
  /** Why it could not be refreshed (the cached inventory was used). */
  staleBecause?: string;
}

export type EstimateAnswer =
  /** The words could not be read: the message says what was wrong, with a correct example. */
  | { kind: 'refused'; message: string }
  /**
   * The words name a region (`region=ap-south-1`) with no AWS prices stored: read, but not priced. The
   * message says what to do.
   */
  | { kind: 'no-prices'; message: string }
  /** No workload in the words: the adapter offers a form or an example. */
  | { kind: 'form' }
  /** `app=NAME` without a Heroku connection. */
  | { kind: 'needs-heroku'; app: string }
  /** Reading the live app failed (plain words from the source). */
  | { kind: 'failed'; app: string; message: string }
  /** `app=NAME` names no app the token sees. Other apps' names are never given. */
  | { kind: 'no-such-app'; app: string; notListedYet?: string }
  /** A live app's formation without any price: what someone who is not a lead may see. */
  | { kind: 'formation'; app: string; lines: string[]; live: LiveAppNote }
  | {
      kind: 'estimate';
      estimate: Estimate;
      /** The words that reproduce it (what the buttons carry). */
      words: string;
      /** `share` was among the words. */
      share: boolean;
      live?: LiveAppNote;
      /** Said above the estimate: the configured AWS region has no prices yet, so another was used. */
      pricingNote?: string;
    };

/**
 * Where an estimate's prices come from: the price book (PRICING_FILE > live > bundled, any region).
 * `catalog` is the configured region's, or us-east-1's while that region has no prices yet.
 */
export interface EstimatePrices {
  readonly catalog: Catalog;
  readonly region: string;
  catalogFor(region: string): LayeredCatalog;
}

type PricedFor = { ok: true; catalog: Catalog; note?: string } | { ok: false; message: string };

/**
 * The catalog for the region the words ask for (`region=`), else the configured one. A region the
 * words name without prices is refused, plainly; the configured region without prices yet falls
 * back to us-east-1's bundled list and says so above the estimate.
 */
function pricedFor(prices: EstimatePrices, asked: string | undefined): PricedFor {
  const layered = prices.catalogFor(asked ?? prices.region);
  if (layered.ok) return layered;
  if (asked) return layered;
  return {
    ok: true,
    catalog: prices.catalog,
    note: `AWS_PRICING_REGION is ${prices.region}, but no AWS prices for ${prices.region} are stored yet, so AWS is priced for ${BUNDLED_AWS_REGION} (bundled list). It needs AWS credentials allowed pricing:GetProducts and a price refresh (\`/hosting prices refresh\`, hosting leads).`,
  };
}

/**
 * The words modelled without any live source: `app=NAME` answers `needs-heroku`. `parsed` is the
 * words already read with the same catalog (the listener reads them once, before its ack).
 */
export function estimateFromWords(
  words: string,
  prices: EstimatePrices,
  parsed: ParseResult = parseEstimate(words, prices.catalog),
): EstimateAnswer {
  if (!parsed.ok) return { kind: 'refused', message: parsed.message };
  const { request } = parsed;
  if (request.kind === 'form') return { kind: 'form' };
  if (request.kind === 'app') return { kind: 'needs-heroku', app: request.app };
  const priced = pricedFor(prices, request.region);
  if (!priced.ok) return { kind: 'no-prices', message: priced.message };
  return modelled(request.workload, words, priced, request.share, request.options);
}

function modelled(
  workload: Workload,
  words: string,
  priced: { catalog: Catalog; note?: string },
  share: boolean,
  options: EstimateOptions = {},
): EstimateAnswer {
  const answer: EstimateAnswer = {
    kind: 'estimate',
    estimate: estimate(workload, priced.catalog, options),
    words,
    share,
  };
  // Set, not spread: a spread after the first field is copied property by property, on every estimate.
  if (priced.note) answer.pricingNote = priced.note;
  return answer;
}

/** The app named by `app=NAME`, when the words name one. */
export function liveAppIn(
  words: string,
  catalog: Catalog,
  parsed: ParseResult = parseEstimate(words, catalog),
): { app: string; share: boolean; region?: string } | undefined {
  return parsed.ok && parsed.request.kind === 'app' ? parsed.request : undefined;
}

export interface AnswerEstimateOptions {
  /**
   * Price a live app (`app=NAME`): for hosting leads. Without it a live app's answer is its formation
   * alone (`formation`), which is what everyone else may see. Described workloads are always priced.
   */
  priceLiveApps?: boolean;
}

/** The answer, reading a live Heroku app (`app=NAME`) when the words name one and Heroku is connected. */
export async function answerEstimate(
  words: string,
  services: Pick<Services, 'prices' | 'sources'>,
  options: AnswerEstimateOptions = { priceLiveApps: true },
): Promise<EstimateAnswer> {
  const prices = services.prices.book;
  const named = liveAppIn(words, prices.catalog);
  const heroku = services.sources.heroku;
  if (named === undefined || !heroku) return estimateFromWords(words, prices);
  const { app } = named;
  const priced = pricedFor(prices, named.region);
  if (!priced.ok) return { kind: 'no-prices', message: priced.message };
  try {
    const inventory = await heroku.inventory();
    const wanted = app.trim().toLowerCase();
    const found = inventory.value.apps.find((candidate) => candidate.name.toLowerCase() === wanted);
    if (!found) {
      // Listed, but its formation could not be read: say that, not "no such app".
      const unread = appNotRead(heroku.appsNotRead(inventory.value), app);
      if (unread) {
        return {
          kind: 'failed',
          app: unread.app,
          message: `Heroku app ${unread.app} is listed, but its formation could not be read: ${unread.reason}`,
        };
      }
      const notListedYet = notListedYetNote({ ...inventory, staleBecause: inventory.staleBecause?.message });
      return { kind: 'no-such-app', app, ...(notListedYet ? { notListedYet } : {}) };
    }
    const { workload, assumptions, environment, readAs } = heroku.liveApp(inventory.value, found.name);
    const live: LiveAppNote = {
      app: found.name,
      environment,
      readAs,
      asOf: inventory.asOf,
      fromCache: inventory.fromCache,
      ...(inventory.staleBecause ? { staleBecause: inventory.staleBecause.message } : {}),
    };
    if (!options.priceLiveApps) return { kind: 'formation', app: found.name, lines: formationLines(workload), live };
    const answer = modelled(workload, words, priced, named.share, { environment });
    if (answer.kind !== 'estimate') return answer;
    const estimate = { ...answer.estimate, assumptions: [...answer.estimate.assumptions, ...assumptions] };
    return { ...answer, estimate, live };
  } catch (error) {
    if (error instanceof SourceError) return { kind: 'failed', app, message: error.message };
    throw error;
  }
}

/** What a live app runs, one line a part, without a price: `web: 2 × standard-2x`, `Heroku Postgres standard-0`. */
function formationLines(workload: Workload): string[] {
  return [
    ...workload.processes.map((process) => `${process.name}: ${process.count} × ${process.size}`),
    ...databasesOf(workload).map((database) => `Heroku Postgres ${database.plan}`),
    ...cachesOf(workload).map((cache) => `Heroku Key-Value Store ${cache.plan}`),
    ...workload.addOns.map((addOn) => `${addOn.service} ${addOn.plan}`),
  ];
}
