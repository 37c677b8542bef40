import { type Money, toCents } from '../money';
import type { Platform } from '../workload';
import type { EnvironmentName, PricedCostLine } from './types';

export interface OpsEffort {
  hoursPerEnvironment: number;
  hourlyRate: Money;
  /** Where the hours and rate came from, for people. */
  source: string;
  asOf: string;
}

/** TCO: ops hours per environment per month at an hourly rate. Kept apart from infrastructure. */
export function opsLines(
  platform: Platform,
  environments: readonly EnvironmentName[],
  effort: OpsEffort,
): PricedCostLine[] {
  if (effort.hoursPerEnvironment === 0) return [];
  const name = platform === 'heroku' ? 'Heroku' : 'AWS';
  const { monthly, cents } = monthlyEffort(effort.hourlyRate, effort.hoursPerEnvironment);
  return environments.map((environment) => ({
    item: `Ops effort on ${name} (${effort.hoursPerEnvironment} h)`,
    quantity: effort.hoursPerEnvironment,
    unit: 'hour',
    unitPrice: effort.hourlyRate,
    monthly,
    cents,
    source: effort.source,
    asOf: effort.asOf,
    environment,
    category: 'ops',
    confidence: 'unconfirmed',
  }));
}

/** Rates are few (the catalog's, or an option's) and hours fewer: each monthly figure is worked out once. */
const efforts = new WeakMap<Money, Map<number, { monthly: Money; cents: number }>>();

function monthlyEffort(rate: Money, hours: number): { monthly: Money; cents: number } {
  let byHours = efforts.get(rate);
  if (!byHours) {
    byHours = new Map();
    efforts.set(rate, byHours);
  }
  let effort = byHours.get(hours);
  if (!effort) {
    const monthly = rate.times(hours);
    effort = { monthly, cents: toCents(monthly) };
    byHours.set(hours, effort);
  }
  return effort;
}
