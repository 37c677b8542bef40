import type { IncomingHttpHeaders } from 'node:http';
import { SourceError, type SourceErrorKind } from '../source-error';

/** How a failed Heroku request is classified (retry or not) and put into words (heroku-api.ts sends). */

const HEROKU_RATE_LIMIT_WORDS =
  'each Heroku account gets 4,500 API requests, refilled at about 75 a minute, shared by every tool using it';

/** Why one attempt failed, before deciding whether to try again. */
export class AttemptFailure extends Error {
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

/** What classifying and wording a failure needs from the client: its clock, deadline and redaction. */
export interface FailureContext {
  now: () => Date;
  timeoutMs: number;
  redact: (text: string) => string;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One failed attempt (heroku-client's rejection and the response headers) as an AttemptFailure. */
export function classifyFailure(error: unknown, headers: IncomingHttpHeaders, context: FailureContext): AttemptFailure {
  const err = error as { statusCode?: unknown; body?: unknown; code?: unknown; message?: unknown };
  if (typeof err?.statusCode === 'number') {
    const status = err.statusCode;
    const heroku = herokuSays(err.body, context.redact);
    if (status === 429) {
      return new AttemptFailure('throttled', true, 'answered 429', status, retryAfter(headers, context.now), heroku);
    }
    if (status === 401) return new AttemptFailure('auth', false, 'answered 401', status, undefined, heroku);
    if (status === 403) return new AttemptFailure('permission', false, 'answered 403', status, undefined, heroku);
    if (status === 404) return new AttemptFailure('not-found', false, 'answered 404', status, undefined, heroku);
    // Not Heroku's JSON but a web page (its router's or a proxy's): said as such, not as unreadable data.
    const answered = heroku || isJson(err.body) ? `answered ${status}` : `answered with an error page (HTTP ${status})`;
    if (status >= 500) {
      return new AttemptFailure('unavailable', true, answered, status, retryAfter(headers, context.now), heroku);
    }
    return new AttemptFailure('bad-response', false, answered, status, undefined, heroku);
  }
  if (error instanceof SyntaxError) {
    return new AttemptFailure('bad-response', false, 'sent a response that is not valid JSON');
  }
  const message = typeof err?.message === 'string' ? err.message : '';
  if (message.startsWith('Request took longer than')) {
    return new AttemptFailure('timeout', true, `did not answer within ${seconds(context.timeoutMs)}`);
  }
  const code = typeof err?.code === 'string' ? err.code : undefined;
  return new AttemptFailure('unavailable', true, code ? `could not be reached (${code})` : 'could not be reached');
}

function retryAfter(headers: IncomingHttpHeaders, now: () => Date): number | undefined {
  const value = headerValue(headers, 'retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now().getTime());
}

/** Heroku's `{id, message}` error body, shortened and with anything secret removed. */
function herokuSays(body: unknown, redact: (text: string) => string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id, message } = body as { id?: unknown; message?: unknown };
  const parts = [typeof id === 'string' ? id : undefined, typeof message === 'string' ? message : undefined];
  const text = parts.filter(Boolean).join(': ');
  return text ? redact(text.slice(0, 200)) : undefined;
}

/** The final failure of a request, in words that say what to do. */
export function failureToSourceError(
  path: string,
  failure: AttemptFailure,
  attempts: number,
  context: FailureContext,
): SourceError {
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
          ? `Heroku asked to wait ${seconds(wait)}: try again after ${clock(new Date(context.now().getTime() + wait))}.`
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
  return new SourceError('heroku', failure.kind, context.redact(message), {
    cause: { status: failure.status, what: failure.what },
  });
}

/** Anything else that went wrong calling Heroku, cleaned of secrets. */
export function unexpectedFailure(path: string, error: unknown, redact: (text: string) => string): SourceError {
  const detail = error instanceof Error ? error.message : String(error);
  return new SourceError('heroku', 'unavailable', redact(`Calling Heroku's API (GET ${path}) failed: ${detail}`));
}

/** heroku-client gives a parsed JSON error body, or the raw bytes when they were not JSON. */
function isJson(body: unknown): boolean {
  return body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body);
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}
