import Decimal from 'decimal.js';

/**
 * decimal.js, for every module: each module that names the package makes Node resolve it again
 * through its package.json `exports` (0.1-1.7 ms each, ~3 ms of a CLI estimate's start), so only
 * this one does.
 */
export { Decimal };

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

/** Amounts made from whole cents (every total) remember them, so showing one needs no Decimal rounding. */
const wholeCents = new WeakMap<Money, number>();

/** Below this many cents, the double nearest cents / 100 prints as exactly those digits. */
const EXACT_CENTS = 9e13;

/** Rounds half away from zero to whole cents: the one rounding step before display. */
export function toCents(value: Money): number {
  const known = wholeCents.get(value);
  if (known !== undefined) return known;
  return value.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * Amounts of whole cents already made, by their cents (Decimals are immutable, so one can be shared):
 * making one costs ~0.4 µs here, and estimates' totals repeat. Emptied rather than grown without bound.
 */
const byCents = new Map<number, Money>();
const MAX_REMEMBERED_AMOUNTS = 10_000;

export function fromCents(cents: number): Money {
  if (Math.abs(cents) >= EXACT_CENTS) return new Decimal(cents).dividedBy(100);
  // -0 is kept apart (a Map takes it for 0): it is shown as -$0.00.
  const negativeZero = Object.is(cents, -0);
  const known = negativeZero ? undefined : byCents.get(cents);
  if (known !== undefined) return known;
  // One construction (no division) gives the exact amount.
  const value = new Decimal(cents / 100);
  if (Number.isInteger(cents)) {
    wholeCents.set(value, cents);
    if (byCents.size >= MAX_REMEMBERED_AMOUNTS) byCents.clear();
    if (!negativeZero) byCents.set(cents, value);
  }
  return value;
}

/**
 * Intl's formatter for what the fast path does not take (fractions of a cent, huge amounts), made
 * on first use: the first currency formatter loads ICU data, tens of milliseconds of a CLI start.
 */
let dollarFormat: Intl.NumberFormat | undefined;
const dollars = () => {
  dollarFormat ??= new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  return dollarFormat;
};

/** `$1,234.56`; negative amounts as `-$12.00`. */
export function formatUsd(value: Money): string {
  return formatCents(toCents(value));
}

/**
 * The same for an amount already in whole cents (a line's shown cents): no Decimal arithmetic, and
 * digits grouped here rather than by Intl (the same text; Intl's formatter costs a microsecond a call).
 */
export function formatCents(cents: number): string {
  if (!Number.isInteger(cents) || Math.abs(cents) >= EXACT_CENTS) return dollars().format(cents / 100);
  const negative = cents < 0 || Object.is(cents, -0);
  const whole = negative ? -cents : cents;
  // The cents' own digits, at least three (`$0.05`): the last two after the point. Most amounts are
  // under $1,000, with nothing to group.
  const digits = whole < 100 ? `${whole < 10 ? '00' : '0'}${whole}` : String(whole);
  const units = digits.slice(0, -2);
  return `${negative ? '-' : ''}$${units.length > 3 ? groupDigits(units) : units}.${digits.slice(-2)}`;
}

/** A string of digits grouped in thousands, as en-US writes it: `1234567` → `1,234,567`. */
function groupDigits(digits: string): string {
  const head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return text;
}

/** Unit prices are few and shared by many lines (the catalog's Decimals): each is formatted once. */
const unitPrices = new WeakMap<Money, string>();

/** Unit prices keep their precision: `$0.0104`, `$0.50`, `$25.00`. */
export function formatUnitPrice(value: Money): string {
  const known = unitPrices.get(value);
  if (known !== undefined) return known;
  const places = Math.max(2, Math.min(6, value.decimalPlaces()));
  const [whole, fraction = ''] = value.abs().toFixed(places).split('.');
  const sign = value.isNegative() ? '-' : '';
  const text = `${sign}$${groupDigits(whole!)}.${fraction}`;
  unitPrices.set(value, text);
  return text;
}
