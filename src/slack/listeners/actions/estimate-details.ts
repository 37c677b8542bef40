import type { Services } from '../../../services';
import { pressedBy } from '../../asker';
import { estimateAnswerFor, estimateReply, unpricedReply } from '../commands/estimate';
import { estimateDetailsView } from '../views/estimate-details';
import { type ButtonArgs, openViewForPresser } from './open-view';
import { tellPresser } from './tell-presser';

/**
 * An estimate's Details button: every line, assumption and source, in a modal only the presser sees.
 * A live app's (`app=NAME`, read again) only for a hosting lead, as the command's answer: the button
 * is on a shared estimate too, where anyone in the channel can press it.
 */
export function estimateDetails(services: Services) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const { answer, access } = await estimateAnswerFor(args.action.value ?? '', pressedBy(services, args, false));
    if (answer.kind !== 'estimate') {
      const tell = tellPresser(args.respond, args.logger, 'estimate Details button');
      await tell(access && !access.lead ? unpricedReply(answer, access) : estimateReply(answer));
      return;
    }
    await openViewForPresser(args, estimateDetailsView(answer.estimate, answer.words), 'estimate details');
  };
}
