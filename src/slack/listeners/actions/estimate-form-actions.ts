import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { slackErrorCode } from '../../slack-errors';
import { estimateFormView, type FormShape, MAX_ROWS, readShape } from '../views/estimate-form';

type FormActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * A change inside the open estimate form: the platform menu (the size, database and cache menus
 * become the other platform's) or "Add a process" (one more row). The form is redrawn in place;
 * what was typed stays, since each kept field keeps its block and action IDs.
 */
export function estimateFormChange(services: Services, change: 'platform' | 'add-process') {
  return async ({ ack, action, body, client, logger }: FormActionArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const shape = readShape(view.private_metadata);
    const chosen = (action as { selected_option?: { value: string } }).selected_option?.value;
    const next: FormShape =
      change === 'platform'
        ? { ...shape, platform: chosen === 'aws' ? 'aws' : 'heroku' }
        : { ...shape, rows: Math.min(shape.rows + 1, MAX_ROWS) };
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: estimateFormView(services.catalog, next) });
    } catch (error) {
      // hash_conflict: another change redrew the form first; the person's next change redraws it again.
      logger.warn('could not update the estimate form:', slackErrorCode(error) ?? error);
    }
  };
}
