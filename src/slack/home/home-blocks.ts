import type { HomeView, KnownBlock } from '@slack/types';
import { context } from '../block-kit';

/** Slack shows at most this many blocks in a Home tab. */
export const MAX_HOME_BLOCKS = 100;

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

/** A Home view within Slack's limits: 100 blocks (the last kept blocks say what was left out). */
export function homeView(blocks: KnownBlock[]): HomeView {
  const kept =
    blocks.length <= MAX_HOME_BLOCKS
      ? blocks
      : [
          ...blocks.slice(0, MAX_HOME_BLOCKS - 1),
          context(`${blocks.length - MAX_HOME_BLOCKS + 1} more blocks left out.`),
        ];
  return { type: 'home', blocks: kept };
}
