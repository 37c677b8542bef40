import { answerEstimate, type EstimateAnswer, estimateFromWords, liveAppIn } from '../../../answers/estimate';
import { parseEstimate } from '../../../core/estimate';
import type { Services } from '../../../services';
import { ephemeral, type Message } from '../../message';
import { estimateFormView } from '../views/estimate-form';
import { estimateMessage } from './estimate-blocks';
import type { Subcommand } from './subcommand';

const EXAMPLE = '`/hosting estimate web=2xstandard-2x postgres=standard-0`';

/** What a person sees for an estimate answer; `share` posts it in the channel, saying who shared it. */
export function estimateReply(answer: EstimateAnswer, share = false, user?: string): Message {
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
      const shared = share || answer.share;
      const { live, pricingNote } = answer;
      const asOf = live
        ? `Live Heroku data as of ${live.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC${live.fromCache ? ' (cached)' : ''}${live.staleBecause ? `: could not refresh (${live.staleBecause})` : ''}.`
        : undefined;
      const notes = [pricingNote && `:warning: ${pricingNote}`, asOf].filter((note): note is string => Boolean(note));
      const message = estimateMessage(answer.estimate, answer.words, {
        share: shared,
        notes,
        ...(shared && user ? { sharedBy: user } : {}),
      });
      // The notification says what the figures stand on too, after the figures themselves.
      return notes.length ? { ...message, text: [message.text, ...notes].join(' ') } : message;
    }
  }
}

/** Parses the words, models the workload and renders the answer, without live sources; shared by the form and buttons. */
export function replyToEstimateWords(words: string, services: Services, share = false, user?: string): Message {
  return estimateReply(estimateFromWords(words, services.prices.book), share, user);
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
            await client.views.open({ trigger_id: command.trigger_id, view: estimateFormView(services.catalog) });
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
          later: async () => estimateReply(await answerEstimate(args, services), share, command.user_id),
        };
      }
      return estimateReply(estimateFromWords(args, prices, parsed), share, command.user_id);
    },
  };
}
