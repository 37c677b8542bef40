import type { Config } from '../../config';
import type { PriceReaders } from '../../jobs/price-refresh';
import type { Sources } from '../connect-sources';
import { readAwsPriceSet } from './aws-price-list';
import { readHerokuPriceSet } from './heroku-price-list';
import { createPricingClient } from './pricing-client';

/**
 * Price readers for what the configuration allows: AWS when AWS credentials are set (the SDK's own
 * chain; AWS_ENDPOINT_URL_PRICING is honoured by the SDK), Heroku when HEROKU_API_TOKEN is set.
 */
export function connectPriceReaders(config: Config, sources: Sources, now: () => Date): PriceReaders {
  const heroku = sources.heroku;
  return {
    ...(config.awsEnabled
      ? {
          aws: async (signal: AbortSignal) => {
            const client = createPricingClient();
            try {
              return await readAwsPriceSet({ client, region: config.AWS_PRICING_REGION, now, signal });
            } finally {
              client.destroy();
            }
          },
        }
      : {}),
    ...(heroku ? { heroku: () => readHerokuPriceSet(heroku.api, now) } : {}),
  };
}
