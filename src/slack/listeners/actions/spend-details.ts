import { parseSpendArgs } from '../../../core/spend/request';
import { utcDay, utcDayMs } from '../../../core/utc-days';
import type { Services } from '../../../services';
import { spendReportFor } from '../commands/spend';
import { spendDetailsLoadingView, spendDetailsView } from '../views/spend-details';
import { leadDetailsButton } from './open-view';

/**
 * A spend answer's Details button: the same request again (Cost Explorer answers come from the
 * cache), every line in a modal only the presser sees. Leads only, like the answer.
 */
export function spendDetails(services: Services) {
  return leadDetailsButton(services, {
    what: 'spend',
    command: '/hosting spend',
    parse: (value) => {
      // `words|YYYY-MM-DD`; a button from before the day was carried has the words alone.
      const [words = '', day] = value.split('|');
      const request = parseSpendArgs(words);
      if ('error' in request) return undefined;
      if (day === undefined) return { request };
      const today = utcDay(services.now());
      return Number.isNaN(utcDayMs(day)) || day > today ? undefined : { request, day };
    },
    loading: spendDetailsLoadingView(),
    build: async ({ request, day }, { body, logger }) =>
      spendDetailsView(await spendReportFor(services, request, body.user.id, logger, ' (details)', day)),
  });
}
