import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import type { Services } from '../../../services';
import { isLead } from '../../leads';
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

/**
 * Opens a "reading…" modal at once (the trigger lasts 3 seconds; a live answer may take longer), then
 * fills it with `build`'s view. Returns false when Slack would not open it (the presser is told).
 */
export async function openThenFill(
  args: ButtonArgs,
  loading: View,
  build: () => Promise<View>,
  what: string,
): Promise<boolean> {
  const { body, client, logger } = args;
  let viewId: string | undefined;
  try {
    viewId = (await client.views.open({ trigger_id: body.trigger_id, view: loading })).view?.id;
  } catch (error) {
    logger.warn(`could not open the ${what}:`, slackErrorCode(error) ?? error);
    await tellPresser(args.respond, logger, `${what} button`)(ephemeral('Could not open the details; try again.'));
    return false;
  }
  if (!viewId) return false;
  try {
    await client.views.update({ view_id: viewId, view: await build() });
  } catch (error) {
    logger.warn(`could not show the ${what}:`, slackErrorCode(error) ?? error);
  }
  return true;
}

interface LeadDetails<R> {
  /** `spend`: in the refusal and in the log. */
  what: string;
  /** The command that gave the answer, said when its button's value no longer reads. */
  command: string;
  /** The request the button carries, or undefined when it no longer reads. */
  parse: (value: string) => R | undefined;
  loading: View;
  /** The full view, from the request and the press (who pressed, the logger). */
  build: (request: R, args: ButtonArgs) => Promise<View>;
}

/**
 * A Details button on an answer only hosting leads get (it shows live cost data): checks the presser
 * is a lead, reads the request the button carries, then opens the modal and fills it.
 */
export function leadDetailsButton<R>(services: Services, details: LeadDetails<R>) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, logger } = args;
    await ack();
    const tell = (text: string) => tellPresser(respond, logger, `${details.what} Details button`)(ephemeral(text));
    if (!(await isLead(services, client, logger, body.user.id))) {
      await tell(`Sorry, ${details.what} details are only shown to hosting leads.`);
      return;
    }
    const request = details.parse(action.value ?? '');
    if (request === undefined) {
      await tell(`That answer is out of date; run \`${details.command}\` again.`);
      return;
    }
    await openThenFill(args, details.loading, () => details.build(request, args), `${details.what} details`);
  };
}
