import { parseSpendArgs } from '../../../core/spend/request';
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
      const request = parseSpendArgs(value);
      return 'error' in request ? undefined : request;
    },
    loading: spendDetailsLoadingView(),
    build: async (request, { body, logger }) =>
      spendDetailsView(await spendReportFor(services, request, body.user.id, logger, ' (details)')),
  });
}
