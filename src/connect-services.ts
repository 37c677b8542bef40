import type { Config } from './config';
import { connectPriceRefresher } from './connect-prices';
import { PriceBook } from './price-book';
import { loadPricingOverrides } from './pricing-file';
import { type Services, withLivePrices } from './services';
import { connectSources } from './sources/connect-sources';
import type { Store } from './store/store';

/**
 * The bot's services for a process that opened the store itself (the CLI, the digest's own process):
 * the price book read from it, the live sources, and a price refresher that tells no one.
 */
export async function connectServices(
  config: Config,
  store: Store,
  now: () => Date,
  { owner, logger }: { owner: string; logger?: { warn(...messages: unknown[]): void } },
): Promise<Services> {
  const book = new PriceBook({
    overrides: loadPricingOverrides(config.PRICING_FILE),
    region: config.AWS_PRICING_REGION,
    store,
  });
  await book.reload();
  const sources = connectSources(config, store, book.catalog, now, logger);
  const refresher = connectPriceRefresher(config, { store, book, sources, now, owner });
  return withLivePrices({ config, store, prices: { book, refresher }, sources, now, instanceId: owner });
}
