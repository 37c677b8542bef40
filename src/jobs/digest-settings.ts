/**
 * The digest settings in force: stored settings (edited from App Home or `/hosting digest`) win
 * over DIGEST_CHANNEL / DIGEST_SCHEDULE / DIGEST_TIMEZONE. A stored value that no longer
 * validates (hand-edited database) is ignored in favour of the environment, never fatal.
 */
import type { Config } from '../config';
import { type DigestSettings, validateDigestSettings } from '../core/digest/settings';
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
  const pick = (key: keyof typeof DIGEST_SETTING_KEYS, fallback?: string) => {
    const value = stored[DIGEST_SETTING_KEYS[key]];
    if (value === undefined) return fallback;
    const check = validateDigestSettings({ [key]: value }, defaults);
    return check.ok ? value : fallback;
  };
  const channel = pick('channel', defaults.channel);
  return {
    ...(channel ? { channel } : {}),
    schedule: pick('schedule', defaults.schedule)!,
    timezone: pick('timezone', defaults.timezone)!,
  };
}

/** Stores settings already validated with validateDigestSettings. */
export async function saveDigestSettings(store: Store, settings: DigestSettings): Promise<void> {
  if (settings.channel) await store.setSetting(DIGEST_SETTING_KEYS.channel, settings.channel);
  await store.setSetting(DIGEST_SETTING_KEYS.schedule, settings.schedule);
  await store.setSetting(DIGEST_SETTING_KEYS.timezone, settings.timezone);
}
