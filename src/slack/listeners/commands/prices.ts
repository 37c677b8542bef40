import type { KnownBlock } from '@slack/types';
import { type PricesAnswer, pricesAnswer } from '../../../answers/prices';
import { pricesWords, pricesWordsProblem, refreshLines, renderPricesText } from '../../../answers/prices-text';
import type { RefreshOutcome } from '../../../core/pricing';
import { clip, context, header, mrkdwn } from '../../block-kit';
import { isLead } from '../../leads';
import { ephemeral, type Message } from '../../message';
import type { Subcommand } from './subcommand';

const SECTION_LIMIT = 2900;
/** Configuration names read as code in Slack, not as prose. */
const names = (text: string) =>
  text.replace(/(?<![`\w])(PRICING_FILE|PRICES_SCHEDULE|AWS_PRICING_REGION|HEROKU_API_TOKEN)(?![`\w])/g, '`$1`');

/** One section a source, after what each layer supplies; the refresh (when there was one) first. */
function pricesMessage(answer: PricesAnswer, outcomes?: readonly RefreshOutcome[]): Message {
  const words = pricesWords(answer);
  const refreshed = outcomes ? refreshLines(outcomes) : [];
  const blocks: KnownBlock[] = [header('Where prices come from')];
  if (refreshed.length > 0)
    blocks.push(
      mrkdwn(clip(`*Refreshed just now*\n${refreshed.map((line) => `• ${line}`).join('\n')}`, SECTION_LIMIT)),
    );
  blocks.push(mrkdwn(clip(`${names(words.lead)}\n*Prices in use now:* ${names(words.counts)}`, SECTION_LIMIT)));
  for (const part of words.parts) {
    const title = `${part.warning ? ':warning: ' : ''}*${names(part.title)}*`;
    blocks.push(mrkdwn(clip(`${title}\n${part.lines.map(names).join('\n')}`, SECTION_LIMIT)));
  }
  blocks.push(context(`${names(words.footer)} List prices in USD.`));
  const text = [...refreshed, renderPricesText(answer)].join('\n');
  return { response_type: 'ephemeral', text: clip(text, SECTION_LIMIT), blocks };
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
      const problem = pricesWordsProblem(words, '/hosting prices');
      if (problem) return ephemeral(problem);
      if (words[0] !== 'refresh') {
        return { later: async () => pricesMessage(await pricesAnswer(services)) };
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
          return pricesMessage(await pricesAnswer(services), outcomes);
        },
      };
    },
  };
}
