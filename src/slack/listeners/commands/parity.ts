import { parityAnswer, parityAuditDetail, parseParityArgs } from '../../../answers/parity';
import { spendAccess, withShareNote } from '../../leads';
import { ephemeral } from '../../message';
import { parityMessage } from './parity-blocks';
import { spendRefusal } from './spend';
import type { Subcommand } from './subcommand';

const COMMAND = '/hosting parity';

/**
 * `/hosting parity [pipeline]`: staging against production per Heroku pipeline, for leads (it shows
 * what staging and production cost). Everyone else is refused before Heroku is asked, without a figure.
 */
export function paritySubcommand(): Subcommand {
  return {
    name: 'parity',
    summary:
      'staging against production per Heroku pipeline: what differs, whether it is a risk or a cost choice, and what matching would cost (hosting leads only)',
    examples: ['parity', 'parity shop'],
    async run({ args, share, command, client, services, logger }) {
      const access = await spendAccess(services, client, logger, command.user_id, command.channel_id, share);
      if (!access.lead) return spendRefusal(access.leads, 'staging parity checks', 'them');
      const parsed = parseParityArgs(args, COMMAND);
      if ('error' in parsed) return ephemeral(parsed.error);
      return {
        placeholder: ephemeral('Comparing staging with production in each Heroku pipeline…'),
        later: async () => {
          const now = services.now();
          const answer = await parityAnswer(parsed.pipeline, {
            services,
            command: COMMAND,
            log: (message, error) => logger.error(message, error),
          });
          if (answer.kind !== 'report') return ephemeral(answer.message);
          await services.store.audit({
            at: now,
            actor: command.user_id,
            action: 'parity',
            detail: parityAuditDetail(parsed.pipeline, answer),
          });
          return withShareNote(parityMessage(answer, access.share), access.shareNote);
        },
      };
    },
  };
}
