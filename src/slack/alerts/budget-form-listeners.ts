/**
 * The budget form's button (App Home → "Add a budget") and its submission: each field checked with
 * the command's rules, errors on their fields, nothing saved until every field is right; Home is
 * published again with the new budget. Leads only.
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
import { neutraliseMarkup } from '../../core/user-text';
import type { Services } from '../../services';
import { channelProblem } from '../channel-access';
import { fieldErrorText } from '../field-error';
import { isLead } from '../leads';
import { homeDashboard } from '../listeners/events/home-dashboard';
import { BUDGET_FIELDS, budgetFormView, readBudgetForm } from './budget-form';
import { homeNotice } from './budget-home-listeners';

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
    // Anyone else gets the member guide on their Home (theirs may show an old dashboard).
    if (!(await homeDashboard(services).leadOrGuide(client, body.user.id, logger))) return;
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
    // A Heroku app or team is checked against the last list read, never by asking Heroku: Slack
    // closes the form after 3 seconds, and a cold inventory of a large account takes longer.
    const saved = await saveBudget(services, checked.value, user, async () => undefined, { herokuScope: 'cached' });
    if (!saved.ok) {
      await ack({ response_action: 'errors', errors: errorsOf(saved.errors) });
      return;
    }
    await ack();
    // The form was opened from Home: the list there shows the new budget, the notice says what was saved.
    await homeNotice(
      services,
      client,
      user,
      logger,
      // Home text is mrkdwn: a service or tag typed as <!channel> or <https://…|…> shows as text.
      `${saved.replaced ? 'Updated' : 'Saved'} budget ${saved.budget.name}: ${neutraliseMarkup(describeBudget(saved.budget))}. The next hourly check fills in its figures.${saved.note ? ` ${neutraliseMarkup(saved.note)}` : ''}`,
    );
  };
}
