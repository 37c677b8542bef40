/**
 * Refreshing live prices, off the request path: a timer at PRICES_SCHEDULE (default daily, 04:00
 * UTC) refreshes Heroku's prices each day and AWS's once a week; `/hosting prices refresh` and the
 * CLI refresh both at once. AWS is read for each region of AWS_PRICING_REGION. Each refresh is
 * stored whole, compared with the set in use by the price guard, and either used or held aside;
 * leads hear about held sets and about passing changes once, across replicas.
 */

import type { Logger } from '@slack/bolt';
import { Duration } from 'luxon';
import type { ScheduledTask } from 'node-cron';
import {
  HEROKU_PRICE_REGION,
  type PriceSetReview,
  type PriceVendor,
  type RefreshOutcome,
  VENDOR_NAMES,
} from '../core/pricing';
import { reviewPriceSet } from '../core/pricing/price-guard';
import type { PriceBook } from '../price-book';
import type { PriceReader, PriceReaders } from '../sources/prices/connect-price-readers';
import { SourceError } from '../sources/source-error';
import type { Store } from '../store/store';
import { armCronTimer } from './cron-timer';
import { noticeKey, onceAcrossReplicas, type PriceClaimOptions, scheduledRefreshKey } from './price-claims';

const HEROKU_REFRESH_EVERY_MS = Duration.fromObject({ hours: 20 }).toMillis();
const AWS_REFRESH_EVERY_MS = Duration.fromObject({ days: 6, hours: 20 }).toMillis();
const EVERY: Record<PriceVendor, number> = { heroku: HEROKU_REFRESH_EVERY_MS, aws: AWS_REFRESH_EVERY_MS };

export interface PriceRefresherOptions {
  store: Store;
  book: PriceBook;
  readers: PriceReaders;
  now: () => Date;
  /** The AWS regions to read (AWS_PRICING_REGION); default the book's region alone. */
  awsRegions?: readonly string[];
  /** This replica among others on the store: claims for scheduled refreshes and notices. Default `prices`. */
  owner?: string;
  /** Direct messages to the leads; unset in the CLI, which prints instead. */
  tellLeads?: (text: string) => Promise<void>;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

interface Target {
  vendor: PriceVendor;
  region: string;
}

const NOT_CONFIGURED: Record<PriceVendor, string> = {
  aws: 'no AWS credentials: AWS prices come from the bundled list (us-east-1). Set AWS credentials allowed pricing:GetProducts to use the AWS Price List.',
  heroku: 'Heroku prices come from the bundled list.',
};

const CHANGES_SHOWN = 10;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

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

  private get logger() {
    return this.options.logger ?? quiet;
  }

  private get claims(): PriceClaimOptions {
    const { store, now, owner } = this.options;
    return { store, now, owner: owner ?? 'prices', logger: this.logger };
  }

  /** Every vendor and region this bot keeps prices for: Heroku once, AWS per AWS_PRICING_REGION. */
  private targets(vendors: readonly PriceVendor[]): Target[] {
    const regions = this.options.awsRegions ?? [this.options.book.region];
    return vendors.flatMap((vendor): Target[] =>
      vendor === 'aws' ? regions.map((region) => ({ vendor, region })) : [{ vendor, region: HEROKU_PRICE_REGION }],
    );
  }

  /** Refreshes the named vendors now (AWS in each region), one after the other. Never throws for a vendor's failure. */
  refresh(vendors: readonly PriceVendor[] = ['heroku', 'aws']): Promise<RefreshOutcome[]> {
    return this.run(this.targets(vendors), false);
  }

  /**
   * What the timer runs: Heroku when its last refresh is a day old, AWS (each region) when a week
   * old. Each is claimed in the store first, so of several replicas one reads it.
   */
  async refreshDue(): Promise<RefreshOutcome[]> {
    const now = this.options.now().getTime();
    const due: Target[] = [];
    for (const target of this.targets(['heroku', 'aws'])) {
      if (!this.options.readers[target.vendor]) continue;
      const last = await this.options.store.latestPriceRefresh(target.vendor, target.region);
      // A failed refresh is tried again at the next run; a used or held one waits its turn.
      if (!last || last.status === 'failed' || now - last.at.getTime() >= EVERY[target.vendor]) due.push(target);
    }
    return due.length > 0 ? this.run(due, true) : [];
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

  private run(targets: readonly Target[], scheduled: boolean): Promise<RefreshOutcome[]> {
    const next = this.running.then(async () => {
      const outcomes: RefreshOutcome[] = [];
      for (const target of targets) {
        if (this.stopping.signal.aborted) break;
        if (!scheduled) {
          outcomes.push(await this.refreshOne(target));
          continue;
        }
        let outcome: RefreshOutcome | undefined;
        const key = scheduledRefreshKey(target.vendor, target.region, this.options.now());
        await onceAcrossReplicas(this.claims, key, async () => {
          outcome = await this.refreshOne(target);
          return outcome.status;
        });
        // Not ours: another replica is reading it (or has read it) for this hour.
        if (outcome) outcomes.push(outcome);
      }
      await this.options.book.reload();
      return outcomes;
    });
    this.running = next.catch(() => {});
    return next;
  }

  private runDue(): Promise<void> {
    return this.refreshDue().then(
      (outcomes) => {
        for (const o of outcomes) {
          // A failed or held refresh says why here too: the operator reading the log need not open Slack.
          if (o.status === 'failed' || o.status === 'held')
            this.logger.warn(`price refresh ${o.vendor} ${o.region}: ${o.status}: ${o.detail}`);
          else this.logger.info(`price refresh ${o.vendor} ${o.region}: ${o.status}`);
        }
      },
      (error: unknown) => this.logger.error('the price refresh failed:', error),
    );
  }

  private async refreshOne({ vendor, region }: Target): Promise<RefreshOutcome> {
    const { store, now } = this.options;
    const reader = this.options.readers[vendor];
    if (!reader) return { vendor, region, status: 'not-configured', detail: NOT_CONFIGURED[vendor] };
    // Refreshes are keyed by time: never reuse the last one's instant (a stopped clock, a fast retry).
    const latest = await store.latestPriceRefresh(vendor, region);
    const at = latest && latest.at >= now() ? new Date(latest.at.getTime() + 1) : now();
    let read: Awaited<ReturnType<PriceReader>>;
    try {
      read = await reader(this.stopping.signal, region);
    } catch (error) {
      if (this.stopping.signal.aborted)
        return { vendor, region, status: 'failed', detail: 'the bot stopped during the refresh' };
      const detail =
        error instanceof SourceError
          ? error.message
          : `${VENDOR_NAMES[vendor]} refresh failed unexpectedly; the prices in use were kept.`;
      if (!(error instanceof SourceError)) this.logger.error(`price refresh ${vendor}:`, error);
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
        { vendor, region },
        at,
        `:warning: New ${name} prices were kept aside, not used: ${detail}. Estimates keep using ${inUse}. If the change is real, put the figures in PRICING_FILE; \`/hosting prices\` shows what is in use.`,
      );
    } else if (previous && review.changes.length > 0) {
      await this.tellOnce({ vendor, region }, at, `${name} prices changed (now in use):\n${changeLines(review)}`);
    }
    return { vendor, region, status, detail, review, ...(previous ? {} : { first: true }) };
  }

  /**
   * Tells the leads once across replicas: the notice is claimed by what it says, so a replica with
   * the same news (or the same held set read again later) stays quiet. At most once: a replica that
   * stalled or stopped after its fence (it may have told them) is not taken over.
   */
  private async tellOnce({ vendor, region }: Target, at: Date, text: string): Promise<void> {
    const { tellLeads, store, now } = this.options;
    if (!tellLeads) return;
    try {
      const sent = await onceAcrossReplicas(
        this.claims,
        noticeKey(vendor, region, text),
        async () => {
          await tellLeads(text);
          return 'told the leads';
        },
        false,
      );
      if (sent) await store.markPriceRefreshNotified(vendor, region, at, now());
    } catch (error) {
      this.logger.warn(`could not tell the leads: ${String(error)}`);
    }
  }
}
