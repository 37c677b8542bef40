/**
 * Snapshots stored before Shield sizes were read (src/sources/heroku/shield-size.ts) name a Shield
 * space's dynos as the Platform API does, by their Private sizes (`private-m`), at the Private price
 * ($450 a month); Heroku billed them as Shield-M ($540) all along, and the snapshot job now stores
 * `shield-m`. Compared as stored, the first weeks after the upgrade would show a formation change
 * ("2 × Private-M to 2 × Shield-M") and a jump in cost that are only the old rows' misreading.
 *
 * The rule: an app with a Shield dyno in any row read is in a Shield space (Shield sizes run nowhere
 * else, and an app cannot move between spaces: it is made anew in the other one), so its stored
 * `private-*` dynos are the Shield dynos Heroku billed, read as their Shield size at the Shield price
 * the rows record (the same app's latest, else any app's: a list price). With no row pricing that
 * Shield size, the stored price is kept, so nothing unpriced appears. An app with no Shield dyno in
 * the rows (a period wholly before the upgrade) is left as stored: its weeks compare alike. Pure.
 */
import type { HerokuSnapshotData, SnapshotItem, SnapshotRow } from './heroku-run-rate';

const PRIVATE_DYNO = /^dyno:([^:]*):private-(.+)$/;
const SHIELD_DYNO = /^dyno:[^:]*:(shield-.+)$/;

const itemsOf = (data: unknown): readonly SnapshotItem[] | undefined => {
  const items = data && typeof data === 'object' ? (data as Partial<HerokuSnapshotData>).items : undefined;
  return Array.isArray(items) ? items : undefined;
};

/** The rows with each Shield app's stored Private dynos read as the Shield dynos Heroku billed. */
export function withShieldSizes<Row extends SnapshotRow>(rows: readonly Row[]): Row[] {
  // The Shield prices the rows record, per app and for any app, the latest day's winning.
  const appPrices = new Map<string, Map<string, { day: string; cents: number }>>();
  const anyPrices = new Map<string, { day: string; cents: number }>();
  for (const row of rows) {
    for (const item of itemsOf(row.data) ?? []) {
      const size = item.kind === 'dyno' ? SHIELD_DYNO.exec(item.key)?.[1] : undefined;
      if (!size) continue;
      let prices = appPrices.get(row.app);
      if (!prices) {
        prices = new Map();
        appPrices.set(row.app, prices);
      }
      if (item.unitMonthlyCents === null) continue;
      const priced = { day: row.day, cents: item.unitMonthlyCents };
      if ((prices.get(size)?.day ?? '') <= row.day) prices.set(size, priced);
      if ((anyPrices.get(size)?.day ?? '') <= row.day) anyPrices.set(size, priced);
    }
  }
  if (appPrices.size === 0) return [...rows];
  // The store shares one object between the days an app did not change: one reading of it, shared too.
  const read = new Map<object, unknown>();
  return rows.map((row) => {
    const prices = appPrices.get(row.app);
    const items = prices ? itemsOf(row.data) : undefined;
    if (!prices || !items?.some((item) => item.kind === 'dyno' && PRIVATE_DYNO.test(item.key))) return row;
    const source = row.data as HerokuSnapshotData;
    let data = read.get(source);
    if (!data) {
      data = {
        ...source,
        items: items.map((item) => {
          const match = item.kind === 'dyno' ? PRIVATE_DYNO.exec(item.key) : null;
          if (!match) return item;
          const [, process = '', rest = ''] = match;
          const size = `shield-${rest}`;
          const cents = prices.get(size)?.cents ?? anyPrices.get(size)?.cents;
          const renamed = { ...item, key: `dyno:${process}:${size}`, item: `${process}: ${size}` };
          if (cents === undefined) return renamed;
          const { reason: _, ...priced } = renamed;
          return { ...priced, unitMonthlyCents: cents };
        }),
      };
      read.set(source, data);
    }
    return { ...row, data };
  });
}
