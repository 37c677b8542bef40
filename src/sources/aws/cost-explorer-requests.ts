import crypto from 'node:crypto';
import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { z } from 'zod';
import { type Money, usd } from '../../core/money';
import { inSlices } from '../../in-slices';
import type { Store } from '../../store/store';
import type { Fetched, SourceError } from '../source-error';
import { type CachedPart, fetchedFrom, RecentValues, staleOnError } from '../stale-cache';
import { type CostExplorerOperation, costExplorerError, neverSent } from './cost-explorer-errors';
import {
  badResponse,
  type CostAndUsageAnswer,
  checkCachedCostAndUsage,
  checkCostAndUsagePage,
  storedCostAndUsageSteps,
} from './cost-explorer-responses';

/**
 * Every request to Cost Explorer goes through here: paged (every page, a runaway loop stopped),
 * cached with stale-on-error (src/sources/stale-cache.ts), and counted in the store, since each
 * page and each retry is a paid request.
 */

/** The name counted in the store for every request sent to Cost Explorer. */
export const COST_EXPLORER_SERVICE = 'cost-explorer';
/** AWS charges $0.01 per Cost Explorer API request; each page is a request. */
export const COST_EXPLORER_REQUEST_PRICE: Money = usd('0.01');
/** Billing data updates up to three times a day, so six hours loses little. */
const DEFAULT_CACHE_TTL_MS = 6 * 60 * 60 * 1000;
/** A runaway paging loop costs money: stop and call it a bad response beyond this many pages. */
const DEFAULT_MAX_PAGES = 200;
/** About the distinct questions of a week: the digest (7), a spend of each period (5 each), App Home (6), the alert checks (3). */
const RECENT_ANSWERS = 32;

/** How an answer is kept in the store and checked when read back. */
export interface CachedForm<V> {
  /** The stored value checked (an entry of another shape reads as `undefined`: it is asked for again). */
  read(value: unknown): V | undefined | Promise<V | undefined>;
  /** The answer as the store keeps it, when not as it is. */
  stored?(value: V): Promise<unknown>;
}

/** An answer stored as it is and checked against its schema at once (the small ones: a forecast, anomalies). */
export const storedAsIs = <V>(schema: z.ZodType<V>): CachedForm<V> => ({
  read: (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  },
});

/** A GetCostAndUsage answer: stored and read back a bucket at a time (cost-explorer-responses.ts). */
const COST_AND_USAGE: CachedForm<CostAndUsageAnswer> = {
  read: checkCachedCostAndUsage,
  stored: (answer) => inSlices(storedCostAndUsageSteps(answer)),
};

export interface RequestsThisMonth {
  /** YYYY-MM (UTC). */
  month: string;
  requests: number;
  /** requests × $0.01. */
  cost: Money;
}

/** One call's shared fate: after the first failure, later requests in the call go to the cache only. */
export interface CallContext {
  failure?: SourceError;
}

function canonicalJson(value: unknown): string {
  const normalise = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(normalise);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .filter((key) => (item as Record<string, unknown>)[key] !== undefined)
          .sort()
          .map((key) => [key, normalise((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return JSON.stringify(normalise(value));
}

/** A stable cache key for one Cost Explorer request: operation + every parameter, order-independent. */
export function costExplorerCacheKey(operation: CostExplorerOperation, input: object): string {
  const digest = crypto.createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 40);
  return `cost-explorer:v1:${operation}:${digest}`;
}

export interface CostExplorerRequestOptions {
  client: CostExplorerClient;
  store: Store;
  now: () => Date;
  /** How long an answer is reused without asking Cost Explorer again (default 6 h). */
  cacheTtlMs?: number;
  /** Pages one GetCostAndUsage answer may take (default 200). */
  maxPages?: number;
  /** Where a failed cache or counter write is reported (the bot's logger; default the console). */
  logger?: { warn(...messages: unknown[]): void };
}

export class CostExplorerRequests {
  readonly client: CostExplorerClient;
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly cacheTtlMs: number;
  private readonly maxPages: number;
  private readonly logger: { warn(...messages: unknown[]): void };
  /**
   * Answers this process read or fetched lately, checked: a fresh one is served without reading the
   * store again. A cached spend or App Home open read and checked the same few hundred kilobytes of
   * daily costs from the store each time, most of what the bot allocated under load.
   */
  private readonly recent = new RecentValues(RECENT_ANSWERS);

  constructor(options: CostExplorerRequestOptions) {
    this.client = options.client;
    this.store = options.store;
    this.now = options.now;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.logger = options.logger ?? console;
  }

  /** Cost Explorer requests sent this UTC month (every page and retry counts) and what they cost. */
  async requestsThisMonth(): Promise<RequestsThisMonth> {
    const month = this.now().toISOString().slice(0, 7);
    const requests = await this.store.requestCount(COST_EXPLORER_SERVICE, month);
    return { month, requests, cost: COST_EXPLORER_REQUEST_PRICE.times(requests) };
  }

  /** GetCostAndUsage, every page, cached like spend answers; `maxAgeMs` accepts older cached answers. */
  async costAndUsagePages(input: GetCostAndUsageCommandInput, maxAgeMs?: number): Promise<Fetched<CostAndUsageAnswer>> {
    const part = await this.cached('GetCostAndUsage', input, COST_AND_USAGE, () => this.allPages(input), {}, maxAgeMs);
    return fetchedFrom(part.value, [part]);
  }

  /** Any other read, cached by operation and input, with the same stale-on-failure rules. */
  async cachedRead<V>(
    operation: CostExplorerOperation,
    input: object,
    schema: z.ZodType<V>,
    load: () => Promise<V>,
    maxAgeMs?: number,
  ): Promise<Fetched<V>> {
    const part = await this.cached(operation, input, storedAsIs(schema), load, {}, maxAgeMs);
    return fetchedFrom(part.value, [part]);
  }

  /** Sends one request and counts what went out: each attempt (retries included) is a paid request. */
  sendCounted<T extends { $metadata?: { attempts?: number } }>(send: () => Promise<T>): Promise<T> {
    return this.sendAndCount(send);
  }

  // --- requests, paging, caching, counting ------------------------------------------------

  async costAndUsage(
    input: GetCostAndUsageCommandInput,
    context: CallContext,
  ): Promise<CachedPart<CostAndUsageAnswer>> {
    return this.cached('GetCostAndUsage', input, COST_AND_USAGE, () => this.allPages(input), context);
  }

  /** Every page, sending the same parameters each time with only NextPageToken added. */
  private async allPages(input: GetCostAndUsageCommandInput): Promise<CostAndUsageAnswer> {
    const pages: CostAndUsageAnswer['pages'] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const pageInput: GetCostAndUsageCommandInput = token === undefined ? input : { ...input, NextPageToken: token };
      const output = await this.sendAndCount(() => this.client.send(new GetCostAndUsageCommand(pageInput)));
      const checked = await checkCostAndUsagePage(output);
      if (!checked.ok) throw badResponse('GetCostAndUsage', checked.issue);
      const { NextPageToken: next, ...page } = checked.page;
      // Checked before anything is cached: every group must carry every metric asked for.
      for (const bucket of page.ResultsByTime ?? []) {
        for (const group of bucket.Groups ?? []) {
          const missing = (input.Metrics ?? []).find((metric) => !group.Metrics[metric]);
          if (missing) throw badResponse('GetCostAndUsage', `a group has no ${missing}`);
        }
      }
      pages.push(page);
      token = next === '' ? undefined : next;
      if (token !== undefined) {
        if (seen.has(token)) throw badResponse('GetCostAndUsage', 'the same page token came back twice');
        if (pages.length >= this.maxPages) {
          throw badResponse('GetCostAndUsage', `more than ${this.maxPages} pages; ask for a shorter period`);
        }
        seen.add(token);
      }
    } while (token !== undefined);
    return { pages };
  }

  private async sendAndCount<T extends { $metadata?: { attempts?: number } }>(send: () => Promise<T>): Promise<T> {
    try {
      const output = await send();
      await this.count(output.$metadata?.attempts ?? 1);
      return output;
    } catch (error) {
      if (!neverSent(error))
        await this.count((error as { $metadata?: { attempts?: number } })?.$metadata?.attempts ?? 1);
      throw error;
    }
  }

  /** Counts requests sent; a store that cannot take the count never costs the answer (or hides a failure). */
  private async count(attempts: number): Promise<void> {
    try {
      await this.store.countRequests(COST_EXPLORER_SERVICE, this.now(), attempts);
    } catch (error) {
      this.logger.warn(`Cost Explorer: ${attempts} request(s) could not be counted in the store:`, error);
    }
  }

  /**
   * Fresh cache → cached answer, no request. Otherwise ask; on failure fall back to any cached answer
   * (however old), labelled stale, or throw the failure as a SourceError. The answer was paid for,
   * so a store that cannot keep it only costs the next ask.
   */
  cached<V>(
    operation: CostExplorerOperation,
    input: object,
    form: CachedForm<V>,
    load: () => Promise<V>,
    context: CallContext,
    maxAgeMs = this.cacheTtlMs,
  ): Promise<CachedPart<V>> {
    return staleOnError({
      store: this.store,
      key: costExplorerCacheKey(operation, input),
      now: this.now,
      maxAgeMs,
      read: form.read,
      ...(form.stored ? { stored: form.stored } : {}),
      fetch: load,
      memory: this.recent,
      failure: (error) => costExplorerError(error, operation),
      failedBefore: context.failure,
      onFailure: (failure) => {
        context.failure = failure;
      },
      warn: (failed, error) =>
        this.logger.warn(
          failed === 'read'
            ? `Cost Explorer cache: could not read ${operation}; asking Cost Explorer:`
            : `Cost Explorer cache: could not store the ${operation} answer (the next ask pays again):`,
          error,
        ),
    });
  }
}
