import { PricingClient, type PricingClientConfig } from '@aws-sdk/client-pricing';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { QUIET_SDK_LOGGER } from '../sdk-logger';

/**
 * The Price List Query API answers from a few endpoints (us-east-1, eu-central-1, ap-south-1) for
 * every region's prices: the endpoint region is not the priced region, which is a filter.
 */
const PRICE_LIST_ENDPOINT_REGION = 'us-east-1';

/** First try and four retries: the Price List allows about 5 requests a second per account. */
const PRICE_LIST_MAX_ATTEMPTS = 5;

export interface PricingClientOptions {
  /** Tests. Unset: the SDK honours AWS_ENDPOINT_URL_PRICING, else api.pricing.us-east-1.amazonaws.com. */
  endpoint?: string;
  credentials?: PricingClientConfig['credentials'];
  maxAttempts?: number;
  /** A fixed delay between the SDK's retries instead of its jittered backoff (tests: 1). */
  retryDelayMs?: number;
}

/** The SDK's standard retries (ThrottlingException is modelled as retryable) and a request timeout that throws. */
export function createPricingClient(options: PricingClientOptions = {}): PricingClient {
  const maxAttempts = options.maxAttempts ?? PRICE_LIST_MAX_ATTEMPTS;
  const config: PricingClientConfig = {
    region: PRICE_LIST_ENDPOINT_REGION,
    maxAttempts,
    logger: QUIET_SDK_LOGGER,
    requestHandler: {
      requestTimeout: 30_000,
      throwOnRequestTimeout: true,
      connectionTimeout: 5_000,
    },
  };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.retryDelayMs !== undefined) {
    config.retryStrategy = new ConfiguredRetryStrategy(maxAttempts, options.retryDelayMs);
  }
  return new PricingClient(config);
}
