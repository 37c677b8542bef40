/**
 * Posts alert messages to Slack for the alert jobs. Its own Web API client never resends a post on
 * its own (a resent chat.postMessage whose first answer was lost posts twice); a lost answer is left
 * to the history check, which finds the message by its metadata tag.
 */
import { WebClient } from '@slack/web-api';
import type { AlertPost, AlertPoster } from '../../answers/alert-view';
import { slackErrorCode, slackErrorText } from '../slack-errors';
import { alertBlocks, alertText } from './alert-blocks';

export const ALERT_EVENT_TYPE = 'hosting_advisor_alert';

export function slackAlertPoster(client: WebClient): AlertPoster {
  const poster = new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
  });
  return {
    async post(post: AlertPost) {
      const answer = await poster.chat.postMessage({
        channel: post.channel,
        text: alertText(post.view),
        blocks: alertBlocks(post.view),
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { tag: post.tag } },
        unfurl_links: false,
        ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
      });
      return String(answer.ts);
    },
    refusal(error, channel) {
      const code = slackErrorCode(error);
      return code && code !== 'ratelimited' ? slackErrorText(code, channel) : undefined;
    },
    async findTagged(channel, tag, oldest, threadTs) {
      try {
        let cursor: string | undefined;
        do {
          const query = {
            channel,
            oldest: String(Math.floor(oldest.getTime() / 1000)),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          };
          // A thread's replies are not in the channel's history.
          const page = threadTs
            ? await client.conversations.replies({ ...query, ts: threadTs })
            : await client.conversations.history(query);
          const match = page.messages?.find(
            (message) =>
              message.metadata?.event_type === ALERT_EVENT_TYPE &&
              (message.metadata.event_payload as { tag?: unknown } | undefined)?.tag === tag,
          );
          if (match?.ts) return match.ts;
          cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        return null;
      } catch {
        return 'unknown';
      }
    },
  };
}
