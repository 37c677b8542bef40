import { resolveFromEstimateWords } from '../../../answers/compliance';
import type { Services } from '../../../services';
import { pressedBy } from '../../asker';
import { complianceReplyFor, resolveOptions } from '../commands/compliance';
import type { ButtonArgs } from './open-view';

/**
 * "Compliance checklist" on an estimate: the checklist for what the estimate priced (both platforms),
 * or for the live app of an `app=NAME` estimate (leads), only to the clicker.
 */
export function openCompliance(services: Services) {
  return async (args: ButtonArgs) => {
    const { ack, action, respond, logger } = args;
    await ack();
    const request = resolveFromEstimateWords(action.value ?? '', resolveOptions(services));
    const message = await complianceReplyFor(request, pressedBy(services, args, false));
    await respond({ ...message, response_type: 'ephemeral', replace_original: false }).catch((error: unknown) =>
      logger.error('could not deliver the compliance checklist for an estimate:', error),
    );
  };
}
