import Decimal from 'decimal.js';

/**
 * Exact money in US dollars. Prices like $0.0104/h need more than cent precision, so every
 * figure is a Decimal until it is shown; `formatUsd` and `toCents` are the only places it is rounded.
 */
export type Money = Decimal;

/** AWS convention (AWS calculator, Infracost): monthly = hourly × 730. */
export const AWS_HOURS_PER_MONTH = 730;

export const ZERO: Money = new Decimal(0);

export function usd(value: Decimal.Value): Money {
  return new Decimal(value);
}

export function sumMoney(values: readonly Money[]): Money {
  return values.reduce((total, value) => total.plus(value), ZERO);
}

/** Rounds half away from zero to whole cents: the one rounding step before display. */
export function toCents(value: Money): number {
  return value.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

export function fromCents(cents: number): Money {
  return new Decimal(cents).dividedBy(100);
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.56`; negative amounts as `-$12.00`. */
export function formatUsd(value: Money): string {
  return dollars.format(toCents(value) / 100);
}

/** Unit prices keep their precision: `$0.0104`, `$0.50`, `$25.00`. */
export function formatUnitPrice(value: Money): string {
  const places = Math.max(2, Math.min(6, value.decimalPlaces()));
  const [whole, fraction = ''] = value.abs().toFixed(places).split('.');
  const sign = value.isNegative() ? '-' : '';
  return `${sign}$${Number(whole).toLocaleString('en-US')}.${fraction}`;
}
