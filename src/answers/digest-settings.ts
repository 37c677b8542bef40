/**
 * The digest settings in force: stored settings (edited from App Home or `/hosting digest`) win
 * over DIGEST_CHANNEL / DIGEST_SCHEDULE / DIGEST_TIMEZONE. A stored value that no longer
 * validates (hand-edited database) is ignored in favour of the environment, never fatal.
 */
import type { Config } from '../config';
import { describeSchedule, formatInZone, nextRun, sixDayRunNote } from '../core/digest';
import {
  type DigestSettings,
  type DigestSettingsInput,
  digestSettingProblem,
  validateDigestSettings,
} from '../core/digest/settings';
import type { Services } from '../services';
import type { Store } from '../store/store';

export const DIGEST_SETTING_KEYS = {
  channel: 'digest.channel',
  schedule: 'digest.schedule',
  timezone: 'digest.timezone',
} as const;

export type DigestConfig = Pick<Config, 'DIGEST_CHANNEL' | 'DIGEST_SCHEDULE' | 'DIGEST_TIMEZONE'>;

export function digestDefaults(config: DigestConfig): DigestSettings {
  return {
    ...(config.DIGEST_CHANNEL ? { channel: config.DIGEST_CHANNEL } : {}),
    schedule: config.DIGEST_SCHEDULE,
    timezone: config.DIGEST_TIMEZONE,
  };
}

export async function loadDigestSettings(store: Store, config: DigestConfig): Promise<DigestSettings> {
  const defaults = digestDefaults(config);
  const stored = await store.settings();
  // Each stored value is checked alone: one that is fine is never dropped because another is not.
  const pick = (key: keyof typeof DIGEST_SETTING_KEYS, fallback?: string) => {
    const value = stored[DIGEST_SETTING_KEYS[key]];
    if (value === undefined) return fallback;
    return digestSettingProblem(key, value) === undefined ? value : fallback;
  };
  const channel = pick('channel', defaults.channel);
  return {
    ...(channel ? { channel } : {}),
    schedule: pick('schedule', defaults.schedule)!,
    timezone: pick('timezone', defaults.timezone)!,
  };
}

/**
 * Someone chose the digest's time zone: saved from Slack, or DIGEST_TIMEZONE set to other than its
 * default (UTC, src/config-schema.ts). Until then the settings form starts on the person's own zone.
 */
export function timezoneChosen(stored: Record<string, string>, config: DigestConfig): boolean {
  return stored[DIGEST_SETTING_KEYS.timezone] !== undefined || config.DIGEST_TIMEZONE !== 'UTC';
}

/** Stores settings already validated with validateDigestSettings. */
export async function saveDigestSettings(store: Store, settings: DigestSettings): Promise<void> {
  await store.setSettings({
    ...(settings.channel ? { [DIGEST_SETTING_KEYS.channel]: settings.channel } : {}),
    [DIGEST_SETTING_KEYS.schedule]: settings.schedule,
    [DIGEST_SETTING_KEYS.timezone]: settings.timezone,
  });
}

/** Where and when the digest goes, in words: what `/hosting digest settings` and App Home show. */
export interface DigestSettingsAnswer {
  settings: DigestSettings;
  /** The schedule in words, e.g. `every Monday at 09:00 (Europe/Berlin)`. */
  when: string;
  /** The next run, in the digest's zone. */
  next: string;
  /** Set when the schedule's runs count Monday to Saturday, and when they would count whole weeks. */
  weekNote?: string;
}

/** Said beside the schedule when its runs come before the week's Sunday is over in UTC. */
export function weekNoteFor(settings: DigestSettings, now: Date): string | undefined {
  return sixDayRunNote(nextRun(settings.schedule, settings.timezone, now), settings.timezone);
}

type SettingsServices = Pick<Services, 'store' | 'config' | 'now'>;

export async function describeDigestSettings(services: SettingsServices): Promise<DigestSettingsAnswer> {
  const settings = await loadDigestSettings(services.store, services.config);
  const next = nextRun(settings.schedule, settings.timezone, services.now());
  const weekNote = sixDayRunNote(next, settings.timezone);
  return {
    settings,
    when: describeSchedule(settings.schedule, settings.timezone),
    next: formatInZone(next, settings.timezone),
    ...(weekNote ? { weekNote } : {}),
  };
}

export type DigestSettingsChange =
  | { saved: true; answer: DigestSettingsAnswer }
  /** The values themselves are wrong: one line each. */
  | { saved: false; invalid: string[] }
  /** The values are fine but the channel cannot take the digest. */
  | { saved: false; channelProblem: string };

/**
 * Validates a change against the settings in force, checks a new channel with `channelProblem`
 * (the adapter knows how to ask Slack), saves and audits it; nothing is saved when anything is wrong.
 */
export async function changeDigestSettings(
  services: SettingsServices,
  input: DigestSettingsInput,
  actor: string,
  channelProblem: (channel: string) => Promise<string | undefined>,
): Promise<DigestSettingsChange> {
  const current = await loadDigestSettings(services.store, services.config);
  const check = validateDigestSettings(input, { ...digestDefaults(services.config), ...current });
  if (!check.ok) return { saved: false, invalid: Object.values(check.errors) };
  if (input.channel && check.value.channel) {
    const problem = await channelProblem(check.value.channel);
    if (problem) return { saved: false, channelProblem: problem };
  }
  await saveDigestSettings(services.store, check.value);
  await services.store.audit({
    at: services.now(),
    actor,
    action: 'digest-settings',
    detail: `set ${Object.keys(input).join(', ')}`,
  });
  return { saved: true, answer: await describeDigestSettings(services) };
}
