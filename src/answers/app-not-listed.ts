import { type Freshness, freshnessLabel } from '../core/freshness';

/**
 * Said with "no app by that name" when the list of apps was read earlier (the inventory is kept for
 * an hour): a lead who has just made the app must not be told, without this, that it does not exist.
 */
export function notListedYetNote(list: Freshness): string | undefined {
  if (!list.fromCache && !list.staleBecause) return undefined;
  return `The list of apps is ${freshnessLabel(list)}: an app made since then is found after the next read of Heroku, within the hour.`;
}
