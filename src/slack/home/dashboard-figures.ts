/**
 * What the lead dashboard shows, taken from a `Digest` and already formatted: plain JSON, so it can
 * be kept in the store cache and shown again without re-reading AWS or Heroku. Pure.
 */

import { countedSpan, dailyRateBasis, modelledMethod, unfinishedDayNote } from '../../core/digest';
import { groupMovers } from '../../core/digest/mover-groups';
import type { Digest, DigestParity, PlatformId, PlatformSection, UnfinishedDay } from '../../core/digest/types';
import { formatUsd, fromCents, type Money, toCents } from '../../core/money';
import { signedUsd } from '../../core/spend/movers';
import { monthLabel, rangeLabel } from '../period-labels';
import type { HomeChart } from './home-chart';
import { sparkline } from './sparkline';

/** Under Home's "Change on the week before" label: `not compared (1 day of last week has no snapshot)`. */
const notCompared = (why: string): string => `not compared (${why})`;

/** Bump when the shape changes: an older cached value is then ignored, never misread. */
const FIGURES_VERSION = 6;

export interface PlatformFigures {
  platform: PlatformId;
  name: string;
  status: 'ok';
  /** `November 2026`. */
  month: string;
  monthToDate: string;
  /** `1–22 Nov` (UTC days). */
  monthRange: string;
  forecast?: string;
  forecastNote: string;
  lastWeek: string;
  /** `+$20.00 (+6.7%)` against the week before. */
  change: string;
  weeks: { label: string; total: string; daysMissing: number }[];
  /** Figures are today's run-rate: no daily snapshots cover last week yet. */
  runRate?: boolean;
  /** The forecast was cut to what a month can cost. */
  forecastCapped?: boolean;
  /** The 28 daily costs as a sparkline (· = no data). */
  daily: string;
  /** The four weekly totals as a sparkline. */
  weekly: string;
  top: { name: string; cost: string }[];
  movers: { name: string; change: string }[];
  translation?: {
    to: string;
    modelledWeekly: string;
    /** `$35.97–$41.82`: the cheapest and dearest of the three tiers, a week. */
    range?: string;
    differenceWeekly: string;
    differenceYearly: string;
    /** Moving would save money (the difference is negative). */
    saves: boolean;
    /** What the difference is set against when last week is not whole: `Mon–Sat’s daily rate`. */
    against?: string;
    notes: string[];
  };
  estimated: boolean;
  basis: string[];
  /** Apps a figure shown leaves out because they could not be read (the digest's words). */
  leftOut?: string;
  /** Contract-priced or unpriced items (a Space's fee, a Shield plan) the figures leave out, never as $0. */
  notCounted?: number;
}

export interface PlatformOff {
  platform: PlatformId;
  name: string;
  status: 'off' | 'failed';
  reason: string;
}

/** Both platforms together, when both were read: the same periods, summed from the figures shown. */
interface CombinedFigures {
  /** The days the month to date covers (`1–22 Nov`, `no whole day yet`), each platform's when they differ. */
  monthRange: string;
  monthToDate: string;
  /** Only when both platforms have a forecast. */
  forecast?: string;
  lastWeek: string;
  change: string;
}

export interface DashboardFigures {
  version: typeof FIGURES_VERSION;
  combined?: CombinedFigures;
  /** The digest week: `Mon 16 – Sun 22 Nov 2026`. */
  weekLabel: string;
  /** `, Mon–Sat` while the week's Sunday is not over in UTC, after every weekly figure's label; `''` otherwise. */
  weekSpan: string;
  /** Why the weeks count Monday to Saturday, and until when; absent once the week's Sunday is over in UTC. */
  unfinishedDayNote?: string;
  timezone: string;
  verdict: string;
  platforms: (PlatformFigures | PlatformOff)[];
  posture: { framework: string; summary: string; gaps: number }[];
  /** Staging against production per Heroku pipeline, in lines; absent when Heroku is off or has no pipelines. */
  parity?: DigestParity;
  about: string[];
  /**
   * `Modelled costs: list prices from sources dated 2024-02-01 to 2026-10-02, infrastructure only …`:
   * what the modelled figures are; absent when nothing was modelled.
   */
  modelledPrices?: string;
  /** ISO time the figures were gathered. */
  generatedAt: string;
  /** Today's daily-cost chart, drawn once a day and shared with each lead (src/slack/home/home-chart.ts). */
  chart?: HomeChart;
}

const PLATFORM_NAMES: Record<PlatformId, string> = { aws: 'AWS', heroku: 'Heroku' };

function platformFigures(
  section: PlatformSection,
  unfinished: UnfinishedDay | undefined,
): PlatformFigures | PlatformOff {
  const name = PLATFORM_NAMES[section.platform];
  if (section.status !== 'ok')
    return { platform: section.platform, name, status: section.status, reason: section.reason };
  const percent =
    section.changePercent === undefined
      ? ''
      : ` (${section.changePercent > 0 ? '+' : ''}${section.changePercent.toFixed(1)}%)`;
  const translation = section.translation;
  const against = translation && dailyRateBasis(translation, unfinished);
  return {
    platform: section.platform,
    name,
    status: 'ok',
    month: monthLabel(section.month),
    monthToDate: formatUsd(section.monthToDate),
    monthRange: rangeLabel(section.monthToDateRange),
    ...(section.forecastMonth ? { forecast: formatUsd(section.forecastMonth) } : {}),
    ...(section.runRate ? { runRate: true } : {}),
    ...(section.forecastCapped ? { forecastCapped: true } : {}),
    forecastNote: section.forecastNote,
    lastWeek: formatUsd(section.lastWeek),
    change: section.notCompared ? notCompared(section.notCompared) : `${signedUsd(section.change)}${percent}`,
    weeks: section.weeks.map((week) => ({
      label: week.week.label,
      total: formatUsd(week.total),
      daysMissing: week.daysMissing,
    })),
    daily: sparkline(section.daily),
    weekly: sparkline(section.weeks.map((week) => week.total.toNumber())),
    top: section.top.map((item) => ({ name: item.name, cost: formatUsd(item.cost) })),
    movers: groupMovers(section.movers, 3).map((group) => ({
      name:
        group.names.length === 1
          ? group.names[0]!
          : `${group.names.length} ${section.platform === 'aws' ? 'services' : 'apps'}`,
      change: `${signedUsd(group.change)}${group.names.length === 1 ? '' : ' each'}`,
    })),
    ...(translation
      ? {
          translation: {
            to: PLATFORM_NAMES[translation.to],
            modelledWeekly: formatUsd(translation.modelledWeekly),
            ...(translation.range
              ? { range: `${formatUsd(translation.range.low)}–${formatUsd(translation.range.high)}` }
              : {}),
            differenceWeekly: signedUsd(translation.differenceWeekly),
            differenceYearly: signedUsd(translation.differenceYearly),
            saves: translation.differenceWeekly.isNegative(),
            ...(against ? { against } : {}),
            notes: [...translation.notes],
          },
        }
      : {}),
    estimated: section.estimated,
    basis: [...section.basis],
    ...(section.leftOut ? { leftOut: section.leftOut } : {}),
    ...(section.notCounted ? { notCounted: section.notCounted } : {}),
  };
}

/** Totals of both platforms, rounded per platform first, so the sum equals the figures beside it. */
function combinedFigures(digest: Digest): CombinedFigures | undefined {
  const { aws, heroku } = digest;
  if (aws.status !== 'ok' || heroku.status !== 'ok') return undefined;
  const sum = (a: Money, b: Money) => fromCents(toCents(a) + toCents(b));
  const lastWeek = sum(aws.lastWeek, heroku.lastWeek);
  const before = sum(aws.lastWeek.minus(aws.change), heroku.lastWeek.minus(heroku.change));
  const change = lastWeek.minus(before);
  const notComparedYet = [aws, heroku].flatMap((p) =>
    p.notCompared ? [`${PLATFORM_NAMES[p.platform]}: ${p.notCompared}`] : [],
  );
  const percent = before.isZero()
    ? ''
    : ` (${change.div(before).times(100).toDecimalPlaces(1).toNumber() > 0 ? '+' : ''}${change.div(before).times(100).toFixed(1)}%)`;
  const [awsDays, herokuDays] = [rangeLabel(aws.monthToDateRange), rangeLabel(heroku.monthToDateRange)];
  return {
    monthRange: awsDays === herokuDays ? awsDays : `AWS ${awsDays}; Heroku ${herokuDays}`,
    monthToDate: formatUsd(sum(aws.monthToDate, heroku.monthToDate)),
    ...(aws.forecastMonth && heroku.forecastMonth
      ? { forecast: formatUsd(sum(aws.forecastMonth, heroku.forecastMonth)) }
      : {}),
    lastWeek: formatUsd(lastWeek),
    change: notComparedYet.length
      ? notCompared(notComparedYet.join('; '))
      : `${signedUsd(change)}${heroku.runRate ? '' : percent}`,
  };
}

export function dashboardFigures(digest: Digest): DashboardFigures {
  const combined = combinedFigures(digest);
  return {
    version: FIGURES_VERSION,
    ...(combined ? { combined } : {}),
    weekLabel: digest.week.label,
    weekSpan: countedSpan(digest.unfinishedDay),
    ...(digest.unfinishedDay ? { unfinishedDayNote: unfinishedDayNote(digest.unfinishedDay) } : {}),
    timezone: digest.week.timezone,
    verdict: digest.verdict,
    platforms: [
      platformFigures(digest.aws, digest.unfinishedDay),
      platformFigures(digest.heroku, digest.unfinishedDay),
    ],
    posture: digest.posture.map((line) => ({ framework: line.framework, summary: line.summary, gaps: line.gaps })),
    ...(digest.parity ? { parity: digest.parity } : {}),
    about: [...digest.about],
    ...(digest.priceDates ? { modelledPrices: modelledMethod(digest.priceDates) } : {}),
    generatedAt: digest.generatedAt.toISOString(),
  };
}

/** A cached value this version can show; anything else (older shape, hand-edited) is ignored. */
export function isDashboardFigures(value: unknown): value is DashboardFigures {
  const figures = value as Partial<DashboardFigures> | null;
  return (
    typeof figures === 'object' &&
    figures !== null &&
    figures.version === FIGURES_VERSION &&
    Array.isArray(figures.platforms) &&
    Array.isArray(figures.posture) &&
    Array.isArray(figures.about)
  );
}

/** Some platform could not be read: the figures are worth retrying sooner. */
export const hasFailure = (figures: DashboardFigures) => figures.platforms.some((p) => p.status === 'failed');
