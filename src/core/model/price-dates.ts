import type { PriceDates } from '../price-dates';
import type { CostLine } from './types';

export { type PriceDates, priceDatesSpan, pricesDated } from '../price-dates';

/**
 * From the priced lines an answer shows (ops lines are an assumption, not a price); `fallback` when
 * there is none. Dates are ISO days, so they order as strings (as src/core/price-dates.ts; a loop of
 * its own here, as the estimate's hot path allocates nothing for them).
 */
export function priceDatesOf(lines: readonly CostLine[], fallback: string): PriceDates {
  return priceDatesOfLists([lines], fallback);
}

/** The same over several lists of lines, each read where it is rather than copied into one first. */
export function priceDatesOfLists(lists: readonly (readonly CostLine[])[], fallback: string): PriceDates {
  let oldest = '';
  let newest = '';
  let last: string | undefined;
  // Indexed loops: `for…of` makes an iterator object a step in unoptimised code.
  for (let l = 0; l < lists.length; l++) {
    const lines = lists[l];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.cents === null || line.category === 'ops') continue;
      // Neighbouring lines mostly share a source and its date; a date that is already a day is not copied.
      if (line.asOf === last) continue;
      last = line.asOf;
      const day = last.length === 10 ? last : last.slice(0, 10);
      if (!oldest || day < oldest) oldest = day;
      if (day > newest) newest = day;
    }
  }
  return oldest ? { oldest, newest } : { oldest: fallback, newest: fallback };
}
