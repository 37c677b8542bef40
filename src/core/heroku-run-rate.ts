/**
 * What Heroku resources cost a month, and what they cost over a period that actually happened.
 *
 * Pure: no I/O, no clock. The inputs are structural, so the Heroku source's inventory (or any
 * plain object of the same shape) can be passed without this module importing from `sources`.
 *
 * Rules (docs/references.md#hours-per-month):
 * - A dyno's or add-on's monthly price is a cap: Heroku prorates "to the second" at
 *   monthly / 720 an hour (the Heroku CLI's conversion) and never bills more than the monthly
 *   price for one calendar month. A whole UTC day therefore costs monthly / 30, and an item's
 *   accrual in one calendar month stops at its monthly price (day 31 of a month it ran every day
 *   is free; February costs 28/30 of the cap).
 * - Contract-priced items (`billed_price.contract`) and items without a price are never counted as
 *   $0: they are listed apart, with the reason.
 * - Everything is integer arithmetic: run-rates in cents, period costs in thirtieths of a cent
 *   (one day of a 1-cent-a-month item), rounded half up to cents once, at the end.
 */
import { dayOfMs, utcDayMs } from './utc-days';

/** One process type of an app's formation, priced per dyno per month. */
interface RunRateFormation {
  type: string;
  quantity: number;
  /** Dyno size, lower case: `standard-2x`. */
  size: string;
  /** Monthly price of one dyno of this size in cents, or null when nobody knows it. */
  monthlyCents: number | null;
}

/** One add-on as billed. */
interface RunRateAddOn {
  id: string;
  service: string;
  /** Plan without the service prefix: `standard-0`. */
  plan: string;
  /** Monthly price in cents; null when contract-priced or unknown. */
  monthlyCents: number | null;
  contract: boolean;
  /** The unit Heroku bills the add-on in when it is not `month` (then monthlyCents is null). */
  priceUnit?: string | null;
}

export interface RunRateApp {
  name: string;
  team: { name: string } | null;
  formation: readonly RunRateFormation[];
  addOns: readonly RunRateAddOn[];
}

type RunRateItemKind = 'dyno' | 'addon';

interface RunRateLine {
  app: string;
  kind: RunRateItemKind;
  /** `web: standard-2x` or `heroku-postgresql:standard-0`. */
  item: string;
  quantity: number;
  unitMonthlyCents: number;
  monthlyCents: number;
}

/** An item left out of the total, and why. Never a silent $0. */
interface RunRateExclusion {
  app: string;
  kind: RunRateItemKind;
  item: string;
  quantity: number;
  reason: string;
}

interface AppRunRate {
  app: string;
  team: string | null;
  monthlyCents: number;
  lines: RunRateLine[];
}

export interface HerokuRunRate {
  /** Sum of every priced line, exact. Excludes contract-priced and unpriced items. */
  totalMonthlyCents: number;
  apps: AppRunRate[];
  contractPriced: RunRateExclusion[];
  unpriced: RunRateExclusion[];
}

const dynoItem = (formation: RunRateFormation) => `${formation.type}: ${formation.size}`;

/**
 * Eco is not priced per dyno: one flat fee a month buys the whole account a pool of Eco dyno-hours
 * (docs/references.md#heroku-prices-and-plans), so a dyno's share of it is unknowable here. A per-dyno
 * price (the catalog's pool fee, or the API's) would count the fee once per dyno: listed apart instead.
 */
const ECO_POOL_REASON =
  'Eco dynos share one flat monthly fee for the whole account (a pool of dyno-hours), not a price per dyno';

/** The formation's price per dyno, or why there is none. */
function dynoPrice(formation: RunRateFormation): { cents: number } | { reason: string } {
  if (formation.size === 'eco') return { reason: ECO_POOL_REASON };
  if (formation.monthlyCents === null) return { reason: `no price for dyno size ${formation.size}` };
  return { cents: formation.monthlyCents };
}
const addOnItem = (addOn: RunRateAddOn) => `${addOn.service}:${addOn.plan}`;

function addOnExclusionReason(addOn: RunRateAddOn): string {
  if (addOn.contract) return 'contract price: negotiated outside monthly add-on billing, so the API gives no figure';
  if (addOn.priceUnit && addOn.priceUnit !== 'month') return `billed per ${addOn.priceUnit}, not per month`;
  return 'Heroku returned no billed price for this add-on';
}

function assertCents(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be whole, non-negative cents`);
  return value;
}

/** What today's formation and add-ons cost a month: per app, in total, exact to the cent. */
export function herokuRunRate(apps: readonly RunRateApp[]): HerokuRunRate {
  const contractPriced: RunRateExclusion[] = [];
  const unpriced: RunRateExclusion[] = [];
  let total = 0;
  const perApp = apps.map((app): AppRunRate => {
    const lines: RunRateLine[] = [];
    for (const formation of app.formation) {
      if (formation.quantity <= 0) continue;
      const item = dynoItem(formation);
      const price = dynoPrice(formation);
      if ('reason' in price) {
        unpriced.push({
          app: app.name,
          kind: 'dyno',
          item,
          quantity: formation.quantity,
          reason: formation.size === 'eco' ? price.reason : `${price.reason} from the API or the price catalog`,
        });
        continue;
      }
      const unit = assertCents(price.cents, `price of ${item}`);
      lines.push({
        app: app.name,
        kind: 'dyno',
        item,
        quantity: formation.quantity,
        unitMonthlyCents: unit,
        monthlyCents: unit * formation.quantity,
      });
    }
    for (const addOn of app.addOns) {
      const item = addOnItem(addOn);
      if (addOn.contract || addOn.monthlyCents === null) {
        (addOn.contract ? contractPriced : unpriced).push({
          app: app.name,
          kind: 'addon',
          item,
          quantity: 1,
          reason: addOnExclusionReason(addOn),
        });
        continue;
      }
      const unit = assertCents(addOn.monthlyCents, `price of ${item}`);
      lines.push({ app: app.name, kind: 'addon', item, quantity: 1, unitMonthlyCents: unit, monthlyCents: unit });
    }
    const monthlyCents = lines.reduce((sum, line) => sum + line.monthlyCents, 0);
    total += monthlyCents;
    return { app: app.name, team: app.team?.name ?? null, monthlyCents, lines };
  });
  if (!Number.isSafeInteger(total)) throw new RangeError('run-rate total is too large to add exactly');
  return { totalMonthlyCents: total, apps: perApp, contractPriced, unpriced };
}

// ---------------------------------------------------------------------------------------------
// Daily snapshots and the cost of what actually ran

/** One billable thing in an app on one UTC day, with the price it had that day. */
export interface SnapshotItem {
  kind: RunRateItemKind;
  /** Stable identity for the monthly cap: `web:standard-2x`, or the add-on id and plan. */
  key: string;
  item: string;
  quantity: number;
  /** Monthly price of one unit in cents; null when contract-priced or unknown. */
  unitMonthlyCents: number | null;
  contract: boolean;
  /** Why it is unpriced, when it is. */
  reason?: string;
}

/** `data` of a store HerokuSnapshot row. */
export interface HerokuSnapshotData {
  v: 1;
  team: string | null;
  items: SnapshotItem[];
}

/** The snapshot content for one app: its formation and add-ons with the prices of the day. */
export function snapshotData(app: RunRateApp): HerokuSnapshotData {
  const items: SnapshotItem[] = [];
  for (const formation of app.formation) {
    if (formation.quantity <= 0) continue;
    const price = dynoPrice(formation);
    items.push({
      kind: 'dyno',
      key: `dyno:${formation.type}:${formation.size}`,
      item: dynoItem(formation),
      quantity: formation.quantity,
      unitMonthlyCents: 'cents' in price ? price.cents : null,
      contract: false,
      ...('reason' in price ? { reason: price.reason } : {}),
    });
  }
  for (const addOn of app.addOns) {
    const priced = !addOn.contract && addOn.monthlyCents !== null;
    items.push({
      kind: 'addon',
      key: `addon:${addOn.id}:${addOn.plan}`,
      item: addOnItem(addOn),
      quantity: 1,
      unitMonthlyCents: priced ? addOn.monthlyCents : null,
      contract: addOn.contract,
      ...(priced ? {} : { reason: addOnExclusionReason(addOn) }),
    });
  }
  return { v: 1, team: app.team?.name ?? null, items };
}

export interface SnapshotRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  app: string;
  data: unknown;
}

/**
 * An app a day's snapshot was written without: no stored snapshot had ever had it (it had never been
 * read), so the day without it is no drop. Kept with the day's run, with Heroku's answer.
 */
export interface SnapshotLeftOut {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  app: string;
  /** Heroku's answer, in plain words, already cleaned of secrets. */
  reason: string;
  /** The app's team, when Heroku listed it in one. */
  team?: string;
}

/** An app some covered days of a period do not count, because it had never been read then. */
export interface AppLeftOut {
  app: string;
  team?: string;
  /** Heroku's answer on the latest of those days. */
  reason: string;
  /** The covered days of the period without it, in order. */
  days: string[];
  /** The first day of the period it is counted (read since), when it is. */
  countedFrom?: string;
}

export interface PeriodExclusion {
  app: string;
  kind: RunRateItemKind;
  item: string;
  reason: string;
  /** Days in the period the item was seen. */
  days: number;
}

export interface AppPeriodCost {
  app: string;
  team: string | null;
  /** Exact cost in thirtieths of a cent. */
  thirtiethsOfCent: number;
  /** Rounded half up, for display; the total is rounded from the exact sum, not from these. */
  cents: number;
}

export interface HerokuPeriodCost {
  fromDay: string;
  /** Exclusive. */
  toDay: string;
  /** The exact sum, rounded half up to a cent once. */
  totalCents: number;
  /** The exact sum: 1/30 of a cent is one day of a 1-cent-a-month item. */
  totalThirtiethsOfCent: number;
  apps: AppPeriodCost[];
  /** Contract-priced and unpriced items, left out of the total. */
  excluded: PeriodExclusion[];
  /** Exact cost per covered day of the period, thirtieths of a cent: the total is their sum. */
  byDay: Record<string, number>;
  /** Days of the period with at least one snapshot. */
  daysCovered: string[];
  /** Days of the period without any snapshot: not integrated, so the total may be low. */
  daysMissing: string[];
  /** Snapshot rows whose data was not understood (skipped). */
  unreadable: { day: string; app: string }[];
  /** Apps covered days were written without, never read then: not in the total on those days. */
  leftOut: AppLeftOut[];
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of a day's UTC midnight. */
function parseDay(day: string, what: string): number {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`${what} must be a UTC day YYYY-MM-DD, got "${day}"`);
  const ms = utcDayMs(day);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a real day: "${day}"`);
  return ms;
}

/** The days d with fromDay <= d < toDay. */
export function utcDays(fromDay: string, toDay: string): string[] {
  const to = parseDay(toDay, 'toDay');
  const days: string[] = [];
  for (let ms = parseDay(fromDay, 'fromDay'); ms < to; ms += 86_400_000) days.push(dayOfMs(ms));
  return days;
}

/** The first day of fromDay's month: pass snapshots from here so the monthly cap is exact. */
export function monthStart(day: string): string {
  parseDay(day, 'day');
  return `${day.slice(0, 7)}-01`;
}
