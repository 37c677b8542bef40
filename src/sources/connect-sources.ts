import type { Config } from '../config';
import { toCents } from '../core/money';
import { type Catalog, findDyno, isPriced, priceOf } from '../core/pricing';
import type { Store } from '../store/store';
import { AwsSpendSource, createCostExplorerClient } from './aws';
import { CostExplorerClientInChild } from './aws/cost-explorer-in-child';
import { HerokuSource } from './heroku';

export interface Sources {
  /** Set when AWS credentials are configured. */
  aws?: AwsSpendSource;
  /** Set when HEROKU_API_TOKEN is configured. */
  heroku?: HerokuSource;
}

/** The catalog's list price of a dyno, for sizes whose live `cost` Heroku leaves empty. */
function dynoMonthlyCents(catalog: Catalog) {
  return (sizeName: string) => {
    const dyno = findDyno(catalog, sizeName);
    if (!dyno) return undefined;
    const entry = priceOf(catalog, dyno.priceKey);
    return isPriced(entry) ? toCents(entry.unitPrice) : undefined;
  };
}

export function closeSources(sources: Sources): void {
  sources.aws?.close();
}

/** Builds the live sources the configuration allows; the rest stay unset and are said to be off. */
export function connectSources(
  config: Config,
  store: Store,
  catalog: Catalog,
  now: () => Date,
  /** Where a source reports what it shrugged off (a cache write that failed); default the console. */
  logger?: { warn(...messages: unknown[]): void },
  /** The bot's own: Cost Explorer answers are read in a process of their own (src/sources/aws/cost-explorer-in-child.ts). */
  { costExplorerInChild = false }: { costExplorerInChild?: boolean } = {},
): Sources {
  return {
    ...(config.awsEnabled
      ? {
          aws: new AwsSpendSource({
            client: costExplorerInChild ? new CostExplorerClientInChild() : createCostExplorerClient(),
            store,
            now,
            metric: config.AWS_COST_METRIC,
            ...(logger ? { logger } : {}),
          }),
        }
      : {}),
    ...(config.herokuEnabled && config.HEROKU_API_TOKEN
      ? {
          heroku: new HerokuSource({
            token: config.HEROKU_API_TOKEN,
            apiUrl: config.HEROKU_API_URL,
            store,
            now,
            teams: config.HEROKU_TEAMS,
            fallbackDynoMonthlyCents: dynoMonthlyCents(catalog),
            catalog,
            api: { trust: { file: config.SSL_CERT_FILE, dir: config.SSL_CERT_DIR } },
          }),
        }
      : {}),
  };
}
