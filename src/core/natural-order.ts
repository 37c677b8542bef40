/** Names in the order people count: `number-2` before `number-10` (digits by value, not by character). */
const COLLATOR = new Intl.Collator('en', { numeric: true });

/** A sort comparator for names in natural order; names equal by value (`n-02`, `n-2`) keep a fixed order. */
export function naturalOrder(a: string, b: string): number {
  return COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
