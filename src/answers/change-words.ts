/**
 * "Why it changed", in words, from the pure diffs: Heroku formation, add-on and app changes priced
 * at list prices, and the AWS services and usage types that moved most.
 */
import type { UsageTypeMove } from '../core/alerts/aws-movers';
import { type DynoState, dynoSizeName, type HerokuChange } from '../core/alerts/heroku-changes';
import type { MonthlyCharges } from '../core/alerts/monthly-charges';
import { formatUsd, fromCents } from '../core/money';

const signed = (cents: number) => `${cents < 0 ? '-' : '+'}${formatUsd(fromCents(Math.abs(cents)))}`;
const perMonth = (cents: number) => `${signed(cents)}/month`;
/** A month's price spread over 30 days, as Heroku prorates it. */
const perDay = (monthlyCents: number) => `${signed(Math.round(monthlyCents / 30))}/day`;

const dynos = (states: readonly DynoState[]) =>
  states.length === 0 ? 'none' : states.map((s) => `${s.quantity} × ${dynoSizeName(s.size)}`).join(' + ');

export function herokuChangeWords(change: HerokuChange): string {
  const price = `(${perMonth(change.monthlyDeltaCents)}, ${perDay(change.monthlyDeltaCents)})`;
  switch (change.kind) {
    case 'formation':
      return `${change.app}: ${change.process} dynos went from ${dynos(change.from)} to ${dynos(change.to)} ${price}`;
    case 'addon':
      if (!change.fromPlan) return `${change.app}: add-on ${change.service}:${change.toPlan} added ${price}`;
      if (!change.toPlan) return `${change.app}: add-on ${change.service}:${change.fromPlan} removed ${price}`;
      return `${change.app}: ${change.service} plan changed from ${change.fromPlan} to ${change.toPlan} ${price}`;
    case 'app-created':
      return `${change.app}: new app ${price}`;
    case 'app-deleted':
      return `${change.app}: app deleted ${price}`;
  }
}

export function usageTypeWords(move: UsageTypeMove): string {
  return `${move.service} / ${move.usageType}: ${formatUsd(fromCents(move.dayCents))} that day against a usual ${formatUsd(fromCents(move.baselineCents))} (${signed(move.deltaCents)})`;
}

/** `Amazon … / Shield-Monthly-Fee, booked monthly: $3,000.00 on 2026-12-01 against $3,000.00 on 2026-11-01 (+$0.00)`. */
export function monthlyChargesWords(service: string, monthly: MonthlyCharges): string {
  const usd = (cents: number) => formatUsd(fromCents(cents));
  return `${service} / ${monthly.usageTypes.join(', ')}, booked monthly on the 1st: ${usd(monthly.cents)} that day against ${usd(monthly.previousCents)} on ${monthly.previousFirst} (${signed(monthly.cents - monthly.previousCents)})`;
}

export { signed as signedUsd };
