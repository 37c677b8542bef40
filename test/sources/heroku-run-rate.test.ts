import fc from 'fast-check';
import {
  herokuRunRate,
  monthStart,
  type RunRateApp,
  type SnapshotRow,
  snapshotData,
  utcDays,
} from '../../src/core/heroku-run-rate';
import { periodCostFromSnapshots, weeklyCostFromSnapshots } from '../../src/core/snapshot-cost';
import { keyValueCache, postgresDatabase } from '../../src/sources/heroku';

/** The pure arithmetic: run-rate, daily snapshots, and the monthly-cap proration of what ran. */

const ECO_REASON =
  'Eco dynos share one flat monthly fee for the whole account (a pool of dyno-hours), not a price per dyno';

const app = (name: string, webCents: number | null, quantity = 1, extra: Partial<RunRateApp> = {}): RunRateApp => ({
  name,
  team: null,
  formation: [{ type: 'web', quantity, size: 'standard-1x', monthlyCents: webCents }],
  addOns: [],
  ...extra,
});

/** Snapshots of the given apps on every day fromDay <= d < toDay. */
function everyDay(apps: readonly RunRateApp[], fromDay: string, toDay: string): SnapshotRow[] {
  return utcDays(fromDay, toDay).flatMap((day) => apps.map((a) => ({ day, app: a.name, data: snapshotData(a) })));
}

const arbitraryApp = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/),
  team: fc.option(fc.record({ name: fc.constantFrom('acme', 'globex') }), { nil: null }),
  formation: fc.array(
    fc.record({
      type: fc.constantFrom('web', 'worker', 'clock'),
      quantity: fc.integer({ min: 0, max: 10 }),
      size: fc.constantFrom('basic', 'standard-2x', 'shield-s'),
      monthlyCents: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    }),
    { maxLength: 3 },
  ),
  addOns: fc.array(
    fc.record({
      id: fc.uuid(),
      service: fc.constantFrom('heroku-postgresql', 'papertrail'),
      plan: fc.constantFrom('standard-0', 'fixa'),
      monthlyCents: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
      contract: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
});

describe('herokuRunRate', () => {
  it('total = Σ quantity × price of priced items; contract and unpriced items are listed, never summed', () => {
    fc.assert(
      fc.property(fc.array(arbitraryApp, { maxLength: 8 }), (apps) => {
        const rate = herokuRunRate(apps);
        let expected = 0;
        let contract = 0;
        let unpriced = 0;
        for (const a of apps) {
          for (const f of a.formation) {
            if (f.quantity === 0) continue;
            if (f.monthlyCents === null) unpriced++;
            else expected += f.quantity * f.monthlyCents;
          }
          for (const addOn of a.addOns) {
            if (addOn.contract) contract++;
            else if (addOn.monthlyCents === null) unpriced++;
            else expected += addOn.monthlyCents;
          }
        }
        expect(rate.totalMonthlyCents).toBe(expected);
        expect(rate.contractPriced).toHaveLength(contract);
        expect(rate.unpriced).toHaveLength(unpriced);
        expect(rate.apps.reduce((sum, a) => sum + a.monthlyCents, 0)).toBe(expected);
      }),
    );
  });

  it('a contract add-on with a price attached is still left out (contract wins)', () => {
    const rate = herokuRunRate([
      app('a', 2500, 2, {
        addOns: [{ id: 'x', service: 'heroku-postgresql', plan: 'shield-0', monthlyCents: 0, contract: true }],
      }),
    ]);
    expect(rate.totalMonthlyCents).toBe(5000);
    expect(rate.contractPriced).toEqual([
      {
        app: 'a',
        kind: 'addon',
        item: 'heroku-postgresql:shield-0',
        quantity: 1,
        reason: 'contract price: negotiated outside monthly add-on billing, so the API gives no figure',
      },
    ]);
  });

  it('Eco dynos are one flat fee for the account’s pool, never summed per dyno (3 Eco dynos are not $15)', () => {
    const eco = (name: string, quantity: number): RunRateApp =>
      app(name, 2500, 1, {
        formation: [
          { type: 'web', quantity: 1, size: 'standard-1x', monthlyCents: 2500 },
          { type: 'worker', quantity, size: 'eco', monthlyCents: 500 },
        ],
      });
    const apps = [eco('a', 2), eco('b', 1)];
    const rate = herokuRunRate(apps);
    expect(rate.totalMonthlyCents).toBe(5000);
    expect(rate.unpriced).toEqual([
      { app: 'a', kind: 'dyno', item: 'worker: eco', quantity: 2, reason: ECO_REASON },
      { app: 'b', kind: 'dyno', item: 'worker: eco', quantity: 1, reason: ECO_REASON },
    ]);
    // The daily snapshots say the same: a week of the two apps is 7/30 of the Standard dynos alone.
    const week = weeklyCostFromSnapshots(everyDay(apps, '2026-03-02', '2026-03-09'), '2026-03-02', '2026-03-09');
    expect(week.totalThirtiethsOfCent).toBe(5000 * 7);
    expect(week.excluded.map(({ app, item, reason, days }) => ({ app, item, reason, days }))).toEqual([
      { app: 'a', item: 'worker: eco', reason: ECO_REASON, days: 7 },
      { app: 'b', item: 'worker: eco', reason: ECO_REASON, days: 7 },
    ]);
  });

  it('refuses prices that are not whole cents rather than rounding silently', () => {
    expect(() => herokuRunRate([app('a', 12.5)])).toThrow(RangeError);
  });
});

describe('periodCostFromSnapshots: the digest reads last week and the week before from its one pass', () => {
  it('gives each window the apps a pass of its own gives, for accounts whose formation changes day by day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(arbitraryApp, { maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 14 }),
        (phases, start, length) => {
          // Each phase of 8 days runs another account: apps come, go and change size across months.
          const rows = phases.flatMap((apps, i) => {
            const days = utcDays('2026-01-20', '2026-03-31').slice(i * 8, i * 8 + 8);
            return days.length === 0 ? [] : everyDay(apps, days[0]!, utcDays(days.at(-1)!, '2026-04-01')[1]!);
          });
          const days = utcDays('2026-02-01', '2026-04-01');
          const from = days[start]!;
          const windows = [
            { fromDay: from, toDay: days[start + length]! },
            { fromDay: days[start + length]!, toDay: days[Math.min(start + 2 * length, days.length - 1)]! },
          ];
          const whole = periodCostFromSnapshots(rows, '2026-02-01', '2026-04-01', windows);
          expect(whole.windows).toEqual(windows.map((w) => weeklyCostFromSnapshots(rows, w.fromDay, w.toDay).apps));
          const { windows: _, ...cost } = whole;
          expect(cost).toEqual(weeklyCostFromSnapshots(rows, '2026-02-01', '2026-04-01'));
        },
      ),
    );
  });
});

describe('weeklyCostFromSnapshots: Heroku proration (monthly / 720 an hour, capped at the monthly price)', () => {
  it('a whole calendar month costs exactly the monthly price in 30- and 31-day months, 28/30 of it in February', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 5 }), (cents, quantity) => {
        const a = [app('api', cents, quantity)];
        const april = weeklyCostFromSnapshots(everyDay(a, '2026-04-01', '2026-05-01'), '2026-04-01', '2026-05-01');
        const may = weeklyCostFromSnapshots(everyDay(a, '2026-05-01', '2026-06-01'), '2026-05-01', '2026-06-01');
        const february = weeklyCostFromSnapshots(everyDay(a, '2026-02-01', '2026-03-01'), '2026-02-01', '2026-03-01');
        expect(april.totalThirtiethsOfCent).toBe(30 * cents * quantity);
        expect(april.totalCents).toBe(cents * quantity);
        expect(may.totalCents).toBe(cents * quantity);
        expect(february.totalThirtiethsOfCent).toBe(28 * cents * quantity);
      }),
    );
  });

  it('is additive: splitting a period anywhere gives the same exact total (given the month so far)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (cents, start, length, cut) => {
          const from = utcDays('2026-01-01', '2026-03-31')[start];
          const days = utcDays(from, '2026-06-01');
          const to = days[length];
          const middle = days[Math.min(cut, length)];
          const rows = everyDay([app('api', cents, 2)], '2026-01-01', '2026-06-01');
          const whole = weeklyCostFromSnapshots(rows, from, to);
          const first = weeklyCostFromSnapshots(rows, from, middle);
          const second = weeklyCostFromSnapshots(rows, middle, to);
          expect(first.totalThirtiethsOfCent + second.totalThirtiethsOfCent).toBe(whole.totalThirtiethsOfCent);
        },
      ),
    );
  });

  it('caps each dyno on its own: 2 dynos for 15 days then 1 for 16, in a 31-day month', () => {
    const rows = [
      ...everyDay([app('api', 3000, 2)], '2026-01-01', '2026-01-16'),
      ...everyDay([app('api', 3000, 1)], '2026-01-16', '2026-02-01'),
    ];
    const month = weeklyCostFromSnapshots(rows, '2026-01-01', '2026-02-01');
    // Dyno 1 ran 31 days: capped at 30 days' worth. Dyno 2 ran 15 days.
    expect(month.totalThirtiethsOfCent).toBe(3000 * 30 + 3000 * 15);
    expect(month.totalCents).toBe(3000 + 1500);
  });

  it('the last day of a 31-day month is free only when the month so far was passed in', () => {
    const rows = everyDay([app('api', 3000)], '2026-01-01', '2026-02-01');
    const lastWeek = (from: string) =>
      weeklyCostFromSnapshots(
        rows.filter((row) => row.day >= from),
        '2026-01-25',
        '2026-02-01',
      );
    expect(lastWeek(monthStart('2026-01-25')).totalThirtiethsOfCent).toBe(3000 * 6);
    expect(lastWeek('2026-01-25').totalThirtiethsOfCent).toBe(3000 * 7);
  });

  it('rounds half up once, from the exact sum; days without snapshots are reported, not guessed', () => {
    const rows = everyDay([app('a', 1), app('b', 14)], '2026-03-02', '2026-03-03');
    const day = weeklyCostFromSnapshots(rows, '2026-03-02', '2026-03-04');
    expect(day.totalThirtiethsOfCent).toBe(15);
    expect(day.totalCents).toBe(1); // 15/30 = 0.5 → 1; per-app rounding would give 0 + 0
    expect(day.apps.map((a) => [a.app, a.cents])).toEqual([
      ['b', 0],
      ['a', 0],
    ]);
    expect(day.daysCovered).toEqual(['2026-03-02']);
    expect(day.daysMissing).toEqual(['2026-03-03']);
  });

  it('lists contract and unpriced items with the days they ran, and skips rows it cannot read', () => {
    const withContract = app('a', 3000, 1, {
      addOns: [
        { id: 'db', service: 'heroku-postgresql', plan: 'shield-0', monthlyCents: null, contract: true },
        { id: 'm', service: 'metrics', plan: 'custom', monthlyCents: null, contract: false },
      ],
    });
    const rows: SnapshotRow[] = [
      ...everyDay([withContract], '2026-03-02', '2026-03-05'),
      { day: '2026-03-03', app: 'broken', data: { v: 2 } },
    ];
    const cost = weeklyCostFromSnapshots(rows, '2026-03-02', '2026-03-05');
    expect(cost.totalThirtiethsOfCent).toBe(3000 * 3);
    expect(cost.excluded).toEqual([
      { app: 'a', kind: 'addon', item: 'heroku-postgresql:shield-0', reason: 'contract price', days: 3 },
      {
        app: 'a',
        kind: 'addon',
        item: 'metrics:custom',
        reason: 'Heroku returned no billed price for this add-on',
        days: 3,
      },
    ]);
    expect(cost.unreadable).toEqual([{ day: '2026-03-03', app: 'broken' }]);
  });

  it('rejects days that are not UTC calendar days', () => {
    expect(() => weeklyCostFromSnapshots([], '2026-02-30', '2026-03-02')).toThrow(RangeError);
    expect(() => weeklyCostFromSnapshots([], '2026-3-1', '2026-03-02')).toThrow(RangeError);
  });
});

describe('plan tables and invoice dates', () => {
  it('Postgres: RAM and storage by level, HA from Premium up; Key-Value Store memory', () => {
    expect(postgresDatabase('standard-0')).toEqual({
      plan: 'standard-0',
      memoryGb: 4,
      storageGb: 64,
      highAvailability: false,
    });
    expect(postgresDatabase('Premium-4')).toEqual({
      plan: 'premium-4',
      memoryGb: 30,
      storageGb: 768,
      highAvailability: true,
    });
    expect(postgresDatabase('shield-0').highAvailability).toBe(true);
    expect(postgresDatabase('essential-1')).toEqual({
      plan: 'essential-1',
      memoryGb: 0,
      storageGb: 10,
      highAvailability: false,
    });
    expect(keyValueCache('mini')).toEqual({ plan: 'mini', memoryGb: 0.025, highAvailability: false });
    expect(keyValueCache('premium-5')).toEqual({ plan: 'premium-5', memoryGb: 1, highAvailability: true });
  });
});
