/**
 * The digest's way into Slack: the runner in src/jobs decides when to post, this posts, finds an
 * earlier post in the channel history, attaches the chart and tells the leads.
 */
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { chartSummary, type Digest, hasDailyCost } from '../core/digest';
import { renderDigestChart } from '../jobs/digest-chart';
import type { DigestPoster, PostResult } from '../jobs/digest-poster';
import { type DigestOutcome, DigestRunner } from '../jobs/digest-runner';
import type { Services } from '../services';
import { errorText } from '../sources/source-error';
import { tellLeads } from './leads';
import { digestBlocks, digestFallback } from './listeners/commands/digest-blocks';
import { slackErrorCode, slackErrorText } from './slack-errors';
import { findTaggedMessage, noResendClient, postWaitingOutRateLimits } from './tagged-messages';

/** The message metadata type that tags a digest post with its week. */
const DIGEST_EVENT_TYPE = 'hosting_advisor_digest';

/** How long a post waits out Slack's Retry-After answers in all before the run is left to the next check. */
const RATE_LIMIT_WAIT_MS = 3 * 60_000;

type PosterLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface SlackPosterOptions {
  /** How long rate-limited posts are waited out before the run is left to the scheduler (default 3 minutes). */
  rateLimitWaitMs?: number;
}

export function slackDigestPoster(
  services: Services,
  client: WebClient,
  logger: PosterLogger,
  options: SlackPosterOptions = {},
): DigestPoster {
  // Its own client that never resends (see noResendClient); a 429 is waited out here.
  const once = noResendClient(client);

  const postOnce = (args: Parameters<WebClient['chat']['postMessage']>[0]) =>
    postWaitingOutRateLimits(once, args, options.rateLimitWaitMs ?? RATE_LIMIT_WAIT_MS);

  return {
    async post(channel: string, digest: Digest): Promise<PostResult> {
      try {
        const ts = await postOnce({
          channel,
          text: digestFallback(digest),
          blocks: digestBlocks(
            digest,
            hasDailyCost(digest) ? { chartNote: 'The daily cost chart is in the thread.' } : {},
          ),
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { week: digest.week.id } },
          unfurl_links: false,
        });
        return { posted: true, messageId: ts };
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'ratelimited')
          return { posted: false, failure: 'rate-limited', why: slackErrorText(code, channel) };
        // Slack answered "no": certainly not posted. Anything else (timeout, dropped connection) may have posted.
        return code
          ? { posted: false, failure: 'refused', why: slackErrorText(code, channel) }
          : { posted: false, failure: 'no-answer', why: `no answer from Slack (${errorText(error)})` };
      }
    },

    async findPosted(channel: string, weekId: string, since: Date): Promise<string | null | 'unknown'> {
      try {
        return await findTaggedMessage(client, {
          channel,
          eventType: DIGEST_EVENT_TYPE,
          matches: (payload) => payload.week === weekId,
          oldest: since,
        });
      } catch (error) {
        logger.warn(`could not read the history of ${channel}: ${slackErrorCode(error) ?? (error as Error).message}`);
        return 'unknown';
      }
    },

    async attachChart(channel: string, ts: string, digest: Digest, png: Buffer): Promise<void> {
      try {
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
        const code = slackErrorCode(error);
        logger.warn(`the digest chart for ${digest.week.id} was not attached: ${code ?? (error as Error).message}`);
        // The message says the chart is in its thread: the leads hear that it is not, and why.
        const why = code ? slackErrorText(code, channel) : `no answer from Slack (${errorText(error)}).`;
        await tellLeads(
          services,
          client,
          logger,
          `:warning: The weekly hosting digest for ${digest.week.label} is in <#${channel}>, but its daily cost chart could not be attached in its thread: ${why} The figures are all in the message; App Home shows the chart.`,
        );
      }
    },

    async tellLeads(text: string): Promise<void> {
      // HOSTING_LEADS and, when one is set, the members of the leads' Slack user group.
      await tellLeads(services, client, logger, text);
    },
  };
}

// --- "Post the digest now", for `/hosting digest post` and the App Home button ---------------------

export function createDigestRunner(services: Services, client: WebClient, logger: PosterLogger): DigestRunner {
  return new DigestRunner({
    services,
    poster: slackDigestPoster(services, client, logger),
    logger,
    owner: services.instanceId,
    renderChart: renderDigestChart,
  });
}

function describeOutcome(outcome: DigestOutcome): { ok: boolean; message: string } {
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
  logger: PosterLogger = console,
): Promise<{ ok: boolean; message: string }> {
  const outcome = await createDigestRunner(services, client, logger).run(services.now(), { actor });
  return describeOutcome(outcome);
}
