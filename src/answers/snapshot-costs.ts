/**
 * What each Heroku app cost over periods, from the bot's daily snapshots, remembered while the
 * snapshots stay as they are (`Store.snapshotsVersion`). A cached `/hosting spend` or App Home
 * refresh would otherwise read and price the same ~20,000 rows of a 500-app account each time,
 * which is most of what the bot allocated under a mixed load.
 */
import type { HerokuPeriodCost } from '../core/heroku-run-rate';
import { periodCostSteps } from '../core/snapshot-cost';
import { inSlices } from '../in-slices';
import type { Store } from '../store/store';
import { storedSnapshots } from './stored-snapshots';

type SnapshotStore = Pick<Store, 'snapshots' | 'snapshotsVersion' | 'snapshotsLeftOut'>;

export interface CostPeriod {
  start: string;
  /** Exclusive. */
  end: string;
}

/** A handful of periods are asked for (this week, last 30 days, this month…): more is a new version's job. */
const REMEMBERED_PER_VERSION = 16;

const remembered = new WeakMap<SnapshotStore, { version: number; costs: Map<string, Promise<HerokuPeriodCost[]>> }>();

/**
 * The cost of each period, read from the snapshots of `readFrom <= day < readTo` (from the first
 * period's month start, for the monthly cap). Asked again with the same snapshots, the same answer,
 * without reading them; asked at the same time, one reading for both.
 */
export async function snapshotPeriodCosts(
  store: SnapshotStore,
  readFrom: string,
  readTo: string,
  periods: readonly CostPeriod[],
): Promise<HerokuPeriodCost[]> {
  const version = await store.snapshotsVersion();
  let memo = remembered.get(store);
  if (memo?.version !== version) {
    memo = { version, costs: new Map() };
    remembered.set(store, memo);
  }
  const key = [readFrom, readTo, ...periods.flatMap((p) => [p.start, p.end])].join(' ');
  let costs = memo.costs.get(key);
  if (!costs) {
    if (memo.costs.size >= REMEMBERED_PER_VERSION) memo.costs.clear();
    costs = priced(store, readFrom, readTo, periods);
    memo.costs.set(key, costs);
    const { costs: table } = memo;
    // A failed reading is not remembered: the next question reads again.
    costs.catch(() => table.delete(key));
  }
  return costs;
}

async function priced(
  store: SnapshotStore,
  readFrom: string,
  readTo: string,
  periods: readonly CostPeriod[],
): Promise<HerokuPeriodCost[]> {
  const snapshots = await storedSnapshots(store, readFrom, readTo);
  // After the rows: a day's apps left out are recorded before its rows are written, so none is missed.
  const leftOut = await store.snapshotsLeftOut(readFrom, readTo);
  const costs: HerokuPeriodCost[] = [];
  // Pure work over every row, in slices so the bot keeps answering Slack meanwhile.
  for (const period of periods)
    costs.push(await inSlices(periodCostSteps(snapshots, period.start, period.end, [], leftOut)));
  return costs;
}
