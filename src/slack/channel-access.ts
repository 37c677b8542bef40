/**
 * Can the bot post in a channel? Asked of Slack (conversations.info) before a channel is saved as
 * the digest's, so a typo or a missing invitation is caught in the form, not at 09:00 on Monday.
 */
import type { WebClient } from '@slack/web-api';
import { slackErrorCode, slackErrorText } from './slack-errors';

/**
 * Undefined when the bot can post in `channel`; otherwise what is wrong and how to fix it, in words
 * that read the same in a modal's field error (plain text) and in a message. `then` finishes the
 * advice: "save again", "try again".
 */
export async function channelProblem(
  client: WebClient,
  channel: string,
  then = 'try again',
): Promise<string | undefined> {
  const invite = `type /invite @Hosting Advisor in that channel, then ${then}`;
  try {
    const info = await client.conversations.info({ channel });
    const found = info.channel;
    if (found?.is_archived) return 'That channel is archived: pick another one.';
    if (found?.is_im || found?.is_mpim) return 'Pick a channel, not a direct message.';
    if (found && found.is_member === false) {
      return `Hosting Advisor is not a member of ${found.name ? `#${found.name}` : 'that channel'}: ${invite}.`;
    }
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    switch (code) {
      case 'channel_not_found':
        return `Hosting Advisor cannot see that channel. If it is private, ${invite}.`;
      case undefined:
        return 'Slack did not answer while the channel was being checked; try again in a minute.';
      default:
        return slackErrorText(code, channel);
    }
  }
}
