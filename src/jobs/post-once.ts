/**
 * Exactly-once posting for alerts, the digest's way: claim (store) → post (tagged) → mark (store).
 * A successor taking over a dead owner's claim looks for the tagged message before posting again;
 * when it cannot read the history it does not post (a held run is tried again later, never doubled).
 */
import type { AlertPost, AlertPoster } from '../answers/alert-view';
import type { Store } from '../store/store';

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
  /** Test hook: throws at the named point, as a crash would stop the process there. */
  crashAt?: (point: AlertCrashPoint) => void;
}

export async function postOnce(options: PostOnceOptions, post: AlertPost): Promise<PostOutcome> {
  const { store, poster, owner, now } = options;
  const { channel, tag } = post;
  const before = await store.digestRun(channel, tag);
  const claim = await store.claimDigestRun(channel, tag, owner, now, options.leaseMs);
  if (!claim.claimed) {
    if (claim.run.status === 'posted')
      return { status: 'already-posted', ...(claim.run.messageTs ? { ts: claim.run.messageTs } : {}) };
    return { status: 'busy' };
  }
  options.crashAt?.('after-claim');
  if (before && !(before.status === 'failed' && before.error?.startsWith('refused'))) {
    const found = await poster.findTagged(channel, tag, new Date(before.claimedAt.getTime() - 60_000), post.threadTs);
    if (found === 'unknown') {
      const error = 'held: it may already be posted and the channel history could not be read';
      await store.markDigestFailed(channel, tag, owner, error);
      return { status: 'failed', error };
    }
    if (found) {
      await store.markDigestPosted(channel, tag, owner, found);
      return { status: 'posted', ts: found, recovered: true };
    }
  }
  let ts: string;
  try {
    ts = await poster.post(post);
  } catch (error) {
    const refused = poster.refusal(error, channel);
    const message = refused ? `refused: ${refused}` : `no answer from Slack (${(error as Error).message})`;
    await store.markDigestFailed(channel, tag, owner, message);
    return { status: 'failed', error: message };
  }
  options.crashAt?.('after-post');
  await store.markDigestPosted(channel, tag, owner, ts);
  return { status: 'posted', ts };
}
