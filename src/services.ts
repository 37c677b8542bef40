import type { Config } from './config';
import type { Catalog } from './core/pricing';
import type { Sources } from './sources/connect-sources';
import type { Store } from './store/store';

/** What listeners, the CLI and jobs are given: configuration, the store, prices and the clock. */
export interface Services {
  config: Config;
  store: Store;
  /** List prices with PRICING_FILE applied. */
  catalog: Catalog;
  /** Live AWS and Heroku sources; each is unset when not configured. */
  sources: Sources;
  /** The one clock; tests pass a fixed one. */
  now: () => Date;
  /** This process among replicas: the owner of the store claims it makes. */
  instanceId: string;
}
