/**
 * Posts a digest exactly once per channel and week, whatever crashes, restarts or replicas:
 *
 *   claim (store) → gather → post (Slack, tagged with message metadata) → mark posted (store)
 *
 * - Another replica's live claim, or a run already posted, means we do nothing.
 * - A claim whose owner died (lease expired) or a failed run is taken over; before posting again the
 *   taker looks for the tagged message in the channel's history, so a crash between post and mark
 *   is recovered without a second post. If the history cannot be read, it does not post: it tells
 *   the leads instead (never a double post, never a silently lost week).
 * - Slack refusing the post (not_in_channel, channel_not_found…) marks the run failed and tells the
 *   leads; rate limits and network errors are retried by the Web API client first.
 */
import { gatherDigestInChild } from '../answers/digest-in-child';
import { loadDigestSettings } from '../answers/digest-settings';
import { type Digest, type DigestWeek, hasDailyCost, lastCompleteWeek } from '../core/digest';
import type { Services } from '../services';
import type { DigestRun } from '../store/store';
import { ClaimLease, LeaseLost } from './claim-lease';
import { DeadlineExceeded, withDeadline } from './deadline';
import type { DigestPoster } from './digest-poster';
import type { JobLogger } from './job-logger';

/**
 * A dead owner's claim is taken over after this. A live owner renews it every third of it (the
 * heartbeat), and only the owner of the current claim passes the fence before the post.
 */
const DEFAULT_LEASE_MS = 10 * 60_000;
/** Gathering that takes longer (a hanging AWS or Heroku) is given up and tried again later. */
const GATHER_DEADLINE_MS = 5 * 60_000;
/** A run that failed for a passing reason (no answer, rate limits, a slow upstream) is tried again after this. */
export const RETRY_AFTER_MS = 15 * 60_000;

/** Where a test can stop the run as if the process died there. */
export type CrashPoint = 'after-claim' | 'after-post' | 'after-mark';

export interface DigestRunnerOptions {
  services: Services;
  /** Posts, finds and attaches in the chat service (Slack: src/slack/digest-poster.ts); tells the leads. */
  poster: DigestPoster;
  logger: JobLogger;
  /** This process, for claims: `host:pid:random`. */
  owner: string;
  leaseMs?: number;
  /** How often the lease is renewed (default a third of it). */
  heartbeatMs?: number;
  /** Renders the chart PNG; when absent, or when it fails, the digest goes out without it. */
  renderChart?: (digest: Digest) => Promise<Buffer>;
  /** Test hook: throws at the named point, as a crash would stop the process there. */
  crashAt?: (point: CrashPoint) => void;
}

export type DigestOutcome =
  | { status: 'posted'; channel: string; week: DigestWeek; ts: string; recovered?: boolean }
  | { status: 'already-posted'; channel: string; week: DigestWeek; ts?: string }
  | { status: 'busy'; channel: string; week: DigestWeek }
  | { status: 'failed'; channel: string; week: DigestWeek; error: string }
  | { status: 'no-channel' };

/**
 * Prefixes of a failed run's stored error. `refused`: Slack said no, so nothing was posted; the
 * leads were told and post it by hand once fixed. `held`: it may have been posted and we could
 * not check; the leads were told to look. Any other failure is transient and retried by the scheduler.
 */
export const REFUSED = 'refused';
const NAMES = { aws: 'AWS', heroku: 'Heroku' } as const;
export const HELD = 'held';

export class DigestRunner {
  private readonly leaseMs: number;
  constructor(private readonly options: DigestRunnerOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Posts the digest for the last complete week as of `now` to the configured channel, once. */
  async run(now: Date, trigger: { actor: string; week?: DigestWeek } = { actor: 'schedule' }): Promise<DigestOutcome> {
    const { services } = this.options;
    const settings = await loadDigestSettings(services.store, services.config);
    if (!settings.channel) return { status: 'no-channel' };
    const week = trigger.week ?? lastCompleteWeek(now, settings.timezone);
    return this.runFor(settings.channel, week, now, trigger.actor);
  }

  private async runFor(channel: string, week: DigestWeek, now: Date, actor: string): Promise<DigestOutcome> {
    const { services, logger, crashAt } = this.options;
    const { store } = services;
    const before = await store.digestRun(channel, week.id);
    // The run's clock: `now`, moving on in real time, so renewals and the fence are stamped after the claim.
    const started = Date.now();
    const clock = () => new Date(now.getTime() + (Date.now() - started));
    const lease = await ClaimLease.claim(store, {
      channel,
      period: week.id,
      owner: this.options.owner,
      now: clock,
      leaseMs: this.leaseMs,
      ...(this.options.heartbeatMs ? { heartbeatMs: this.options.heartbeatMs } : {}),
      logger,
    });
    if (!lease.claimed) {
      if (lease.run.status === 'posted') {
        return { status: 'already-posted', channel, week, ...(lease.run.messageTs ? { ts: lease.run.messageTs } : {}) };
      }
      return { status: 'busy', channel, week };
    }
    try {
      crashAt?.('after-claim');
      return await this.claimedRun(lease, { channel, week, now, actor, before });
    } finally {
      lease.release();
    }
  }

  private async claimedRun(
    lease: ClaimLease,
    run: { channel: string; week: DigestWeek; now: Date; actor: string; before: DigestRun | undefined },
  ): Promise<DigestOutcome> {
    const { services, logger, crashAt } = this.options;
    const { store } = services;
    const { channel, week, now, actor, before } = run;
    const fail = async (error: string, tellLeads: boolean): Promise<DigestOutcome> => {
      await lease.markFailed(error);
      logger.warn(`digest ${week.id} for ${channel} not posted: ${error}`);
      // Once per reason: a retry every 15 minutes that meets the same failure stays quiet.
      if (tellLeads && before?.error !== error) {
        const why = error.replace(/^(refused|held): /, '');
        await this.tellLeads(
          `:warning: The weekly hosting digest for ${week.label} was not posted to <#${channel}>: ${why}`,
        );
      }
      return { status: 'failed', channel, week, error };
    };

    // A lead posting by hand after a `held` run has looked at the channel, as the message asked.
    const checked = actor !== 'schedule' && before?.status === 'failed' && before.error?.startsWith(HELD);
    if (before && !checked) {
      const found = await this.findPosted(channel, week, before);
      if (found === 'unknown') {
        return fail(
          `${HELD}: a previous attempt may already have posted it, and the channel history could not be read to check. Nothing was posted twice: look in <#${channel}>, and if it is missing run \`/hosting digest post\`.`,
          true,
        );
      }
      if (found) {
        await lease.markPosted(found);
        logger.info(`digest ${week.id} for ${channel} was already posted (ts ${found}): recorded, not posted again`);
        return { status: 'posted', channel, week, ts: found, recovered: true };
      }
    }

    let digest: Digest;
    try {
      digest = await lease.bound(
        withDeadline(
          gatherDigestInChild(services, {
            now,
            timezone: week.timezone,
            explain: true,
            log: (message, error) => logger.error(message, error),
            warn: (...messages) => logger.warn(messages.map(String).join(' ')),
          }),
          GATHER_DEADLINE_MS,
        ),
      );
    } catch (error) {
      if (error instanceof LeaseLost) return { status: 'busy', channel, week };
      if (error instanceof DeadlineExceeded) {
        const minutes = Math.round(GATHER_DEADLINE_MS / 60_000);
        return fail(
          `AWS or Heroku took longer than ${minutes} minutes to answer; it will be tried again automatically in ${Math.round(RETRY_AFTER_MS / 60_000)} minutes.`,
          true,
        );
      }
      logger.error('gathering the digest failed', error);
      return fail(`${REFUSED}: the figures could not be gathered (the error is in the bot's log)`, true);
    }

    // Nothing read at all (a platform failing, none answering): a digest of "no figures" would stand
    // for the week for good; it waits for a platform to answer, as the scheduler retries.
    const sections = [digest.aws, digest.heroku];
    if (!sections.some((section) => section.status === 'ok') && sections.some((s) => s.status === 'failed')) {
      const why = sections.flatMap((s) => (s.status === 'failed' ? [`${NAMES[s.platform]}: ${s.reason}`] : []));
      return fail(
        `no platform could be read, so there is nothing to post yet (${why.join('; ')}). It will be tried again automatically in ${Math.round(RETRY_AFTER_MS / 60_000)} minutes.`,
        true,
      );
    }

    // The fence: only the current owner of the claim posts. A replica that took over meanwhile has it.
    if (!(await lease.beginPost())) return { status: 'busy', channel, week };
    const posted = await this.options.poster.post(channel, digest);
    if (!posted.posted) {
      switch (posted.failure) {
        case 'rate-limited':
          // Certainly not posted: a transient failure, posted by the scheduler's next check.
          return fail(
            `Slack is rate-limiting the bot; it will be posted automatically in about ${Math.round(RETRY_AFTER_MS / 60_000)} minutes.`,
            true,
          );
        case 'refused':
          // Slack answered "no": certainly not posted.
          return fail(`${REFUSED}: ${posted.why}`, true);
        case 'no-answer':
          // A timeout or dropped connection: it may have been posted; the history check decides next time.
          return fail(posted.why, true);
      }
    }
    const ts = posted.messageId;
    crashAt?.('after-post');
    await lease.markPosted(ts);
    crashAt?.('after-mark');
    await store.audit({
      at: now,
      actor: actor === 'schedule' ? 'digest' : actor,
      action: 'digest',
      detail: `posted ${week.id} to ${channel}`,
    });
    logger.info(`digest ${week.id} posted to ${channel} (ts ${ts})`);
    await this.attachChart(digest, channel, ts);
    return { status: 'posted', channel, week, ts };
  }

  /**
   * Past the grace period a week is not posted late: the run is claimed (so the leads hear it once)
   * and marked failed, and the leads are told. A run an earlier attempt left unfinished (a crash, a
   * failure retried until now) may have been posted: the channel is looked at first, and a digest
   * found there is recorded instead.
   */
  async missed(channel: string, week: DigestWeek, now: Date, due: Date): Promise<DigestOutcome> {
    const { services, logger, owner } = this.options;
    const before = await services.store.digestRun(channel, week.id);
    const lease = await ClaimLease.claim(services.store, {
      channel,
      period: week.id,
      owner,
      now: () => now,
      leaseMs: this.leaseMs,
      logger,
    });
    if (!lease.claimed) {
      if (lease.run.status === 'posted') return { status: 'already-posted', channel, week };
      return { status: 'busy', channel, week };
    }
    try {
      const found = before ? await this.findPosted(channel, week, before) : null;
      if (found && found !== 'unknown') {
        await lease.markPosted(found);
        return { status: 'posted', channel, week, ts: found, recovered: true };
      }
      const when = `it was due ${due.toISOString()}, and that is more than the grace period ago`;
      const error = !before
        ? `${REFUSED}: the bot was not running when it was due (${due.toISOString()}), and that is more than the grace period ago. Run \`/hosting digest post\` to post it now.`
        : found === 'unknown'
          ? `${HELD}: an attempt to post it did not finish (${when}), and the channel history could not be read to check whether it went out. Look in <#${channel}>, and if it is missing run \`/hosting digest post\`.`
          : `${REFUSED}: an attempt to post it did not finish (${when}), so it is not posted late. Run \`/hosting digest post\` to post it now.`;
      await lease.markFailed(error);
      await this.tellLeads(
        `:warning: The weekly hosting digest for ${week.label} was missed: ${error.replace(/^(refused|held): /, '')}`,
      );
      return { status: 'failed', channel, week, error };
    } finally {
      lease.release();
    }
  }

  /** The ts of this week's digest message already in the channel; null when there is none; 'unknown' when we cannot tell. */
  private async findPosted(channel: string, week: DigestWeek, before: DigestRun): Promise<string | null | 'unknown'> {
    if (before.status === 'failed' && before.error?.startsWith(REFUSED)) return null;
    // A minute's margin for clocks that disagree between replicas and the chat service.
    return this.options.poster.findPosted(channel, week.id, new Date(before.claimedAt.getTime() - 60_000));
  }

  private async attachChart(digest: Digest, channel: string, ts: string): Promise<void> {
    const { renderChart, logger, poster } = this.options;
    if (!renderChart || !hasDailyCost(digest)) return;
    let png: Buffer;
    try {
      png = await renderChart(digest);
    } catch (error) {
      logger.warn(`the digest chart for ${digest.week.id} was not attached: ${(error as Error).message}`);
      return;
    }
    await poster.attachChart(channel, ts, digest, png);
  }

  /** A direct message to each lead; failures are logged, never thrown. */
  async tellLeads(text: string): Promise<void> {
    await this.options.poster.tellLeads(text);
  }
}
