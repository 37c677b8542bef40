import type { Config } from './config';
import type { Store } from './store/store';

/** What listeners, the CLI and jobs are given: configuration, the store and the clock. */
export interface Services {
  config: Config;
  store: Store;
  /** The one clock; tests pass a fixed one. */
  now: () => Date;
}
