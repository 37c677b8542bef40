import { answerMigrate, parseMigrateWords } from '../../../answers/migrate';
import type { Services } from '../../../services';
import { migrateDetailsLoadingView, migrateDetailsView } from '../views/migrate-details';
import { leadDetailsButton } from './open-view';

/**
 * A migration answer's Details button: the account modelled again (live reads come from the sources'
 * caches), every line in a modal only the presser sees. Leads only, like the answer.
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
    build: async (from, { logger }) => {
      const answer = await answerMigrate(from, {
        sources: services.sources,
        catalog: services.catalog,
        now: services.now(),
        log: (message, error) => logger.error(message, error),
      });
      return answer.kind === 'migrate' ? migrateDetailsView(answer) : migrateDetailsLoadingView(answer.message);
    },
  });
}
