import { answerMigrate, MIGRATE_EXAMPLE, migrateFrom, parseMigrateWords } from '../../../answers/migrate';
import { spendAccess, withShareNote } from '../../leads';
import { ephemeral } from '../../message';
import { migrateMessage } from './migrate-blocks';
import { spendRefusal } from './spend';
import type { Subcommand } from './subcommand';

/** `/hosting migrate [heroku|aws]`: the whole live account on the other platform (leads: it reads live spend). */
export function migrateSubcommand(): Subcommand {
  return {
    name: 'migrate',
    summary:
      'the whole live Heroku account modelled on AWS (or the AWS account on Heroku) in three tiers, with the one-off cost (hosting leads only)',
    examples: [MIGRATE_EXAMPLE, 'migrate aws'],
    async run({ args, share, command, client, services, logger }) {
      const access = await spendAccess(services, client, logger, command.user_id, command.channel_id, share);
      if (!access.lead) return spendRefusal(access.leads);
      const words = parseMigrateWords(args);
      if ('error' in words) return ephemeral(words.error);
      const chosen = migrateFrom(words.from, services.sources);
      if ('off' in chosen) return ephemeral(chosen.off);
      const { from } = chosen;
      return {
        placeholder: ephemeral(`Modelling the ${from === 'heroku' ? 'Heroku' : 'AWS'} account on the other platform…`),
        later: async () => {
          const now = services.now();
          const answer = await answerMigrate(from, {
            sources: services.sources,
            catalog: services.catalog,
            now,
            log: (message, error) => logger.error(message, error),
          });
          if (answer.kind !== 'migrate') return ephemeral(answer.message);
          await services.store.audit({ at: now, actor: command.user_id, action: 'migrate', detail: from });
          return withShareNote(migrateMessage(answer, access.share), access.shareNote);
        },
      };
    },
  };
}
