/**
 * `/hosting budget list [page]` as a message: ten budgets a page in natural name order, each in a
 * section of its own, the sources of their figures, and which page holds the rest. One message of all
 * of them ran past what Slack shows well (18 budgets were 5,700 characters; Slack advises under
 * 4,000 for a message's text), so the text is a summary a line a budget and the detail is in blocks.
 * Pure.
 */
import type { KnownBlock } from '@slack/types';
import { NO_ALERT_CHANNEL } from '../../answers/alert-settings';
import { partlyKnown, partsWords } from '../../answers/budget-parts';
import type { BudgetStatus } from '../../answers/budget-status';
import { describeBudget } from '../../answers/budgets';
import { percentUsed } from '../../core/alerts/budget-check';
import { formatUsd, fromCents } from '../../core/money';
import { neutraliseMarkup } from '../../core/user-text';
import { clipAtWord, context, mrkdwn, packed } from '../block-kit';
import { ephemeral, type Message } from '../message';

/** Budgets a page: ten sections of about 300 characters, well inside a message's blocks and text. */
export const BUDGET_LIST_PAGE_SIZE = 10;
/** A budget's section is cut here: only a pathological service name or error reaches it. */
const MAX_BUDGET_TEXT = 1500;

const usd = (cents: number) => formatUsd(fromCents(cents));
/** Where a budget's alerts go, as the list and the `budget set` reply say it. */
export const alertsPostedTo = (channel?: string) =>
  channel ? `posted to <#${channel}>` : `posted nowhere: ${NO_ALERT_CHANNEL}`;

/** How many pages `count` budgets fill. */
export const budgetListPages = (count: number) => Math.max(1, Math.ceil(count / BUDGET_LIST_PAGE_SIZE));

/** The command that shows page `page`: `/hosting budget list` for the first. */
export const budgetListCommand = (page: number) => `\`/hosting budget list${page > 1 ? ` ${page}` : ''}\``;

/**
 * Where budgets from the `from`-th (0-based) on are listed: `8 more, number-11 to number-18:
 * \`/hosting budget list 2\` shows them.` Every budget left out of a page or of App Home is named
 * by the first and last of them, and by the page to type.
 */
export function moreBudgetsLine(names: readonly string[], from: number): string {
  const rest = names.slice(from);
  if (rest.length === 0) return '';
  const page = Math.floor(from / BUDGET_LIST_PAGE_SIZE) + 1;
  const which = rest.length === 1 ? rest[0] : `${rest[0]} to ${rest.at(-1)}`;
  const onePage = from % BUDGET_LIST_PAGE_SIZE === 0 && rest.length <= BUDGET_LIST_PAGE_SIZE;
  const shows = onePage
    ? `shows ${rest.length === 1 ? 'it' : 'them'}`
    : from % BUDGET_LIST_PAGE_SIZE === 0
      ? `shows the next ${BUDGET_LIST_PAGE_SIZE}`
      : `lists from ${names[(page - 1) * BUDGET_LIST_PAGE_SIZE]}`;
  return `${rest.length} more, ${which}: ${budgetListCommand(page)} ${shows}.`;
}

/**
 * ` at today's run-rate` after a one-platform figure that is one (no daily snapshot covers the month
 * yet); a figure of two platforms names each part and what it is instead (`: AWS $800.00 actual +
 * Heroku $56.67 at today's run-rate`), so a run-rate is never read as spend that ran.
 */
const runRateWords = (status: BudgetStatus) =>
  status.runRate && status.parts.length === 1 ? " at today's run-rate" : '';
const partsAfter = (status: BudgetStatus) => (status.parts.length > 1 ? `: ${partsWords(status.parts)}` : '');

function forecastWords(status: BudgetStatus): string {
  const { spend } = status;
  if (spend.forecastCents === null) return '';
  const heroku = status.runRate && status.parts.length > 1 ? " (Heroku's part at today's run-rate)" : '';
  return `, forecast ${usd(spend.forecastCents)}${heroku}`;
}

function usedWords(status: BudgetStatus): string {
  const { budget, spend, problems } = status;
  if (problems.length) return `Month to date unknown (${partlyKnown(status.parts, problems)})`;
  return `${usd(spend.actualCents)} so far${runRateWords(status)} (${percentUsed(spend.actualCents, budget.amountCents)} %)${partsAfter(status)}${forecastWords(status)}`;
}

/** One line of the text summary: `number-1: $120.00 so far of $1,000.00 (12 %), forecast $400.00`. */
function summaryLine(status: BudgetStatus): string {
  const { budget, spend, problems } = status;
  if (problems.length) return `• ${budget.name}: ${usd(budget.amountCents)}/month, month to date unknown`;
  return `• ${budget.name}: ${usd(spend.actualCents)} so far${runRateWords(status)} of ${usd(budget.amountCents)} (${percentUsed(spend.actualCents, budget.amountCents)} %)${partsAfter(status)}${forecastWords(status)}`;
}

/**
 * Page `page` (1-based, within `budgetListPages`) of the budgets, sorted as given. A budget's scope
 * and the errors about it are shown as text: a service or tag typed as `<!here>` never notifies.
 */
export function budgetListMessage(
  statuses: readonly BudgetStatus[],
  channels: Readonly<Record<string, string | undefined>>,
  page: number,
): Message {
  const start = (page - 1) * BUDGET_LIST_PAGE_SIZE;
  const onPage = statuses.slice(start, start + BUDGET_LIST_PAGE_SIZE);
  const names = statuses.map((status) => status.budget.name);
  const range =
    statuses.length > BUDGET_LIST_PAGE_SIZE ? `, ${start + 1}–${start + onPage.length} of ${statuses.length}` : '';
  const title = `Budgets for ${statuses[0]!.spend.month}${range} (month to date; forecasts are estimates)`;
  const earlier =
    page > 1
      ? `Budgets ${start + 1}–${start + onPage.length} of ${statuses.length}; ${budgetListCommand(1)} shows the first ${BUDGET_LIST_PAGE_SIZE}.`
      : '';
  const footer = [earlier, moreBudgetsLine(names, start + onPage.length)].filter(Boolean).join(' ');
  const basis = [...new Set(onPage.flatMap((status) => status.basis))].map((line) => `_${neutraliseMarkup(line)}_`);
  const blocks: KnownBlock[] = [
    mrkdwn(`*${title}*`),
    ...onPage.map((status) =>
      mrkdwn(
        clipAtWord(
          `*${status.budget.name}*: ${neutraliseMarkup(describeBudget(status.budget))}, ${alertsPostedTo(channels[status.budget.id])}. ${neutraliseMarkup(usedWords(status))}`,
          MAX_BUDGET_TEXT,
        ),
      ),
    ),
    ...packed(basis, context),
    ...(footer ? [context(footer)] : []),
  ];
  const text = [`${title}:`, ...onPage.map(summaryLine), ...(footer ? [footer] : [])].join('\n');
  return ephemeral(text, blocks);
}
