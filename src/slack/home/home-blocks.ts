import type { Button, HomeView, KnownBlock } from '@slack/types';

/** Slack shows at most this many blocks in a Home tab. */
export const MAX_HOME_BLOCKS = 100;
/** Section text limit. */
export const MAX_TEXT = 3000;

/** Home tab action IDs. */
export const HOME_ACTIONS = {
  refresh: 'home_refresh',
  refreshNow: 'home_refresh_now',
  postDigest: 'home_post_digest',
  newEstimate: 'home_new_estimate',
  digestSettings: 'home_digest_settings',
  exportAudit: 'home_export_audit',
  /** The overflow menu holding every action but Refresh. */
  more: 'home_more',
} as const;

export const clip = (text: string, limit = MAX_TEXT) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text) } });
export const note = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text) }],
});
export const heading = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, 150), emoji: true },
});
export const divider: KnownBlock = { type: 'divider' };

export function button(text: string, actionId: string, extra: Partial<Button> = {}): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, 75), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/** A Home view within Slack's limits: 100 blocks (the last kept blocks say what was left out). */
export function homeView(blocks: KnownBlock[]): HomeView {
  const kept =
    blocks.length <= MAX_HOME_BLOCKS
      ? blocks
      : [...blocks.slice(0, MAX_HOME_BLOCKS - 1), note(`${blocks.length - MAX_HOME_BLOCKS + 1} more blocks left out.`)];
  return { type: 'home', blocks: kept };
}
