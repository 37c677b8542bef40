import { isPostgresUrl, openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';

const t0 = new Date('2026-11-16T09:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const LEASE = 10 * 60_000;

function contract(open: () => Promise<Store>) {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  test('is reachable', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  test('keeps settings and overwrites them', async () => {
    expect(await store.getSetting('digest.channel')).toBeUndefined();
    await store.setSetting('digest.channel', 'C1');
    await store.setSetting('digest.channel', 'C2');
    await store.setSetting('digest.timezone', 'Europe/Berlin');
    expect(await store.getSetting('digest.channel')).toBe('C2');
    expect(await store.settings()).toEqual({ 'digest.channel': 'C2', 'digest.timezone': 'Europe/Berlin' });
  });

  test('caches JSON values with the time they were stored', async () => {
    await store.cachePut('ce:k', { amount: '12.3456789012', rows: [1, 2] }, t0);
    await store.cachePut('ce:k', { amount: '99.01' }, minutes(5));
    expect(await store.cacheGet('ce:k')).toEqual({ value: { amount: '99.01' }, storedAt: minutes(5) });
    expect(await store.cacheGet('missing')).toBeUndefined();
  });

  test('counts API requests per service and UTC month', async () => {
    await store.countRequests('cost-explorer', new Date('2026-11-30T23:59:59Z'), 3);
    await store.countRequests('cost-explorer', new Date('2026-11-01T00:00:00Z'));
    await store.countRequests('cost-explorer', new Date('2026-12-01T00:00:00Z'));
    await store.countRequests('heroku', t0, 7);
    expect(await store.requestCount('cost-explorer', '2026-11')).toBe(4);
    expect(await store.requestCount('cost-explorer', '2026-12')).toBe(1);
    expect(await store.requestCount('heroku', '2026-11')).toBe(7);
    expect(await store.requestCount('heroku', '2026-10')).toBe(0);
  });

  test('keeps one Heroku snapshot per app and day, and lists a half-open range of days', async () => {
    await store.putSnapshot({ day: '2026-11-15', app: 'api', data: { web: 1 }, takenAt: t0 });
    await store.putSnapshot({ day: '2026-11-16', app: 'api', data: { web: 1 }, takenAt: t0 });
    await store.putSnapshot({ day: '2026-11-16', app: 'api', data: { web: 3 }, takenAt: minutes(1) });
    await store.putSnapshot({ day: '2026-11-17', app: 'api', data: { web: 2 }, takenAt: t0 });
    const rows = await store.snapshots('2026-11-16', '2026-11-17');
    expect(rows).toEqual([{ day: '2026-11-16', app: 'api', data: { web: 3 }, takenAt: minutes(1) }]);
  });

  test('the snapshots version moves with every snapshot written or pruned, and only then', async () => {
    const first = await store.snapshotsVersion();
    await store.setSetting('digest_channel', 'C1');
    await store.prune({ cacheBefore: t0, snapshotsBefore: '2026-11-01', historyBefore: t0 });
    expect(await store.snapshotsVersion()).toBe(first);
    await store.putSnapshot({ day: '2026-11-15', app: 'api', data: { web: 1 }, takenAt: t0 });
    const written = await store.snapshotsVersion();
    expect(written).not.toBe(first);
    // The same row written again still changes it: its data or time may differ.
    await store.putSnapshot({ day: '2026-11-15', app: 'api', data: { web: 2 }, takenAt: t0 });
    const rewritten = await store.snapshotsVersion();
    expect(rewritten).not.toBe(written);
    await store.prune({ cacheBefore: t0, snapshotsBefore: '2026-11-16', historyBefore: t0 });
    expect(await store.snapshotsVersion()).not.toBe(rewritten);
  });

  test('lists a large account in day and app order, across its pages of rows, each snapshot as it was written', async () => {
    // 3 days × 400 apps: more rows than the store reads at a time. One app changes on the middle day.
    const apps = Array.from({ length: 400 }, (_, i) => `app-${String(i).padStart(3, '0')}`);
    const days = ['2026-11-14', '2026-11-15', '2026-11-16'];
    const written: { day: string; app: string; data: unknown }[] = [];
    for (const day of days) {
      for (const app of apps) {
        const data = { v: 1, web: app === 'app-250' && day === '2026-11-15' ? 3 : 1, app };
        await store.putSnapshot({ day, app, data, takenAt: t0 });
        written.push({ day, app, data });
      }
    }
    const rows = await store.snapshots('2026-11-14', '2026-11-17');
    expect(rows.map(({ day, app, data }) => ({ day, app, data }))).toEqual(written);
    expect(rows.every((row) => row.takenAt.getTime() === t0.getTime())).toBe(true);
    expect(rows.find((row) => row.app === 'app-250' && row.day === '2026-11-15')!.data).toEqual({
      v: 1,
      web: 3,
      app: 'app-250',
    });
  });

  test('a day of a large account written at once: the same rows as one by one, the last of a repeated app kept', async () => {
    const apps = Array.from({ length: 250 }, (_, i) => `app-${String(i).padStart(3, '0')}`);
    const day = (app: string, web: number) => ({ day: '2026-11-20', app, data: { web, app }, takenAt: t0 });
    await store.putSnapshot(day('app-007', 9));
    const before = await store.snapshotsVersion();
    await store.putSnapshots([...apps.map((app) => day(app, 1)), day('app-120', 4)]);
    expect(await store.snapshotsVersion()).not.toBe(before);
    const rows = await store.snapshots('2026-11-20', '2026-11-21');
    expect(rows.map(({ app, data }) => ({ app, data }))).toEqual(
      apps.map((app) => ({ app, data: { web: app === 'app-120' ? 4 : 1, app } })),
    );
    const unchanged = await store.snapshotsVersion();
    await store.putSnapshots([]);
    expect(await store.snapshotsVersion()).toBe(unchanged);
  });

  test('a digest run is claimed once; others see who has it', async () => {
    const first = await store.claimDigestRun('C1', '2026-W47', 'a', t0, LEASE);
    const second = await store.claimDigestRun('C1', '2026-W47', 'b', minutes(1), LEASE);
    expect(first.claimed).toBe(true);
    expect(second).toEqual({ claimed: false, run: expect.objectContaining({ owner: 'a', status: 'claimed' }) });
    expect((await store.claimDigestRun('C2', '2026-W47', 'b', minutes(1), LEASE)).claimed).toBe(true);
  });

  test('a posted digest is never claimed again, even after its lease', async () => {
    await store.claimDigestRun('C1', '2026-W47', 'a', t0, LEASE);
    await store.markDigestPosted('C1', '2026-W47', 'a', '1700000000.000100');
    const later = await store.claimDigestRun('C1', '2026-W47', 'b', minutes(600), LEASE);
    expect(later).toEqual({
      claimed: false,
      run: expect.objectContaining({ status: 'posted', messageTs: '1700000000.000100' }),
    });
  });

  test('an abandoned claim is taken over after its lease, a failed one at once', async () => {
    await store.claimDigestRun('C1', '2026-W47', 'a', t0, LEASE);
    expect((await store.claimDigestRun('C1', '2026-W47', 'b', minutes(9), LEASE)).claimed).toBe(false);
    const takeover = await store.claimDigestRun('C1', '2026-W47', 'b', minutes(11), LEASE);
    expect(takeover).toEqual({ claimed: true, run: expect.objectContaining({ owner: 'b' }) });
    // The old owner can no longer mark it: only the current owner's marks count.
    expect(await store.markDigestPosted('C1', '2026-W47', 'a', '1.1')).toBe(false);
    expect((await store.digestRun('C1', '2026-W47'))?.status).toBe('claimed');

    await store.markDigestFailed('C1', '2026-W47', 'b', 'not_in_channel');
    expect(await store.digestRun('C1', '2026-W47')).toEqual(
      expect.objectContaining({ status: 'failed', error: 'not_in_channel' }),
    );
    expect((await store.claimDigestRun('C1', '2026-W47', 'c', minutes(12), LEASE)).claimed).toBe(true);
  });

  test('fencing: renewals keep a lease, only the current owner passes the fence, marks say whether they counted', async () => {
    await store.claimDigestRun('C1', '2026-W47', 'a', t0, LEASE);
    // a's heartbeat at 8 minutes: b at 11 minutes finds a live claim.
    expect(await store.renewDigestRun('C1', '2026-W47', 'a', minutes(8))).toBe(true);
    expect((await store.claimDigestRun('C1', '2026-W47', 'b', minutes(11), LEASE)).claimed).toBe(false);
    // a stalls; b takes over at 19 minutes; a's renewal, fence and marks all fail from then on.
    expect((await store.claimDigestRun('C1', '2026-W47', 'b', minutes(19), LEASE)).claimed).toBe(true);
    expect(await store.renewDigestRun('C1', '2026-W47', 'a', minutes(20))).toBe(false);
    expect(await store.beginDigestPost('C1', '2026-W47', 'a', minutes(20))).toBe(false);
    expect(await store.markDigestFailed('C1', '2026-W47', 'a', 'late')).toBe(false);
    expect(await store.beginDigestPost('C1', '2026-W47', 'b', minutes(20))).toBe(true);
    expect(await store.beginDigestPost('C1', '2026-W47', 'b', minutes(20))).toBe(false); // once
    // A run being posted is not taken over while its lease runs, then only with its history checked.
    expect((await store.claimDigestRun('C1', '2026-W47', 'c', minutes(29), LEASE)).run.status).toBe('posting');
    expect(await store.markDigestPosted('C1', '2026-W47', 'b', '1.2')).toBe(true);
    expect(await store.markDigestPosted('C1', '2026-W47', 'b', '1.3')).toBe(false);
    expect(await store.digestRun('C1', '2026-W47')).toMatchObject({ status: 'posted', messageTs: '1.2' });
  });

  test('a run for a post no one can look for afterwards (a direct message) is never taken over past its fence', async () => {
    const claim = (owner: string, at: Date) => store.claimDigestRun('D1', 'notice', owner, at, LEASE, false);
    await claim('a', t0);
    // Abandoned before its fence: taken over after its lease, as any run.
    expect((await claim('b', minutes(11))).claimed).toBe(true);
    expect(await store.beginDigestPost('D1', 'notice', 'b', minutes(11))).toBe(true);
    // Past it, b may have sent it: never taken over, however long ago.
    expect(await claim('c', minutes(600))).toEqual({
      claimed: false,
      run: expect.objectContaining({ status: 'posting', owner: 'b' }),
    });
    // Slack's own "no" (nothing sent) leaves it to be tried again at once.
    await store.markDigestFailed('D1', 'notice', 'b', 'refused: user_not_found');
    expect((await claim('c', minutes(601))).claimed).toBe(true);
  });

  test('concurrent claims: exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.claimDigestRun('C9', '2026-W47', `r${i}`, t0, LEASE)),
    );
    expect(results.filter((result) => result.claimed)).toHaveLength(1);
  });

  test('prunes what is older than the retention cutoffs, and only that', async () => {
    await store.cachePut('old', 1, minutes(-10));
    await store.cachePut('new', 2, minutes(10));
    await store.putSnapshot({ day: '2026-11-01', app: 'a', data: {}, takenAt: t0 });
    await store.putSnapshot({ day: '2026-11-02', app: 'a', data: {}, takenAt: t0 });
    await store.audit({ at: minutes(-1), actor: 'U1', action: 'spend', detail: 'old' });
    await store.audit({ at: minutes(1), actor: 'U1', action: 'spend', detail: 'new' });
    await store.claimDigestRun('C1', '2026-W40', 'A', minutes(-5), LEASE);
    await store.claimDigestRun('C1', '2026-W47', 'A', minutes(5), LEASE);
    await store.claimSnapshotRun('2026-11-01', 'A', minutes(-5), LEASE);
    await store.claimSnapshotRun('2026-11-16', 'A', minutes(5), LEASE);
    const pruned = await store.prune({ cacheBefore: t0, snapshotsBefore: '2026-11-02', historyBefore: t0 });
    expect(pruned).toEqual({ cache: 1, snapshots: 1, audit: 1, digestRuns: 1, snapshotRuns: 1, alerts: 0 });
    expect(await store.cacheGet('old')).toBeUndefined();
    expect((await store.cacheGet('new'))?.value).toBe(2);
    expect((await store.snapshots('2026-01-01', '2027-01-01')).map((s) => s.day)).toEqual(['2026-11-02']);
    expect((await store.auditLog()).map((e) => e.detail)).toEqual(['new']);
    expect(await store.digestRun('C1', '2026-W40')).toBeUndefined();
    expect(await store.digestRun('C1', '2026-W47')).toBeDefined();
    expect(await store.snapshotRun('2026-11-01')).toBeUndefined();
    expect(await store.snapshotRun('2026-11-16')).toBeDefined();
  });

  test("a day's Heroku snapshot run is its own record: claimed once, fenced, marked with its app count", async () => {
    const first = await store.claimSnapshotRun('2026-11-16', 'A', t0, LEASE);
    expect(first).toMatchObject({ claimed: true, run: { day: '2026-11-16', status: 'claimed', owner: 'A' } });
    expect(await store.claimSnapshotRun('2026-11-16', 'B', minutes(1), LEASE)).toMatchObject({
      claimed: false,
      run: { owner: 'A' },
    });
    expect(await store.renewSnapshotRun('2026-11-16', 'A', minutes(2))).toBe(true);
    expect(await store.beginSnapshotWrite('2026-11-16', 'B', minutes(2))).toBe(false);
    expect(await store.beginSnapshotWrite('2026-11-16', 'A', minutes(2))).toBe(true);
    expect(await store.markSnapshotTaken('2026-11-16', 'A', 42)).toBe(true);
    expect(await store.snapshotRun('2026-11-16')).toEqual({
      day: '2026-11-16',
      status: 'posted',
      owner: 'A',
      claimedAt: minutes(2),
      apps: 42,
    });
    // Not a digest run, and never claimed again once taken.
    expect(await store.runsWithPrefix('2026-11-16')).toEqual([]);
    expect(await store.claimSnapshotRun('2026-11-16', 'B', minutes(60), LEASE)).toMatchObject({ claimed: false });
    await store.claimSnapshotRun('2026-11-17', 'A', t0, LEASE);
    expect(await store.markSnapshotFailed('2026-11-17', 'A', 'Heroku said no')).toBe(true);
    expect(await store.claimSnapshotRun('2026-11-17', 'B', minutes(1), LEASE)).toMatchObject({
      claimed: true,
      run: { owner: 'B', status: 'claimed' },
    });
  });

  test('a day written without apps never read keeps them with its run, at the fence; which apps any snapshot has', async () => {
    await store.putSnapshot({ day: '2026-11-15', app: 'api', data: {}, takenAt: t0 });
    expect(await store.appsWithSnapshots(['tools', 'api', 'billing'])).toEqual(['api']);
    expect(await store.appsWithSnapshots([])).toEqual([]);
    const tools = { day: '2026-11-16', app: 'tools', reason: 'Heroku refused (403 Forbidden).', team: 'acme' };
    await store.claimSnapshotRun('2026-11-16', 'A', t0, LEASE);
    // Only the owner's fence records them.
    expect(await store.beginSnapshotWrite('2026-11-16', 'B', minutes(1), [tools])).toBe(false);
    expect(await store.snapshotsLeftOut('2026-11-01', '2026-12-01')).toEqual([]);
    expect(await store.beginSnapshotWrite('2026-11-16', 'A', minutes(1), [tools])).toBe(true);
    expect(await store.markSnapshotTaken('2026-11-16', 'A', 1)).toBe(true);
    expect(await store.snapshotRun('2026-11-16')).toMatchObject({ status: 'posted', apps: 1, leftOut: [tools] });
    // A run taken over and written whole records none: the failed one's list does not linger.
    await store.claimSnapshotRun('2026-11-17', 'A', t0, LEASE);
    await store.beginSnapshotWrite('2026-11-17', 'A', minutes(1), [{ ...tools, day: '2026-11-17' }]);
    await store.markSnapshotFailed('2026-11-17', 'A', 'the store went away');
    await store.claimSnapshotRun('2026-11-17', 'B', minutes(2), LEASE);
    await store.beginSnapshotWrite('2026-11-17', 'B', minutes(3));
    expect((await store.snapshotRun('2026-11-17'))?.leftOut).toBeUndefined();
    expect(await store.snapshotsLeftOut('2026-11-01', '2026-12-01')).toEqual([tools]);
    expect(await store.snapshotsLeftOut('2026-11-17', '2026-12-01')).toEqual([]);
  });

  test('keeps an audit log in time order, filtered by date', async () => {
    await store.audit({ at: minutes(2), actor: 'U2', action: 'spend', detail: 'aws 7d by service' });
    await store.audit({ at: t0, actor: 'U1', action: 'dashboard', detail: 'home' });
    expect((await store.auditLog()).map((entry) => entry.actor)).toEqual(['U1', 'U2']);
    expect(await store.auditLog(minutes(1))).toEqual([
      { at: minutes(2), actor: 'U2', action: 'spend', detail: 'aws 7d by service' },
    ]);
  });
}

describe('Store contract on SQLite', () => {
  contract(() => openStore(tempSqliteFile()));

  test('creates the database file and its folder, and migrates an existing file idempotently', async () => {
    const file = tempSqliteFile().replace('test.db', 'nested/deeper/store.db');
    const first = await openStore(file);
    await first.setSetting('kept', 'yes');
    await first.close();
    const again = await openStore(file);
    expect(await again.getSetting('kept')).toBe('yes');
    await again.close();
  });
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('Store contract on PostgreSQL', () => {
  contract(async () => {
    const url = await freshPostgresUrl();
    if (!url || !isPostgresUrl(url)) throw new Error('TEST_DATABASE_URL is not a postgres:// URL');
    return openStore(url);
  });

  test('replicas starting together migrate once', async () => {
    const url = (await freshPostgresUrl())!;
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    await stores[0].setSetting('x', '1');
    expect(await stores[2].getSetting('x')).toBe('1');
    await Promise.all(stores.map((store) => store.close()));
  });
});
