import type { Digest } from '../core/digest';

/**
 * Where the digest goes. The runner decides whether and when to post (claim → post → mark); a
 * poster only knows how to talk to the chat service (Slack in production: src/slack/digest-poster.ts).
 * This keeps `jobs` free of any chat-service import.
 */
export interface DigestPoster {
  /** Posts the digest to the channel, tagged with its week so findPosted can find it again. */
  post(channel: string, digest: Digest): Promise<PostResult>;
  /**
   * The id of this week's digest message already in the channel (posted after `since`), null when
   * there is none, 'unknown' when the channel cannot be read (the poster logs why).
   */
  findPosted(channel: string, weekId: string, since: Date): Promise<string | null | 'unknown'>;
  /** Attaches the chart under the posted message; failures are logged, never thrown. */
  attachChart(channel: string, messageId: string, digest: Digest, png: Buffer): Promise<void>;
  /** A direct message to each lead; failures are logged, never thrown. */
  tellLeads(text: string): Promise<void>;
}

export type PostResult =
  | { posted: true; messageId: string }
  /**
   * `refused`: the service said no, so nothing was posted (`why` says what to fix). `rate-limited`:
   * not posted, try later. `no-answer`: a timeout or dropped connection, so it may have been posted.
   */
  | { posted: false; failure: 'refused' | 'rate-limited' | 'no-answer'; why: string };
