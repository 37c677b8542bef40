import { answerEstimate } from '../../../answers/estimate';
import type { Services } from '../../../services';
import { estimateReply } from '../commands/estimate';
import { estimateDetailsView } from '../views/estimate-details';
import { type ButtonArgs, openViewForPresser } from './open-view';
import { tellPresser } from './tell-presser';

/** An estimate's Details button: every line, assumption and source, in a modal only the presser sees. */
export function estimateDetails(services: Services) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const answer = await answerEstimate(args.action.value ?? '', services);
    if (answer.kind !== 'estimate') {
      await tellPresser(args.respond, args.logger, 'estimate Details button')(estimateReply(answer));
      return;
    }
    await openViewForPresser(args, estimateDetailsView(answer.estimate, answer.words), 'estimate details');
  };
}
