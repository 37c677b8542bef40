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
  // Below 2^53 / 100, the double nearest cents / 100 prints as exactly those digits, so one construction
  // (no division) gives the exact amount.
  return Math.abs(cents) < 9e13 ? new Decimal(cents / 100) : new Decimal(cents).dividedBy(100);
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.56`; negative amounts as `-$12.00`. */
export function formatUsd(value: Money): string {
  return dollars.format(toCents(value) / 100);
}

/** The same for an amount already in whole cents (a line's shown cents): no Decimal arithmetic. */
export function formatCents(cents: number): string {
  return dollars.format(cents / 100);
}

const wholeDollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Unit prices are few and shared by many lines (the catalog's Decimals): each is formatted once. */
const unitPrices = new WeakMap<Money, string>();

/** Unit prices keep their precision: `$0.0104`, `$0.50`, `$25.00`. */
export function formatUnitPrice(value: Money): string {
  const known = unitPrices.get(value);
  if (known !== undefined) return known;
  const places = Math.max(2, Math.min(6, value.decimalPlaces()));
  const [whole, fraction = ''] = value.abs().toFixed(places).split('.');
  const sign = value.isNegative() ? '-' : '';
  const text = `${sign}$${wholeDollars.format(Number(whole))}.${fraction}`;
  unitPrices.set(value, text);
  return text;
}
