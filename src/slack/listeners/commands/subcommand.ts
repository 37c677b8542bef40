import type { Logger, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Services } from '../../../services';
import type { Message } from '../../message';

export interface SubcommandContext {
  /** The words after the subcommand, with `share` removed. */
  args: string;
  /** The user wrote `share`: post the answer in the channel. */
  share: boolean;
  command: SlashCommand;
  client: WebClient;
  services: Services;
  logger: Logger;
}

/**
 * What a subcommand answers with: a message for the ack itself (fast work), or an ack now (with a
 * placeholder, or empty) and the work after it (anything that waits on AWS, Heroku or Slack), whose
 * message, if any, goes to response_url.
 */
export type Reply = Message | { placeholder?: Message; later: () => Promise<Message | undefined> } | { silent: true };

export interface Subcommand {
  name: string;
  aliases?: string[];
  summary: string;
  /** Full example including the subcommand, e.g. `estimate web=2xstandard-2x`. */
  examples: string[];
  run(context: SubcommandContext): Promise<Reply>;
}
