import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import type { BotAuthorization } from '../../authorize';
import { context } from '../../block-kit';
import { typedText } from '../../command-text';
import { ephemeral, type Message } from '../../message';
import { slackErrorCode, slackErrorText } from '../../slack-errors';
import { helpMessage } from './help';
import type { Reply, Subcommand } from './subcommand';
import { quoteInput, unknownSubcommand } from './unknown';

/** Slack allows long command text; nothing we accept needs more than this. */
const MAX_COMMAND_TEXT = 2000;

const SORRY = ephemeral(
  'Sorry, something went wrong on our side while answering that. Nothing was changed; please try again in a minute. If it keeps happening, tell whoever runs Hosting Advisor (the error is in its log).',
);

function splitShare(words: string[]): { words: string[]; shares: number } {
  const kept = words.filter((word) => word.toLowerCase() !== 'share');
  return { words: kept, shares: words.length - kept.length };
}

const isMessage = (reply: Reply): reply is Message => 'response_type' in reply;

function withWarning(message: Message, warning: string): Message {
  return {
    ...message,
    text: `:warning: ${warning}\n\n${message.text}`,
    ...(message.blocks ? { blocks: [context(`:warning: ${warning}`), ...message.blocks] } : {}),
  };
}

/** `/hosting <subcommand> …`: finds the subcommand, runs it, and answers within Slack's 3 seconds. */
export function hostingCommand(subcommands: readonly Subcommand[], services: Services) {
  // The list never changes while the bot runs: written once (a reply is never changed once made).
  let helpReply: Message | undefined;
  const help: Subcommand = {
    name: 'help',
    summary: 'this list',
    examples: ['help'],
    run: async () => {
      helpReply ??= helpMessage(all);
      return helpReply;
    },
  };
  const all = [...subcommands, help];
  const byName = new Map(all.flatMap((sub) => [sub.name, ...(sub.aliases ?? [])].map((name) => [name, sub] as const)));

  return async ({
    command,
    ack: slackAck,
    respond,
    client,
    logger,
    context,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // When Slack refused the bot token, every answer says so first: only the reinstall fixes it.
    const tokenProblem = (context as BotAuthorization).slackTokenProblem;
    const ack = (message?: Message) => slackAck(message && tokenProblem ? withWarning(message, tokenProblem) : message);
    const text = command.text ?? '';
    if (text.length > MAX_COMMAND_TEXT) {
      await ack(
        ephemeral(
          `That command is ${text.length.toLocaleString('en-US')} characters long; I read at most ${MAX_COMMAND_TEXT.toLocaleString('en-US')}. Try something like \`/hosting estimate web=2xstandard-2x postgres=standard-0\`.`,
        ),
      );
      return;
    }
    const [first = 'help', ...rest] = typedText(text).trim().split(/\s+/).filter(Boolean);
    const subcommand = byName.get(first.toLowerCase());
    if (!subcommand) {
      await ack(unknownSubcommand(first, all));
      return;
    }
    const { words, shares } = splitShare(rest);
    if (shares > 1) {
      // Taken out before the subcommand reads its words, so no subcommand could name the second one.
      await ack(
        ephemeral(
          `I did not read the second \`share\`: write it once, e.g. \`/hosting ${subcommand.examples[0]} share\`.`,
        ),
      );
      return;
    }
    const share = shares === 1;
    logger.info(`/hosting ${subcommand.name} from ${command.user_id} in ${command.channel_id}`);
    let reply: Reply;
    try {
      reply = await subcommand.run({ args: words.join(' '), share, command, client, services, logger });
    } catch (error) {
      logger.error(`/hosting ${subcommand.name} failed:`, error);
      // A Slack refusal (an expired form trigger, a revoked token) has a fix the user can act on.
      const code = slackErrorCode(error);
      await ack(code ? ephemeral(slackErrorText(code, command.channel_id)) : SORRY);
      return;
    }
    if (isMessage(reply)) {
      await ack(reply);
      return;
    }
    if ('silent' in reply) {
      await ack();
      return;
    }
    await ack(reply.placeholder);
    let message: Message | undefined;
    try {
      message = await reply.later();
    } catch (error) {
      logger.error(`/hosting ${subcommand.name} failed after the ack:`, error);
      const code = slackErrorCode(error);
      message = code ? ephemeral(slackErrorText(code, command.channel_id)) : SORRY;
    }
    if (!message) return;
    await respond({
      ...message,
      replace_original: Boolean(reply.placeholder) && message.response_type === 'ephemeral',
    }).catch((error: unknown) =>
      logger.error(`could not deliver the /hosting ${subcommand.name} answer for "${quoteInput(text)}":`, error),
    );
  };
}
