import type { PriceSet, PriceVendor } from '../core/pricing';
import type { Row, SqlDatabase } from './sql-database';
import type { PriceRefresh, PriceRefreshStatus } from './store';

/**
 * Refreshes older than this go, except the newest used set of each vendor and region. Plain
 * arithmetic, not luxon: the CLI reads stored prices through this module, and luxon is ~14 ms to load.
 */
const KEEP_MS = 90 * 24 * 60 * 60 * 1000;

const iso = (date: Date) => date.toISOString();

function toRefresh(row: Row, withPrices: boolean): PriceRefresh {
  return {
    vendor: row.vendor as PriceVendor,
    region: String(row.region),
    at: new Date(String(row.at)),
    status: row.status as PriceRefreshStatus,
    detail: String(row.detail),
    ...(withPrices && row.prices ? { set: JSON.parse(String(row.prices)) as PriceSet } : {}),
    ...(row.review ? { review: JSON.parse(String(row.review)) } : {}),
    ...(row.notified_at ? { notifiedAt: new Date(String(row.notified_at)) } : {}),
  };
}

/** The price_refreshes table (migration 3), for SqlStore. */
export class PriceRefreshRows {
  constructor(private readonly db: SqlDatabase) {}

  async put(refresh: PriceRefresh): Promise<void> {
    const { vendor, region } = refresh;
    await this.db.query(
      `INSERT INTO price_refreshes (vendor, region, at, status, prices, detail, review, notified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (vendor, region, at) DO UPDATE SET status = excluded.status, prices = excluded.prices,
         detail = excluded.detail, review = excluded.review`,
      [
        vendor,
        region,
        iso(refresh.at),
        refresh.status,
        refresh.set ? JSON.stringify(refresh.set) : null,
        refresh.detail,
        refresh.review ? JSON.stringify(refresh.review) : null,
        refresh.notifiedAt ? iso(refresh.notifiedAt) : null,
      ],
    );
    await this.db.query(
      `DELETE FROM price_refreshes WHERE vendor = $1 AND region = $2 AND at < $3
         AND NOT (status = 'used' AND at = (SELECT MAX(at) FROM price_refreshes
           WHERE vendor = $1 AND region = $2 AND status = 'used'))`,
      [vendor, region, iso(new Date(refresh.at.getTime() - KEEP_MS))],
    );
  }

  async latest(vendor: PriceVendor, region: string, status?: PriceRefreshStatus): Promise<PriceRefresh | undefined> {
    const [row] = await this.db.query(
      `SELECT * FROM price_refreshes WHERE vendor = $1 AND region = $2 AND ($3 = '' OR status = $3)
       ORDER BY at DESC LIMIT 1`,
      [vendor, region, status ?? ''],
    );
    return row ? toRefresh(row, true) : undefined;
  }

  async usedSets(): Promise<PriceSet[]> {
    const rows = await this.db.query(
      `SELECT r.prices FROM price_refreshes r
       WHERE r.status = 'used' AND r.at = (SELECT MAX(at) FROM price_refreshes m
         WHERE m.vendor = r.vendor AND m.region = r.region AND m.status = 'used')
       ORDER BY r.vendor, r.region`,
    );
    return rows.map((row) => JSON.parse(String(row.prices)) as PriceSet);
  }

  async recent(limit: number): Promise<PriceRefresh[]> {
    const rows = await this.db.query(
      `SELECT vendor, region, at, status, detail, review, notified_at FROM price_refreshes ORDER BY at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => toRefresh(row, false));
  }

  async markNotified(vendor: PriceVendor, region: string, at: Date, notifiedAt: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE price_refreshes SET notified_at = $4
       WHERE vendor = $1 AND region = $2 AND at = $3 AND notified_at IS NULL RETURNING 1 AS marked`,
      [vendor, region, iso(at), iso(notifiedAt)],
    );
    return rows.length > 0;
  }
}
