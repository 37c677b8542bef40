/**
 * The answer to "what would this cost?": reads the words with the estimate grammar, resolves a live
 * Heroku app (`app=NAME`) to its workload through the Heroku source, and models it with the core.
 * Plain data: the Slack listeners, the form, the buttons and the CLI render the same answer.
 */
import { parseEstimate } from '../core/estimate';
import { type Estimate, type EstimateOptions, estimate } from '../core/model';
import type { Catalog } from '../core/pricing';
import type { Workload } from '../core/workload';
import type { Services } from '../services';
import { SourceError } from '../sources/source-error';

/** Where a live app's workload came from, and how fresh it is. */
export interface LiveAppNote {
  app: string;
  asOf: Date;
  fromCache: boolean;
  /** Why it could not be refreshed (the cached inventory was used). */
  staleBecause?: string;
}

export type EstimateAnswer =
  /** The words could not be read: the message says what was wrong, with a correct example. */
  | { kind: 'refused'; message: string }
  /** No workload in the words: the adapter offers a form or an example. */
  | { kind: 'form' }
  /** `app=NAME` without a Heroku connection. */
  | { kind: 'needs-heroku'; app: string }
  /** Reading the live app failed (plain words from the source). */
  | { kind: 'failed'; app: string; message: string }
  | {
      kind: 'estimate';
      estimate: Estimate;
      /** The words that reproduce it (what the buttons carry). */
      words: string;
      /** `share` was among the words. */
      share: boolean;
      live?: LiveAppNote;
    };

/** The words modelled without any live source: `app=NAME` answers `needs-heroku`. */
export function estimateFromWords(words: string, catalog: Catalog): EstimateAnswer {
  const parsed = parseEstimate(words, catalog);
  if (!parsed.ok) return { kind: 'refused', message: parsed.message };
  const { request } = parsed;
  if (request.kind === 'form') return { kind: 'form' };
  if (request.kind === 'app') return { kind: 'needs-heroku', app: request.app };
  return modelled(request.workload, words, catalog, request.share, request.options);
}

function modelled(
  workload: Workload,
  words: string,
  catalog: Catalog,
  share: boolean,
  options: EstimateOptions = {},
): EstimateAnswer {
  return { kind: 'estimate', estimate: estimate(workload, catalog, options), words, share };
}

/** The app named by `app=NAME`, when the words name one. */
export function liveAppIn(words: string, catalog: Catalog): { app: string; share: boolean } | undefined {
  const parsed = parseEstimate(words, catalog);
  return parsed.ok && parsed.request.kind === 'app' ? parsed.request : undefined;
}

/** The answer, reading a live Heroku app (`app=NAME`) when the words name one and Heroku is connected. */
export async function answerEstimate(
  words: string,
  services: Pick<Services, 'catalog' | 'sources'>,
): Promise<EstimateAnswer> {
  const named = liveAppIn(words, services.catalog);
  const heroku = services.sources.heroku;
  if (named === undefined || !heroku) return estimateFromWords(words, services.catalog);
  const { app } = named;
  try {
    const inventory = await heroku.inventory();
    const workload = heroku.appWorkload(inventory.value, app);
    const answer = modelled(workload, words, services.catalog, named.share);
    if (answer.kind !== 'estimate') return answer;
    return {
      ...answer,
      live: {
        app,
        asOf: inventory.asOf,
        fromCache: inventory.fromCache,
        ...(inventory.staleBecause ? { staleBecause: inventory.staleBecause.message } : {}),
      },
    };
  } catch (error) {
    if (error instanceof SourceError) return { kind: 'failed', app, message: error.message };
    throw error;
  }
}
