import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { homeDashboard } from './home-dashboard';

/**
 * The Home tab opened. Bolt has already acknowledged the event before this runs, so nothing here
 * delays the ack; the cached view is published first and fresh figures follow when needed.
 */
export function appHomeOpened(services: Services) {
  return async ({ event, client, logger }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    try {
      await homeDashboard(services).open(client, event.user, logger);
    } catch (error) {
      logger.error(`could not publish App Home for ${event.user}:`, error);
    }
  };
}
