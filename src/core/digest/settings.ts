/**
 * Digest settings: where and when the weekly digest goes. Validated here (pure), stored by
 * src/answers/digest-settings.ts; whether the bot can post in the channel is asked of Slack there.
 */
import { neutraliseMarkup } from '../user-text';
import { cronProblem, isValidTimezone } from './schedule';

export interface DigestSettings {
  /** Slack channel ID; unset means no scheduled digest. */
  channel?: string;
  /** Five-field cron expression. */
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

/** Checks each field on its own, so a form can put each error on its field. */
export function validateDigestSettings(input: DigestSettingsInput, fallback: DigestSettings): SettingsCheck {
  const errors: Partial<Record<DigestSettingsField, string>> = {};
  const channel = input.channel?.trim() || fallback.channel;
  if (channel !== undefined && !CHANNEL_ID.test(channel)) {
    errors.channel = `"${neutraliseMarkup(channel.slice(0, 40))}" is not a Slack channel ID; pick the channel from the list, or give an ID such as C012ABCDEF (not #name).`;
  }
  const schedule = input.schedule?.trim() || fallback.schedule;
  const scheduleError = cronProblem(schedule);
  if (scheduleError) errors.schedule = scheduleError;
  const timezone = input.timezone?.trim() || fallback.timezone;
  if (!isValidTimezone(timezone)) {
    errors.timezone = `"${neutraliseMarkup(timezone.slice(0, 40))}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...(channel ? { channel } : {}), schedule, timezone } };
}
