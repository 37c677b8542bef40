import { pricesAnswer } from '../answers/prices';
import { pricesWordsProblem, renderPricesText, renderRefreshText } from '../answers/prices-text';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay, terminalWords } from './cli-args';
import type { CliCommand } from './cli-command';
import { withLiveServices } from './live-services';

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
  async run(args, context) {
    const { io } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const json = read.values.json === true;
    const { words } = read;
    const refresh = words[0]?.toLowerCase() === 'refresh';
    const problem = pricesWordsProblem(words, 'npx hosting-advisor prices');
    if (problem) {
      io.err(problem);
      return 'usage-error';
    }
    return withLiveServices(context, async (services) => {
      const outcomes = refresh ? await services.prices.refresher.refresh() : undefined;
      const answer = await pricesAnswer(services);
      if (json) io.out(JSON.stringify({ ...(outcomes ? { refresh: outcomes } : {}), ...answer }, null, 2));
      else
        io.out(
          terminalWords([...(outcomes ? [renderRefreshText(outcomes), ''] : []), renderPricesText(answer)].join('\n')),
        );
      return outcomes?.some((o) => o.status === 'failed') ? 'failed' : 'answered';
    });
  },
};
