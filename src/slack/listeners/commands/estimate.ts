import { answerEstimate, type EstimateAnswer, estimateFromWords, liveAppIn } from '../../../answers/estimate';
import { parseEstimate, renderEstimateText } from '../../../core/estimate';
import type { Services } from '../../../services';
import { context, ephemeral, MAX_MESSAGE_BLOCKS, type Message } from '../../message';
import { estimateFormView } from '../views/estimate-form';
import { estimateMessage } from './estimate-blocks';
import type { Subcommand } from './subcommand';

const EXAMPLE = '`/hosting estimate web=2xstandard-2x postgres=standard-0`';

/** What a person sees for an estimate answer; `share` posts it in the channel. */
export function estimateReply(answer: EstimateAnswer, share = false): Message {
  switch (answer.kind) {
    case 'refused':
      return ephemeral(answer.message);
    case 'form':
      return ephemeral(`Add a workload, for example ${EXAMPLE}.`);
    case 'needs-heroku':
      return ephemeral(
        `Estimating the live Heroku app \`${answer.app}\` needs the Heroku connection (HEROKU_API_TOKEN), which is not set up here. Meanwhile, describe it: ${EXAMPLE}.`,
      );
    case 'failed':
      return ephemeral(`Could not estimate \`${answer.app}\`: ${answer.message}`);
    case 'estimate': {
      const message = estimateMessage(answer.estimate, answer.words, share || answer.share);
      const { live, pricingNote } = answer;
      const asOf = live
        ? `Live Heroku data as of ${live.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC${live.fromCache ? ' (cached)' : ''}${live.staleBecause ? `: could not refresh (${live.staleBecause})` : ''}.`
        : undefined;
      const notes = [pricingNote && `:warning: ${pricingNote}`, asOf].filter((note): note is string => Boolean(note));
      const text = [...notes, renderEstimateText(answer.estimate)].join('\n');
      if (notes.length === 0) return { ...message, text };
      // Right under the headline: what the figures below stand on. The buttons (last) always stay.
      const [headline, ...rest] = message.blocks ?? [];
      const blocks = [...(headline ? [headline] : []), ...notes.map(context), ...rest];
      const kept =
        blocks.length <= MAX_MESSAGE_BLOCKS ? blocks : [...blocks.slice(0, MAX_MESSAGE_BLOCKS - 1), blocks.at(-1)!];
      return { ...message, text, blocks: kept };
    }
  }
}

/** Parses the words, models the workload and renders the answer, without live sources; shared by the form and buttons. */
export function replyToEstimateWords(words: string, services: Services, share = false): Message {
  return estimateReply(estimateFromWords(words, services.prices.book), share);
}

export function estimateSubcommand(): Subcommand {
  return {
    name: 'estimate',
    aliases: ['est', 'cost', 'price', 'compare'],
    summary: 'what a workload costs on Heroku and on AWS, itemised, with TCO (no words: a form)',
    examples: [
      'estimate web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging',
      'estimate aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small',
      'estimate web=2xstandard-2x postgres=standard-0 hipaa review=3 ops-rate=120 share',
      'estimate',
    ],
    async run({ args, share, command, client, services }) {
      if (args.trim() === '') {
        return {
          later: async () => {
            await client.views.open({ trigger_id: command.trigger_id, view: estimateFormView() });
            return undefined;
          },
        };
      }
      // The words are read once before the ack: for a live app, and for the estimate itself.
      const prices = services.prices.book;
      const parsed = parseEstimate(args, prices.catalog);
      const live = liveAppIn(args, prices.catalog, parsed);
      if (live && services.sources.heroku) {
        return {
          placeholder: ephemeral(`Reading \`${live.app}\` from Heroku…`),
          later: async () => estimateReply(await answerEstimate(args, services), share),
        };
      }
      return estimateReply(estimateFromWords(args, prices, parsed), share);
    },
  };
}
