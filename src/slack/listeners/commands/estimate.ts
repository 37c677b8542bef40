import { parseEstimate, renderEstimateText } from '../../../core/estimate';
import { estimate } from '../../../core/model';
import type { Workload } from '../../../core/workload';
import type { Services } from '../../../services';
import { SourceError } from '../../../sources/source-error';
import { ephemeral, type Message } from '../../message';
import { estimateFormView } from '../views/estimate-form';
import { estimateMessage } from './estimate-blocks';
import type { Subcommand } from './subcommand';

/** Parses the words, models the workload and renders the answer; shared by the command, the form and buttons. */
export function answerEstimate(words: string, services: Services, share = false): Message {
  const parsed = parseEstimate(words, services.catalog);
  if (!parsed.ok) return ephemeral(parsed.message);
  const { request } = parsed;
  if (request.kind === 'form')
    return ephemeral('Add a workload, for example `/hosting estimate web=2xstandard-2x postgres=standard-0`.');
  if (request.kind === 'app')
    return ephemeral(
      `Estimating the live Heroku app \`${request.app}\` needs the Heroku connection (HEROKU_API_TOKEN), which is not set up here. Meanwhile, describe it: \`/hosting estimate web=2xstandard-2x postgres=standard-0\`.`,
    );
  return modelledAnswer(request.workload, words, services, share || request.share, request.options);
}

function modelledAnswer(
  workload: Workload,
  words: string,
  services: Services,
  share: boolean,
  options: Parameters<typeof estimate>[2] = {},
): Message {
  const result = estimate(workload, services.catalog, options);
  const message = estimateMessage(result, words, share);
  return { ...message, text: renderEstimateText(result) };
}

/** `estimate app=NAME`: the app's live formation and add-ons, modelled on AWS. */
async function answerLiveApp(app: string, words: string, services: Services, share: boolean): Promise<Message> {
  const heroku = services.sources.heroku;
  if (!heroku) return answerEstimate(words, services, share);
  try {
    const inventory = await heroku.inventory();
    const workload = heroku.appWorkload(inventory.value, app);
    const answer = modelledAnswer(workload, words, services, share);
    const asOf = `Live Heroku data as of ${inventory.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC${inventory.fromCache ? ' (cached)' : ''}${inventory.staleBecause ? `: could not refresh (${inventory.staleBecause.message})` : ''}.`;
    return {
      ...answer,
      text: `${asOf}\n${answer.text}`,
      blocks: [
        ...(answer.blocks ?? []).slice(0, 1),
        { type: 'context', elements: [{ type: 'mrkdwn', text: asOf }] },
        ...(answer.blocks ?? []).slice(1),
      ],
    };
  } catch (error) {
    if (error instanceof SourceError) return ephemeral(`Could not estimate \`${app}\`: ${error.message}`);
    throw error;
  }
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
      const parsed = parseEstimate(args, services.catalog);
      if (parsed.ok && parsed.request.kind === 'app' && services.sources.heroku) {
        const { app } = parsed.request;
        return {
          placeholder: ephemeral(`Reading \`${app}\` from Heroku…`),
          later: () => answerLiveApp(app, args, services, share),
        };
      }
      return answerEstimate(args, services, share);
    },
  };
}
