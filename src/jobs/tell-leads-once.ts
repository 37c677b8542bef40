/**
 * A notice each lead gets once, whatever retries a job makes (today's anomalies with no channel to go
 * to, and that today's scan could not read Cost Explorer): in each lead's direct message, the notice
 * and each detail in its thread are runs in the store, claimed and fenced as alerts are
 * (post-once.ts), keyed by the direct message and the tag. A scan
 * retried the same day (it failed or stopped after telling the leads, or a second replica) finds them
 * sent; a detail new to the retry goes into the thread of the notice already sent.
 *
 * Unlike a channel, the bot cannot look in a direct message for what it sent (it has no im:history
 * scope), so a run past its fence is never posted again: a post Slack did not answer, or a bot that
 * stopped between the post and its mark, may have reached the lead, and is logged instead. Only Slack's
 * own "no" (nothing was sent) leaves it to be tried again. docs/decisions.md, "Anomalies with no
 * channel reach each lead once".
 */
import type { AlertView } from '../answers/alert-view';
import { errorText } from '../sources/source-error';
import { ClaimLease } from './claim-lease';
import type { PostOnceOptions } from './post-once';

export interface LeadNotice {
  /** The exactly-once key of the notice in each lead's direct message. */
  tag: string;
  text: string;
  /** The details in its thread, each with its own key. */
  thread: { tag: string; view: AlertView }[];
}

/** What became of one post: sent (its ts), sent before, or nothing more to do for it now. */
type Sent = { ts?: string; unfinished?: string };

/** Tells every lead `notice` once; the posts left for a later try (another replica's live claim, Slack not reached). */
export async function tellLeadsOnce(options: PostOnceOptions, notice: LeadNotice): Promise<string[]> {
  const { poster, logger } = options;
  const leads = await poster.leads();
  if (leads.length === 0) logger.warn(`no lead to tell (set HOSTING_LEADS): ${notice.text.split('\n')[0]}`);
  const unfinished: string[] = [];
  for (const lead of leads) {
    let channel: string;
    try {
      channel = await poster.directMessage(lead);
    } catch (error) {
      // Nothing was sent: Slack's "no" is final (the lead cannot be reached), anything else is tried again.
      const refused = poster.refusal(error, lead);
      logger.warn(`could not tell lead ${lead}: ${refused ?? errorText(error)}`);
      if (!refused) unfinished.push(`${notice.tag} to ${lead}`);
      continue;
    }
    const told = await sendOnce(options, channel, notice.tag, () =>
      poster.postNotice(channel, notice.text, notice.tag),
    );
    if (told.unfinished) unfinished.push(told.unfinished);
    if (!told.ts) continue;
    for (const { tag, view } of notice.thread) {
      const detail = await sendOnce(options, channel, tag, () =>
        poster.post({ channel, tag, view, threadTs: told.ts }),
      );
      if (detail.unfinished) unfinished.push(detail.unfinished);
    }
  }
  return unfinished;
}

/** Claim → fence → post → mark, never taking over a post that may have gone out. */
async function sendOnce(
  options: PostOnceOptions,
  channel: string,
  tag: string,
  post: () => Promise<string>,
): Promise<Sent> {
  const { store, poster, owner, logger } = options;
  const started = Date.now();
  const lease = await ClaimLease.claim(store, {
    channel,
    period: tag,
    owner,
    now: () => new Date(options.now.getTime() + (Date.now() - started)),
    leaseMs: options.leaseMs,
    logger,
    takeOverPosting: false,
  });
  if (!lease.claimed) {
    const { status, messageTs } = lease.run;
    if (status === 'posted') return messageTs ? { ts: messageTs } : {};
    // `posting`: sent, or being sent by its owner; `claimed`: a live claim of another replica's.
    return status === 'claimed' ? { unfinished: `${tag} in ${channel}` } : {};
  }
  try {
    options.crashAt?.('after-claim');
    if (!(await lease.beginPost())) return { unfinished: `${tag} in ${channel}` };
    let ts: string;
    try {
      ts = await post();
    } catch (error) {
      const refused = poster.refusal(error, channel);
      if (refused) {
        logger.warn(`could not tell a lead (${channel}) ${tag}: ${refused}`);
        await lease.markFailed(`refused: ${refused}`);
      } else {
        // Left past its fence, so no retry sends it again: a second copy is worse than one unconfirmed.
        logger.error(
          `${tag} to ${channel}: Slack did not answer (${errorText(error)}); it may have been sent, and is not sent again`,
        );
      }
      return {};
    }
    options.crashAt?.('after-post');
    await lease.markPosted(ts);
    return { ts };
  } finally {
    lease.release();
  }
}
