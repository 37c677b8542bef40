import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { replyToEstimateWords } from '../commands/estimate';

/** "Share in channel" on an estimate: the same answer, posted for everyone in the channel, saying who shared it. */
export function shareEstimate(services: Services) {
  return async ({
    ack,
    action,
    body,
    respond,
    logger,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const message = replyToEstimateWords(action.value ?? '', services, true, body.user.id);
    await respond({ ...message, replace_original: false }).catch((error: unknown) =>
      logger.error('could not share the estimate:', error),
    );
  };
}
