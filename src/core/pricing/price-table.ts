import type { CatalogEntry } from './price-entry';

/**
 * A price before its entry is made: its key, what the price-list date needs (its date, and whether it
 * has a price at all), and how to make the entry.
 */
export interface PriceRow {
  key: string;
  asOf: string;
  priced: boolean;
  make: () => CatalogEntry;
}

/** The row of an entry already made. */
const rowOf = (entry: CatalogEntry): PriceRow => ({
  key: entry.key,
  asOf: entry.asOf,
  priced: entry.unitPrice !== null,
  make: () => entry,
});

/**
 * A catalog's entries by key, read like a Map, in the rows' order; each entry is made the first time
 * it is read and then kept. An estimate reads about 140 of the ~310 bundled prices, so a CLI start
 * makes (a Decimal and a few texts each, before the code is warm) and layers fewer than half of them.
 * Immutable: the layers make new tables.
 */
export class PriceTable {
  private readonly rows = new Map<string, PriceRow>();
  private readonly made = new Map<string, CatalogEntry>();

  /** A key given twice keeps its first place and its last row, as a Map would. */
  constructor(rows: Iterable<PriceRow>) {
    for (const row of rows) this.rows.set(row.key, row);
  }

  get size(): number {
    return this.rows.size;
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  get(key: string): CatalogEntry | undefined {
    let entry = this.made.get(key);
    if (entry === undefined) {
      const row = this.rows.get(key);
      if (row === undefined) return undefined;
      entry = row.make();
      this.made.set(key, entry);
    }
    return entry;
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  *values(): IterableIterator<CatalogEntry> {
    for (const key of this.rows.keys()) yield this.get(key)!;
  }

  *[Symbol.iterator](): IterableIterator<[string, CatalogEntry]> {
    for (const key of this.rows.keys()) yield [key, this.get(key)!];
  }

  /** The newest date of any priced entry (the date answers show), from the rows: nothing is made. */
  newestAsOf(): string {
    let newest = '';
    for (const row of this.rows.values()) if (row.priced && row.asOf > newest) newest = row.asOf;
    return newest;
  }

  /**
   * Every entry as `relabel` makes it from this table's, when first read. `relabel` keeps the entry's
   * date and whether it is priced (it changes its source or origin): the rows' are kept.
   */
  relabelled(relabel: (entry: CatalogEntry) => CatalogEntry): PriceTable {
    return this.derived((row) => ({ ...row, make: () => relabel(this.get(row.key)!) }));
  }

  /** This table with `replacements` in place of the entries of the same keys; keys it lacks are ignored. */
  replacedBy(replacements: ReadonlyMap<string, CatalogEntry>): PriceTable {
    return this.derived((row) => {
      const entry = replacements.get(row.key);
      return entry ? rowOf(entry) : { ...row, make: () => this.get(row.key)! };
    });
  }

  private derived(rowFor: (row: PriceRow) => PriceRow): PriceTable {
    return new PriceTable(Array.from(this.rows.values(), rowFor));
  }
}
