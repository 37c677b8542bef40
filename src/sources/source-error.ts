import { redact } from '../core/redaction';

/**
 * A failure talking to AWS or Heroku, already translated into words a user can act on.
 * Sources throw only this; listeners show `message` as it is: it is cleaned of secrets exactly as a
 * log line is, since upstream text (a ValidationException) can quote what it was sent.
 */
export type SourceErrorKind =
  | 'not-configured'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'bad-response';

export type SourceName = 'aws' | 'heroku';

export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly source: SourceName,
    readonly kind: SourceErrorKind,
    /** Plain words: what failed and how to fix it. */
    message: string,
    options?: { cause?: unknown },
  ) {
    super(forPeople(message), options);
  }
}

/**
 * The secrets this process was configured with (`configSecrets` in src/config.ts), remembered at
 * start by the bot and the CLI. Kept here, not passed around, because errors are made deep inside
 * the sources; a set that only grows, so a secret once known is never shown.
 */
const configuredSecrets = new Set<string>();

export function rememberSecrets(secrets: readonly string[]): void {
  for (const secret of secrets) if (secret) configuredSecrets.add(secret);
}

/** What `rememberSecrets` was given: a process the bot starts (src/digest-process.ts) hides the same. */
export function rememberedSecrets(): string[] {
  return [...configuredSecrets];
}

/** Text about a failure, made fit to show a person: the same redaction as the logs. */
function forPeople(text: string): string {
  return redact(text, configuredSecrets);
}

/** An error's message for a person (a SourceError's is clean already; anything else is cleaned). */
export function errorText(error: unknown): string {
  return forPeople(error instanceof Error ? error.message : String(error));
}

/**
 * An upstream that answered with a web page (its own 5xx page, a load balancer's or a proxy's)
 * where data was expected: plain words, not the parser's complaint about `<html>`.
 */
export function errorPageWords(service: string, status: number, attempts = ''): string {
  return `${service} answered with an error page (HTTP ${status})${attempts} instead of data`;
}

/** errorPageWords and what to do about it. */
export function errorPageText(service: string, status: number, attempts = ''): string {
  const page = errorPageWords(service, status, attempts);
  return status >= 500 || status === 429
    ? `${page}; try again in a few minutes.`
    : `${page}; if it persists, check the address the bot calls and any proxy on the way.`;
}

/** Fresh data, or stale data labelled with when it was fetched and why it could not be refreshed. */
export interface Fetched<T> {
  value: T;
  asOf: Date;
  fromCache: boolean;
  /** Set when fresh data could not be had and this is older, cached data. */
  staleBecause?: SourceError;
}
