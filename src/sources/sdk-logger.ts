import type { CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';

/** The SDK's logger type (every AWS SDK client takes the same). */
type SdkLogger = NonNullable<CostExplorerClientConfig['logger']>;

/**
 * The logger the bot's AWS SDK clients are given: it says nothing, as the SDK's default does, but
 * has no `info`. The SDK's logger middleware calls `logger?.info?.({ input, output, … })` after
 * every response, and the default logger's `info` exists (it does nothing), so the arguments were
 * built anyway: a copy of the whole response walked through its schema to hide sensitive fields,
 * for a line no one writes. For a month of Cost Explorer's daily cost by service and usage type
 * (1.2 MB) that was ~17 ms of the bot's thread per request. Without `info` nothing is built; the
 * SDK calls `debug`, `warn` and `error` without checking, so those stay (and say nothing).
 * See node_modules/@aws-sdk/core/dist-es/submodules/client/middleware-logger/loggerMiddleware.js.
 */
export const QUIET_SDK_LOGGER = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as Partial<SdkLogger> as SdkLogger;
