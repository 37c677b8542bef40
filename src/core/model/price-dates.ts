import type { CostLine } from './types';

/** The oldest and newest dates of the sources an answer's lines were priced from. */
export interface PriceDates {
  oldest: string;
  newest: string;
}

/**
 * From the priced lines an answer shows (ops lines are an assumption, not a price); `fallback` when
 * there is none. Dates are ISO days, so they order as strings.
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

/** `2024-07-01 to 2026-12-05`, or one day when they agree. */
export const priceDatesSpan = (dates: PriceDates): string =>
  dates.oldest === dates.newest ? dates.newest : `${dates.oldest} to ${dates.newest}`;

/** `prices from the sources listed, dated 2024-07-01 to 2026-12-05`: not "all prices as of" one day. */
export const pricesDated = (dates: PriceDates): string =>
  `prices from the sources listed, dated ${priceDatesSpan(dates)}`;
