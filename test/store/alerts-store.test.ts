import type { Budget } from '../../src/core/alerts/budget';
import { isPostgresUrl, openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';

const t0 = new Date('2026-11-16T09:00:00.000Z');
const budget = (over: Partial<Budget> = {}): Budget => ({
  id: 'b-1',
  name: 'web-prod',
  amountCents: 200_000,
  platform: 'heroku',
  scope: { kind: 'team', value: 'acme-eng' },
  thresholds: [50, 80, 100],
  forecast: true,
  ...over,
});

/** An anomaly alert about `subject` first seen on `day`, as the scan records it. */
const anomaly = (subject: string, day: string, detail: unknown = {}) => ({
  id: `${subject}@${day}`,
  kind: 'anomaly' as const,
  subject,
  firstDay: day,
  lastDay: day,
  detail,
  createdAt: t0,
});

function contract(open: () => Promise<Store>) {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  test('keeps budgets by name; setting one again keeps its id; delete says whether it existed', async () => {
    await store.putBudget(budget(), 'ULEAD', t0);
    await store.putBudget(budget({ id: 'b-2', name: 'aws-all', platform: 'aws', scope: { kind: 'all' } }), 'ULEAD', t0);
    const again = await store.putBudget(budget({ id: 'b-3', amountCents: 300_000 }), 'UOTHER', t0);
    expect(again.id).toBe('b-1');
    const all = await store.budgets();
    expect(all.map((b) => [b.name, b.id, b.amountCents, b.setBy])).toEqual([
      ['aws-all', 'b-2', 200_000, 'ULEAD'],
      ['web-prod', 'b-1', 300_000, 'UOTHER'],
    ]);
    expect(all[1]!.scope).toEqual({ kind: 'team', value: 'acme-eng' });
    expect(await store.deleteBudget('web-prod')).toBe(true);
    expect(await store.deleteBudget('web-prod')).toBe(false);
    expect((await store.budgets()).map((b) => b.name)).toEqual(['aws-all']);
  });

  test('lists runs by period prefix across channels, and nothing else', async () => {
    await store.claimDigestRun('C1', 'budget:b-1:2026-11:actual:80', 'a', t0, 60_000);
    await store.claimDigestRun('C2', 'budget:b-1:2026-11:forecast', 'a', t0, 60_000);
    await store.claimDigestRun('C1', 'budget:b-1:2026-10:actual:50', 'a', t0, 60_000);
    await store.claimDigestRun('C1', 'budget:b-10:2026-11:actual:50', 'a', t0, 60_000);
    const runs = await store.runsWithPrefix('budget:b-1:2026-11:');
    expect(runs.map((run) => run.period)).toEqual(['budget:b-1:2026-11:actual:80', 'budget:b-1:2026-11:forecast']);
  });

  test('records an alert once, finds the episode under way, and keeps who acted on it', async () => {
    const alert = anomaly('heroku-app:api', '2026-11-16', { impactCents: 667 });
    expect((await store.recordAlert(alert)).created).toBe(true);
    const twice = await store.recordAlert({ ...alert, detail: { impactCents: 1 } });
    expect(twice).toMatchObject({ created: false, alert: { detail: { impactCents: 667 }, status: 'new' } });
    expect(await store.openAlert('heroku-app:api', '2026-11-15')).toMatchObject({ id: alert.id });
    await store.extendAlert(alert.id, '2026-11-17');
    expect(await store.openAlert('heroku-app:api', '2026-11-17')).toMatchObject({ lastDay: '2026-11-17' });
    expect(await store.openAlert('heroku-app:api', '2026-11-18')).toBeUndefined();
    expect((await store.changeAlertStatus(alert.id, 'expected', 'ULEAD', t0)).changed).toBe(true);
    expect(await store.changeAlertStatus('nope', 'expected', 'ULEAD', t0)).toEqual({ changed: false });
    expect(await store.alert(alert.id)).toMatchObject({ status: 'expected', statusBy: 'ULEAD', statusAt: t0 });
  });

  test('a press sending AWS its feedback holds the alert until AWS answers, or until a bot that stopped mid-call is 5 minutes gone', async () => {
    const alert = anomaly('ce-anomaly:a-1', '2026-11-15');
    await store.recordAlert(alert);
    const sending = await store.changeAlertStatus(alert.id, 'expected', 'UA', t0, 'PLANNED_ACTIVITY');
    expect(sending).toMatchObject({ changed: true, alert: { sendingAws: 'PLANNED_ACTIVITY' } });
    expect(sending.alert).not.toHaveProperty('toldAws');
    // Meanwhile no press changes it, not even one setting another status.
    const later = new Date(t0.getTime() + 4 * 60_000);
    expect((await store.changeAlertStatus(alert.id, 'acknowledged', 'UB', later)).changed).toBe(false);
    expect((await store.changeAlertStatus(alert.id, 'expected', 'UB', later, 'NO')).changed).toBe(false);
    // AWS refused: put back as it was.
    await store.revertAlertStatus(sending.alert!, { status: 'new' });
    const back = await store.alert(alert.id);
    expect(back).toMatchObject({ status: 'new' });
    expect(back).not.toHaveProperty('sendingAws');
    expect(back).not.toHaveProperty('statusBy');
    // Sent again, and AWS took it: it is what AWS was told, and the same press again changes nothing.
    const again = await store.changeAlertStatus(alert.id, 'expected', 'UB', later, 'PLANNED_ACTIVITY');
    await store.settleAlertStatus(again.alert!);
    const taken = await store.alert(alert.id);
    expect(taken).toMatchObject({ status: 'expected', statusBy: 'UB', toldAws: 'PLANNED_ACTIVITY' });
    expect(taken).not.toHaveProperty('sendingAws');
    expect((await store.changeAlertStatus(alert.id, 'expected', 'UA', later, 'PLANNED_ACTIVITY')).changed).toBe(false);
    // A bot stopped while sending NO: the press holds the alert for 5 minutes, then one may claim it again.
    const stopped = await store.changeAlertStatus(alert.id, 'expected', 'UA', later, 'NO');
    expect(stopped.changed).toBe(true);
    const justBefore = new Date(later.getTime() + 5 * 60_000);
    expect((await store.changeAlertStatus(alert.id, 'expected', 'UB', justBefore, 'NO')).changed).toBe(false);
    const after = new Date(justBefore.getTime() + 1);
    expect((await store.changeAlertStatus(alert.id, 'expected', 'UB', after, 'NO')).changed).toBe(true);
  });

  test('snoozes a subject until a time; snoozing again replaces it', async () => {
    expect(await store.snoozedUntil('heroku-app:api')).toBeUndefined();
    await store.snooze('heroku-app:api', new Date('2026-11-17T09:00:00Z'), 'ULEAD');
    await store.snooze('heroku-app:api', new Date('2026-11-23T09:00:00Z'), 'ULEAD');
    expect(await store.snoozedUntil('heroku-app:api')).toEqual(new Date('2026-11-23T09:00:00Z'));
  });

  test('retention drops old alerts and ended snoozes', async () => {
    const old = { kind: 'anomaly' as const, subject: 's', firstDay: '2025-01-01', lastDay: '2025-01-01', detail: {} };
    await store.recordAlert({ ...old, id: 'old', createdAt: new Date('2025-01-01T00:00:00Z') });
    await store.recordAlert({ ...old, id: 'new', createdAt: t0 });
    await store.snooze('ended', new Date('2025-01-02T00:00:00Z'), 'U');
    await store.snooze('running', new Date('2026-12-01T00:00:00Z'), 'U');
    const pruned = await store.prune({
      cacheBefore: t0,
      snapshotsBefore: '2025-01-01',
      historyBefore: new Date('2025-06-01T00:00:00Z'),
    });
    expect(pruned.alerts).toBe(2);
    expect(await store.alert('old')).toBeUndefined();
    expect(await store.alert('new')).toBeDefined();
    expect(await store.snoozedUntil('ended')).toBeUndefined();
    expect(await store.snoozedUntil('running')).toBeDefined();
  });
}

describe('Budgets and alerts in the store, on SQLite', () => {
  contract(() => openStore(tempSqliteFile()));
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('Budgets and alerts in the store, on PostgreSQL', () => {
  contract(async () => {
    const url = await freshPostgresUrl();
    if (!url || !isPostgresUrl(url)) throw new Error('TEST_DATABASE_URL is not a postgres:// URL');
    return openStore(url);
  });
});
