import type { Config } from '../config';
import { connectPriceRefresher } from '../connect-prices';
import { PriceBook } from '../price-book';
import { loadPricingOverrides } from '../pricing-file';
import { type Services, withLivePrices } from '../services';
import { connectSources } from '../sources/connect-sources';
import type { Store } from '../store/store';

/** What the bot's services are, for a CLI command that opened the store: prices come from it too. */
export async function cliServices(config: Config, store: Store, now: () => Date): Promise<Services> {
  const book = new PriceBook({
    overrides: loadPricingOverrides(config.PRICING_FILE),
    region: config.AWS_PRICING_REGION,
    store,
  });
  await book.reload();
  const sources = connectSources(config, store, book.catalog, now);
  // The CLI prints what a refresh did; there are no leads to message.
  const refresher = connectPriceRefresher(config, { store, book, sources, now, owner: 'cli' });
  return withLivePrices({ config, store, prices: { book, refresher }, sources, now, instanceId: 'cli' });
}
