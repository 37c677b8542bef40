/**
 * Saving the Digest settings modal: each field checked on its own (the pure rules, then Slack: can
 * the bot post in the channel? does the user group exist?), errors shown on their fields, and on
 * success the settings stored and the lead's Home tab published again.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { loadDigestSettings, saveDigestSettings, weekNoteFor } from '../../../answers/digest-settings';
import { DAYS, type Day, describeSchedule, parseTime, scheduleFromDayTime } from '../../../core/digest/schedule';
import { type DigestSettingsField, validateDigestSettings } from '../../../core/digest/settings';
import type { Services } from '../../../services';
import { channelProblem } from '../../channel-access';
import { fieldErrorText } from '../../field-error';
import { forgetLeads, isLead, LEADS_USERGROUP_KEY, SPEND_CHANNELS_KEY, USERGROUP_ID } from '../../leads';
import { slackErrorCode } from '../../slack-errors';
import { homeDashboard } from '../events/home-dashboard';
import { readSettingsForm, SETTINGS_FIELDS, type SettingsState } from './digest-settings-form';

const FIELD_BLOCKS: Record<DigestSettingsField, string> = {
  channel: SETTINGS_FIELDS.channel,
  schedule: SETTINGS_FIELDS.time,
  timezone: SETTINGS_FIELDS.timezone,
};

const plain = fieldErrorText;

/** Undefined when the bot can post in the channel; otherwise what to do, for the channel field. */
const digestChannelProblem = (client: WebClient, channel: string) => channelProblem(client, channel, 'save again');

/** Undefined when the user group exists and can be read. */
async function usergroupProblem(client: WebClient, usergroup: string): Promise<string | undefined> {
  if (!USERGROUP_ID.test(usergroup)) {
    return `"${usergroup.slice(0, 40)}" is not a user group ID: it starts with S, e.g. S0614TZR7 (user group menu → Copy group ID). Leave it empty for none.`;
  }
  try {
    await client.usergroups.users.list({ usergroup });
    return undefined;
  } catch (error) {
    switch (slackErrorCode(error)) {
      case 'no_such_subteam':
      case 'subteam_not_found':
        return `Slack has no user group ${usergroup}: copy the ID from the group's menu (Copy group ID).`;
      case 'missing_scope':
        return 'Hosting Advisor may not read user groups (it needs the usergroups:read scope): ask whoever runs it to reinstall the app from manifest.yml.';
      default:
        return `Could not check the user group (${slackErrorCode(error) ?? 'Slack did not answer'}); try again in a minute.`;
    }
  }
}

export function digestSettingsSubmission(services: Services) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const user = body.user.id;
    if (!(await isLead(services, client, logger, user))) {
      await ack({
        response_action: 'errors',
        errors: { [SETTINGS_FIELDS.channel]: 'Only hosting leads can change these settings.' },
      });
      return;
    }
    const answers = readSettingsForm(view.state.values as SettingsState);
    const current = await loadDigestSettings(services.store, services.config);
    const errors: Record<string, string> = {};

    const day = DAYS.find((d) => d === answers.day) as Day | undefined;
    if (!day) errors[SETTINGS_FIELDS.day] = 'Pick a day of the week.';
    const time = answers.time ?? '';
    if (!parseTime(time))
      errors[SETTINGS_FIELDS.time] = `"${time.slice(0, 20)}" is not a time of day; use HH:MM, e.g. 09:00.`;
    const schedule = day && parseTime(time) ? scheduleFromDayTime(day, time) : current.schedule;

    const check = validateDigestSettings({ channel: answers.channel, schedule, timezone: answers.timezone }, current);
    if (!check.ok) {
      for (const [field, message] of Object.entries(check.errors)) {
        errors[FIELD_BLOCKS[field as DigestSettingsField]] ??= message;
      }
    }
    const channel = check.ok ? check.value.channel : answers.channel;
    if (!channel) errors[SETTINGS_FIELDS.channel] ??= 'Choose the channel the digest goes to.';
    const notChannels = answers.spendChannels.filter((id) => !/^[CG][A-Z0-9]{2,}$/.test(id));
    if (notChannels.length > 0) {
      errors[SETTINGS_FIELDS.spendChannels] = 'Pick channels only, not direct messages.';
    }

    // Ask Slack only about what passed the rules, both at once (the modal waits for this answer).
    const [channelProblem, groupProblem] = await Promise.all([
      channel && !errors[SETTINGS_FIELDS.channel] ? digestChannelProblem(client, channel) : undefined,
      answers.usergroup ? usergroupProblem(client, answers.usergroup) : undefined,
    ]);
    if (channelProblem) errors[SETTINGS_FIELDS.channel] = channelProblem;
    if (groupProblem) errors[SETTINGS_FIELDS.usergroup] = groupProblem;

    if (Object.keys(errors).length > 0 || !check.ok || !channel) {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, plain(text)])),
      });
      return;
    }

    const settings = check.value;
    try {
      await saveDigestSettings(services.store, settings);
      await services.store.setSetting(LEADS_USERGROUP_KEY, answers.usergroup ?? '');
      await services.store.setSetting(SPEND_CHANNELS_KEY, answers.spendChannels.join(','));
    } catch (error) {
      logger.error('could not save the digest settings:', error);
      await ack({
        response_action: 'errors',
        errors: {
          [SETTINGS_FIELDS.channel]: "Could not save the settings (the error is in Hosting Advisor's log); try again.",
        },
      });
      return;
    }
    await ack();
    forgetLeads(services);
    const described = `${describeSchedule(settings.schedule, settings.timezone)} in <#${channel}>`;
    const note = weekNoteFor(settings, services.now());
    await services.store.audit({
      at: services.now(),
      actor: user,
      action: 'settings',
      detail: `digest ${channel} ${settings.schedule} ${settings.timezone}; leads group ${answers.usergroup ?? 'none'}; spend channels ${answers.spendChannels.join(' ') || 'none'}`,
    });
    const dashboard = homeDashboard(services);
    try {
      await dashboard.publishLead(client, user, logger, await dashboard.cached(), {
        how: 'cached',
        notice: `Saved. The digest goes out ${described}.${note ? ` ${note}` : ''}`,
      });
    } catch (error) {
      logger.error('could not publish App Home after saving the settings:', error);
    }
  };
}
