import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { QUIET_SDK_LOGGER } from '../sdk-logger';

/** Cost Explorer has one endpoint, in us-east-1, whatever region the rest of the account uses. */
export const COST_EXPLORER_REGION = 'us-east-1';

/** The SDK's standard attempts (first try + 2 retries); throttling (LimitExceededException, 429) backs off longer. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** A whole Cost Explorer answer normally takes a second or two; beyond this the request is abandoned and retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

export interface CostExplorerClientOptions {
  /**
   * An explicit endpoint (tests). Leave unset in production: the SDK then honours
   * AWS_ENDPOINT_URL_COST_EXPLORER / AWS_ENDPOINT_URL itself, else uses ce.us-east-1.amazonaws.com.
   */
  endpoint?: string;
  /** Explicit credentials or a provider (tests). Unset: the SDK's default chain (env, profile, SSO, role). */
  credentials?: CostExplorerClientConfig['credentials'];
  /** Total attempts per request, first included (default 3). Tests use 1, or a few with `retryDelayMs`. */
  maxAttempts?: number;
  /** Abandon a request that has not completed within this many ms (default 30 s); counts as a timeout. */
  requestTimeoutMs?: number;
  /**
   * A fixed delay between retries instead of the SDK's jittered exponential backoff, keeping the
   * SDK's standard retry decisions (which errors, how many, retry quota). For tests: `retryDelayMs: 1`.
   */
  retryDelayMs?: number;
}

/**
 * The Cost Explorer client the bot uses: us-east-1, the SDK's standard retries (throttling included)
 * bounded by `maxAttempts`, and a request timeout that throws (the SDK only warns unless told).
 */
export function createCostExplorerClient(options: CostExplorerClientOptions = {}): CostExplorerClient {
  return new CostExplorerClient(costExplorerConfig(options));
}

export function costExplorerConfig(options: CostExplorerClientOptions): CostExplorerClientConfig {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  }
  const config: CostExplorerClientConfig = {
    region: COST_EXPLORER_REGION,
    maxAttempts,
    logger: QUIET_SDK_LOGGER,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      connectionTimeout: DEFAULT_CONNECTION_TIMEOUT_MS,
    },
  };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.retryDelayMs !== undefined) {
    config.retryStrategy = new ConfiguredRetryStrategy(maxAttempts, options.retryDelayMs);
  }
  return config;
}
