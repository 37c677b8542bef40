import type { AllMiddlewareArgs, BlockButtonAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Message } from '../../message';

/** Answers the person who pressed a button, below the message, only to them; a failed answer is logged. */
export function tellPresser(respond: RespondFn, logger: Logger, what: string) {
  return (message: Message) =>
    respond({ ...message, response_type: 'ephemeral', replace_original: false }).catch((error: unknown) =>
      logger.error(`could not answer the ${what}:`, error),
    );
}

/** What a button's listener is given. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
