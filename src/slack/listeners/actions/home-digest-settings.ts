import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { loadDigestSettings } from '../../../answers/digest-settings';
import type { Services } from '../../../services';
import { storedSpendChannels, storedUsergroup } from '../../leads';
import { homeDashboard } from '../events/home-dashboard';
import { digestSettingsView } from '../views/digest-settings-form';

/** "Digest settings" (leads): the settings modal, pre-filled with what is in force. */
export function homeDigestSettings(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    try {
      if (!(await homeDashboard(services).leadOrGuide(client, user, logger))) return;
      const [settings, usergroup, spendChannels] = await Promise.all([
        loadDigestSettings(services.store, services.config),
        storedUsergroup(services),
        storedSpendChannels(services),
      ]);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: digestSettingsView({ settings, ...(usergroup ? { usergroup } : {}), spendChannels }),
      });
    } catch (error) {
      logger.error(`could not open the digest settings for ${user}:`, error);
    }
  };
}
