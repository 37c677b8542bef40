import { answerMigrate, parseMigrateWords } from '../../../answers/migrate';
import type { Services } from '../../../services';
import { migrateDetailsLoadingView, migrateDetailsView } from '../views/migrate-details';
import { leadDetailsButton } from './open-view';

/**
 * A migration answer's Details button: the account modelled again (live reads come from the sources'
 * caches), every line in a modal only the presser sees. Leads only, like the answer, and each view
 * of it in the audit log, as the answer's is (which account, never the figures).
 */
export function migrateDetails(services: Services) {
  return leadDetailsButton(services, {
    what: 'migration',
    command: '/hosting migrate',
    parse: (value) => {
      const words = parseMigrateWords(value);
      return 'error' in words ? undefined : words.from;
    },
    loading: migrateDetailsLoadingView(),
    build: async (from, { body, logger }) => {
      const now = services.now();
      const answer = await answerMigrate(from, {
        sources: services.sources,
        catalog: services.catalog,
        now,
        log: (message, error) => logger.error(message, error),
      });
      if (answer.kind !== 'migrate') return migrateDetailsLoadingView(answer.message);
      await services.store.audit({ at: now, actor: body.user.id, action: 'migrate', detail: `${from} (details)` });
      return migrateDetailsView(answer);
    },
  });
}
