import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { estimateFormView } from '../views/estimate-form';

/** "New estimate" (anyone): the estimate form, the same as `/hosting estimate` with no words. */
export function homeNewEstimate(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: estimateFormView(services.catalog) });
    } catch (error) {
      logger.error(`could not open the estimate form for ${body.user.id}:`, error);
    }
  };
}
