import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import pRetry from 'p-retry';
import type { z } from 'zod';
import { nextTurn } from '../../loop-turns';
import type { Store } from '../../store/store';
import { SourceError } from '../source-error';
import {
  AttemptFailure,
  classifyFailure,
  type FailureContext,
  failureToSourceError,
  headerValue,
  seconds,
  unexpectedFailure,
} from './heroku-api-errors';
import { herokuGet } from './heroku-client-request';
import { herokuAgent, type TrustedCertificates } from './heroku-connection';
import { AdaptiveLimit, concurrencyFor } from './rate-limit-concurrency';
import type { RequestBudget } from './request-budget';

/**
 * A careful client over `heroku-client` (https://github.com/heroku/node-heroku-client), which on its own follows Next-Range
 * without limit, never retries 429 or 5xx, hangs forever when a connection drops mid-body,
 * silently resends a request up to 4 times (1, 2, 4, 8 s apart) when the connection fails before
 * any response, and shows response headers only through its `middleware` hook. This wrapper:
 *
 * - pages itself (`partial: true`, Range/Next-Range), so a failure on page 7 retries page 7 only;
 * - retries 429, 5xx, timeouts and dropped connections with bounded, jittered exponential backoff
 *   (p-retry), honouring Retry-After;
 * - reads RateLimit-Remaining from every response and, when it runs low, spaces requests at the
 *   pool's refill rate (Heroku refills about 75 tokens a minute);
 * - sends everything through one keep-alive connection pool (heroku-connection.ts), and runs as
 *   many requests at once as the remaining rate-limit pool allows (rate-limit-concurrency.ts);
 * - times every attempt out, counts every attempt in the store, and keeps each operation inside a
 *   request budget;
 * - turns every failure into a SourceError whose message never contains the token.
 */
export interface HerokuApiOptions {
  /** HEROKU_API_TOKEN; unset only with `anonymous`. */
  token?: string;
  /**
   * No token: requests go without an Authorization header. Only the endpoints under
   * /addon-services answer that way ("can be accessed without authentication", Platform API schema).
   */
  anonymous?: boolean;
  /** HEROKU_API_URL. */
  host?: string;
  /** Most requests in flight at once, while the rate-limit pool is well filled. Default 32. */
  concurrency?: number;
  /** SSL_CERT_FILE / SSL_CERT_DIR: certificates trusted besides Node's own CAs. */
  trust?: TrustedCertificates;
  /** Attempts per request, including the first. Default 4. */
  maxAttempts?: number;
  /** Backoff before retry n: min(maxMs, baseMs × 2^(n-1)) plus up to baseMs of jitter. Default 500 ms / 20 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** A Retry-After longer than this is not waited for: the request fails as throttled. Default 60 s. */
  maxRetryAfterMs?: number;
  /**
   * Per-attempt deadline (Heroku's router gives up at 30 s). Default 30 s. As a function, each path
   * gets its own: a fault test gives only the request it holds a short deadline, so the requests
   * meant to succeed are not cut off by a loaded machine.
   */
  timeoutMs?: number | ((path: string) => number);
  /** Page size asked for in Range (`max`), 1..1000. Default 1000. */
  pageSize?: number;
  /** Below this many remaining rate-limit tokens, requests are spaced at the refill rate. Default 100. */
  rateLimitReserve?: number;
  /** Time for the pool to refill one token. Default 800 ms (75 a minute). */
  msPerToken?: number;
  /** Injected waiting; tests pass one that returns at once. */
  /** Waits `ms`; resolves early when `signal` aborts (the operation was abandoned). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => Date;
  /** Counts each attempt (`countRequests('heroku', now)`). */
  store?: Pick<Store, 'countRequests'>;
  /** Randomness for jitter, 0 <= x < 1. */
  random?: () => number;
}

export interface ApiStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  throttled: number;
  /** Waits made because RateLimit-Remaining was low. */
  paced: number;
}

interface RawResponse {
  body: unknown;
  status: number;
  nextRange?: string;
}

const DEFAULTS = {
  host: 'https://api.heroku.com',
  concurrency: 32,
  maxAttempts: 4,
  baseMs: 500,
  maxMs: 20_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 30_000,
  pageSize: 1000,
  rateLimitReserve: 100,
  msPerToken: 800,
};

const deadlinePerPath = (timeoutMs: number | ((path: string) => number)) =>
  typeof timeoutMs === 'number' ? () => timeoutMs : timeoutMs;

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export class HerokuApi {
  readonly host: string;
  readonly pageSize: number;
  readonly stats: ApiStats = { requests: 0, retries: 0, throttled: 0, paced: 0 };
  /** The last RateLimit-Remaining Heroku sent, less requests sent since. */
  rateLimitRemaining: number | undefined;

  private readonly token: string | undefined;
  private readonly limit: AdaptiveLimit;
  private readonly trust: TrustedCertificates;
  private readonly secrets: string[];
  private readonly options: Required<
    Omit<HerokuApiOptions, 'store' | 'backoff' | 'token' | 'anonymous' | 'host' | 'trust' | 'timeoutMs'>
  > & {
    timeoutMs: (path: string) => number;
    baseMs: number;
    maxMs: number;
  };
  private readonly store?: Pick<Store, 'countRequests'>;
  private paceChain: Promise<void> = Promise.resolve();

  constructor(options: HerokuApiOptions) {
    if (!options.token && !options.anonymous) {
      throw new SourceError('heroku', 'not-configured', 'HEROKU_API_TOKEN is not set.');
    }
    this.host = (options.host ?? DEFAULTS.host).replace(/\/+$/, '');
    this.pageSize = options.pageSize ?? DEFAULTS.pageSize;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 1000) {
      throw new RangeError('Heroku page size must be 1..1000 (the API maximum)');
    }
    this.options = {
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts),
      baseMs: options.backoff?.baseMs ?? DEFAULTS.baseMs,
      maxMs: options.backoff?.maxMs ?? DEFAULTS.maxMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
      timeoutMs: deadlinePerPath(options.timeoutMs ?? DEFAULTS.timeoutMs),
      pageSize: this.pageSize,
      rateLimitReserve: options.rateLimitReserve ?? DEFAULTS.rateLimitReserve,
      msPerToken: options.msPerToken ?? DEFAULTS.msPerToken,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
    };
    this.store = options.store;
    const { concurrency: max, rateLimitReserve: reserve } = this.options;
    this.limit = new AdaptiveLimit(() => concurrencyFor(this.rateLimitRemaining, { max, reserve }));
    this.trust = options.trust ?? {};
    // Anything that could echo the credential back: the token and the Basic value heroku-client builds.
    this.secrets = options.token ? [options.token, Buffer.from(`:${options.token}`).toString('base64')] : [];
    this.token = options.token;
  }

  /** GET a single resource and check its shape. */
  async get<T>(path: string, schema: z.ZodType<T>, budget: RequestBudget, range?: string): Promise<T> {
    const response = await this.request(path, budget, range ?? `id ..; max=${this.pageSize}`);
    await nextTurn();
    return this.parse(path, schema, response.body);
  }

  /**
   * GET every page of a list. Each page is its own request with its own retries, so a failure
   * midway neither restarts the listing nor loses or repeats items. `rangeField` must be one the
   * endpoint sorts by (`id` for most, `email` for team members).
   */
  async list<T>(path: string, itemSchema: z.ZodType<T>, budget: RequestBudget, rangeField = 'id'): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let range = `${rangeField} ..; max=${this.pageSize}`;
    for (;;) {
      seen.add(range);
      const response = await this.request(path, budget, range);
      // Answers arriving together (32 at once in a large inventory) are checked a turn each.
      await nextTurn();
      if (!Array.isArray(response.body)) {
        throw new SourceError(
          'heroku',
          'bad-response',
          `Heroku answered GET ${path} with something other than a list.`,
        );
      }
      for (const item of response.body) items.push(this.parse(path, itemSchema, item));
      if (!response.nextRange) return items;
      if (seen.has(response.nextRange)) {
        throw new SourceError(
          'heroku',
          'bad-response',
          `Heroku's paging for GET ${path} went in a circle (Next-Range repeated); stopped after ${items.length} items.`,
        );
      }
      range = response.nextRange;
    }
  }

  private parse<T>(path: string, schema: z.ZodType<T>, value: unknown): T {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the body';
    throw new SourceError(
      'heroku',
      'bad-response',
      `Heroku answered GET ${path} with an unexpected shape (${where}: ${issue?.message ?? 'invalid'}).`,
    );
  }

  /** One logical request: paced, limited, retried. */
  private request(path: string, budget: RequestBudget, range: string): Promise<RawResponse> {
    return this.limit.run(async () => {
      try {
        return await pRetry(
          async () => {
            await this.pace();
            return this.attempt(path, budget, range);
          },
          {
            retries: this.options.maxAttempts - 1,
            // Waiting is done in onFailedAttempt, through the injected sleep.
            minTimeout: 0,
            maxTimeout: 0,
            factor: 1,
            randomize: false,
            onFailedAttempt: async (error) => {
              if (error instanceof SourceError) throw error;
              if (!(error instanceof AttemptFailure)) throw this.unexpected(path, error);
              const attempts = error.attemptNumber;
              if (!error.retryable || error.retriesLeft === 0) throw this.toSourceError(path, error, attempts);
              if (error.retryAfterMs !== undefined && error.retryAfterMs > this.options.maxRetryAfterMs) {
                throw this.toSourceError(path, error, attempts);
              }
              this.stats.retries += 1;
              // Woken when the operation is abandoned: the next attempt then stops at the budget.
              await this.options.sleep(this.delayBeforeRetry(error, attempts), budget.signal);
            },
          },
        );
      } catch (error) {
        if (error instanceof SourceError) throw error;
        throw this.unexpected(path, error);
      }
    });
  }

  private delayBeforeRetry(failure: AttemptFailure, attempt: number): number {
    if (failure.retryAfterMs !== undefined) return Math.max(0, failure.retryAfterMs);
    const { baseMs, maxMs, msPerToken } = this.options;
    const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) + Math.floor(this.options.random() * baseMs);
    // Out of tokens: at least one token must have come back before trying again.
    return failure.status === 429 ? Math.max(exponential, msPerToken) : exponential;
  }

  /** Spaces requests at the refill rate while the rate-limit pool is nearly empty. */
  private async pace(): Promise<void> {
    const remaining = this.rateLimitRemaining;
    if (remaining === undefined || remaining > this.options.rateLimitReserve) return;
    this.stats.paced += 1;
    const turn = this.paceChain.then(() => this.options.sleep(this.options.msPerToken));
    this.paceChain = turn.catch(() => {});
    await turn;
  }

  private observeRateLimit(headers: IncomingHttpHeaders): void {
    const value = Number(headerValue(headers, 'ratelimit-remaining'));
    if (headerValue(headers, 'ratelimit-remaining') !== undefined && Number.isFinite(value)) {
      this.rateLimitRemaining = value;
    }
  }

  private async attempt(path: string, budget: RequestBudget, range: string): Promise<RawResponse> {
    // Requests freed together (as answers arrive) are counted and sent a turn each.
    await nextTurn();
    budget.take(path);
    this.stats.requests += 1;
    if (this.rateLimitRemaining !== undefined) this.rateLimitRemaining -= 1;
    await this.store?.countRequests('heroku', this.options.now());

    const { concurrency } = this.options;
    const timeoutMs = this.options.timeoutMs(path);
    const agent = await herokuAgent(this.host, this.trust, concurrency);
    return new Promise<RawResponse>((resolve, reject) => {
      let status: number | undefined;
      let headers: IncomingHttpHeaders = {};
      let sent: ClientRequest | undefined;
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        action();
      };
      // Our own deadline, not heroku-client's `timeout` (that one rejects with a bare Error). The
      // request is destroyed so its pooled connection is not held by an answer nobody waits for.
      const deadline = setTimeout(() => {
        settle(() => reject(new AttemptFailure('timeout', true, `did not answer within ${seconds(timeoutMs)}`)));
        sent?.destroy();
      }, timeoutMs);
      const dropped = () =>
        settle(() =>
          reject(new AttemptFailure('unavailable', true, 'dropped the connection before the response was complete')),
        );
      herokuGet({
        token: this.token,
        host: this.host,
        path,
        range,
        userAgent: 'hosting-advisor',
        agent,
        onRequest: (req) => {
          sent = req;
        },
        onResponse: (res: IncomingMessage) => {
          status = res.statusCode;
          headers = res.headers;
          this.observeRateLimit(res.headers);
          // heroku-client never settles when the body is cut off; these make sure we do.
          res.once('aborted', dropped);
          res.once('error', dropped);
        },
      }).then(
        (body: unknown) => {
          const nextRange = headerValue(headers, 'next-range');
          settle(() => resolve({ body, status: status ?? 200, ...(nextRange ? { nextRange } : {}) }));
        },
        (error: unknown) => settle(() => reject(this.classify(error, headers, path))),
      );
    });
  }
  /** The failure context of a request to `path`: the client's clock, its deadline and redaction. */
  private failureContext(path: string): FailureContext {
    return { now: this.options.now, timeoutMs: this.options.timeoutMs(path), redact: (text) => this.redact(text) };
  }

  private classify(error: unknown, headers: IncomingHttpHeaders, path: string): AttemptFailure {
    const failure = classifyFailure(error, headers, this.failureContext(path));
    if (failure.status === 429) {
      this.stats.throttled += 1;
      this.rateLimitRemaining = 0;
    }
    return failure;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }

  private toSourceError(path: string, failure: AttemptFailure, attempts: number): SourceError {
    return failureToSourceError(path, failure, attempts, this.failureContext(path));
  }

  private unexpected(path: string, error: unknown): SourceError {
    return unexpectedFailure(path, error, (text) => this.redact(text));
  }
}
