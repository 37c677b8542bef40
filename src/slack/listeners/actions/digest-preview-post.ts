import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { postDigestNow } from '../../digest-poster';
import { isLead } from '../../leads';
import { ephemeral } from '../../message';
import { tellPresser } from './tell-presser';

/** "Post now" under a digest preview (leads): posts this week's digest to its channel and says how it went. */
export function digestPreviewPost(services: Services) {
  return async ({
    ack,
    body,
    client,
    respond,
    logger,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const tell = tellPresser(respond, logger, 'digest Post now button');
    const user = body.user.id;
    if (!(await isLead(services, client, logger, user))) {
      await tell(ephemeral('Sorry, only hosting leads can post the digest.'));
      return;
    }
    try {
      const outcome = await postDigestNow(services, client, user, logger);
      await tell(ephemeral(outcome.message));
    } catch (error) {
      logger.error(`posting the digest for ${user} failed:`, error);
      await tell(
        ephemeral(
          "Could not post the digest (the error is in Hosting Advisor's log). Nothing was posted; try again in a minute.",
        ),
      );
    }
  };
}
