/**
 * How many Heroku requests may be in flight, from what the rate-limit pool has left.
 *
 * Concurrency does not change how many tokens an inventory spends, only how fast: with a full pool
 * (4,500) a 500-app inventory runs `max` at a time and finishes in about a tenth of the time eight
 * at a time took. As RateLimit-Remaining falls, fewer run at once (one slot per `tokensPerSlot`
 * tokens above the reserve), so a nearly empty pool is approached one request at a time and paced
 * at the refill rate (HerokuApi.pace) instead of being overrun into 429s.
 */
export function concurrencyFor(
  remaining: number | undefined,
  {
    max,
    reserve,
    tokensPerSlot = 25,
    unknown = 8,
  }: { max: number; reserve: number; tokensPerSlot?: number; unknown?: number },
): number {
  if (remaining === undefined) return Math.min(max, unknown);
  const spare = remaining - reserve;
  if (spare <= 0) return 1;
  return Math.max(1, Math.min(max, Math.floor(spare / tokensPerSlot)));
}

/** A queue that starts tasks while fewer than `limit()` run; the limit is asked again as each ends. */
export class AdaptiveLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            this.active -= 1;
            this.next();
          });
      });
      this.next();
    });
  }

  private next(): void {
    while (this.waiting.length > 0 && this.active < this.limit()) {
      this.active += 1;
      this.waiting.shift()!();
    }
  }
}
