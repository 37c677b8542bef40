/** How old a figure is, said the same way everywhere: `as of 2026-11-23 09:00 UTC (cached)`. */
function asOfLabel(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface Freshness {
  asOf: Date;
  fromCache: boolean;
  /** Set when a refresh failed and older data is shown. */
  staleBecause?: string;
}

export function freshnessLabel(freshness: Freshness): string {
  const base = `as of ${asOfLabel(freshness.asOf)}`;
  if (freshness.staleBecause) return `${base} — stale: could not refresh (${freshness.staleBecause})`;
  return freshness.fromCache ? `${base} (cached)` : base;
}
