/**
 * The Home tab's budgets section (leads only): each budget with what it watches, where its alerts go
 * and where it stood at the last hourly check, a Delete button (with a confirmation) on each, and
 * "Add a budget" for the form. Pure: the figures and times arrive ready.
 */
import type { KnownBlock } from '@slack/types';
import { NO_ALERT_CHANNEL } from '../../answers/alert-settings';
import { partlyKnown, partsWords } from '../../answers/budget-parts';
import { type BudgetStanding, figuresFor } from '../../answers/budget-standing';
import { describeBudget } from '../../answers/budgets';
import { BUDGET_EXAMPLE, byBudgetName } from '../../core/alerts/budget';
import { percentUsed } from '../../core/alerts/budget-check';
import { formatUsd, fromCents } from '../../core/money';
import { neutraliseMarkup } from '../../core/user-text';
import type { StoredBudget } from '../../store/store';
import { clip, context, plainText } from '../block-kit';
import { monthName } from '../period-labels';
import { ADD_BUDGET } from './budget-form';
import { moreBudgetsLine } from './budget-list-blocks';

export const DELETE_BUDGET = 'home_delete_budget';
/** Budgets shown one a block; more are counted (a Home tab holds 100 blocks). */
const MAX_HOME_BUDGETS = 15;

export interface BudgetsHomeInput {
  budgets: readonly StoredBudget[];
  standing?: BudgetStanding;
  /** When the standing was checked, in the digest's zone: `Tue 17 Nov 2026, 10:05 UTC`. */
  checkedAt?: string;
  /** Where each budget's alerts go now, by budget id (none: nowhere, no channel is set). */
  channels: Readonly<Record<string, string | undefined>>;
}

const usd = (cents: number) => formatUsd(fromCents(cents));

function figuresLine(budget: StoredBudget, standing: BudgetStanding | undefined): string {
  const figures = figuresFor(standing, budget);
  if (!figures) return '_Not checked yet: the hourly budget check fills this in._';
  if (figures.problems.length > 0)
    return `_Month to date unknown: ${partlyKnown(figures.parts ?? [], figures.problems)}_`;
  const month = monthName(standing!.month);
  const forecast = figures.forecastCents === null ? '' : ` · forecast ${usd(figures.forecastCents)} (estimated)`;
  // Two platforms: which part is Cost Explorer's actual spend and which Heroku's estimate.
  const parts = figures.parts && figures.parts.length > 1 ? `: ${partsWords(figures.parts)}` : '';
  return `${month} to date: *${usd(figures.actualCents)}* (${percentUsed(figures.actualCents, budget.amountCents)} %)${parts}${forecast}`;
}

function budgetBlock(budget: StoredBudget, standing: BudgetStanding | undefined, channel?: string): KnownBlock {
  const where = channel ? ` → <#${channel}>` : ` → :warning: *nowhere*: ${NO_ALERT_CHANNEL}`;
  return {
    type: 'section',
    block_id: `home_budget_${budget.id}`,
    text: {
      type: 'mrkdwn',
      text: clip(
        `*${budget.name}* · ${neutraliseMarkup(describeBudget(budget))}${where}\n${figuresLine(budget, standing)}`,
      ),
    },
    accessory: {
      type: 'button',
      action_id: DELETE_BUDGET,
      text: plainText('Delete'),
      value: budget.name,
      confirm: {
        title: plainText('Delete this budget?'),
        text: plainText(`Budget ${budget.name} will send no more alerts. Its past alerts stay in their channels.`),
        confirm: plainText('Delete'),
        deny: plainText('Keep it'),
        style: 'danger',
      },
    },
  };
}

/** Where the figures come from, in one line: the check's time, each platform's source and period. */
function sourcesNote({ budgets, standing, checkedAt }: BudgetsHomeInput): string {
  const aws = budgets.some((b) => b.platform !== 'heroku');
  const heroku = budgets.some((b) => b.platform !== 'aws');
  const sources = [
    ...(aws ? ['AWS from Cost Explorer through yesterday, before credits'] : []),
    ...(heroku ? ["Heroku from the bot's daily snapshots at list prices, through today"] : []),
  ].join('; ');
  const when = standing && checkedAt ? `Figures from the budget check of ${checkedAt}: ` : 'Figures: ';
  return `${when}${sources}; forecasts are estimates. \`/hosting budget list\` reads them again with their sources; \`/hosting alerts\` shows where alerts go.`;
}

export function budgetsHomeBlocks(input: BudgetsHomeInput): KnownBlock[] {
  const { standing, channels } = input;
  // The order `/hosting budget list` pages through, so the budgets left off here are on the page named.
  const budgets = [...input.budgets].sort(byBudgetName);
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'home_budgets',
      text: {
        type: 'mrkdwn',
        text:
          budgets.length === 0
            ? `*Budgets*: none yet. A budget alerts in Slack at the levels you choose, on forecast and when spend falls back under. Add one here or with ${BUDGET_EXAMPLE}.`
            : `*Budgets* (${budgets.length}), checked every hour against cached figures`,
      },
      accessory: { type: 'button', text: plainText('Add a budget'), action_id: ADD_BUDGET, style: 'primary' },
    },
  ];
  for (const budget of budgets.slice(0, MAX_HOME_BUDGETS))
    blocks.push(budgetBlock(budget, standing, channels[budget.id]));
  if (budgets.length > MAX_HOME_BUDGETS) {
    blocks.push(
      context(
        moreBudgetsLine(
          budgets.map((budget) => budget.name),
          MAX_HOME_BUDGETS,
        ),
      ),
    );
  }
  if (budgets.length > 0) blocks.push(context(sourcesNote(input)));
  return blocks;
}
