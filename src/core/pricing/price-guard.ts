import { Decimal } from '../money';
import type { LivePrice, PriceSet, PriceVendor } from './live-prices';

/** A price that moved more than this fraction either way makes a refresh suspect. */
const MAX_PRICE_MOVE = new Decimal('0.5');
/** A refresh that lost more than this fraction of the previous set's keys is suspect. */
const MAX_KEYS_LOST = new Decimal('0.1');

interface PriceChange {
  key: string;
  /** Exact decimal strings; null is a contract price. */
  from: string | null;
  to: string | null;
  /** Signed fraction: 0.6 is +60 %. Undefined when either side is a contract price or from is 0. */
  move?: string;
}

export interface PriceSetReview {
  /** `use`: the new set replaces the old one. `hold`: kept aside, the old one stays in use. */
  verdict: 'use' | 'hold';
  /** Why it is held, in words a lead can act on; empty when used. */
  reasons: string[];
  /** Every price that differs from the previous set (moves within the guard included). */
  changes: PriceChange[];
  /** Keys the previous set had and the new one lacks. */
  lost: string[];
  /** Keys new in this set. */
  added: string[];
}

const byKey = (prices: readonly LivePrice[]) => new Map(prices.map((price) => [price.key, price]));

function changeOf(before: LivePrice, after: LivePrice): PriceChange | undefined {
  if (before.usd === after.usd) return undefined;
  if (before.usd !== null && after.usd !== null && new Decimal(before.usd).equals(after.usd)) return undefined;
  const change: PriceChange = { key: after.key, from: before.usd, to: after.usd };
  if (before.usd === null || after.usd === null || new Decimal(before.usd).isZero()) return change;
  return { ...change, move: new Decimal(after.usd).minus(before.usd).dividedBy(before.usd).toString() };
}

const percent = (fraction: Decimal.Value) => `${new Decimal(fraction).times(100).toDecimalPlaces(0).toString()}%`;

/**
 * Compares a fresh price set with the last good one. A vendor feed that suddenly moves a price by
 * more than half, or drops more than a tenth of what it used to list, is more likely broken than
 * true: such a set is held for a lead to look at instead of silently repricing every estimate.
 * The first set of a vendor and region has nothing to compare with and is used.
 */
/** What one refresh of one vendor's prices (in one region) came to. */
export interface RefreshOutcome {
  vendor: PriceVendor;
  region: string;
  status: 'used' | 'held' | 'failed' | 'not-configured';
  /** Plain words: why held or failed, notes on a used set, or how to turn it on. */
  detail: string;
  review?: PriceSetReview;
  /** The first set of this vendor and region: nothing to compare it with. */
  first?: boolean;
}

export function reviewPriceSet(previous: PriceSet | undefined, next: PriceSet): PriceSetReview {
  if (next.prices.length === 0) {
    return { verdict: 'hold', reasons: ['it has no prices at all'], changes: [], lost: [], added: [] };
  }
  if (!previous) {
    return { verdict: 'use', reasons: [], changes: [], lost: [], added: next.prices.map((p) => p.key) };
  }
  const before = byKey(previous.prices);
  const after = byKey(next.prices);
  const changes: PriceChange[] = [];
  for (const [key, price] of after) {
    const old = before.get(key);
    const change = old && changeOf(old, price);
    if (change) changes.push(change);
  }
  const lost = [...before.keys()].filter((key) => !after.has(key));
  const added = [...after.keys()].filter((key) => !before.has(key));
  const reasons: string[] = [];
  const bigMoves = changes.filter(
    (change) => change.move !== undefined && new Decimal(change.move).abs().gt(MAX_PRICE_MOVE),
  );
  if (bigMoves.length > 0) {
    const shown = bigMoves
      .slice(0, 5)
      .map(
        (change) =>
          `${change.key} ${change.from} → ${change.to} (${new Decimal(change.move!).isPositive() ? '+' : ''}${percent(change.move!)})`,
      );
    reasons.push(
      `${bigMoves.length} price${bigMoves.length === 1 ? '' : 's'} moved by more than ${percent(MAX_PRICE_MOVE)}: ${shown.join('; ')}${bigMoves.length > 5 ? '; …' : ''}`,
    );
  }
  if (before.size > 0 && new Decimal(lost.length).dividedBy(before.size).gt(MAX_KEYS_LOST)) {
    reasons.push(
      `${lost.length} of ${before.size} prices are missing (${percent(new Decimal(lost.length).dividedBy(before.size))}, more than ${percent(MAX_KEYS_LOST)}), e.g. ${lost.slice(0, 3).join(', ')}`,
    );
  }
  return { verdict: reasons.length > 0 ? 'hold' : 'use', reasons, changes, lost, added };
}
