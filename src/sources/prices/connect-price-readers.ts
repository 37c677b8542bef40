import type { Config } from '../../config';
import type { PriceSet } from '../../core/pricing';
import type { Sources } from '../connect-sources';
import { HerokuApi } from '../heroku/heroku-api';
import { readAwsPriceSet } from './aws-price-list';
import { readHerokuPriceSet } from './heroku-price-list';
import { createPricingClient } from './pricing-client';

/** Reads one vendor's whole price set (for AWS, of one region), or throws a SourceError. */
export type PriceReader = (signal: AbortSignal, region: string) => Promise<{ set: PriceSet; notes?: string[] }>;

export interface PriceReaders {
  aws?: PriceReader;
  heroku?: PriceReader;
}

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
