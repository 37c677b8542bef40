import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { resolveFromEstimateWords } from '../../../answers/compliance';
import type { Services } from '../../../services';
import { complianceReply, resolveOptions } from '../commands/compliance';

/** "Compliance checklist" on an estimate: the checklist for the estimate's workload, only to the clicker. */
export function openCompliance(services: Services) {
  return async ({ ack, action, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const message = complianceReply(resolveFromEstimateWords(action.value ?? '', resolveOptions(services)), false);
    await respond({ ...message, response_type: 'ephemeral', replace_original: false }).catch((error: unknown) =>
      logger.error('could not deliver the compliance checklist for an estimate:', error),
    );
  };
}
