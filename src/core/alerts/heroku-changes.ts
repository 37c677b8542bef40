/**
 * What changed on Heroku between two days, from the daily formation snapshots: dynos per process
 * (type and quantity), add-on plans, and apps created or deleted, each priced at the snapshot's
 * monthly list price. Pure.
 */
import type { HerokuSnapshotData, SnapshotItem } from '../heroku-run-rate';

export interface DynoState {
  size: string;
  quantity: number;
  /** One dyno a month; null when unpriced. */
  unitMonthlyCents: number | null;
}

export type HerokuChange =
  | {
      kind: 'formation';
      app: string;
      team: string | null;
      process: string;
      from: DynoState[];
      to: DynoState[];
      monthlyDeltaCents: number;
    }
  | {
      kind: 'addon';
      app: string;
      team: string | null;
      service: string;
      fromPlan: string | null;
      toPlan: string | null;
      monthlyDeltaCents: number;
    }
  | { kind: 'app-created' | 'app-deleted'; app: string; team: string | null; monthlyDeltaCents: number };

export type AppSnapshots = ReadonlyMap<string, HerokuSnapshotData>;

const priced = (item: SnapshotItem) => (item.unitMonthlyCents ?? 0) * item.quantity;
const monthly = (data: HerokuSnapshotData | undefined) =>
  (data?.items ?? []).reduce((sum, item) => sum + priced(item), 0);

/** `dyno:web:standard-2x` → process `web`, size `standard-2x`. */
function processesOf(data: HerokuSnapshotData | undefined): Map<string, DynoState[]> {
  const byProcess = new Map<string, DynoState[]>();
  for (const item of data?.items ?? []) {
    if (item.kind !== 'dyno') continue;
    const [, process = item.item, size = ''] = item.key.split(':');
    const list = byProcess.get(process) ?? [];
    list.push({ size, quantity: item.quantity, unitMonthlyCents: item.unitMonthlyCents });
    byProcess.set(process, list);
  }
  return byProcess;
}

/** Add-ons by id: `addon:<id>:<plan>`, item `heroku-postgresql:standard-0`. */
function addOnsOf(data: HerokuSnapshotData | undefined): Map<string, { service: string; plan: string; cents: number }> {
  const byId = new Map<string, { service: string; plan: string; cents: number }>();
  for (const item of data?.items ?? []) {
    if (item.kind !== 'addon') continue;
    const [, id = item.key] = item.key.split(':');
    const [service = item.item, plan = ''] = item.item.split(':');
    byId.set(id, { service, plan, cents: priced(item) });
  }
  return byId;
}

const dynoCents = (states: readonly DynoState[]) =>
  states.reduce((sum, state) => sum + (state.unitMonthlyCents ?? 0) * state.quantity, 0);
const sameDynos = (a: readonly DynoState[], b: readonly DynoState[]) =>
  a.length === b.length &&
  a.every((state) => b.some((other) => other.size === state.size && other.quantity === state.quantity));

function appChanges(app: string, before: HerokuSnapshotData, after: HerokuSnapshotData): HerokuChange[] {
  const team = after.team ?? before.team ?? null;
  const changes: HerokuChange[] = [];
  const was = processesOf(before);
  const now = processesOf(after);
  for (const process of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const from = was.get(process) ?? [];
    const to = now.get(process) ?? [];
    if (sameDynos(from, to)) continue;
    changes.push({
      kind: 'formation',
      app,
      team,
      process,
      from,
      to,
      monthlyDeltaCents: dynoCents(to) - dynoCents(from),
    });
  }
  const oldAddOns = addOnsOf(before);
  const newAddOns = addOnsOf(after);
  for (const id of [...new Set([...oldAddOns.keys(), ...newAddOns.keys()])].sort()) {
    const from = oldAddOns.get(id);
    const to = newAddOns.get(id);
    if (from && to && from.plan === to.plan) continue;
    changes.push({
      kind: 'addon',
      app,
      team,
      service: (to ?? from)!.service,
      fromPlan: from?.plan ?? null,
      toPlan: to?.plan ?? null,
      monthlyDeltaCents: (to?.cents ?? 0) - (from?.cents ?? 0),
    });
  }
  return changes;
}

/** Every change from `before` to `after`, largest cost change first. */
export function herokuChanges(before: AppSnapshots, after: AppSnapshots): HerokuChange[] {
  const changes: HerokuChange[] = [];
  for (const app of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(app);
    const now = after.get(app);
    // The same snapshot object both days (the store shares an unchanged one): nothing changed.
    if (was === now) continue;
    if (!was && now)
      changes.push({ kind: 'app-created', app, team: now.team ?? null, monthlyDeltaCents: monthly(now) });
    else if (was && !now)
      changes.push({ kind: 'app-deleted', app, team: was.team ?? null, monthlyDeltaCents: -monthly(was) });
    else if (was && now) changes.push(...appChanges(app, was, now));
  }
  return changes.sort(
    (a, b) => Math.abs(b.monthlyDeltaCents) - Math.abs(a.monthlyDeltaCents) || a.app.localeCompare(b.app),
  );
}

/** `standard-2x` → `Standard-2X`, `performance-l-ram` → `Performance-L-RAM`, as Heroku writes them. */
export function dynoSizeName(size: string): string {
  return size
    .split('-')
    .map((part) => (part.length <= 2 || part === 'ram' ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1)))
    .join('-');
}

/** A snapshot's daily cost of an app in thirtieths of a cent (one day of a monthly price). */
export function appDayThirtieths(data: HerokuSnapshotData): number {
  return monthly(data);
}
