/**
 * Which dates an answer's prices come from. The catalog has one "newest date" (its priceListDate),
 * but its prices come from several sources of different dates (docs/references.md#aws-prices), so
 * an answer that printed that one date would tell a finance reader "every price as of that day".
 * Every surface (estimate, migrate, digest, App Home, parity) says instead the oldest and newest
 * dates of the sources its own figures were priced from.
 */

/** The oldest and newest dates of the sources an answer's figures were priced from. */
export interface PriceDates {
  oldest: string;
  newest: string;
}

/** From the source dates of the figures shown (ISO days or times; the day is kept); undefined when none. */
export function priceDatesOfDays(days: Iterable<string>): PriceDates | undefined {
  let oldest = '';
  let newest = '';
  for (const date of days) {
    const day = date.slice(0, 10);
    if (!day) continue;
    // ISO days order as strings.
    if (!oldest || day < oldest) oldest = day;
    if (day > newest) newest = day;
  }
  return oldest ? { oldest, newest } : undefined;
}

/** One span over several answers' dates (the digest's two modelled platforms); undefined when none. */
export function mergePriceDates(all: Iterable<PriceDates | undefined>): PriceDates | undefined {
  const days: string[] = [];
  for (const dates of all) if (dates) days.push(dates.oldest, dates.newest);
  return priceDatesOfDays(days);
}

/** `2024-07-01 to 2026-12-05`, or one day when they agree. */
export const priceDatesSpan = (dates: PriceDates): string =>
  dates.oldest === dates.newest ? dates.newest : `${dates.oldest} to ${dates.newest}`;

/** `prices from the sources listed, dated 2024-07-01 to 2026-12-05`: for answers that list each source. */
export const pricesDated = (dates: PriceDates): string =>
  `prices from the sources listed, dated ${priceDatesSpan(dates)}`;

/** `list prices from sources dated 2024-07-01 to 2026-12-05`: for summaries that do not list each source. */
export const listPricesDated = (dates: PriceDates): string => `list prices from sources dated ${priceDatesSpan(dates)}`;

/**
 * A price's source with its date, as every answer cites it: a layered source names its date already
 * (`AWS Price List, SKU …, effective 2026-11-01`; `bundled list: …, 2024-07-01`), others get `, as of`.
 */
export function datedSource(price: { source: string; asOf: string }): string {
  return price.source.includes(price.asOf) ? price.source : `${price.source}, as of ${price.asOf}`;
}
