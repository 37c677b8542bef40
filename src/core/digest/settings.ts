/**
 * Digest settings: where and when the weekly digest goes. Validated here (pure), stored by
 * src/answers/digest-settings.ts; whether the bot can post in the channel is asked of Slack there.
 */
import { neutraliseMarkup } from '../user-text';
import { isValidTimezone, scheduleProblem } from './schedule';

export interface DigestSettings {
  /** Slack channel ID; unset means no scheduled digest. */
  channel?: string;
  /** Cron expression: five fields, or six with seconds first (src/core/cron-check.ts). */
  schedule: string;
  /** IANA zone the schedule and the digest's week are in. */
  timezone: string;
}

export interface DigestSettingsInput {
  channel?: string;
  schedule?: string;
  timezone?: string;
}

export type DigestSettingsField = keyof DigestSettingsInput;

export type SettingsCheck =
  | { ok: true; value: DigestSettings }
  | { ok: false; errors: Partial<Record<DigestSettingsField, string>> };

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** What is wrong with one setting's value, or undefined: each field stands on its own. */
export function digestSettingProblem(field: DigestSettingsField, value: string): string | undefined {
  switch (field) {
    case 'channel':
      return CHANNEL_ID.test(value)
        ? undefined
        : `"${neutraliseMarkup(value.slice(0, 40))}" is not a Slack channel ID; pick the channel from the list, or give an ID such as C012ABCDEF (not #name).`;
    case 'schedule':
      return scheduleProblem(value);
    case 'timezone':
      return isValidTimezone(value)
        ? undefined
        : `"${neutraliseMarkup(value.slice(0, 40))}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.`;
  }
}

/** Checks each field on its own, so a form can put each error on its field. */
export function validateDigestSettings(input: DigestSettingsInput, fallback: DigestSettings): SettingsCheck {
  const errors: Partial<Record<DigestSettingsField, string>> = {};
  const channel = input.channel?.trim() || fallback.channel;
  const schedule = input.schedule?.trim() || fallback.schedule;
  const timezone = input.timezone?.trim() || fallback.timezone;
  for (const [field, value] of [
    ['channel', channel],
    ['schedule', schedule],
    ['timezone', timezone],
  ] as const) {
    const problem = value === undefined ? undefined : digestSettingProblem(field, value);
    if (problem) errors[field] = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...(channel ? { channel } : {}), schedule, timezone } };
}
