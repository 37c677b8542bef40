/**
 * Deleting a budget from App Home (leads only; the button asks for a confirmation first). The Home
 * tab is published again with the outcome; anyone else gets the member guide and nothing changes.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { deleteBudget } from '../../answers/budgets';
import type { Services } from '../../services';
import { homeDashboard } from '../listeners/events/home-dashboard';

/** Publishes Home again for a lead with `notice` on top (the figures from the dashboard's cache). */
export async function homeNotice(
  services: Services,
  client: AllMiddlewareArgs['client'],
  user: string,
  logger: AllMiddlewareArgs['logger'],
  notice: string,
): Promise<void> {
  const dashboard = homeDashboard(services);
  try {
    await dashboard.publishLead(client, user, logger, await dashboard.cached(), { how: 'cached', notice });
  } catch (error) {
    logger.error(`could not publish App Home for ${user}:`, error);
  }
}

export function deleteBudgetFromHome(services: Services) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    if (!(await homeDashboard(services).leadOrGuide(client, user, logger))) return;
    const outcome = await deleteBudget(services, action.value ?? '', user);
    await homeNotice(services, client, user, logger, outcome.message);
  };
}
