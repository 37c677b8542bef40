/**
 * Which budget messages are due: each threshold once a month when actual spend crosses it, the
 * forecast once a month when it goes over the amount (if asked), and one message when spend falls
 * back under the highest level already announced. Pure: the caller passes the figures and what
 * was already sent (the exactly-once keys of earlier messages).
 */
import type { Budget } from './budget';

export interface BudgetSpend {
  /** YYYY-MM (UTC). */
  month: string;
  /** Month-to-date spend in the budget's scope, whole cents. */
  actualCents: number;
  /** The month's expected total, whole cents; null when nothing could forecast it. */
  forecastCents: number | null;
}

export interface BudgetHistory {
  /** The highest level already announced this month (0: none). */
  actualAlerted: number;
  forecastAlerted: boolean;
  /** Levels whose fall-back-under message was sent this month. */
  recovered: number[];
}

export type BudgetEvent =
  | { kind: 'crossed'; threshold: number; covers: number[] }
  | { kind: 'forecast' }
  | { kind: 'recovered'; threshold: number };

/** The exactly-once key of one budget message; the month keeps each level to once a month. */
export function budgetEventKey(budgetId: string, month: string, event: BudgetEvent): string {
  const what =
    event.kind === 'crossed'
      ? `actual:${event.threshold}`
      : event.kind === 'forecast'
        ? 'forecast'
        : `under:${event.threshold}`;
  return `budget:${budgetId}:${month}:${what}`;
}

/** What earlier messages' keys say was already sent this month. */
export function budgetHistoryFrom(keys: readonly string[], budgetId: string, month: string): BudgetHistory {
  const prefix = `budget:${budgetId}:${month}:`;
  const history: BudgetHistory = { actualAlerted: 0, forecastAlerted: false, recovered: [] };
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const [what, level] = key.slice(prefix.length).split(':');
    if (what === 'actual') history.actualAlerted = Math.max(history.actualAlerted, Number(level));
    else if (what === 'forecast') history.forecastAlerted = true;
    else if (what === 'under') history.recovered.push(Number(level));
  }
  return history;
}

/** Spend at or over `percent` of the amount, compared in whole cents × 100 so no rounding decides it. */
const reached = (cents: number, amountCents: number, percent: number) => cents * 100 >= amountCents * percent;

export function budgetEvents(budget: Budget, spend: BudgetSpend, history: BudgetHistory): BudgetEvent[] {
  const events: BudgetEvent[] = [];
  const crossed = budget.thresholds.filter((level) => reached(spend.actualCents, budget.amountCents, level));
  const fresh = crossed.filter((level) => level > history.actualAlerted);
  if (fresh.length > 0) {
    // One message for the highest level reached; the lower ones it passed on the way count as said.
    events.push({ kind: 'crossed', threshold: Math.max(...fresh), covers: fresh });
  } else if (
    history.actualAlerted > 0 &&
    !reached(spend.actualCents, budget.amountCents, history.actualAlerted) &&
    !history.recovered.includes(history.actualAlerted)
  ) {
    events.push({ kind: 'recovered', threshold: history.actualAlerted });
  }
  if (
    budget.forecast &&
    !history.forecastAlerted &&
    spend.forecastCents !== null &&
    reached(spend.forecastCents, budget.amountCents, 100) &&
    !reached(spend.actualCents, budget.amountCents, 100)
  ) {
    events.push({ kind: 'forecast' });
  }
  return events;
}

/** Whole percent of the budget used, rounded down (so 79.99 % never reads as 80 %). */
export function percentUsed(cents: number, amountCents: number): number {
  return Math.floor((cents * 100) / amountCents);
}
