/**
 * The weekly digest as plain values: what `buildDigest` computes from fetched spend, snapshots and
 * models, and what the Slack digest message and the App Home dashboard render. Money is Decimal
 * (exact); every figure says its period and whether it is actual, estimated or modelled.
 */
import type { Money } from '../money';
import type { PriceDates } from '../price-dates';
import type { MoverRow } from '../spend/movers';

export type PlatformId = 'aws' | 'heroku';

/** A complete week, Monday to Sunday, in the digest's time zone. */
export interface DigestWeek {
  /** ISO week: `2026-W47`. Also the digest run's period key. */
  id: string;
  /** Monday, YYYY-MM-DD. */
  start: string;
  /** The Monday after: exclusive. */
  end: string;
  /** `Mon 16 – Sun 22 Nov 2026`. */
  label: string;
  timezone: string;
}

/** The digest week's Sunday while it is not over in UTC (src/core/digest/unfinished-day.ts). */
export interface UnfinishedDay {
  /** YYYY-MM-DD. */
  day: string;
  /** The UTC midnight that ends it. */
  overAt: Date;
  /** The digest's time zone, where the week has already ended. */
  timezone: string;
}

export interface WeekTotal {
  week: DigestWeek;
  total: Money;
  /** Days of the week without data (Heroku snapshots missing, Cost Explorer gaps). */
  daysMissing: number;
}

/** A service or app whose cost changed between two weeks. */
export type Mover = MoverRow;

/** Modelled cost of this platform's workload on the other platform. */
export interface Translation {
  /** The other platform. */
  to: PlatformId;
  /** Modelled infrastructure cost for one week on `to`, list prices. */
  modelledWeekly: Money;
  /** modelled − actual last week: negative means moving would save. */
  differenceWeekly: Money;
  /** differenceWeekly × 52. */
  differenceYearly: Money;
  /** What the model could not price or cover (never counted as $0). */
  notes: string[];
  /** The cheapest and dearest way to run it there, per week, when the model gives several (tiers). */
  range?: { low: Money; high: Money };
  /** The days of last week the actual figure counts, when not all seven: the difference is against their daily rate. */
  daysCompared?: number;
}

export interface PlatformDigest {
  platform: PlatformId;
  status: 'ok';
  /** Actual cost of the digest week (Monday to Saturday while `Digest.unfinishedDay` is set). */
  lastWeek: Money;
  /** The four weeks up to and including the digest week, oldest first. */
  weeks: WeekTotal[];
  /** lastWeek − the week before. */
  change: Money;
  /** Percent change vs the week before; undefined when the week before was zero. */
  changePercent?: number;
  /**
   * Set when last week or the week before misses days (no snapshot, no Cost Explorer figures): which,
   * in words. The weeks are then not compared: `change` is zero and there are no movers.
   */
  notCompared?: string;
  /** Biggest changes, week on week: services (AWS) or apps (Heroku). */
  movers: Mover[];
  /** Largest items last week. */
  top: { name: string; cost: Money }[];
  /** Cost per UTC day over the four weeks, cents (null: no data that day). */
  daily: (number | null)[];
  monthToDate: Money;
  /** Month the month-to-date figure covers, YYYY-MM, and the days it covers (UTC, end exclusive). */
  month: string;
  monthToDateRange: { start: string; end: string };
  /** Projected month total (month to date + forecast rest); undefined with the reason when none. */
  forecastMonth?: Money;
  forecastNote: string;
  /** The projection was cut to what a month can cost (Heroku's monthly prices are caps). */
  forecastCapped?: boolean;
  /**
   * No daily snapshots cover the week yet (the first weeks after install): last week, month to date
   * and the forecast come from today's run-rate, and say so.
   */
  runRate?: boolean;
  translation?: Translation;
  /**
   * Contract-priced or unpriced items these figures leave out (never as $0): the actual cost is at
   * least what is shown, so the verdict cannot call this platform the cheaper one on these figures.
   */
  notCounted?: number;
  /** Any figure still provisional (Cost Explorer `Estimated`, Heroku snapshot-derived). */
  estimated: boolean;
  /** How the figures were made: metric, snapshot basis, freshness. */
  basis: string[];
  /**
   * Apps the live read left out, in a sentence: which figures shown miss them (the run-rate, a
   * forecast from it), and that the account is not modelled on the other platform this week.
   */
  leftOut?: string;
}

export interface PlatformUnavailable {
  platform: PlatformId;
  status: 'off' | 'failed';
  /** Plain words: why there are no figures, and what to do. */
  reason: string;
}

export type PlatformSection = PlatformDigest | PlatformUnavailable;

export interface PostureLine {
  /** `HIPAA`, `PCI DSS v4.0.1`. */
  framework: string;
  /** `Heroku: 9 met, 2 gaps, 4 to verify · AWS: …`. */
  summary: string;
  gaps: number;
}

/** Staging against production per Heroku pipeline, in a line each (`/hosting parity` has the details). */
export interface DigestParity {
  /** One line per pipeline with risks: `shop: 4 risks (stack, …); staging costs 58.5% of production (…)`. */
  risky: string[];
  /** Pipelines whose staging differs only in cost choices, or not at all. */
  withoutRisks: string[];
  /** Pipelines without a readable staging or production app. */
  notCompared: string[];
  /** Why the pipelines could not be read. */
  problem?: string;
}

/**
 * Why spend moved between the week before and last week, in words, per platform: Heroku's formation,
 * add-on and app changes day by day, priced; the AWS services and usage types that moved most.
 * A platform without figures has no entry; an empty list means nothing the bot holds explains it.
 */
export interface DigestWhy {
  heroku?: string[];
  aws?: string[];
}

export interface Digest {
  week: DigestWeek;
  /**
   * Set while the week's Sunday is not over in UTC: then every week's figures count Monday to
   * Saturday (trend, change, movers, why), and the modelled comparisons use those days' daily rate.
   */
  unfinishedDay?: UnfinishedDay;
  /** The four weeks the trend and chart cover, oldest first. */
  weeks: DigestWeek[];
  /** The 28 UTC days of the chart, oldest first. */
  days: string[];
  aws: PlatformSection;
  heroku: PlatformSection;
  /** One line: which way the money points. */
  verdict: string;
  posture: PostureLine[];
  /** Undefined when Heroku is off or has no pipelines. */
  parity?: DigestParity;
  /** Undefined when it was not asked for (the App Home dashboard does not show it). */
  why?: DigestWhy;
  /** What the figures are: metric, estimated or final, the modelled prices' dates, Cost Explorer requests. */
  about: string[];
  /**
   * The oldest and newest dates of the sources the modelled figures shown were priced from (both
   * platforms); undefined when nothing was modelled.
   */
  priceDates?: PriceDates;
  generatedAt: Date;
}
