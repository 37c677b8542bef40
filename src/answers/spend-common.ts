/**
 * What a spend answer is made of (plain data, no Slack markup) and the wording every answer that
 * reads live spend shares: the "off" texts, how old a figure is, a failure in plain words.
 */

import { freshnessLabel } from '../core/freshness';
import { usd } from '../core/money';
import type { Catalog } from '../core/pricing';
import type { SpendLine } from '../core/spend/rows';
import { utcMidnight } from '../core/utc-days';
import type { Sources } from '../sources/connect-sources';
import { type Fetched, SourceError } from '../sources/source-error';
import type { Store } from '../store/store';

/** One platform's spend for the period asked, or why there is none. */
export interface PlatformSpend {
  platform: 'aws' | 'heroku';
  name: 'AWS' | 'Heroku';
  status: 'ok' | 'off' | 'failed';
  /** Why it is off or failed, with what to do. */
  problem?: string;
  figures?: PlatformFigures;
}

export interface PlatformFigures {
  /** The period's cost before credits: the sum of `lines` (and of `allLines`). */
  grossCents: number;
  /** After credits and refunds (AWS); Heroku reports none, so it equals gross there. */
  netCents: number;
  /** Credits and refunds, negative as AWS reports them. */
  creditsCents: number;
  /** What the figure is, in plain words: `cost before credits, from Cost Explorer`. */
  measure: string;
  /** Set when the figure may still change or is modelled: why. */
  estimated?: string;
  /** Today's run-rate stands in for the period (no daily snapshot covers it). */
  runRate?: boolean;
  /** What the lines are: `service`, `app`, `tag team`. */
  grouping: string;
  /** Set when the lines are not grouped as asked (Heroku has only apps): why, in a sentence. */
  groupingNote?: string;
  /** The largest groups and one "Other" line: they add up to `grossCents`. */
  lines: SpendLine[];
  /** Every group (and rounding): they add up to `grossCents` too. For the details. */
  allLines: SpendLine[];
  /**
   * Against the period of equal length just before. `over`: the days of this period it counts and
   * their cost, when not all of them (month to date on AWS leaves out today, still being recorded).
   */
  change?: {
    previousCents: number;
    changeCents: number;
    percent?: string;
    range: string;
    over?: { range: string; cents: number };
  };
  /** The rest of the month, when known. */
  forecast?: string;
  /** Biggest changes by group, in words. */
  movers: string[];
  /** Small print shown with the figure: source and date, what is left out. */
  notes: string[];
  /** Only in the details: the exact Cost Explorer metric, request counts, every exclusion. */
  details: string[];
}

export interface SpendReport {
  /** `29 Nov – 5 Dec 2026 (7 days)`: both ends included, UTC days. */
  period: string;
  /** The same period as UTC days, YYYY-MM-DD, both included. */
  dates: { first: string; last: string };
  /** The words of the request, to ask the same again (the Details button). */
  words: string;
  /** The UTC day the period was reckoned from, so the Details button shows the same days later on. */
  day: string;
  title: string;
  platforms: PlatformSpend[];
  /** Both platforms' figures for the same period, when both have them. */
  together?: { grossCents: number; netCents: number; estimated: boolean };
}

export const reportHasFigures = (report: SpendReport): boolean => report.platforms.some((p) => p.figures);
export const reportFailed = (report: SpendReport): boolean => report.platforms.some((p) => p.status === 'failed');

export interface SpendContext {
  sources: Sources;
  store: Pick<Store, 'snapshots' | 'snapshotsVersion' | 'snapshotsLeftOut'>;
  catalog: Catalog;
  now: Date;
  /** The UTC day to reckon the period from (a Details button pressed later); today when unset. */
  periodDay?: string;
  /** Where unexpected (non-SourceError) failures are logged. */
  log?: (message: string, error: unknown) => void;
}

/** Groups shown before "Other". */
export const MAX_ROWS = 5;

export const AWS_OFF =
  'AWS spend is off: set AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) for an identity allowed ce:GetCostAndUsage and ce:GetCostForecast, then restart. See README, "Configuration".';
export const HEROKU_OFF =
  'Heroku spend is off: set HEROKU_API_TOKEN (a read-only token: `heroku authorizations:create --scope read`), then restart. See README, "Configuration".';

/** `as of …`, cached or stale, for any fetched answer. */
export function freshness(fetched: Fetched<unknown>): string {
  return freshnessLabel({
    asOf: fetched.asOf,
    fromCache: fetched.fromCache,
    staleBecause: fetched.staleBecause?.message,
  });
}

/** Plain words for a failed read; anything but a SourceError is logged and summarised. */
export function failureMessage(error: unknown, what: string, log: SpendContext['log']): string {
  if (error instanceof SourceError) return error.message;
  log?.(`${what} failed unexpectedly`, error);
  return `${what} failed unexpectedly; the error is in Hosting Advisor's log.`;
}

/** `+17.8%`, or undefined when there was nothing before to compare with. */
export function percentChange(changeCents: number, previousCents: number): string | undefined {
  if (previousCents === 0) return undefined;
  const p = usd(changeCents).dividedBy(Math.abs(previousCents)).times(100).toDecimalPlaces(1);
  return `${p.isNegative() ? '' : '+'}${p.toFixed(1)}%`;
}

/** `{ key: value }`, or nothing when the value is undefined (for optional properties). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `2026-12-06` → `December`. */
export const monthName = (day: string): string => utcMidnight(day).setLocale('en-US').toFormat('LLLL');
