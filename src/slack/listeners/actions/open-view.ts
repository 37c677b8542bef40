import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import { ephemeral } from '../../message';
import { slackErrorCode, slackErrorText } from '../../slack-errors';
import { tellPresser } from './tell-presser';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Opens a modal for the person who pressed a button (with the press's trigger, which Slack honours
 * for 3 seconds); when Slack refuses, that person is told why, in plain words, below the message.
 */
export async function openViewForPresser(args: ButtonArgs, view: View, what: string): Promise<void> {
  const { body, client, logger } = args;
  try {
    await client.views.open({ trigger_id: body.trigger_id, view });
  } catch (error) {
    const code = slackErrorCode(error);
    logger.warn(`could not open the ${what}:`, code ?? error);
    await tellPresser(
      args.respond,
      logger,
      `${what} button`,
    )(ephemeral(code ? slackErrorText(code, body.channel?.id ?? '') : `Could not open the ${what}; try again.`));
  }
}
