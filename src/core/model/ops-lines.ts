import { type Money, toCents } from '../money';
import type { Platform } from '../workload';
import { remembered } from './remembered';
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
  // Rates are few (the catalog's, or an option's) and hours fewer: each monthly figure is worked out once.
  const { monthly, cents } = remembered(effort.hourlyRate, `ops|${effort.hoursPerEnvironment}`, () => {
    const product = effort.hourlyRate.times(effort.hoursPerEnvironment);
    return { monthly: product, cents: toCents(product) };
  });
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
