import type { Services } from '../../../services';
import { pressedBy } from '../../asker';
import { estimateReplyFor } from '../commands/estimate';
import type { ButtonArgs } from './open-view';

/**
 * "Share in channel" on an estimate: the same answer, posted for everyone in the channel, saying who shared it. The button
 * carries the words that answer again (`app=NAME` for a live app, read again from the cached
 * inventory); a live app's figures are posted only by a lead, in a channel where spend may be.
 */
export function shareEstimate(services: Services) {
  return async (args: ButtonArgs) => {
    const { ack, action, respond, logger } = args;
    await ack();
    const message = await estimateReplyFor(action.value ?? '', pressedBy(services, args, true));
    await respond({ ...message, replace_original: false }).catch((error: unknown) =>
      logger.error('could not share the estimate:', error),
    );
  };
}
