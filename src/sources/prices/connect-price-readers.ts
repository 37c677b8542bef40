import type { Config } from '../../config';
import { type PriceReaders, PriceRefresher, type PriceRefresherOptions } from '../../jobs/price-refresh';
import type { PriceBook } from '../../price-book';
import type { Store } from '../../store/store';
import type { Sources } from '../connect-sources';
import { HerokuApi } from '../heroku/heroku-api';
import { readAwsPriceSet } from './aws-price-list';
import { readHerokuPriceSet } from './heroku-price-list';
import { createPricingClient } from './pricing-client';

/**
 * Price readers for what the configuration allows: AWS when AWS credentials are set (the SDK's own
 * chain; AWS_ENDPOINT_URL_PRICING is honoured by the SDK), one region a read. Heroku always: with HEROKU_API_TOKEN its
 * dyno sizes and add-on plans, without one the add-on plans alone, which Heroku serves to anyone.
 */
export function connectPriceReaders(config: Config, sources: Sources, now: () => Date): PriceReaders {
  const heroku = sources.heroku;
  return {
    ...(config.awsEnabled
      ? {
          aws: async (signal: AbortSignal, region: string) => {
            const client = createPricingClient();
            try {
              return await readAwsPriceSet({ client, region, now, signal });
            } finally {
              client.destroy();
            }
          },
        }
      : {}),
    heroku: heroku
      ? () => readHerokuPriceSet(heroku.api, now)
      : () => {
          const trust = { file: config.SSL_CERT_FILE, dir: config.SSL_CERT_DIR };
          const api = new HerokuApi({ anonymous: true, host: config.HEROKU_API_URL, trust, now });
          return readHerokuPriceSet(api, now, { dynoSizes: false });
        },
  };
}

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
