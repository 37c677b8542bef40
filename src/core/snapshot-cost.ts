/**
 * The cost of what actually ran, from the daily formation snapshots: the rules are at the top of
 * heroku-run-rate.ts (a whole UTC day is monthly / 30, capped at the monthly price per calendar
 * month, integer thirtieths of a cent). Pure.
 *
 * One pass over the rows, with the running accrual kept per app and item (no key built per dyno and
 * day): a digest of 500 apps over five weeks has ~17,500 rows, and the bot answers Slack on the same
 * thread. A snapshot that is the same object as one already seen (the store parses an app's
 * unchanged snapshot once) is checked once.
 */
import {
  type AppLeftOut,
  type AppPeriodCost,
  type HerokuPeriodCost,
  type HerokuSnapshotData,
  type PeriodExclusion,
  type SnapshotLeftOut,
  type SnapshotRow,
  utcDays,
} from './heroku-run-rate';
import { finish, type Steps } from './steps';
import { addDays, firstOfMonth } from './utc-days';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isSnapshotData(data: unknown): data is HerokuSnapshotData {
  if (typeof data !== 'object' || data === null) return false;
  const value = data as Partial<HerokuSnapshotData>;
  return (
    value.v === 1 &&
    Array.isArray(value.items) &&
    value.items.every(
      (item) =>
        typeof item?.key === 'string' &&
        typeof item.item === 'string' &&
        (item.kind === 'dyno' || item.kind === 'addon') &&
        Number.isSafeInteger(item.quantity) &&
        item.quantity >= 0 &&
        (item.unitMonthlyCents === null || (Number.isSafeInteger(item.unitMonthlyCents) && item.unitMonthlyCents >= 0)),
    )
  );
}

/** Days fromDay <= d < toDay; only those inside the integrated period count. */
export interface CostWindow {
  fromDay: string;
  toDay: string;
}

/** The apps of a window, as `weeklyCostFromSnapshots(rows, window.fromDay, window.toDay).apps` gives them. */
type WindowApps = AppPeriodCost[];

/** Accrued thirtieths of a cent per unit of one item of one app, in one calendar month. */
interface Accrual {
  month: string;
  units: number[];
}

const roundThirtieths = (value: number) => Math.floor((value + 15) / 30);
const byCost = (a: AppPeriodCost, b: AppPeriodCost) =>
  b.thirtiethsOfCent - a.thirtiethsOfCent || a.app.localeCompare(b.app);

/**
 * What Heroku charged, as far as daily snapshots tell, for the UTC days fromDay <= d < toDay, and
 * per app for each of `windows` from the same pass (equal to a pass of their own when they lie
 * inside the period).
 *
 * Each snapshot stands for its whole UTC day. Each running unit (one dyno, one add-on) accrues
 * monthly / 30 a day, and at most its monthly price per calendar month. For the cap to be exact,
 * pass the snapshots from `monthStart(fromDay)` on: days before fromDay count toward the cap but not
 * toward the result. Days without any snapshot are reported in `daysMissing`, not guessed. `leftOut`:
 * the apps days were written without (never read then, `Store.snapshotsLeftOut`); those of covered
 * days of the period are reported in `leftOut`, so no figure passes for the whole account.
 */
export function periodCostFromSnapshots(
  snapshots: readonly SnapshotRow[],
  fromDay: string,
  toDay: string,
  windows: readonly CostWindow[] = [],
  leftOut: readonly SnapshotLeftOut[] = [],
): PeriodCost {
  return finish(periodCostSteps(snapshots, fromDay, toDay, windows, leftOut));
}

export type PeriodCost = HerokuPeriodCost & { windows: WindowApps[] };

/** Rows grouped between two steps. */
const ROWS_A_STEP = 2000;

/** `periodCostFromSnapshots` in steps (src/core/steps.ts): a step every ROWS_A_STEP rows read and every day added. */
export function* periodCostSteps(
  snapshots: readonly SnapshotRow[],
  fromDay: string,
  toDay: string,
  windows: readonly CostWindow[] = [],
  leftOut: readonly SnapshotLeftOut[] = [],
): Steps<PeriodCost> {
  const periodDays = utcDays(fromDay, toDay);
  const checked = new Map<object, boolean>();
  const readable = (data: unknown): data is HerokuSnapshotData => {
    if (typeof data !== 'object' || data === null) return false;
    let ok = checked.get(data);
    if (ok === undefined) {
      ok = isSnapshotData(data);
      checked.set(data, ok);
    }
    return ok;
  };
  const byDay = new Map<string, Map<string, HerokuSnapshotData>>();
  const unreadable: { day: string; app: string }[] = [];
  let goodDay = '';
  let read = 0;
  for (const row of snapshots) {
    if (++read % ROWS_A_STEP === 0) yield;
    if (row.day >= toDay) continue;
    if (row.day !== goodDay) {
      if (!DAY_PATTERN.test(row.day)) continue;
      goodDay = row.day;
    }
    if (!readable(row.data)) {
      unreadable.push({ day: row.day, app: row.app });
      continue;
    }
    let apps = byDay.get(row.day);
    if (!apps) {
      apps = new Map<string, HerokuSnapshotData>();
      byDay.set(row.day, apps);
    }
    apps.set(row.app, row.data);
  }

  const accrued = new Map<string, Map<string, Accrual>>();
  const appTotals = new Map<string, AppPeriodCost>();
  const firstCounted = new Map<string, string>();
  const windowTotals = windows.map(() => new Map<string, AppPeriodCost>());
  const excluded = new Map<string, PeriodExclusion>();
  let total = 0;
  const dayTotals: Record<string, number> = {};

  for (const day of [...byDay.keys()].sort()) {
    yield;
    const inPeriod = day >= fromDay;
    const month = day.slice(0, 7);
    const inWindows = windows.flatMap((window, index) =>
      day >= window.fromDay && day < window.toDay ? [windowTotals[index]!] : [],
    );
    let dayTotal = 0;
    for (const [app, data] of byDay.get(day)!) {
      let appTotal = appTotals.get(app);
      if (inPeriod && !appTotal) {
        appTotal = { app, team: data.team ?? null, thirtiethsOfCent: 0, cents: 0 };
        appTotals.set(app, appTotal);
        firstCounted.set(app, day);
      }
      let items = accrued.get(app);
      if (!items) {
        items = new Map<string, Accrual>();
        accrued.set(app, items);
      }
      let appDay = 0;
      for (const item of data.items) {
        if (item.unitMonthlyCents === null || item.contract) {
          if (!inPeriod) continue;
          const key = `${app}\u0000${item.key}`;
          const seen = excluded.get(key);
          if (seen) seen.days += 1;
          else {
            excluded.set(key, {
              app,
              kind: item.kind,
              item: item.item,
              reason: item.contract ? 'contract price' : (item.reason ?? 'no price'),
              days: 1,
            });
          }
          continue;
        }
        let accrual = items.get(item.key);
        if (!accrual || accrual.month !== month) {
          accrual = { month, units: [] };
          items.set(item.key, accrual);
        }
        // One day of one unit = unitMonthlyCents thirtieths of a cent; the cap is 30 times that.
        const unitPrice = item.unitMonthlyCents;
        const cap = unitPrice * 30;
        const units = accrual.units;
        for (let unit = 0; unit < item.quantity; unit++) {
          const before = units[unit] ?? 0;
          const charge = Math.min(unitPrice, cap - before);
          if (charge <= 0) continue;
          units[unit] = before + charge;
          appDay += charge;
        }
      }
      if (!inPeriod || !appTotal) continue;
      appTotal.thirtiethsOfCent += appDay;
      dayTotal += appDay;
      for (const totals of inWindows) {
        const inWindow = totals.get(app);
        if (inWindow) inWindow.thirtiethsOfCent += appDay;
        else totals.set(app, { app, team: data.team ?? null, thirtiethsOfCent: appDay, cents: 0 });
      }
    }
    if (inPeriod) {
      total += dayTotal;
      dayTotals[day] = dayTotal;
    }
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('period total is too large to add exactly');

  const rounded = (totals: Map<string, AppPeriodCost>) =>
    [...totals.values()].map((app) => ({ ...app, cents: roundThirtieths(app.thirtiethsOfCent) })).sort(byCost);
  return {
    fromDay,
    toDay,
    totalCents: roundThirtieths(total),
    totalThirtiethsOfCent: total,
    apps: rounded(appTotals),
    excluded: [...excluded.values()],
    byDay: Object.fromEntries(periodDays.filter((day) => byDay.has(day)).map((day) => [day, dayTotals[day] ?? 0])),
    daysCovered: periodDays.filter((day) => byDay.has(day)),
    daysMissing: periodDays.filter((day) => !byDay.has(day)),
    unreadable,
    leftOut: appsLeftOut(leftOut, (day) => day >= fromDay && day < toDay && byDay.has(day), firstCounted),
    windows: windowTotals.map(rounded),
  };
}

/**
 * Per app, the covered days of the period it was left out of (never read then), with Heroku's latest
 * answer, and the first day it is counted when the period has it too (read since). Pure.
 */
export function appsLeftOut(
  leftOut: readonly SnapshotLeftOut[],
  covered: (day: string) => boolean,
  /** Each app counted in the period, with its first day there. */
  counted: ReadonlyMap<string, string>,
): AppLeftOut[] {
  const byApp = new Map<string, AppLeftOut>();
  for (const row of [...leftOut].sort((a, b) => a.day.localeCompare(b.day))) {
    if (!covered(row.day)) continue;
    const app = byApp.get(row.app);
    if (app) {
      app.days.push(row.day);
      app.reason = row.reason;
    } else
      byApp.set(row.app, {
        app: row.app,
        reason: row.reason,
        days: [row.day],
        ...(row.team ? { team: row.team } : {}),
      });
  }
  return [...byApp.values()]
    .map((app) => {
      const from = counted.get(app.app);
      return from ? { ...app, countedFrom: from } : app;
    })
    .sort((a, b) => a.app.localeCompare(b.app));
}

/** `periodCostFromSnapshots` without windows: the cost of fromDay <= d < toDay. */
export function weeklyCostFromSnapshots(
  snapshots: readonly SnapshotRow[],
  fromDay: string,
  toDay: string,
  leftOut: readonly SnapshotLeftOut[] = [],
): HerokuPeriodCost {
  const { windows: _, ...cost } = periodCostFromSnapshots(snapshots, fromDay, toDay, [], leftOut);
  return cost;
}

/** The month's cost with the latest snapshot's items run on to its end, and which day that snapshot is. */
export interface MonthRunOn {
  latest: string;
  cost: HerokuPeriodCost;
}

/**
 * The whole month's cost if the dynos and add-ons of its latest snapshot before `toDay` run on to the
 * month's end: each unit at most its monthly price in the month (Heroku prorates to the second up to
 * it), so an app stopped mid-month adds nothing more and one started mid-month only its days. Undefined
 * when no snapshot of the month is before `toDay`. In steps, as `periodCostSteps`.
 */
export function* monthRunOnSteps(
  snapshots: readonly SnapshotRow[],
  monthStart: string,
  toDay: string,
): Steps<MonthRunOn | undefined> {
  const nextMonth = firstOfMonth(monthStart, 1);
  let latest = '';
  for (const row of snapshots) if (row.day >= monthStart && row.day < toDay && row.day > latest) latest = row.day;
  if (!latest) return undefined;
  const known = snapshots.filter((row) => row.day >= monthStart && row.day <= latest);
  const last = known.filter((row) => row.day === latest);
  const ahead = utcDays(addDays(latest, 1), nextMonth).flatMap((day) => last.map((row) => ({ ...row, day })));
  const { windows: _, ...cost } = yield* periodCostSteps([...known, ...ahead], monthStart, nextMonth);
  return { latest, cost };
}
