/**
 * Cost Explorer's GetCostComparisonDrivers answer (a whole month against the month before) in words:
 * per service and usage type, how much of the change was usage, credits, refunds, Savings Plans,
 * reservations or tax. Amounts arrive as decimal strings; they are shown as rounded dollars once. Pure.
 */
import { Decimal, formatUsd } from '../money';

export interface DriverInput {
  /** `Amazon Elastic Compute Cloud - Compute` / `BoxUsage:m5.large`, from the cost selector. */
  selector: string[];
  difference: string;
  drivers: { type: string; name?: string; difference: string }[];
}

const DRIVER_WORDS: Record<string, string> = {
  USAGE_CHANGE: 'usage change',
  CREDIT: 'credits',
  REFUND: 'refunds',
  SAVINGS_PLAN_USAGE: 'Savings Plans',
  SAVINGS_PLAN_RECURRING_FEE: 'Savings Plans fee',
  COMMITMENT: 'commitments',
  TAX: 'tax',
  RESERVATION_USAGE: 'Reserved Instances',
  RECURRING_RESERVATION_FEE: 'reservation fee',
  UPFRONT_RESERVATION_FEE: 'upfront reservation fee',
  RI_VOLUME_DISCOUNT: 'RI volume discount',
  BUNDLED_DISCOUNT: 'bundled discount',
  SUPPORT_FEE: 'support fee',
  OUT_OF_CYCLE_CHARGE: 'out-of-cycle charge',
};

const signed = (amount: Decimal) => `${amount.isNegative() ? '' : '+'}${formatUsd(amount)}`;

function driverWord(type: string): string {
  return DRIVER_WORDS[type] ?? type.toLowerCase().replace(/_/g, ' ');
}

/** One line per selector, largest change first: `Amazon EC2 / BoxUsage:m5.large: +$120.00 (usage change +$140.00, credits -$20.00)`. */
export function describeDrivers(inputs: readonly DriverInput[], limit = 5): string[] {
  return [...inputs]
    .map((input) => ({ input, difference: new Decimal(input.difference) }))
    .filter(({ difference }) => !difference.isZero())
    .sort((a, b) => b.difference.abs().comparedTo(a.difference.abs()))
    .slice(0, limit)
    .map(({ input, difference }) => {
      const parts = input.drivers
        .map((driver) => ({ driver, amount: new Decimal(driver.difference) }))
        .filter(({ amount }) => !amount.isZero())
        .map(({ driver, amount }) => `${driverWord(driver.type)} ${signed(amount)}`);
      return `${input.selector.join(' / ')}: ${signed(difference)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
    });
}
