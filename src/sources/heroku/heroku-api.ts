import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import pRetry from 'p-retry';
import type { z } from 'zod';
import type { Store } from '../../store/store';
import { SourceError, type SourceErrorKind } from '../source-error';
import { herokuGet } from './heroku-client-request';
import { herokuAgent, type TrustedCertificates } from './heroku-connection';
import { AdaptiveLimit, concurrencyFor } from './rate-limit-concurrency';

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
  /** Per-attempt deadline (Heroku's router gives up at 30 s). Default 30 s. */
  timeoutMs?: number;
  /** Page size asked for in Range (`max`), 1..1000. Default 1000. */
  pageSize?: number;
  /** Below this many remaining rate-limit tokens, requests are spaced at the refill rate. Default 100. */
  rateLimitReserve?: number;
  /** Time for the pool to refill one token. Default 800 ms (75 a minute). */
  msPerToken?: number;
  /** Injected waiting; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Counts each attempt (`countRequests('heroku', now)`). */
  store?: Pick<Store, 'countRequests'>;
  /** Randomness for jitter, 0 <= x < 1. */
  random?: () => number;
}

/** How many requests one operation (an inventory, an invoice listing…) may make. */
export class RequestBudget {
  used = 0;
  private cancelled = false;

  constructor(
    readonly limit: number,
    /** What the budget is for, in words: `a Heroku inventory`. */
    readonly purpose: string,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('request budget must be a positive integer');
  }

  get remaining(): number {
    return this.limit - this.used;
  }

  /** Fails before any request is spent when an operation is known to need more than is left. */
  ensure(needed: number, why: string): void {
    if (needed <= this.remaining) return;
    throw new SourceError(
      'heroku',
      'throttled',
      `${capitalise(this.purpose)} would need about ${formatCount(this.used + needed)} Heroku API requests (${why}), ` +
        `more than its budget of ${formatCount(this.limit)}. Nothing more was requested. ` +
        'Limit it to fewer teams with HEROKU_TEAMS, or raise the Heroku request budget.',
    );
  }

  /** Once the operation has failed, requests still queued are not sent (they would only cost tokens). */
  cancel(): void {
    this.cancelled = true;
  }

  /** Runs an operation under this budget; when it fails, whatever it still had queued is dropped. */
  async run<T>(operation: (budget: this) => Promise<T>): Promise<T> {
    try {
      return await operation(this);
    } catch (error) {
      this.cancel();
      throw error;
    }
  }

  take(path: string): void {
    if (this.cancelled) {
      throw new SourceError(
        'heroku',
        'unavailable',
        `${capitalise(this.purpose)} was abandoned after an earlier failure.`,
      );
    }
    if (this.used >= this.limit) {
      throw new SourceError(
        'heroku',
        'throttled',
        `${capitalise(this.purpose)} stopped at its budget of ${formatCount(this.limit)} Heroku API requests ` +
          `(next was GET ${path}). Limit it to fewer teams with HEROKU_TEAMS, or raise the Heroku request budget.`,
      );
    }
    this.used += 1;
  }
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

/** Why one attempt failed, before deciding whether to try again. */
class AttemptFailure extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    readonly retryable: boolean,
    /** One clause for the final message: `answered 503`, `did not answer within 30 s`. */
    readonly what: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** Heroku's own error id and message, already redacted. */
    readonly heroku?: string,
  ) {
    super(what);
  }
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

export const HEROKU_RATE_LIMIT_WORDS =
  'each Heroku account gets 4,500 API requests, refilled at about 75 a minute, shared by every tool using it';

const formatCount = (n: number) => n.toLocaleString('en-US');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

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
    Omit<HerokuApiOptions, 'store' | 'backoff' | 'token' | 'anonymous' | 'host' | 'trust'>
  > & {
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
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
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
              await this.options.sleep(this.delayBeforeRetry(error, attempts));
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
    budget.take(path);
    this.stats.requests += 1;
    if (this.rateLimitRemaining !== undefined) this.rateLimitRemaining -= 1;
    await this.store?.countRequests('heroku', this.options.now());

    const { timeoutMs, concurrency } = this.options;
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
        (error: unknown) => settle(() => reject(this.classify(error, headers))),
      );
    });
  }

  private classify(error: unknown, headers: IncomingHttpHeaders): AttemptFailure {
    const err = error as { statusCode?: unknown; body?: unknown; code?: unknown; message?: unknown };
    if (typeof err?.statusCode === 'number') {
      const status = err.statusCode;
      const heroku = this.herokuSays(err.body);
      if (status === 429) {
        this.stats.throttled += 1;
        this.rateLimitRemaining = 0;
        return new AttemptFailure('throttled', true, 'answered 429', status, this.retryAfter(headers), heroku);
      }
      if (status === 401) return new AttemptFailure('auth', false, 'answered 401', status, undefined, heroku);
      if (status === 403) return new AttemptFailure('permission', false, 'answered 403', status, undefined, heroku);
      if (status === 404) return new AttemptFailure('not-found', false, 'answered 404', status, undefined, heroku);
      // Not Heroku's JSON but a web page (its router's or a proxy's): said as such, not as unreadable data.
      const answered =
        heroku || isJson(err.body) ? `answered ${status}` : `answered with an error page (HTTP ${status})`;
      if (status >= 500) {
        return new AttemptFailure('unavailable', true, answered, status, this.retryAfter(headers), heroku);
      }
      return new AttemptFailure('bad-response', false, answered, status, undefined, heroku);
    }
    if (error instanceof SyntaxError) {
      return new AttemptFailure('bad-response', false, 'sent a response that is not valid JSON');
    }
    const message = typeof err?.message === 'string' ? err.message : '';
    if (message.startsWith('Request took longer than')) {
      return new AttemptFailure('timeout', true, `did not answer within ${seconds(this.options.timeoutMs)}`);
    }
    const code = typeof err?.code === 'string' ? err.code : undefined;
    return new AttemptFailure('unavailable', true, code ? `could not be reached (${code})` : 'could not be reached');
  }

  private retryAfter(headers: IncomingHttpHeaders): number | undefined {
    const value = headerValue(headers, 'retry-after');
    if (!value) return undefined;
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - this.options.now().getTime());
  }

  /** Heroku's `{id, message}` error body, shortened and with anything secret removed. */
  private herokuSays(body: unknown): string | undefined {
    if (typeof body !== 'object' || body === null) return undefined;
    const { id, message } = body as { id?: unknown; message?: unknown };
    const parts = [typeof id === 'string' ? id : undefined, typeof message === 'string' ? message : undefined];
    const text = parts.filter(Boolean).join(': ');
    return text ? this.redact(text.slice(0, 200)) : undefined;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }

  private toSourceError(path: string, failure: AttemptFailure, attempts: number): SourceError {
    const request = `GET ${path}`;
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    const said = failure.heroku ? ` Heroku said: "${failure.heroku}".` : '';
    let message: string;
    switch (failure.kind) {
      case 'auth':
        message =
          'Heroku rejected HEROKU_API_TOKEN (revoked or expired): it answered 401 Unauthorized. ' +
          'Create a long-lived token with `heroku authorizations:create` and set HEROKU_API_TOKEN to it.';
        break;
      case 'permission':
        message =
          `Heroku refused ${request} (403 Forbidden): the account behind HEROKU_API_TOKEN may not see this.${said} ` +
          'Use a token of a team admin, or one with a wider scope (`heroku authorizations:create --scope global`).';
        break;
      case 'not-found':
        message = `Heroku has nothing at ${request} (404 Not Found).${said}`;
        break;
      case 'throttled': {
        const wait = failure.retryAfterMs;
        const when =
          wait !== undefined
            ? `Heroku asked to wait ${seconds(wait)}: try again after ${clock(new Date(this.options.now().getTime() + wait))}.`
            : 'Try again in a minute or two, when the pool has refilled.';
        message = `Heroku's API rate limit was reached on ${request}${tries} (${HEROKU_RATE_LIMIT_WORDS}). ${when}`;
        break;
      }
      case 'unavailable':
        message =
          `Heroku's API ${failure.what} for ${request}${tries}.${said} ` +
          'It may be having trouble (see status.heroku.com); try again in a few minutes.';
        break;
      case 'timeout':
        message = `Heroku's API ${failure.what} for ${request}${tries}. Try again in a few minutes.`;
        break;
      default:
        message = `Heroku's API ${failure.what} for ${request}, which this app does not understand.${said}`;
    }
    return new SourceError('heroku', failure.kind, this.redact(message), {
      cause: { status: failure.status, what: failure.what },
    });
  }

  private unexpected(path: string, error: unknown): SourceError {
    const detail = error instanceof Error ? error.message : String(error);
    return new SourceError(
      'heroku',
      'unavailable',
      this.redact(`Calling Heroku's API (GET ${path}) failed: ${detail}`),
    );
  }
}

/** heroku-client gives a parsed JSON error body, or the raw bytes when they were not JSON. */
function isJson(body: unknown): boolean {
  return body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}
