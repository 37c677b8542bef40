import fs from 'node:fs';
import type { Config } from '../config';
import type { PriceSet, PricingOverrides } from '../core/pricing';
import { PriceBook } from '../price-book';
import { StoreOpenError } from '../store/open-failure';
import type { CliIo } from './cli-command';

const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * The last good live price sets the bot stored, read once for a CLI answer. No store yet (the
 * SQLite file was never created) means none, and nothing is created: without credentials or a bot
 * the CLI prices from PRICING_FILE and the bundled list, as it always did. A store that cannot be
 * read is said on stderr, and the answer still comes, from the bundled list.
 */
async function storedPriceSets(config: Config, io: CliIo, now: Date): Promise<PriceSet[]> {
  const url = config.DATABASE_URL;
  if (!isPostgres(url) && !fs.existsSync(url)) return [];
  // Loaded only here: an estimate without a store never loads a database driver.
  const { openStore } = require('../store/open-store') as typeof import('../store/open-store');
  try {
    const store = await openStore(url, now);
    try {
      return await store.usedPriceSets();
    } finally {
      await store.close();
    }
  } catch (error) {
    io.err(
      error instanceof StoreOpenError
        ? `Could not read the stored live prices, so this answer is priced from PRICING_FILE and the bundled list. ${error.message}`
        : `Could not read the stored live prices (${(error as Error).message.slice(0, 200)}): pricing from PRICING_FILE and the bundled list.`,
    );
    return [];
  }
}

/** The price book the bot answers with: PRICING_FILE > stored live prices > bundled list. */
export async function cliPriceBook(
  config: Config,
  overrides: PricingOverrides | undefined,
  io: CliIo,
  now: Date,
): Promise<PriceBook> {
  const sets = await storedPriceSets(config, io, now);
  const book = new PriceBook({
    overrides,
    region: config.AWS_PRICING_REGION,
    store: { usedPriceSets: async () => sets },
  });
  await book.reload();
  return book;
}
