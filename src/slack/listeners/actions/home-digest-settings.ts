import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { loadDigestSettings, timezoneChosen, weekNoteFor } from '../../../answers/digest-settings';
import type { Services } from '../../../services';
import { storedSpendChannels, storedUsergroup } from '../../leads';
import { homeDashboard } from '../events/home-dashboard';
import { digestSettingsView } from '../views/digest-settings-form';

/** The person's time zone from their Slack profile, if Slack says and the runtime knows it. */
async function ownTimezone(client: WebClient, user: string): Promise<string | undefined> {
  try {
    const tz = (await client.users.info({ user })).user?.tz;
    return tz && Intl.supportedValuesOf('timeZone').concat('UTC').includes(tz) ? tz : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace's user groups by handle; undefined when Slack will not list them (the form then asks for an ID). */
async function listUsergroups(client: WebClient) {
  try {
    const answer = await client.usergroups.list({});
    return (answer.usergroups ?? [])
      .filter((group) => group.id && group.handle)
      .map((group) => ({ id: group.id!, handle: group.handle!, name: group.name ?? group.handle! }));
  } catch {
    return undefined;
  }
}

/** "Digest settings" (leads): the settings modal, pre-filled with what is in force. */
export function homeDigestSettings(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    try {
      if (!(await homeDashboard(services).leadOrGuide(client, user, logger))) return;
      const [settings, usergroup, spendChannels, stored, own, usergroups] = await Promise.all([
        loadDigestSettings(services.store, services.config),
        storedUsergroup(services),
        storedSpendChannels(services),
        services.store.settings(),
        ownTimezone(client, user),
        listUsergroups(client),
      ]);
      const chosen = timezoneChosen(stored, services.config);
      const initialTimezone = chosen ? settings.timezone : (own ?? settings.timezone);
      const weekNote = weekNoteFor(settings, services.now());
      await client.views.open({
        trigger_id: body.trigger_id,
        view: digestSettingsView({
          settings,
          ...(usergroup ? { usergroup } : {}),
          spendChannels,
          initialTimezone,
          ...(usergroups ? { usergroups } : {}),
          ...(weekNote ? { weekNote } : {}),
        }),
      });
    } catch (error) {
      logger.error(`could not open the digest settings for ${user}:`, error);
    }
  };
}
