import type { Services } from '../services';
import type { Store } from '../store/store';
import type { CliContext } from './cli-command';

/**
 * Runs `work` with the bot's services (store, price book, live sources) for every command that reads
 * the store or a live source (`spend`, `migrate`, `parity`, `digest`, `prices`, `estimate app=NAME`,
 * `compliance … live`), then closes them. Answers are priced from the price book, as in Slack. The
 * store, the AWS SDK and heroku-client are loaded only here, so a described estimate or checklist
 * never loads them.
 */
export async function withLiveServices<T>(
  { config, now }: CliContext,
  work: (services: Services, store: Store) => Promise<T>,
): Promise<T> {
  const { openStore } = require('../store/open-store') as typeof import('../store/open-store');
  const { cliServices } = require('./cli-services') as typeof import('./cli-services');
  const { closeSources } = require('../sources/connect-sources') as typeof import('../sources/connect-sources');
  const store = await openStore(config, now());
  try {
    const services = await cliServices(config, store, now);
    try {
      return await work(services, store);
    } finally {
      closeSources(services.sources);
    }
  } finally {
    await store.close();
  }
}
