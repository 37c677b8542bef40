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
import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { chartSummary, type Digest, type DigestWeek, lastCompleteWeek } from '../core/digest';
import type { Services } from '../services';
import { leadList } from '../slack/leads';
import { digestBlocks, digestFallback } from '../slack/listeners/commands/digest-blocks';
import { slackErrorCode, slackErrorText } from '../slack/slack-errors';
import type { DigestRun } from '../store/store';
import { ClaimLease, LeaseLost } from './claim-lease';
import { DeadlineExceeded, withDeadline } from './deadline';
import { renderDigestChart } from './digest-chart';
import { gatherDigest } from './digest-data';
import { loadDigestSettings } from './digest-settings';

export const DIGEST_EVENT_TYPE = 'hosting_advisor_digest';
/**
 * A dead owner's claim is taken over after this. A live owner renews it every third of it (the
 * heartbeat), and only the owner of the current claim passes the fence before the post.
 */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** Gathering that takes longer (a hanging AWS or Heroku) is given up and tried again later. */
export const DEFAULT_GATHER_DEADLINE_MS = 5 * 60_000;
/** A run that failed for a passing reason (no answer, rate limits, a slow upstream) is tried again after this. */
export const RETRY_AFTER_MS = 15 * 60_000;
/** How long a post waits out Slack's Retry-After answers in all before the run is left to the next check. */
const RATE_LIMIT_WAIT_MS = 3 * 60_000;

/** Where a test can stop the run as if the process died there. */
export type CrashPoint = 'after-claim' | 'after-post' | 'after-mark';

export interface DigestRunnerOptions {
  services: Services;
  client: WebClient;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** This process, for claims: `host:pid:random`. */
  owner: string;
  leaseMs?: number;
  /** How often the lease is renewed (default a third of it). */
  heartbeatMs?: number;
  gatherDeadlineMs?: number;
  /** How long rate-limited posts are waited out before the run is left to the scheduler (default 3 minutes). */
  rateLimitWaitMs?: number;
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
export const HELD = 'held';

export function needsPerson(run: DigestRun): boolean {
  return run.status === 'failed' && Boolean(run.error?.startsWith(REFUSED) || run.error?.startsWith(HELD));
}

/** One Retry-After is waited out up to this long. */
const MAX_RETRY_AFTER_S = 60;

export class DigestRunner {
  private readonly leaseMs: number;
  private readonly gatherDeadlineMs: number;
  /**
   * The digest is posted with its own client that never resends on its own: the app's client
   * retries network errors, and a resent chat.postMessage whose first answer was lost posts twice.
   * A 429 (certainly not posted) is waited out here; a lost answer is left to the history check.
   */
  private readonly poster: WebClient;
  constructor(private readonly options: DigestRunnerOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.gatherDeadlineMs = options.gatherDeadlineMs ?? DEFAULT_GATHER_DEADLINE_MS;
    this.poster = new WebClient(options.client.token, {
      slackApiUrl: options.client.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 20_000,
    });
  }

  /** Posts, waiting out Slack's Retry-After (the lease is kept alive meanwhile) for up to rateLimitWaitMs in all. */
  private async postOnce(args: Parameters<WebClient['chat']['postMessage']>[0]): Promise<string> {
    const budget = this.options.rateLimitWaitMs ?? RATE_LIMIT_WAIT_MS;
    let waited = 0;
    for (;;) {
      try {
        return String((await this.poster.chat.postMessage(args)).ts);
      } catch (error) {
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        if (typeof retryAfter !== 'number') throw error;
        const waitMs = Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000;
        if (waited + waitMs > budget) throw error;
        waited += waitMs;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
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
      if (tellLeads) {
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
          gatherDigest(services, {
            now,
            timezone: week.timezone,
            log: (message, error) => logger.error(message, error),
          }),
          this.gatherDeadlineMs,
        ),
      );
    } catch (error) {
      if (error instanceof LeaseLost) return { status: 'busy', channel, week };
      if (error instanceof DeadlineExceeded) {
        const minutes = Math.round(this.gatherDeadlineMs / 60_000);
        return fail(
          `AWS or Heroku took longer than ${minutes} minutes to answer; it will be tried again automatically in ${Math.round(RETRY_AFTER_MS / 60_000)} minutes.`,
          true,
        );
      }
      logger.error('gathering the digest failed', error);
      return fail(`${REFUSED}: the figures could not be gathered (the error is in the bot's log)`, true);
    }

    // The fence: only the current owner of the claim posts. A replica that took over meanwhile has it.
    if (!(await lease.beginPost())) return { status: 'busy', channel, week };
    let ts: string;
    try {
      ts = await this.postOnce({
        channel,
        text: digestFallback(digest),
        blocks: digestBlocks(digest, { chartNote: 'The daily cost chart is in the thread.' }),
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { week: week.id } },
        unfurl_links: false,
      });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'ratelimited') {
        // Certainly not posted: a transient failure, posted by the scheduler's next check.
        return fail(
          `Slack is rate-limiting the bot; it will be posted automatically in about ${Math.round(RETRY_AFTER_MS / 60_000)} minutes.`,
          true,
        );
      }
      // Slack answered "no": certainly not posted. Anything else (timeout, dropped connection) may have posted.
      return fail(
        code ? `${REFUSED}: ${slackErrorText(code, channel)}` : `no answer from Slack (${(error as Error).message})`,
        true,
      );
    }
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

  /** The ts of this week's digest message already in the channel; null when there is none; 'unknown' when we cannot tell. */
  private async findPosted(channel: string, week: DigestWeek, before: DigestRun): Promise<string | null | 'unknown'> {
    if (before.status === 'failed' && before.error?.startsWith(REFUSED)) return null;
    try {
      const oldest = Math.floor(before.claimedAt.getTime() / 1000) - 60;
      let cursor: string | undefined;
      do {
        const page = await this.options.client.conversations.history({
          channel,
          oldest: String(oldest),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const match = page.messages?.find(
          (message) =>
            message.metadata?.event_type === DIGEST_EVENT_TYPE &&
            (message.metadata.event_payload as { week?: unknown } | undefined)?.week === week.id,
        );
        if (match?.ts) return match.ts;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return null;
    } catch (error) {
      this.options.logger.warn(
        `could not read the history of ${channel}: ${slackErrorCode(error) ?? (error as Error).message}`,
      );
      return 'unknown';
    }
  }

  private async attachChart(digest: Digest, channel: string, ts: string): Promise<void> {
    const { renderChart, client, logger } = this.options;
    if (!renderChart) return;
    try {
      const png = await renderChart(digest);
      await client.filesUploadV2({
        channel_id: channel,
        thread_ts: ts,
        file: png,
        filename: `hosting-digest-${digest.week.id}.png`,
        title: `Daily cost, AWS and Heroku, 4 weeks to ${digest.week.label}`,
        alt_text: chartSummary(digest).slice(0, 1000),
        initial_comment: chartSummary(digest),
      });
    } catch (error) {
      logger.warn(
        `the digest chart for ${digest.week.id} was not attached: ${slackErrorCode(error) ?? (error as Error).message}`,
      );
    }
  }

  /** A direct message to each lead; failures are logged, never thrown. */
  async tellLeads(text: string): Promise<void> {
    const { services, client, logger } = this.options;
    // HOSTING_LEADS and, when one is set, the members of the leads' Slack user group.
    const { users } = await leadList(services, client, logger);
    for (const lead of users) {
      try {
        await client.chat.postMessage({ channel: lead, text });
      } catch (error) {
        logger.warn(`could not tell lead ${lead}: ${slackErrorCode(error) ?? (error as Error).message}`);
      }
    }
  }
}

// --- "Post the digest now", for `/hosting digest post` and the App Home button ---------------------

export function createDigestRunner(
  services: Services,
  client: WebClient,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
): DigestRunner {
  return new DigestRunner({ services, client, logger, owner: services.instanceId, renderChart: renderDigestChart });
}

export function describeOutcome(outcome: DigestOutcome): { ok: boolean; message: string } {
  switch (outcome.status) {
    case 'posted':
      return {
        ok: true,
        message: outcome.recovered
          ? `The digest for ${outcome.week.label} was already in <#${outcome.channel}> (an earlier attempt posted it); recorded, not posted twice.`
          : `Posted the digest for ${outcome.week.label} to <#${outcome.channel}>.`,
      };
    case 'already-posted':
      return {
        ok: true,
        message: `The digest for ${outcome.week.label} is already in <#${outcome.channel}>: it is posted once a week. \`/hosting digest\` shows it to you again.`,
      };
    case 'busy':
      return {
        ok: false,
        message: `The digest for ${outcome.week.label} is being posted to <#${outcome.channel}> right now (by another instance); it will appear shortly.`,
      };
    case 'failed':
      return { ok: false, message: `The digest was not posted: ${outcome.error.replace(/^(refused|held): /, '')}` };
    case 'no-channel':
      return {
        ok: false,
        message:
          'No digest channel is set: choose one in the app’s Home tab → Digest settings, or `/hosting digest set channel=#channel`.',
      };
  }
}

export async function postDigestNow(
  services: Services,
  client: WebClient,
  actor: string,
  logger: Pick<Logger, 'info' | 'warn' | 'error'> = console,
): Promise<{ ok: boolean; message: string }> {
  const outcome = await createDigestRunner(services, client, logger).run(services.now(), { actor });
  return describeOutcome(outcome);
}
