import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatInZone } from '../../../core/digest/schedule';
import type { Services } from '../../../services';
import { FORCED_REFRESH_INTERVAL_MS, homeDashboard } from '../events/home-dashboard';

const MINUTES = FORCED_REFRESH_INTERVAL_MS / 60_000;

/**
 * "Refresh": gathers again through the sources' caches (Cost Explorer answers are kept 6 hours, so
 * this costs nothing there). "Refresh now" (`force`): re-reads Heroku too; once per person every
 * few minutes, with a plain note when asked again sooner.
 */
export function homeRefresh(services: Services, force: boolean) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    const dashboard = homeDashboard(services);
    try {
      if (!(await dashboard.leadOrGuide(client, user, logger))) return;
      const cached = await dashboard.cached();
      if (force) {
        const claim = await dashboard.claimForcedRefresh(user);
        if (!claim.ok) {
          const zone = await dashboard.timezone();
          await dashboard.publishLead(client, user, logger, cached, {
            how: 'cached',
            notice: `You re-read Heroku at ${formatInZone(claim.last, zone)}; that works once every ${MINUTES} minutes per person, so these are the figures from then. It works again from ${formatInZone(claim.notBefore, zone)}; *Refresh* works any time.`,
          });
          return;
        }
      }
      await dashboard.publishLead(client, user, logger, cached, { how: 'cached', refreshing: true });
      await dashboard.refreshFor(client, user, logger, {
        force,
        cached,
        ...(force
          ? {
              notice: 'Refreshed: Heroku was read again just now.',
            }
          : {}),
      });
    } catch (error) {
      logger.error(`could not refresh App Home for ${user}:`, error);
    }
  };
}
