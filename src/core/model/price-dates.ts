import type { PriceDates } from '../price-dates';
import type { CostLine } from './types';

export { type PriceDates, priceDatesSpan, pricesDated } from '../price-dates';

/**
 * From the priced lines an answer shows (ops lines are an assumption, not a price); `fallback` when
 * there is none. Dates are ISO days, so they order as strings (as src/core/price-dates.ts; a loop of
 * its own here, as the estimate's hot path allocates nothing for them).
 */
export function priceDatesOf(lines: Iterable<CostLine>, fallback: string): PriceDates {
  let oldest = '';
  let newest = '';
  let last: string | undefined;
  for (const line of lines) {
    if (line.cents === null || line.category === 'ops') continue;
    // Neighbouring lines mostly share a source and its date; a date that is already a day is not copied.
    if (line.asOf === last) continue;
    last = line.asOf;
    const day = last.length === 10 ? last : last.slice(0, 10);
    if (!oldest || day < oldest) oldest = day;
    if (day > newest) newest = day;
  }
  return oldest ? { oldest, newest } : { oldest: fallback, newest: fallback };
}
