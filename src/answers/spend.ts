/**
 * The answer to "what are we spending?": fetches spend from the configured sources and turns it
 * into a SpendReport of plain lines (no Slack markup). `/hosting spend` and
 * `npx hosting-advisor spend` render the same report. One platform failing never hides the other.
 */

import { freshnessLabel } from '../core/freshness';
import { formatUsd, fromCents, type Money, toCents, usd } from '../core/money';
import type { Catalog } from '../core/pricing';
import { describeGrouping, rangeLabel, type SpendPeriod, type SpendRequest, spendPeriod } from '../core/spend/request';
import { type AwsSpendSummary, summariseAws } from '../core/spend/summary';
import type { AwsSpendSource, SpendGroupBy } from '../sources/aws';
import type { Sources } from '../sources/connect-sources';
import type { HerokuSource } from '../sources/heroku';
import { inventoryOnAwsSteps } from '../sources/heroku';
import { type Fetched, SourceError } from '../sources/source-error';
import { inSlices } from './in-slices';

/** One platform's part of a spend answer. */
export interface SpendSection {
  heading: string;
  /** The section's total, shown first and emphasised: `figure` is the amount, `text` what it is. */
  headline?: {
    figure: string;
    text: string;
    /** Set when the figure is not final yet: why (shown after an emphasised "estimated"). */
    estimated?: string;
  };
  /** Further lines; list items start with `• `. */
  lines: string[];
  /** Small print: metric, as of, cached/stale, estimated. */
  notes: string[];
  /** True when the platform could not be read (the lines say why). */
  failed: boolean;
  /** True when the section shows cost figures (so the view is audited). */
  hasFigures: boolean;
}

export interface SpendReport {
  title: string;
  sections: SpendSection[];
}

export const reportHasFigures = (report: SpendReport): boolean => report.sections.some((s) => s.hasFigures);
export const reportFailed = (report: SpendReport): boolean => report.sections.some((s) => s.failed);

export interface SpendContext {
  sources: Sources;
  catalog: Catalog;
  now: Date;
  /** Where unexpected (non-SourceError) failures are logged. */
  log?: (message: string, error: unknown) => void;
}

const MAX_ROWS = 5;

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

function signed(amount: Money): string {
  return amount.isNegative() ? formatUsd(amount) : `+${formatUsd(amount)}`;
}

function percent(summary: AwsSpendSummary): string {
  if (!summary.changePercent) return 'no spend in the previous period';
  const p = summary.changePercent.toDecimalPlaces(1);
  return `${p.isNegative() ? '' : '+'}${p.toFixed(1)}%`;
}

/** Plain words for a failed read; anything but a SourceError is logged and summarised. */
export function failureMessage(error: unknown, what: string, log: SpendContext['log']): string {
  if (error instanceof SourceError) return error.message;
  log?.(`${what} failed unexpectedly`, error);
  return `${what} failed unexpectedly; the error is in Hosting Advisor's log.`;
}

function awsGroupBy(request: SpendRequest): { groupBy: SpendGroupBy; note?: string } {
  if (request.groupBy === 'app') {
    return {
      groupBy: 'service',
      note: 'AWS has no apps: grouped by service (use `by tag:KEY` for an application tag).',
    };
  }
  return { groupBy: request.groupBy };
}

async function awsSection(
  aws: AwsSpendSource,
  request: SpendRequest,
  period: SpendPeriod,
  context: SpendContext,
): Promise<SpendSection> {
  const heading = 'AWS (Cost Explorer)';
  const { groupBy, note } = awsGroupBy(request);
  let current: Awaited<ReturnType<AwsSpendSource['dailyCost']>>;
  let previous: Awaited<ReturnType<AwsSpendSource['dailyCost']>>;
  try {
    current = await aws.dailyCost({ start: period.start, end: period.end, groupBy });
    previous = await aws.dailyCost({ start: period.previous.start, end: period.previous.end, groupBy });
  } catch (error) {
    return {
      heading,
      lines: [`Could not read AWS spend: ${failureMessage(error, 'Reading AWS spend', context.log)}`],
      notes: [],
      failed: true,
      hasFigures: false,
    };
  }
  const summary = summariseAws(current.value, previous.value, MAX_ROWS);
  // Rows that would read $0.00 say nothing.
  summary.top = summary.top.filter((row) => toCents(row.current) !== 0);
  summary.movers = summary.movers.filter((row) => toCents(row.change) !== 0);
  const metric = summary.metric;
  const headline = summary.estimated
    ? { figure: formatUsd(summary.total), text: `${metric}, ${period.label}`, estimated: 'AWS may still revise it' }
    : { figure: formatUsd(summary.total), text: `${metric}, ${period.label} — final` };
  const lines = [
    `vs ${formatUsd(summary.previousTotal)} in the previous period (${rangeLabel(period.previous)}): ${signed(summary.change)} (${percent(summary)})`,
    `Credits and refunds (not netted above): ${formatUsd(summary.credits)}`,
  ];
  const grouping = describeGrouping(groupBy);
  if (summary.top.length > 0) {
    lines.push(`Top by ${grouping}:`);
    for (const row of summary.top) lines.push(`• ${row.label}: ${formatUsd(row.current)}`);
  }
  if (summary.movers.length > 0) {
    lines.push(`Biggest changes by ${grouping}:`);
    for (const row of summary.movers) {
      lines.push(`• ${row.label}: ${signed(row.change)} (${formatUsd(row.previous)} → ${formatUsd(row.current)})`);
    }
  }
  const notes: string[] = [];
  try {
    const forecast = await aws.forecast(period.restOfMonth);
    if (forecast.value.available) {
      const range =
        forecast.value.lower && forecast.value.upper
          ? ` (${forecast.value.predictionIntervalLevel}% range ${formatUsd(usd(forecast.value.lower))}–${formatUsd(usd(forecast.value.upper))})`
          : '';
      lines.push(
        `Forecast ${rangeLabel(period.restOfMonth)} (rest of the month): ${formatUsd(usd(forecast.value.total))} ${forecast.value.metric}${range}, ${freshness(forecast)}`,
      );
    } else {
      notes.push(`No forecast to month end: ${forecast.value.reason}`);
    }
  } catch (error) {
    notes.push(`No forecast to month end: ${failureMessage(error, 'The AWS forecast', context.log)}`);
  }
  if (note) notes.push(note);
  if (summary.estimatedDays.length > 0) notes.push(`Estimated days: ${summary.estimatedDays.join(', ')}`);
  notes.push(`Metric ${metric}; UTC days, end exclusive; ${freshness(current)}`);
  const requests = await aws.requestsThisMonth();
  notes.push(
    `Cost Explorer requests this month (${requests.month}): ${requests.requests} = ${formatUsd(requests.cost)} at $0.01 each`,
  );
  return { heading, headline, lines, notes, failed: false, hasFigures: true };
}

async function herokuSection(heroku: HerokuSource, context: SpendContext): Promise<SpendSection> {
  const heading = 'Heroku (current run-rate)';
  let inventory: Awaited<ReturnType<HerokuSource['inventory']>>;
  try {
    inventory = await heroku.inventory();
  } catch (error) {
    return {
      heading,
      lines: [`Could not read Heroku: ${failureMessage(error, 'Reading Heroku', context.log)}`],
      notes: [],
      failed: true,
      hasFigures: false,
    };
  }
  const rate = heroku.runRate(inventory.value);
  const headline = {
    figure: `${formatUsd(fromCents(rate.totalMonthlyCents))}/month`,
    text: `— what today's formation and add-ons cost a month (${rate.apps.length} app${rate.apps.length === 1 ? '' : 's'})`,
  };
  const lines: string[] = [];
  const top = [...rate.apps]
    .filter((app) => app.monthlyCents > 0)
    .sort((a, b) => b.monthlyCents - a.monthlyCents || a.app.localeCompare(b.app));
  if (top.length > 0) {
    lines.push('Top apps:');
    for (const app of top.slice(0, MAX_ROWS))
      lines.push(`• ${app.app}: ${formatUsd(fromCents(app.monthlyCents))}/month`);
    if (top.length > MAX_ROWS) lines.push(`• … and ${top.length - MAX_ROWS} more`);
  }
  const excluded = [
    ...rate.contractPriced.map((e) => ({ ...e, why: 'contract-priced' })),
    ...rate.unpriced.map((e) => ({ ...e, why: 'unpriced' })),
  ];
  if (excluded.length > 0) {
    lines.push(
      `Excluded from the total (${rate.contractPriced.length} contract-priced, ${rate.unpriced.length} unpriced — never counted as $0):`,
    );
    for (const item of excluded.slice(0, MAX_ROWS)) lines.push(`• ${item.app}: ${item.item} — ${item.why}`);
    if (excluded.length > MAX_ROWS) lines.push(`• … and ${excluded.length - MAX_ROWS} more`);
  }
  const notes: string[] = [];
  const onAws = await inSlices(inventoryOnAwsSteps(inventory.value, context.catalog));
  if (onAws.modelled > 0) {
    lines.push(
      `Modelled on AWS (list prices, infrastructure only, ${onAws.tier} tier): ${formatUsd(onAws.monthly)}/month`,
    );
    notes.push(onAws.note);
  }
  notes.push(`Run-rate from Heroku's billed prices; ${freshness(inventory)}`);
  for (const gap of inventory.value.gaps.slice(0, 3)) notes.push(`Not read: ${gap.what} (${gap.reason})`);
  return { heading, headline, lines, notes, failed: false, hasFigures: true };
}

/** Everything the request asks for, each platform independent of the other. */
export async function buildSpendReport(request: SpendRequest, context: SpendContext): Promise<SpendReport> {
  const period = spendPeriod(request.period, context.now);
  const sections = await Promise.all(
    request.platforms.map(async (platform): Promise<SpendSection> => {
      if (platform === 'aws') {
        const aws = context.sources.aws;
        if (!aws) return { heading: 'AWS', lines: [AWS_OFF], notes: [], failed: false, hasFigures: false };
        return awsSection(aws, request, period, context);
      }
      const heroku = context.sources.heroku;
      if (!heroku) return { heading: 'Heroku', lines: [HEROKU_OFF], notes: [], failed: false, hasFigures: false };
      return herokuSection(heroku, context);
    }),
  );
  return {
    title: `Spend: ${request.platforms.map((p) => (p === 'aws' ? 'AWS' : 'Heroku')).join(' and ')}, ${period.label}, by ${describeGrouping(request.groupBy)}`,
    sections,
  };
}
