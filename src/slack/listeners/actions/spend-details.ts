import { parseSpendArgs } from '../../../core/spend/request';
import type { Services } from '../../../services';
import { isLead } from '../../leads';
import { ephemeral } from '../../message';
import { slackErrorCode } from '../../slack-errors';
import { spendReportFor } from '../commands/spend';
import { spendDetailsLoadingView, spendDetailsView } from '../views/spend-details';
import { type ButtonArgs, tellPresser } from './tell-presser';

/**
 * A spend answer's Details button: the same request again (Cost Explorer answers come from the
 * cache), every line in a modal only the presser sees. Leads only, like the answer.
 */
export function spendDetails(services: Services) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, logger } = args;
    await ack();
    const tell = (text: string) => tellPresser(respond, logger, 'spend Details button')(ephemeral(text));
    if (!(await isLead(services, client, logger, body.user.id))) {
      await tell('Sorry, spend details are only shown to hosting leads.');
      return;
    }
    const request = parseSpendArgs(action.value ?? '');
    if ('error' in request) {
      await tell('That answer is out of date; run `/hosting spend` again.');
      return;
    }
    let viewId: string | undefined;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: spendDetailsLoadingView() });
      viewId = opened.view?.id;
    } catch (error) {
      logger.warn('could not open the spend details:', slackErrorCode(error) ?? error);
      await tell('Could not open the details; try again.');
      return;
    }
    if (!viewId) return;
    try {
      const report = await spendReportFor(services, request, body.user.id, logger, ' (details)');
      await client.views.update({ view_id: viewId, view: spendDetailsView(report) });
    } catch (error) {
      logger.warn('could not show the spend details:', slackErrorCode(error) ?? error);
    }
  };
}
