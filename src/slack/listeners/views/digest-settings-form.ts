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
  /** The time zone the menu starts on: the stored one, else the person's own (from their Slack profile). */
  initialTimezone?: string;
  /** The workspace's user groups, to pick by handle; undefined when Slack would not list them. */
  usergroups?: { id: string; handle: string; name: string }[];
  /** The schedule in force counts Monday to Saturday: why, and from what time it would count whole weeks. */
  weekNote?: string;
}

/** Every IANA zone the runtime knows, in menus of at most 100 (Slack's limit), grouped by region. */
function timezoneGroups(extra: readonly string[] = []) {
  const zones = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone'), ...extra])].sort();
  const byRegion = new Map<string, string[]>();
  for (const zone of zones) {
    const region = zone.includes('/') ? zone.split('/')[0]! : 'UTC and others';
    byRegion.set(region, [...(byRegion.get(region) ?? []), zone]);
  }
  return [...byRegion].flatMap(([region, list]) => {
    const chunks = Math.ceil(list.length / 100);
    return Array.from({ length: chunks }, (_, i) => {
      const part = list.slice(i * 100, (i + 1) * 100);
      const label =
        chunks === 1
          ? region
          : `${region} (${part[0]!.split('/')[1]!.charAt(0)}–${part.at(-1)!.split('/')[1]!.charAt(0)})`;
      return {
        label: plain(label),
        options: part.map((zone) => ({ value: zone, text: plain(zone.replace(/_/g, ' ')) })),
      };
    });
  });
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

const groupOption = (group: { id: string; handle: string; name: string }): PlainTextOption => ({
  value: group.id,
  text: plain(`@${group.handle} (${group.name})`.slice(0, 75)),
});

/**
 * The menu's "none": Slack cannot empty a single-choice menu once it has a value, so without it a
 * group once made leads could not be taken off here. Not a group ID (those start with S).
 */
const NO_GROUP: PlainTextOption = { value: 'none', text: plain('No user group') };

/** The leads group by its @handle from a menu; an ID box only when Slack would not list the groups. */
function usergroupInput(form: SettingsFormInput): InputBlock {
  const hint =
    'Members of this Slack user group are leads too, besides the leads named when Hosting Advisor was set up.';
  if (form.usergroups && form.usergroups.length > 0) {
    // At most 100 options: "none", the group in force wherever Slack lists it, then the others.
    const current = form.usergroups.find((group) => group.id === form.usergroup);
    const others = form.usergroups.filter((group) => group !== current).slice(0, current ? 98 : 99);
    const initial = current ? groupOption(current) : NO_GROUP;
    return input(
      SETTINGS_FIELDS.usergroup,
      'Leads user group',
      {
        type: 'static_select',
        action_id: VALUE,
        placeholder: plain('Choose a user group'),
        options: [NO_GROUP, ...(current ? [initial] : []), ...others.map(groupOption)],
        initial_option: initial,
      },
      hint,
      true,
    );
  }
  return input(
    SETTINGS_FIELDS.usergroup,
    'Leads user group ID',
    {
      type: 'plain_text_input',
      action_id: VALUE,
      ...(form.usergroup ? { initial_value: form.usergroup } : {}),
      placeholder: plain('S0614TZR7'),
    },
    `${hint} Its ID starts with S (user group menu → Copy group ID). Leave empty for none.`,
    true,
  );
}

export function digestSettingsView(form: SettingsFormInput): ModalView {
  const { settings } = form;
  const weekly = dayTimeOf(settings.schedule);
  const day = weekly?.day ?? 'mon';
  const time = weekly?.time ?? '09:00';
  const zone = form.initialTimezone ?? settings.timezone;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Weekly digest*: now ${describeSchedule(settings.schedule, settings.timezone)}${settings.channel ? ` in <#${settings.channel}>` : ', no channel set'}.${weekly ? '' : ' Saving replaces that schedule with the day and time below.'}${form.weekNote ? ` ${form.weekNote}` : ''}`,
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
        type: 'static_select',
        action_id: VALUE,
        option_groups: timezoneGroups([zone]),
        initial_option: { value: zone, text: plain(zone.replace(/_/g, ' ')) },
      },
      'Weeks run Monday to Sunday in this zone.',
    ),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: '*Who may see spend*' } },
    usergroupInput(form),
    input(
      SETTINGS_FIELDS.spendChannels,
      'Channels where spend may be shared',
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
  const zone = get(SETTINGS_FIELDS.timezone);
  set('timezone', text(zone?.selected_option?.value ?? zone?.value));
  const group = get(SETTINGS_FIELDS.usergroup);
  const picked = group?.selected_option?.value;
  set('usergroup', text(picked === NO_GROUP.value ? undefined : (picked ?? group?.value))?.toUpperCase());
  return answers;
}
