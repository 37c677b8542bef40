/**
 * Refreshing live prices, off the request path: a timer at PRICES_SCHEDULE (default daily, 04:00
 * UTC) refreshes Heroku's prices each day and AWS's once a week; `/hosting prices refresh` and the
 * CLI refresh both at once. Each refresh is stored whole, compared with the set in use by the price
 * guard, and either used or held aside; leads hear about held sets and about passing changes once.
 */
import type { Logger } from '@slack/bolt';
import type { ScheduledTask } from 'node-cron';
import { type PriceSet, type PriceSetReview, type PriceVendor, reviewPriceSet, VENDOR_NAMES } from '../core/pricing';
import type { PriceBook } from '../price-book';
import { SourceError } from '../sources/source-error';
import type { Store } from '../store/store';
import { armCronTimer } from './cron-timer';

/** Reads one vendor's whole price set, or throws a SourceError. */
export type PriceReader = (signal: AbortSignal) => Promise<{ set: PriceSet; notes?: string[] }>;

export interface PriceReaders {
  aws?: PriceReader;
  heroku?: PriceReader;
}

export const HEROKU_REFRESH_EVERY_MS = 20 * 60 * 60_000;
export const AWS_REFRESH_EVERY_MS = 7 * 24 * 60 * 60_000 - 4 * 60 * 60_000;

export interface RefreshOutcome {
  vendor: PriceVendor;
  region: string;
  status: 'used' | 'held' | 'failed' | 'not-configured';
  /** Plain words: why held or failed, notes on a used set, or how to turn it on. */
  detail: string;
  review?: PriceSetReview;
}

export interface PriceRefresherOptions {
  store: Store;
  book: PriceBook;
  readers: PriceReaders;
  now: () => Date;
  /** Direct messages to the leads; unset in the CLI, which prints instead. */
  tellLeads?: (text: string) => Promise<void>;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const NOT_CONFIGURED: Record<PriceVendor, string> = {
  aws: 'no AWS credentials: AWS prices come from the bundled list (us-east-1). Set AWS credentials allowed pricing:GetProducts to use the AWS Price List.',
  heroku:
    'no HEROKU_API_TOKEN: Heroku prices come from the bundled list. Set HEROKU_API_TOKEN to read them from the Heroku Platform API.',
};

const CHANGES_SHOWN = 10;

function changeLines(review: PriceSetReview): string {
  const shown = review.changes
    .slice(0, CHANGES_SHOWN)
    .map((c) => `• ${c.key}: ${c.from ?? 'contract'} → ${c.to ?? 'contract'}`);
  const more = review.changes.length > CHANGES_SHOWN ? [`…and ${review.changes.length - CHANGES_SHOWN} more`] : [];
  return [...shown, ...more].join('\n');
}

export class PriceRefresher {
  private task?: ScheduledTask;
  private running: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(private readonly options: PriceRefresherOptions) {}

  /** Refreshes the named vendors now, one after the other. Never throws for a vendor's failure. */
  refresh(vendors: readonly PriceVendor[] = ['heroku', 'aws']): Promise<RefreshOutcome[]> {
    const next = this.running.then(async () => {
      const outcomes: RefreshOutcome[] = [];
      for (const vendor of vendors) {
        if (this.stopping.signal.aborted) break;
        outcomes.push(await this.refreshOne(vendor));
      }
      await this.options.book.reload();
      return outcomes;
    });
    this.running = next.catch(() => {});
    return next;
  }

  /** What the timer runs: Heroku when its last refresh is a day old, AWS when a week old. */
  async refreshDue(): Promise<RefreshOutcome[]> {
    const now = this.options.now().getTime();
    const due: PriceVendor[] = [];
    for (const [vendor, every] of [
      ['heroku', HEROKU_REFRESH_EVERY_MS],
      ['aws', AWS_REFRESH_EVERY_MS],
    ] as const) {
      if (!this.options.readers[vendor]) continue;
      const last = await this.options.store.latestPriceRefresh(vendor, this.regionOf(vendor));
      // A failed refresh is tried again at the next run; a used or held one waits its turn.
      if (!last || last.status === 'failed' || now - last.at.getTime() >= every) due.push(vendor);
    }
    return due.length > 0 ? this.refresh(due) : [];
  }

  /** Loads the stored sets, then arms the timer and runs what is due, in the background. */
  async start(schedule: string): Promise<void> {
    await this.options.book.reload();
    this.task = armCronTimer('price-refresh', schedule, () => this.runDue());
    void this.runDue();
  }

  /** Stops the timer and abandons a refresh under way: it stores nothing. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    this.stopping.abort();
    await this.running;
  }

  private runDue(): Promise<void> {
    return this.refreshDue().then(
      (outcomes) => {
        for (const o of outcomes) this.options.logger?.info(`price refresh ${o.vendor} ${o.region}: ${o.status}`);
      },
      (error: unknown) => this.options.logger?.error('the price refresh failed:', error),
    );
  }

  private regionOf(vendor: PriceVendor): string {
    return vendor === 'aws' ? this.options.book.region : 'global';
  }

  private async refreshOne(vendor: PriceVendor): Promise<RefreshOutcome> {
    const { store, now } = this.options;
    const region = this.regionOf(vendor);
    const reader = this.options.readers[vendor];
    if (!reader) return { vendor, region, status: 'not-configured', detail: NOT_CONFIGURED[vendor] };
    // Refreshes are keyed by time: never reuse the last one's instant (a stopped clock, a fast retry).
    const latest = await store.latestPriceRefresh(vendor, region);
    const at = latest && latest.at >= now() ? new Date(latest.at.getTime() + 1) : now();
    let read: Awaited<ReturnType<PriceReader>>;
    try {
      read = await reader(this.stopping.signal);
    } catch (error) {
      if (this.stopping.signal.aborted)
        return { vendor, region, status: 'failed', detail: 'the bot stopped during the refresh' };
      const detail =
        error instanceof SourceError
          ? error.message
          : `${VENDOR_NAMES[vendor]} refresh failed unexpectedly; the prices in use were kept.`;
      if (!(error instanceof SourceError)) this.options.logger?.error(`price refresh ${vendor}:`, error);
      await store.putPriceRefresh({ vendor, region, at, status: 'failed', detail });
      return { vendor, region, status: 'failed', detail };
    }
    const previous = await store.latestPriceRefresh(vendor, region, 'used');
    const review = reviewPriceSet(previous?.set, read.set);
    const status = review.verdict === 'use' ? 'used' : 'held';
    const detail = status === 'held' ? review.reasons.join('; ') : (read.notes ?? []).join(' ');
    await store.putPriceRefresh({ vendor, region, at, status, set: read.set, detail, review });
    const name = `${VENDOR_NAMES[vendor]}${vendor === 'aws' ? ` (${region})` : ''}`;
    if (status === 'held') {
      const inUse = previous ? `the prices read ${previous.at.toISOString().slice(0, 10)}` : 'the bundled list';
      await this.tellOnce(
        vendor,
        region,
        at,
        `:warning: New ${name} prices were kept aside, not used: ${detail}. Estimates keep using ${inUse}. If the change is real, put the figures in PRICING_FILE; \`/hosting prices\` shows what is in use.`,
      );
    } else if (previous && review.changes.length > 0) {
      await this.tellOnce(vendor, region, at, `${name} prices changed (now in use):\n${changeLines(review)}`);
    }
    return { vendor, region, status, detail, review };
  }

  private async tellOnce(vendor: PriceVendor, region: string, at: Date, text: string): Promise<void> {
    const { tellLeads, store, now } = this.options;
    if (!tellLeads || !(await store.markPriceRefreshNotified(vendor, region, at, now()))) return;
    await tellLeads(text).catch((error: unknown) =>
      this.options.logger?.warn(`could not tell the leads: ${String(error)}`),
    );
  }
}
