/**
 * Posts alert messages to Slack for the alert jobs. Its own Web API client never resends a post on
 * its own (a resent chat.postMessage whose first answer was lost posts twice); a lost answer is left
 * to the history check, which finds the message by its metadata tag.
 */
import type { WebClient } from '@slack/web-api';
import type { AlertPost, AlertPoster } from '../../answers/alert-view';
import type { Services } from '../../services';
import { type LeadsLogger, leadList, tellLeads } from '../leads';
import { slackErrorCode, slackErrorText } from '../slack-errors';
import { findTaggedMessage, noResendClient, postWaitingOutRateLimits } from '../tagged-messages';
import { alertBlocks, alertText } from './alert-blocks';

const ALERT_EVENT_TYPE = 'hosting_advisor_alert';
/**
 * How long one alert waits out Slack's Retry-After answers: an anomaly summary is announced only on
 * the day it is found, so a 429 (Slack allows about a message a second per channel) must not drop it.
 */
const RATE_LIMIT_WAIT_MS = 60_000;

/** `client` reads history and tells the leads; posts go through a client of its own that never resends. */
export function slackAlertPoster(
  client: WebClient,
  services: Pick<Services, 'config' | 'store' | 'now'>,
  logger: LeadsLogger,
): AlertPoster {
  const poster = noResendClient(client);
  return {
    async post(post: AlertPost) {
      return postWaitingOutRateLimits(
        poster,
        {
          channel: post.channel,
          text: alertText(post.view),
          blocks: alertBlocks(post.view),
          metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { tag: post.tag } },
          unfurl_links: false,
          ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
        },
        RATE_LIMIT_WAIT_MS,
      );
    },
    refusal(error, channel) {
      const code = slackErrorCode(error);
      // A 429 posted nothing, like any other refusal; its general words promise a retry that an anomaly never gets.
      if (code === 'ratelimited')
        return `Slack kept answering "rate limited" (HTTP 429) for more than ${RATE_LIMIT_WAIT_MS / 1000} s of waiting as it asked.`;
      return code ? slackErrorText(code, channel) : undefined;
    },
    tellLeads(text, thread = []) {
      const replies = thread.map((view) => ({ text: alertText(view), blocks: alertBlocks(view) }));
      return tellLeads(services, client, logger, text, replies);
    },
    async leads() {
      return (await leadList(services, client, logger)).users;
    },
    async directMessage(user) {
      const dm = await client.conversations.open({ users: user });
      if (!dm.channel?.id) throw new Error('conversations.open gave no channel');
      return dm.channel.id;
    },
    postNotice(channel, text, tag) {
      return postWaitingOutRateLimits(
        poster,
        { channel, text, metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { tag } } },
        RATE_LIMIT_WAIT_MS,
      );
    },
    async findTagged(channel, tag, oldest, threadTs) {
      try {
        return await findTaggedMessage(client, {
          channel,
          eventType: ALERT_EVENT_TYPE,
          matches: (payload) => payload.tag === tag,
          oldest,
          ...(threadTs ? { threadTs } : {}),
        });
      } catch {
        return 'unknown';
      }
    },
  };
}
