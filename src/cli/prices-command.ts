import { pricesAnswer } from '../answers/prices';
import { renderPricesText, renderRefreshText } from '../answers/prices-text';
import { closeSources } from '../sources/connect-sources';
import { openStore } from '../store/open-store';
import { type CliArgsSpec, type CliOption, readCliArgs } from './cli-args';
import type { CliCommand } from './cli-command';
import { cliServices } from './cli-services';

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: 'npx hosting-advisor prices refresh',
} satisfies CliArgsSpec<Record<string, CliOption>>;

/** `npx hosting-advisor prices [refresh] [--json]`: where prices come from, and a refresh on demand. */
export const pricesCliCommand: CliCommand = {
  name: 'prices',
  usage: 'prices [refresh] [--json]',
  summary: 'where prices come from (PRICING_FILE, live vendor prices, bundled list); `refresh` reads them now',
  examples: ['prices', 'prices refresh --json'],
  async run(args, { config, io, now }) {
    const read = readCliArgs(args, ARGS);
    if ('error' in read) {
      io.err(read.error);
      return 2;
    }
    const json = read.values.json === true;
    const { words } = read;
    const refresh = words[0] === 'refresh';
    if (words.length > (refresh ? 1 : 0)) {
      io.err('Usage: npx hosting-advisor prices [refresh] [--json]\nFor example: npx hosting-advisor prices refresh');
      return 2;
    }
    const store = await openStore(config, now());
    const services = await cliServices(config, store, now);
    try {
      const outcomes = refresh ? await services.prices.refresher.refresh() : undefined;
      const answer = await pricesAnswer(services);
      if (json) io.out(JSON.stringify({ ...(outcomes ? { refresh: outcomes } : {}), ...answer }, null, 2));
      else io.out([...(outcomes ? [renderRefreshText(outcomes), ''] : []), renderPricesText(answer)].join('\n'));
      return outcomes?.some((o) => o.status === 'failed') ? 1 : 0;
    } finally {
      closeSources(services.sources);
      await store.close();
    }
  },
};
