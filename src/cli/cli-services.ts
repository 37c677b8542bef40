import type { Config } from '../config';
import { connectServices } from '../connect-services';
import type { Services } from '../services';
import type { Store } from '../store/store';

/** What the bot's services are, for a CLI command that opened the store: prices come from it too. */
export function cliServices(config: Config, store: Store, now: () => Date): Promise<Services> {
  // The CLI prints what a refresh did; there are no leads to message.
  return connectServices(config, store, now, { owner: 'cli' });
}
