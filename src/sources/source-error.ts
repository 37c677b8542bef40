/**
 * A failure talking to AWS or Heroku, already translated into words a user can act on.
 * Sources throw only this; listeners show `message` as it is (it never holds a secret).
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
    super(message, options);
  }
}

/** Fresh data, or stale data labelled with when it was fetched and why it could not be refreshed. */
export interface Fetched<T> {
  value: T;
  asOf: Date;
  fromCache: boolean;
  /** Set when fresh data could not be had and this is older, cached data. */
  staleBecause?: SourceError;
}
