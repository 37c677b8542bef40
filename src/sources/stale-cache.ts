import type { Store } from '../store/store';
import type { Fetched, SourceError } from './source-error';

/** One cached read: the value, when it was fetched, and why it is stale when it is. */
export interface CachedPart<T> {
  value: T;
  storedAt: Date;
  fromCache: boolean;
  stale?: SourceError;
}

export interface StaleCacheRead<T> {
  store: Pick<Store, 'cacheGet' | 'cachePut'>;
  key: string;
  now: () => Date;
  /**
   * A cached value younger than this is served without fetching; 0 always fetches (a refresh). A
   * function gives each value its own (an inventory that left apps out is kept briefly).
   */
  maxAgeMs: number | ((value: T) => number);
  /** The cached value, checked (an entry of an older shape reads as `undefined`: it is fetched again). */
  read: (value: unknown) => T | undefined | Promise<T | undefined>;
  fetch: () => Promise<T>;
  /** The value as the store keeps it, when not as it is (`read` turns it back). */
  stored?: (value: T) => Promise<unknown>;
  /** A failed fetch as the SourceError it means, or `undefined` for a failure that must not be hidden. */
  failure: (error: unknown) => SourceError | undefined;
  /**
   * An earlier request of the same answer already failed: do not ask again, serve the cache or throw
   * this (so one outage costs one request per answer, not one per part).
   */
  failedBefore?: SourceError;
  /** Told of every failed fetch, so later parts of the same answer can pass it as `failedBefore`. */
  onFailure?: (failure: SourceError) => void;
  /**
   * Where a store that cannot read or write the cache is reported. With it, such a failure costs
   * only the cache (the answer is fetched, or returned unstored); without it the failure is thrown.
   */
  warn?: (failed: 'read' | 'store', error: unknown) => void;
  /**
   * Values this process already holds, by key: a fresh one is served without reading the store, and
   * the store's copy, when it is the same one (same time stored), keeps the object already held.
   */
  memory?: Map<string, { value: unknown; storedAt: Date }>;
}

/**
 * Values held for `StaleCacheRead.memory`, at most `limit` of them: when a new key comes and the
 * table is full, the one stored first goes (its answer stays in the store).
 */
export class RecentValues extends Map<string, { value: unknown; storedAt: Date }> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: string, entry: { value: unknown; storedAt: Date }): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as string);
    return super.set(key, entry);
  }
}

/**
 * Stale on error: a fresh cached value is served; otherwise the value is fetched and cached; when
 * fetching fails, any cached value (however old) is served, labelled with the failure; with
 * nothing cached, the failure is thrown. The one cache every source uses.
 */
export async function staleOnError<T>(read: StaleCacheRead<T>): Promise<CachedPart<T>> {
  const fresh = ({ value, storedAt }: { value: T; storedAt: Date }) => {
    const maxAgeMs = typeof read.maxAgeMs === 'number' ? read.maxAgeMs : read.maxAgeMs(value);
    return maxAgeMs > 0 && read.now().getTime() - storedAt.getTime() < maxAgeMs;
  };
  const held = read.memory?.get(read.key) as { value: T; storedAt: Date } | undefined;
  if (held && fresh(held)) return { ...held, fromCache: true };
  const entry = await read.store.cacheGet<unknown>(read.key).catch((error: unknown) => {
    if (!read.warn) throw error;
    read.warn('read', error);
    return undefined;
  });
  let cached: { value: T; storedAt: Date } | undefined;
  if (entry && held && entry.storedAt.getTime() === held.storedAt.getTime()) cached = held;
  else {
    const value = entry ? await read.read(entry.value) : undefined;
    if (entry && value !== undefined) cached = { value, storedAt: entry.storedAt };
  }
  if (cached && fresh(cached)) {
    read.memory?.set(read.key, cached);
    return { ...cached, fromCache: true };
  }
  let failure = read.failedBefore;
  if (!failure) {
    try {
      const value = await read.fetch();
      const storedAt = read.now();
      const stored = read.stored ? await read.stored(value) : value;
      await read.store.cachePut(read.key, stored, storedAt).catch((error: unknown) => {
        if (!read.warn) throw error;
        read.warn('store', error);
      });
      read.memory?.set(read.key, { value, storedAt });
      return { value, storedAt, fromCache: false };
    } catch (error) {
      failure = read.failure(error);
      if (!failure) throw error;
      read.onFailure?.(failure);
    }
  }
  if (cached) return { ...cached, fromCache: true, stale: failure };
  throw failure;
}

/** One answer made of cached parts: as old as its oldest part, stale when any part is. */
export function fetchedFrom<T>(value: T, parts: readonly CachedPart<unknown>[]): Fetched<T> {
  const stale = parts.find((part) => part.stale)?.stale;
  const result: Fetched<T> = {
    value,
    asOf: new Date(Math.min(...parts.map((part) => part.storedAt.getTime()))),
    fromCache: parts.some((part) => part.fromCache),
  };
  if (stale) result.staleBecause = stale;
  return result;
}
