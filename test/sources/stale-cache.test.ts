import { SourceError } from '../../src/sources/source-error';
import { fetchedFrom, RecentValues, staleOnError } from '../../src/sources/stale-cache';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-10T12:00:00Z');
const down = new SourceError('heroku', 'unavailable', 'Heroku is down; try again in a few minutes.');

let store: Store;
let clock: Date;

beforeEach(async () => {
  store = await openStore(tempSqliteFile());
  clock = t0;
});
afterEach(async () => {
  await store.close();
});

const asNumber = (value: unknown) => (typeof value === 'number' ? value : undefined);
const asSourceError = (error: unknown) => (error instanceof SourceError ? error : undefined);

function read(fetch: () => Promise<number>, extra: Partial<Parameters<typeof staleOnError<number>>[0]> = {}) {
  return staleOnError<number>({
    store,
    key: 'test:value',
    now: () => clock,
    maxAgeMs: HOUR,
    read: asNumber,
    fetch,
    failure: asSourceError,
    ...extra,
  });
}

describe('staleOnError, the one cache of every source', () => {
  it('serves a fresh value without fetching, and fetches again once it is older than the limit', async () => {
    let fetches = 0;
    const fetch = async () => ++fetches;
    expect(await read(fetch)).toEqual({ value: 1, storedAt: t0, fromCache: false });
    clock = new Date(t0.getTime() + HOUR - 1);
    expect(await read(fetch)).toEqual({ value: 1, storedAt: t0, fromCache: true });
    clock = new Date(t0.getTime() + HOUR);
    expect(await read(fetch)).toEqual({ value: 2, storedAt: clock, fromCache: false });
    expect(fetches).toBe(2);
  });

  it('a refresh (no age allowed) always fetches', async () => {
    let fetches = 0;
    await read(async () => ++fetches);
    expect((await read(async () => ++fetches, { maxAgeMs: 0 })).value).toBe(2);
  });

  it('serves an old value labelled stale when fetching fails, and throws when nothing is cached', async () => {
    await expect(read(async () => Promise.reject(down))).rejects.toBe(down);
    await read(async () => 7);
    clock = new Date(t0.getTime() + 30 * HOUR);
    const stale = await read(async () => Promise.reject(down));
    expect(stale).toEqual({ value: 7, storedAt: t0, fromCache: true, stale: down });
    expect(fetchedFrom(stale.value, [stale])).toEqual({ value: 7, asOf: t0, fromCache: true, staleBecause: down });
  });

  it('does not hide a failure that is not a source failure', async () => {
    await read(async () => 7);
    clock = new Date(t0.getTime() + 2 * HOUR);
    const bug = new TypeError('a bug');
    await expect(read(async () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('after an earlier failure of the same answer, asks nothing and serves the cache', async () => {
    await read(async () => 7);
    clock = new Date(t0.getTime() + 2 * HOUR);
    let fetches = 0;
    const part = await read(async () => ++fetches, { failedBefore: down });
    expect(part).toMatchObject({ value: 7, stale: down });
    expect(fetches).toBe(0);
  });

  it('a cached value of another shape is fetched again', async () => {
    await store.cachePut('test:value', { old: 'shape' }, t0);
    expect(await read(async () => 3)).toMatchObject({ value: 3, fromCache: false });
  });

  it('with a warn hook, a store that cannot keep the value costs only the cache', async () => {
    const warned: string[] = [];
    await store.close();
    const part = await read(async () => 5, { warn: (failed) => warned.push(failed) });
    expect(part).toMatchObject({ value: 5, fromCache: false });
    expect(warned).toEqual(['read', 'store']);
    store = await openStore(tempSqliteFile());
  });

  it('a value this process holds is served without reading the store, and kept when the store has the same copy', async () => {
    const memory = new Map<string, { value: unknown; storedAt: Date }>();
    const first = await read(async () => 11, { memory });
    expect(memory.get('test:value')).toEqual({ value: 11, storedAt: t0 });
    await store.close();
    expect(await read(async () => 12, { memory })).toEqual({ ...first, fromCache: true });
    store = await openStore(tempSqliteFile());
  });

  it('held values are bounded: past the limit the first held goes, and is read from the store again', async () => {
    const memory = new RecentValues(2);
    let fetches = 0;
    for (const key of ['a', 'b', 'c']) await read(async () => ++fetches, { memory, key });
    expect([...memory.keys()]).toEqual(['b', 'c']);
    // 'a' is no longer held, but still cached in the store: served from there, not fetched.
    expect(await read(async () => ++fetches, { memory, key: 'a' })).toEqual({
      value: 1,
      storedAt: t0,
      fromCache: true,
    });
    expect(fetches).toBe(3);
    expect([...memory.keys()]).toEqual(['c', 'a']);
  });

  it('an answer of several parts is as old as its oldest part and stale when any part is', () => {
    const later = new Date(t0.getTime() + HOUR);
    expect(
      fetchedFrom('both', [
        { value: 1, storedAt: later, fromCache: false },
        { value: 2, storedAt: t0, fromCache: true, stale: down },
      ]),
    ).toEqual({ value: 'both', asOf: t0, fromCache: true, staleBecause: down });
  });
});
