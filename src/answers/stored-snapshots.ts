/**
 * The daily snapshots as every answer reads them: from the store, with the dynos of a Shield app
 * that older rows stored under their Private sizes read as the Shield dynos Heroku billed
 * (core/shield-snapshots.ts), so spend, budgets, anomalies and the digest compare like with like.
 */
import { withShieldSizes } from '../core/shield-snapshots';
import type { HerokuSnapshot, Store } from '../store/store';

export async function storedSnapshots(
  store: Pick<Store, 'snapshots'>,
  fromDay: string,
  toDay: string,
): Promise<HerokuSnapshot[]> {
  return withShieldSizes(await store.snapshots(fromDay, toDay));
}
