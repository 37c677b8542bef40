import type { Config } from './config';
import type { Catalog } from './core/pricing';
import type { PriceRefresher } from './jobs/price-refresh';
import type { PriceBook } from './price-book';
import type { Sources } from './sources/connect-sources';
import type { Store } from './store/store';

/** What listeners, the CLI and jobs are given: configuration, the store, prices and the clock. */
export interface Services {
  config: Config;
  store: Store;
  /** Prices for AWS_PRICING_REGION: PRICING_FILE > last good live prices > bundled list. Always current. */
  readonly catalog: Catalog;
  /** Live prices: the layered book (any region) and the refresher behind `/hosting prices refresh`. */
  prices: { book: PriceBook; refresher: PriceRefresher };
  /** Live AWS and Heroku sources; each is unset when not configured. */
  sources: Sources;
  /** The one clock; tests pass a fixed one. */
  now: () => Date;
  /** This process among replicas: the owner of the store claims it makes. */
  instanceId: string;
}

/** Services whose `catalog` always reads the price book's current layers (it changes after each refresh). */
export function withLivePrices(parts: Omit<Services, 'catalog'>): Services {
  return {
    ...parts,
    get catalog() {
      return parts.prices.book.catalog;
    },
  };
}
