/**
 * A budget's month to date in words, part by part: a budget on AWS and Heroku adds Cost Explorer's
 * recorded spend to a Heroku figure that is an estimate (from the daily snapshots) or, before any
 * snapshot covers the month, today's run-rate. Every place that shows such a figure (the list, App
 * Home, alert messages) says which part is which, and shows a total only when every part is known,
 * as the sum of the parts it shows. Plain text, no Slack markup.
 */

import { formatUsd, fromCents } from '../core/money';
import type { BudgetPart } from './budget-status';

const usd = (cents: number) => formatUsd(fromCents(cents));
const NAME = { aws: 'AWS', heroku: 'Heroku' } as const;

/** After a part's figure in a run of parts: `actual`, `at today's run-rate`. */
const SHORT: Record<BudgetPart['measure'], string> = {
  actual: 'actual',
  snapshots: 'estimated from daily snapshots',
  'run-rate': "at today's run-rate",
};

/** After a part's figure on a line of its own (an alert's detail): where it comes from, in full. */
const LONG: Record<BudgetPart['measure'], string> = {
  actual: 'actual spend, from Cost Explorer',
  snapshots: "estimated from the bot's daily snapshots at list prices",
  'run-rate': "today's run-rate, not what ran: not alerted on",
};

/** `AWS $800.00 actual + Heroku $56.67 at today's run-rate`. */
export const partsWords = (parts: readonly BudgetPart[]): string =>
  parts.map((part) => `${NAME[part.platform]} ${usd(part.cents)} ${SHORT[part.measure]}`).join(' + ');

/** `Heroku: $56.67 month to date (today's run-rate, not what ran: not alerted on)`. */
export const partLine = (part: BudgetPart): string =>
  `${NAME[part.platform]}: ${usd(part.cents)} month to date (${LONG[part.measure]})`;

/**
 * What can be said of a budget one of whose platforms could not be read: the parts that could, with
 * no total (a missing figure is not $0), and why the rest is missing.
 */
export const partlyKnown = (parts: readonly BudgetPart[], problems: readonly string[]): string =>
  parts.length > 0 ? `no total: only ${partsWords(parts)} could be read; ${problems.join('; ')}` : problems.join('; ');
