import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { postDigestNow } from '../../digest-poster';
import { homeDashboard } from '../events/home-dashboard';

/** "Post digest now" (leads): the digest goes to the configured channel now; Home says how it went. */
export function homePostDigest(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    const dashboard = homeDashboard(services);
    try {
      if (!(await dashboard.leadOrGuide(client, user, logger))) return;
      let notice: string;
      try {
        const outcome = await postDigestNow(services, client, user, logger);
        notice = outcome.message;
      } catch (error) {
        logger.error(`posting the digest for ${user} failed:`, error);
        notice =
          "Could not post the digest (the error is in Hosting Advisor's log). Nothing was posted; try again in a minute.";
      }
      await dashboard.publishLead(client, user, logger, await dashboard.cached(), { how: 'cached', notice });
    } catch (error) {
      logger.error(`could not publish App Home for ${user}:`, error);
    }
  };
}
