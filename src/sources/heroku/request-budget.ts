import { SourceError } from '../source-error';

/** How many requests one operation (an inventory, a compliance check…) may make. */
export class RequestBudget {
  used = 0;
  private cancelled = false;
  private readonly abandoned = new AbortController();

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
    this.abandoned.abort();
  }

  /**
   * Aborted with `cancel`: a request waiting to retry stops waiting then. Its wait (up to 20 s of
   * back-off) would otherwise outlive the failed operation, holding a process that has answered open.
   */
  get signal(): AbortSignal {
    return this.abandoned.signal;
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

const formatCount = (n: number) => n.toLocaleString('en-US');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
