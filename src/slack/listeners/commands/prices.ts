import { pricesAnswer, renderPricesText, renderRefreshText } from '../../../answers/prices';
import { isLead } from '../../leads';
import { context, ephemeral, header, type Message, mrkdwn } from '../../message';
import type { Subcommand } from './subcommand';

const SECTION_LIMIT = 2900;
const clip = (text: string) => (text.length <= SECTION_LIMIT ? text : `${text.slice(0, SECTION_LIMIT - 1)}…`);

function pricesMessage(text: string, refreshed?: string): Message {
  const [first, ...rest] = text.split('\n');
  return {
    response_type: 'ephemeral',
    text: clip([refreshed, text].filter(Boolean).join('\n\n')),
    blocks: [
      header('Where prices come from'),
      ...(refreshed ? [mrkdwn(clip(refreshed))] : []),
      mrkdwn(clip(first)),
      mrkdwn(clip(rest.join('\n'))),
      context('List prices in USD. `/hosting prices refresh` (hosting leads) reads Heroku and AWS now.'),
    ],
  };
}

/** `/hosting prices [refresh]`: where prices come from; `refresh` (leads only) reads them now. */
export function pricesSubcommand(): Subcommand {
  return {
    name: 'prices',
    summary:
      'where prices come from (PRICING_FILE, live vendor prices, bundled list); `refresh` reads them now (hosting leads)',
    examples: ['prices', 'prices refresh'],
    async run({ args, command, client, services, logger }) {
      const words = args.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length > 1 || (words[0] && words[0] !== 'refresh')) {
        return ephemeral(
          'I know `/hosting prices` and `/hosting prices refresh`, for example `/hosting prices refresh`.',
        );
      }
      if (words[0] !== 'refresh') {
        return { later: async () => pricesMessage(renderPricesText(await pricesAnswer(services))) };
      }
      if (!(await isLead(services, client, logger, command.user_id))) {
        return ephemeral(
          'Sorry, only hosting leads can refresh prices. `/hosting prices` shows where prices come from now.',
        );
      }
      return {
        placeholder: ephemeral('Refreshing prices from Heroku and the AWS Price List…'),
        later: async () => {
          const outcomes = await services.prices.refresher.refresh();
          await services.store.audit({
            at: services.now(),
            actor: command.user_id,
            action: 'prices-refresh',
            detail: 'refreshed live prices',
          });
          return pricesMessage(renderPricesText(await pricesAnswer(services)), renderRefreshText(outcomes));
        },
      };
    },
  };
}
