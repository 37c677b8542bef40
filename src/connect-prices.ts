import type { Config } from './config';
import { PriceRefresher, type PriceRefresherOptions } from './jobs/price-refresh';
import type { PriceBook } from './price-book';
import type { Sources } from './sources/connect-sources';
import { connectPriceReaders } from './sources/prices/connect-price-readers';
import type { Store } from './store/store';

/** The refresher of the bot and the CLI alike: these readers, every AWS_PRICING_REGION, this replica's claims. */
export function connectPriceRefresher(
  config: Config,
  parts: { store: Store; book: PriceBook; sources: Sources; now: () => Date; owner: string },
  extra: Pick<PriceRefresherOptions, 'tellLeads' | 'logger'> = {},
): PriceRefresher {
  const { store, book, sources, now, owner } = parts;
  const readers = connectPriceReaders(config, sources, now);
  return new PriceRefresher({ store, book, readers, now, awsRegions: config.awsPricingRegions, owner, ...extra });
}
