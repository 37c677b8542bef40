/**
 * The Digest settings modal opened from App Home: where and when the weekly digest goes, and who
 * counts as a lead and where spend may be shared. Pure: builds the view and reads its state.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DAYS, type Day, dayName, dayTimeOf, describeSchedule } from '../../../core/digest/schedule';
import type { DigestSettings } from '../../../core/digest/settings';

export const DIGEST_SETTINGS_FORM = 'digest_settings_form';

/** Block IDs; they double as the keys of the field errors shown in the modal. */
export const SETTINGS_FIELDS = {
  channel: 'digest_channel',
  day: 'digest_day',
  time: 'digest_time',
  timezone: 'digest_timezone',
  usergroup: 'leads_usergroup',
  spendChannels: 'spend_channels',
} as const;

const VALUE = 'value';

export interface SettingsFormInput {
  settings: DigestSettings;
  usergroup?: string;
  spendChannels: string[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const dayOption = (day: Day): PlainTextOption => ({ value: day, text: plain(dayName(day)) });

const input = (blockId: string, label: string, element: InputBlock['element'], hint?: string, optional = false) =>
  ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element,
    ...(hint ? { hint: plain(hint) } : {}),
  }) satisfies InputBlock;

export function digestSettingsView(form: SettingsFormInput): ModalView {
  const { settings } = form;
  const weekly = dayTimeOf(settings.schedule);
  const day = weekly?.day ?? 'mon';
  const time = weekly?.time ?? '09:00';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Weekly digest*: now ${describeSchedule(settings.schedule, settings.timezone)}${settings.channel ? ` in <#${settings.channel}>` : ', no channel set'}.${weekly ? '' : ' Saving replaces that schedule with the day and time below.'}`,
      },
    },
    input(
      SETTINGS_FIELDS.channel,
      'Post the digest in',
      {
        type: 'conversations_select',
        action_id: VALUE,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(settings.channel ? { initial_conversation: settings.channel } : {}),
        placeholder: plain('Choose a channel'),
      },
      'The bot must be a member: type /invite @Hosting Advisor in the channel first.',
    ),
    input(SETTINGS_FIELDS.day, 'Day', {
      type: 'static_select',
      action_id: VALUE,
      options: DAYS.map(dayOption),
      initial_option: dayOption(day),
    }),
    input(SETTINGS_FIELDS.time, 'Time', { type: 'timepicker', action_id: VALUE, initial_time: time }),
    input(
      SETTINGS_FIELDS.timezone,
      'Time zone',
      {
        type: 'plain_text_input',
        action_id: VALUE,
        initial_value: settings.timezone,
        placeholder: plain('Europe/Berlin'),
      },
      'An IANA time zone such as Europe/Berlin, America/New_York or UTC. Weeks run Monday to Sunday in it.',
    ),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: '*Who may see spend*' } },
    input(
      SETTINGS_FIELDS.usergroup,
      'Leads user group ID (optional)',
      {
        type: 'plain_text_input',
        action_id: VALUE,
        ...(form.usergroup ? { initial_value: form.usergroup } : {}),
        placeholder: plain('S0614TZR7'),
      },
      'Members of this Slack user group are leads too, besides HOSTING_LEADS. Its ID starts with S (user group menu → Copy group ID). Leave empty for none.',
      true,
    ),
    input(
      SETTINGS_FIELDS.spendChannels,
      'Channels where spend may be shared (optional)',
      {
        type: 'multi_conversations_select',
        action_id: VALUE,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(form.spendChannels.length > 0 ? { initial_conversations: form.spendChannels } : {}),
        placeholder: plain('Choose channels'),
      },
      '/hosting spend … share posts figures only here and in the digest channel; elsewhere the answer stays private.',
      true,
    ),
  ];
  return {
    type: 'modal',
    callback_id: DIGEST_SETTINGS_FORM,
    title: plain('Digest settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export type SettingsState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_time?: string | null;
      selected_conversation?: string | null;
      selected_channel?: string | null;
      selected_conversations?: string[] | null;
      selected_channels?: string[] | null;
    }
  >
>;

export interface SettingsAnswers {
  channel?: string;
  day?: string;
  time?: string;
  timezone?: string;
  usergroup?: string;
  spendChannels: string[];
}

/** The submitted values, trimmed; a channels_select or a conversations_select both read. */
export function readSettingsForm(values: SettingsState): SettingsAnswers {
  const get = (block: string) => values[block]?.[VALUE];
  const text = (value: string | null | undefined) => value?.trim() || undefined;
  const channel = get(SETTINGS_FIELDS.channel);
  const spend = get(SETTINGS_FIELDS.spendChannels);
  const answers: SettingsAnswers = {
    spendChannels: [...(spend?.selected_conversations ?? spend?.selected_channels ?? [])],
  };
  const set = (key: Exclude<keyof SettingsAnswers, 'spendChannels'>, value: string | undefined) => {
    if (value !== undefined) answers[key] = value;
  };
  set('channel', text(channel?.selected_conversation ?? channel?.selected_channel));
  set('day', text(get(SETTINGS_FIELDS.day)?.selected_option?.value));
  set('time', text(get(SETTINGS_FIELDS.time)?.selected_time));
  set('timezone', text(get(SETTINGS_FIELDS.timezone)?.value));
  set('usergroup', text(get(SETTINGS_FIELDS.usergroup)?.value)?.toUpperCase());
  return answers;
}
