/**
 * Exactly-once posting for alerts, the digest's way: claim (a lease, src/jobs/claim-lease.ts) →
 * fence (`posting`, only by the owner) → post (tagged) → mark. A successor taking over a dead owner's
 * run looks for the tagged message before posting again; when it cannot read the history it does not
 * post (a held run is tried again later, never doubled).
 */

import type { AlertPost, AlertPoster } from '../answers/alert-view';
import { neutraliseMarkup } from '../core/user-text';
import { errorText } from '../sources/source-error';
import type { Store } from '../store/store';
import { ClaimLease } from './claim-lease';
import type { JobLogger as Logger } from './job-logger';

export type PostOutcome =
  | { status: 'posted'; ts: string; recovered?: boolean }
  | { status: 'already-posted'; ts?: string }
  | { status: 'busy' }
  | { status: 'failed'; error: string };

export type AlertCrashPoint = 'after-claim' | 'after-post';

export interface PostOnceOptions {
  store: Store;
  poster: AlertPoster;
  owner: string;
  now: Date;
  leaseMs: number;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Test hook: throws at the named point, as a crash would stop the process there. */
  crashAt?: (point: AlertCrashPoint) => void;
}

export async function postOnce(options: PostOnceOptions, post: AlertPost): Promise<PostOutcome> {
  const { store, poster, owner, logger } = options;
  const { channel, tag } = post;
  const started = Date.now();
  // Renewals must be stamped later than the claim: the injected time, moving in real time.
  const clock = () => new Date(options.now.getTime() + (Date.now() - started));
  const before = await store.digestRun(channel, tag);
  const lease = await ClaimLease.claim(store, {
    channel,
    period: tag,
    owner,
    now: clock,
    leaseMs: options.leaseMs,
    logger,
  });
  if (!lease.claimed) {
    if (lease.run.status === 'posted')
      return { status: 'already-posted', ...(lease.run.messageTs ? { ts: lease.run.messageTs } : {}) };
    return { status: 'busy' };
  }
  try {
    options.crashAt?.('after-claim');
    if (before && !(before.status === 'failed' && before.error?.startsWith('refused'))) {
      const found = await lease.bound(
        poster.findTagged(channel, tag, new Date(before.claimedAt.getTime() - 60_000), post.threadTs),
      );
      if (found === 'unknown') {
        const error = 'held: it may already be posted and the channel history could not be read';
        await lease.markFailed(error);
        return { status: 'failed', error };
      }
      if (found) {
        await lease.markPosted(found);
        return { status: 'posted', ts: found, recovered: true };
      }
    }
    if (!(await lease.beginPost())) return { status: 'busy' };
    let ts: string;
    try {
      ts = await poster.post(post);
    } catch (error) {
      const refused = poster.refusal(error, channel);
      const message = refused ? `refused: ${refused}` : `no answer from Slack (${errorText(error)})`;
      // Slack said no, so nothing was posted: the leads hear it, once per reason (a retry meeting the
      // same refusal stays quiet), and the run stays failed so the next check can post it.
      if (refused && before?.error !== message) await poster.tellLeads(refusalNotice(post, refused), post.thread);
      await lease.markFailed(message);
      return { status: 'failed', error: message };
    }
    options.crashAt?.('after-post');
    await lease.markPosted(ts);
    return { status: 'posted', ts };
  } finally {
    lease.release();
  }
}

/** What the leads are told when Slack refuses an alert: where, why, what it said, what happens next. */
function refusalNotice(post: AlertPost, why: string): string {
  return [
    `Hosting Advisor could not post a cost alert to <#${post.channel}>: ${why}`,
    // The headline can quote a budget's service or tag as typed: shown as text, it pings no lead.
    `> ${neutraliseMarkup(post.view.headline)}`,
    `It is not marked as sent: ${post.afterRefusal ?? 'it is not posted again by itself'}.`,
    ...(post.thread?.length
      ? [
          `What its thread would have held is in this message's thread: ${post.thread.length === 1 ? 'the detail' : `the ${post.thread.length} details`}, with the buttons to act on ${post.thread.length === 1 ? 'it' : 'them'}.`,
        ]
      : []),
    "To send alerts elsewhere: a budget's `channel=` (`/hosting budget set …`), `/hosting alerts route …`, or `/hosting alerts channel=#…` for everything else.",
  ].join('\n');
}
