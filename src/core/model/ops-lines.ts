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
  const monthly = effort.hourlyRate.times(effort.hoursPerEnvironment);
  const cents = toCents(monthly);
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
