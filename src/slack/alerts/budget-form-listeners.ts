/**
 * The budget form's button (App Home → "Add a budget") and its submission: each field checked with
 * the command's rules, errors on their fields, nothing saved until every field is right. Leads only.
 */
import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { describeBudget, saveBudget } from '../../answers/budgets';
import type { BudgetField } from '../../core/alerts/budget';
import { budgetFromFields } from '../../core/alerts/budget-fields';
import type { Services } from '../../services';
import { channelProblem } from '../channel-access';
import { fieldErrorText } from '../field-error';
import { isLead } from '../leads';
import { BUDGET_FIELDS, budgetFormView, readBudgetForm } from './budget-form';

const FIELD_BLOCKS: Record<BudgetField, string> = {
  name: BUDGET_FIELDS.name,
  amount: BUDGET_FIELDS.amount,
  platform: BUDGET_FIELDS.platform,
  scope: BUDGET_FIELDS.scopeValue,
  thresholds: BUDGET_FIELDS.levels,
  channel: BUDGET_FIELDS.channel,
};

export function openBudgetForm(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    if (!(await isLead(services, client, logger, body.user.id))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: budgetFormView() });
  };
}

export function budgetFormSubmission(services: Services) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const user = body.user.id;
    if (!(await isLead(services, client, logger, user))) {
      await ack({ response_action: 'errors', errors: { [BUDGET_FIELDS.name]: 'Only hosting leads can set budgets.' } });
      return;
    }
    const fields = readBudgetForm(view.state.values as never);
    const checked = budgetFromFields(fields);
    // Slack is asked about the channel even when other fields are wrong: one correction fixes everything.
    const channelIssue = fields.channel ? await channelProblem(client, fields.channel, 'save again') : undefined;
    const errorsOf = (errors: Partial<Record<BudgetField, string>>) =>
      Object.fromEntries(
        Object.entries(errors).map(([field, text]) => [FIELD_BLOCKS[field as BudgetField], fieldErrorText(text)]),
      );
    if (!checked.ok || channelIssue) {
      const errors = { ...(checked.ok ? {} : checked.errors), ...(channelIssue ? { channel: channelIssue } : {}) };
      await ack({ response_action: 'errors', errors: errorsOf(errors) });
      return;
    }
    const saved = await saveBudget(services, checked.value, user, async () => undefined);
    if (!saved.ok) {
      await ack({ response_action: 'errors', errors: errorsOf(saved.errors) });
      return;
    }
    await ack();
    try {
      await client.chat.postMessage({
        channel: user,
        text: `${saved.replaced ? 'Updated' : 'Saved'} budget ${saved.budget.name}: ${describeBudget(saved.budget)}.`,
      });
    } catch (error) {
      logger.warn('could not confirm the saved budget:', error);
    }
  };
}
