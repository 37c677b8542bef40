import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { estimateFormView } from '../views/estimate-form';

/** "New estimate" (anyone): the estimate form, the same as `/hosting estimate` with no words. */
export function homeNewEstimate() {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: estimateFormView() });
    } catch (error) {
      logger.error(`could not open the estimate form for ${body.user.id}:`, error);
    }
  };
}
