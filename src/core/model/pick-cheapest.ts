import type { Money } from '../money';
import type { Catalog } from '../pricing';

/**
 * The cheapest candidate; unknown (contract) prices sort after known ones, and ties go to the smaller
 * size, then to listing order. Plans grow in price with size, so for a tier whose prices are all
 * contract inputs this picks the smallest plan that fits.
 */
export function pickCheapest<T>(
  candidates: readonly T[],
  priceOf: (candidate: T) => Money | null,
  sizeOf: (candidate: T) => number,
): T | undefined {
  let best: { candidate: T; price: Money | null; size: number } | undefined;
  for (const candidate of candidates) {
    const price = priceOf(candidate);
    const size = sizeOf(candidate);
    if (!best || isBetter(price, size, best.price, best.size)) best = { candidate, price, size };
  }
  return best?.candidate;
}

function isBetter(price: Money | null, size: number, bestPrice: Money | null, bestSize: number): boolean {
  if (price !== null && bestPrice === null) return true;
  if (price === null && bestPrice !== null) return false;
  if (price !== null && bestPrice !== null && !price.equals(bestPrice)) return price.lessThan(bestPrice);
  return size < bestSize;
}

export const unitPriceOf =
  (catalog: Catalog) =>
  (key: string): Money | null =>
    catalog.entries.get(key)?.unitPrice ?? null;
