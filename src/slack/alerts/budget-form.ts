/**
 * The App Home budget form: the same budget as `/hosting budget set`, field by field. Opened by the
 * "Add a budget" button on the Home tab; saved by `budgetFormSubmission`.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { type BudgetFields, SCOPE_CHOICES } from '../../core/alerts/budget-fields';
import { plainText } from '../block-kit';

export const BUDGET_FORM = 'budget_form';
export const ADD_BUDGET = 'home_add_budget';
const VALUE = 'value';

/** Block ids, one per field; errors go on these. */
export const BUDGET_FIELDS = {
  name: 'budget_name',
  amount: 'budget_amount',
  platform: 'budget_platform',
  scopeKind: 'budget_scope_kind',
  scopeValue: 'budget_scope_value',
  levels: 'budget_levels',
  forecast: 'budget_forecast',
  channel: 'budget_channel',
} as const;

const option = (text: string, value: string) => ({ text: plainText(text), value });

function input(
  block: string,
  label: string,
  element: Record<string, unknown>,
  optional = false,
  hint?: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    label: plainText(label),
    optional,
    element: { action_id: VALUE, ...element },
    ...(hint ? { hint: plainText(hint) } : {}),
  } as KnownBlock;
}

export function budgetFormView(): ModalView {
  const platforms = [option('AWS + Heroku', 'both'), option('AWS', 'aws'), option('Heroku', 'heroku')];
  const scopes = SCOPE_CHOICES.map((choice) => option(choice.label, choice.kind));
  return {
    type: 'modal',
    callback_id: BUDGET_FORM,
    title: plainText('Add a budget'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      input(
        BUDGET_FIELDS.name,
        'Name',
        { type: 'plain_text_input', placeholder: plainText('web-prod') },
        false,
        'Lower-case letters, digits and dashes. Saving a name again replaces that budget.',
      ),
      input(BUDGET_FIELDS.amount, 'Dollars a month', { type: 'plain_text_input', placeholder: plainText('2000') }),
      input(BUDGET_FIELDS.platform, 'Platform', {
        type: 'static_select',
        options: platforms,
        initial_option: platforms[0],
      }),
      input(BUDGET_FIELDS.scopeKind, 'Watches', { type: 'static_select', options: scopes, initial_option: scopes[0] }),
      input(
        BUDGET_FIELDS.scopeValue,
        'Which one',
        { type: 'plain_text_input', placeholder: plainText('acme-eng') },
        true,
        'The team, app, service (as Cost Explorer names it), 12-digit account ID, or KEY=VALUE for a tag. Empty for all spend.',
      ),
      input(
        BUDGET_FIELDS.levels,
        'Alert at (% of the budget)',
        { type: 'plain_text_input', initial_value: '50,80,100' },
        true,
      ),
      input(
        BUDGET_FIELDS.forecast,
        'Forecast',
        { type: 'checkboxes', options: [option('Also alert when the month is forecast to go over', 'forecast')] },
        true,
      ),
      input(
        BUDGET_FIELDS.channel,
        'Channel',
        { type: 'conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true } },
        true,
        'Empty: the channel routed for the team, account or tag, else the alerts channel.',
      ),
    ],
  };
}

type Values = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
      selected_conversation?: string | null;
    }
  >
>;

export function readBudgetForm(values: Values): BudgetFields {
  const get = (block: string) => values[block]?.[VALUE];
  const text = (value: string | null | undefined) => value?.trim() || undefined;
  const fields: BudgetFields = { forecast: (get(BUDGET_FIELDS.forecast)?.selected_options ?? []).length > 0 };
  const set = (key: Exclude<keyof BudgetFields, 'forecast'>, value: string | undefined) => {
    if (value !== undefined) fields[key] = value;
  };
  set('name', text(get(BUDGET_FIELDS.name)?.value));
  set('amount', text(get(BUDGET_FIELDS.amount)?.value));
  set('platform', text(get(BUDGET_FIELDS.platform)?.selected_option?.value));
  set('scopeKind', text(get(BUDGET_FIELDS.scopeKind)?.selected_option?.value));
  set('scopeValue', text(get(BUDGET_FIELDS.scopeValue)?.value));
  set('levels', text(get(BUDGET_FIELDS.levels)?.value));
  set('channel', text(get(BUDGET_FIELDS.channel)?.selected_conversation));
  return fields;
}
