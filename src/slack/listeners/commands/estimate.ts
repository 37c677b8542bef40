import { answerEstimate, type EstimateAnswer, estimateFromWords, liveAppIn } from '../../../answers/estimate';
import { COMMAND_ALIASES } from '../../../core/command-names';
import { parseEstimate } from '../../../core/estimate';
import type { Services } from '../../../services';
import type { Asker } from '../../asker';
import { type SpendAccess, spendAccess, withShareNote } from '../../leads';
import { ephemeral, type Message } from '../../message';
import { estimateFormView } from '../views/estimate-form';
import { estimateMessage } from './estimate-blocks';
import type { Subcommand } from './subcommand';

const EXAMPLE = '`/hosting estimate web=2xstandard-2x postgres=standard-0`';

/** What a person sees for an estimate answer; `share` posts it in the channel, saying who shared it. */
export function estimateReply(answer: EstimateAnswer, share = false, user?: string): Message {
  switch (answer.kind) {
    case 'refused':
    case 'no-prices':
      return ephemeral(answer.message);
    case 'form':
      return ephemeral(`Add a workload, for example ${EXAMPLE}.`);
    case 'needs-heroku':
      return ephemeral(
        `Estimating the live Heroku app \`${answer.app}\` needs the Heroku connection (HEROKU_API_TOKEN), which is not set up here. Meanwhile, describe it: ${EXAMPLE}.`,
      );
    case 'failed':
      return ephemeral(`Could not estimate \`${answer.app}\`: ${answer.message}`);
    case 'no-such-app':
      return ephemeral(
        `There is no app by that name that you can see (\`${answer.app}\`). Check the spelling, e.g. \`/hosting estimate app=acme-api\`.${answer.notListedYet ? ` ${answer.notListedYet}` : ''}`,
      );
    case 'formation':
      return formationReply(answer, []);
    case 'estimate': {
      const shared = share || answer.share;
      const { live, pricingNote } = answer;
      // What the figures stand on, said under the headline: a price note, live data's age.
      const notes: string[] = [];
      if (pricingNote) notes.push(`:warning: ${pricingNote}`);
      if (live) {
        notes.push(
          `Live Heroku data as of ${live.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC${live.fromCache ? ' (cached)' : ''}${live.staleBecause ? `: could not refresh (${live.staleBecause})` : ''}; ${live.readAs}.`,
        );
      }
      const message = estimateMessage(answer.estimate, answer.words, {
        share: shared,
        notes,
        sharedBy: shared ? user : undefined,
      });
      // The notification says what the figures stand on too, after the figures themselves.
      return notes.length ? { ...message, text: [message.text, ...notes].join(' ') } : message;
    }
  }
}

/** A live app's formation for someone who is not a lead: what runs, no price, and who can see the figures. */
function formationReply(answer: Extract<EstimateAnswer, { kind: 'formation' }>, leads: readonly string[]): Message {
  const asOf = `${answer.live.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const who =
    leads.length === 0
      ? 'No one is set up as a lead yet: whoever runs Hosting Advisor can add Slack user IDs to HOSTING_LEADS.'
      : `Ask ${leads.map((id) => `<@${id}>`).join(', ')} for them.`;
  const text = [
    `*${answer.app}* runs (live Heroku data as of ${asOf}):`,
    ...answer.lines.map((line) => `• ${line}`),
    `What it costs is shown only to hosting leads. ${who}`,
  ].join('\n');
  return ephemeral(text, [{ type: 'section', text: { type: 'mrkdwn', text } }]);
}

/**
 * The estimate words answered for this person. A live app (`app=NAME`) is priced for leads only
 * (and each priced answer goes in the audit log); everyone else gets its formation. `access` says
 * who asked and whether a share may be posted; it is absent when nothing live was read.
 */
export async function estimateAnswerFor(
  words: string,
  asker: Asker,
): Promise<{ answer: EstimateAnswer; access?: SpendAccess }> {
  const { services, client, logger, user } = asker;
  const live = liveAppIn(words, services.catalog);
  if (!live || !services.sources.heroku) return { answer: estimateFromWords(words, services.prices.book) };
  const share = asker.share || live.share;
  const access = await spendAccess(services, client, logger, user, asker.channel ?? '', share, 'live figures');
  if (!access.lead) return { answer: await answerEstimate(words, services, { priceLiveApps: false }), access };
  const answer = await answerEstimate(words, services);
  if (answer.kind === 'estimate' && answer.live) {
    const detail = `estimated app ${answer.live.app}`;
    await services.store.audit({ at: services.now(), actor: user, action: 'estimate-app', detail });
  }
  return { answer, access };
}

/** What someone who may not see a live app's prices is shown instead: its formation, and who to ask. */
export function unpricedReply(answer: EstimateAnswer, access: SpendAccess): Message {
  return answer.kind === 'formation' ? formationReply(answer, access.leads) : estimateReply(answer);
}

/**
 * The answer to estimate words for this person. A live app (`app=NAME`) is priced for leads only and
 * shared only in channels where spend may be posted; everyone else sees its formation, privately.
 */
export async function estimateReplyFor(words: string, asker: Asker): Promise<Message> {
  const { answer, access } = await estimateAnswerFor(words, asker);
  if (!access) return estimateReply(answer, asker.share, asker.user);
  if (!access.lead) return unpricedReply(answer, access);
  const reply = estimateReply(
    answer.kind === 'estimate' ? { ...answer, share: access.share } : answer,
    access.share,
    asker.user,
  );
  return withShareNote(reply, access.shareNote);
}

/** Parses the words, models the workload and renders the answer, without live sources; shared by the form and buttons. */
export function replyToEstimateWords(words: string, services: Services, share = false, user?: string): Message {
  return estimateReply(estimateFromWords(words, services.prices.book), share, user);
}

export function estimateSubcommand(): Subcommand {
  return {
    name: 'estimate',
    aliases: [...COMMAND_ALIASES.estimate],
    summary:
      'what a workload costs on Heroku and on AWS, itemised, with TCO (no words: a form; `app=NAME`: a live Heroku app, priced for hosting leads)',
    examples: [
      'estimate web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging',
      'estimate aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small',
      'estimate web=2xstandard-2x postgres=standard-0 hipaa review=3 ops-rate=120 share',
      'estimate app=shop-api',
      'estimate',
    ],
    async run({ args, share, command, client, services, logger }) {
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
        const asker: Asker = { services, client, logger, user: command.user_id, channel: command.channel_id, share };
        return {
          placeholder: ephemeral(`Reading \`${live.app}\` from Heroku…`),
          later: () => estimateReplyFor(args, asker),
        };
      }
      return estimateReply(estimateFromWords(args, prices, parsed), share, command.user_id);
    },
  };
}
