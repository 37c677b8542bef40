/**
 * Posting exactly once in Slack's terms: a client that never resends a post by itself, and finding a
 * message the bot posted by the metadata it was tagged with (how a successor tells whether a crashed
 * owner's digest or alert went out before posting it again).
 */
import { WebClient } from '@slack/web-api';
import { httpFetch } from './http-fetch';

/**
 * A client for posts that never resends on its own: the app's client retries network errors, and a
 * resent chat.postMessage whose first answer was lost posts twice. A 429 is rejected at once (the
 * caller decides whether to wait); a lost answer is left to the history check.
 */
export function noResendClient(client: WebClient): WebClient {
  return new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    fetch: httpFetch,
  });
}

/**
 * Posts through a `noResendClient`, waiting out Slack's Retry-After answers for up to `waitMs` in
 * all: a 429 means Slack posted nothing, so trying again cannot double it. A Retry-After that would
 * go past that is not waited for (nor cut short: Slack asked for it): the 429 is thrown, for the
 * caller to leave to its next run.
 */
export async function postWaitingOutRateLimits(
  client: WebClient,
  args: Parameters<WebClient['chat']['postMessage']>[0],
  waitMs: number,
): Promise<string> {
  let waited = 0;
  for (;;) {
    try {
      return String((await client.chat.postMessage(args)).ts);
    } catch (error) {
      const retryAfter = (error as { retryAfter?: number }).retryAfter;
      if (typeof retryAfter !== 'number') throw error;
      const wait = retryAfter * 1000;
      if (waited + wait > waitMs) throw error;
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export interface TaggedQuery {
  channel: string;
  /** The message metadata's event_type. */
  eventType: string;
  /** Whether a message's event_payload is the one sought. */
  matches: (payload: Record<string, unknown>) => boolean;
  oldest: Date;
  /** Look in this thread's replies (they are not in the channel's history). */
  threadTs?: string;
}

/** The ts of the first match since `oldest`, or null. Throws when Slack cannot be asked. */
export async function findTaggedMessage(client: WebClient, query: TaggedQuery): Promise<string | null> {
  let cursor: string | undefined;
  do {
    const page = {
      channel: query.channel,
      oldest: String(Math.floor(query.oldest.getTime() / 1000)),
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const answer = query.threadTs
      ? await client.conversations.replies({ ...page, ts: query.threadTs })
      : await client.conversations.history(page);
    const match = answer.messages?.find(
      (message) =>
        message.metadata?.event_type === query.eventType &&
        query.matches((message.metadata.event_payload ?? {}) as Record<string, unknown>),
    );
    if (match?.ts) return match.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return null;
}
