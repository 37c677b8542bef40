import { z } from 'zod';
import {
  type CostMetric,
  type Forecast,
  forecastOf,
  type QuantityRow,
  type SpendQuery,
} from '../../core/spend/daily-cost';
import type { Steps } from '../../core/steps';
import { inSlices } from '../../in-slices';
import { SourceError } from '../source-error';

/**
 * The parts of Cost Explorer answers the bot reads, checked before anything is summed or cached:
 * an answer that does not fit is a bad response, not a zero. Amounts are strings on the wire and
 * stay strings until Decimal sums them.
 */
const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

const metricValueSchema = z.object({
  Amount: z.string().regex(DECIMAL, 'Amount is not a decimal number'),
  Unit: z.string().optional(),
});

const dayPattern = /^\d{4}-\d{2}-\d{2}/;

/** One bucket (a day or a month) of a GetCostAndUsage page. */
const resultByTimeSchema = z.object({
  TimePeriod: z.object({ Start: z.string().regex(dayPattern), End: z.string().regex(dayPattern) }),
  Total: z.record(z.string(), metricValueSchema).optional(),
  Groups: z
    .array(z.object({ Keys: z.array(z.string()).min(1), Metrics: z.record(z.string(), metricValueSchema) }))
    .optional(),
  Estimated: z.boolean().optional(),
});

export const costAndUsagePageSchema = z.object({
  ResultsByTime: z.array(resultByTimeSchema).optional(),
  DimensionValueAttributes: z
    .array(z.object({ Value: z.string().optional(), Attributes: z.record(z.string(), z.string()).optional() }))
    .optional(),
  NextPageToken: z.string().optional(),
});

type CostAndUsagePage = z.infer<typeof costAndUsagePageSchema>;

/** A page with its buckets still to check, a few at a time (`checkCostAndUsagePage`). */
const pageEnvelopeSchema = costAndUsagePageSchema.extend({ ResultsByTime: z.array(z.unknown()).optional() });

type PageCheck = { ok: true; page: CostAndUsagePage } | { ok: false; issue: string };

/** A page checked against `costAndUsagePageSchema`, a step per bucket. */
function* checkPageSteps(output: unknown): Steps<PageCheck> {
  const envelope = pageEnvelopeSchema.safeParse(output);
  if (!envelope.success) return { ok: false, issue: describeIssue(envelope.error) };
  const { ResultsByTime: buckets, ...rest } = envelope.data;
  if (buckets === undefined) return { ok: true, page: rest };
  const checked: NonNullable<CostAndUsagePage['ResultsByTime']> = [];
  for (const [index, bucket] of buckets.entries()) {
    const parsed = resultByTimeSchema.safeParse(bucket);
    if (!parsed.success) return { ok: false, issue: describeIssue(parsed.error, ['ResultsByTime', index]) };
    checked.push(parsed.data);
    yield;
  }
  return { ok: true, page: { ...rest, ResultsByTime: checked } };
}

/**
 * A GetCostAndUsage page checked against `costAndUsagePageSchema`, bucket by bucket in slices of the
 * event loop (src/in-slices.ts): a month of daily cost by service and usage type is thousands of
 * groups (1.2 MB took 15–20 ms to check at once, while Slack waited for acks).
 */
export function checkCostAndUsagePage(output: unknown): Promise<PageCheck> {
  return inSlices(checkPageSteps(output));
}

/** What is cached for one GetCostAndUsage request: every page, in order, without tokens or metadata. */
export const costAndUsageAnswerSchema = z.object({
  pages: z.array(costAndUsagePageSchema.omit({ NextPageToken: true })),
});

export type CostAndUsageAnswer = z.infer<typeof costAndUsageAnswerSchema>;

/**
 * How a GetCostAndUsage answer is kept in the store: each bucket (a day of every group) as JSON text
 * of its own. Read back whole, a month of daily cost by service and usage type is one parse of a
 * megabyte, with the young generation collected many times inside it (20–30 ms on the bot's
 * thread); bucket by bucket it is many small parses with turns of the event loop between.
 */
interface StoredPage {
  bucketsJson?: string[];
  [field: string]: unknown;
}

/** The answer as the store keeps it: each page's buckets as JSON texts, a step per bucket. */
export function* storedCostAndUsageSteps(answer: CostAndUsageAnswer): Steps<{ pages: StoredPage[] }> {
  const pages: StoredPage[] = [];
  for (const { ResultsByTime: buckets, ...rest } of answer.pages) {
    if (!buckets) {
      pages.push(rest);
      continue;
    }
    const bucketsJson: string[] = [];
    for (const bucket of buckets) {
      bucketsJson.push(JSON.stringify(bucket));
      yield;
    }
    pages.push({ ...rest, bucketsJson });
  }
  return { pages };
}

/** A stored page as Cost Explorer sent it: its buckets parsed, a step per bucket (an older entry is whole already). */
function* pageFromStoreSteps(page: unknown): Steps<unknown> {
  if (!page || typeof page !== 'object' || !('bucketsJson' in page)) return page;
  const { bucketsJson, ...rest } = page as StoredPage;
  if (!Array.isArray(bucketsJson)) return page;
  const buckets: unknown[] = [];
  for (const text of bucketsJson) {
    buckets.push(typeof text === 'string' ? JSON.parse(text) : text);
    yield;
  }
  return { ...rest, ResultsByTime: buckets };
}

/** A stored answer read back and checked as a fetched page is, a step per bucket; undefined when it is not one. */
function* cachedCostAndUsageSteps(value: unknown): Steps<CostAndUsageAnswer | undefined> {
  const pages = (value as { pages?: unknown } | null)?.pages;
  if (!Array.isArray(pages)) return undefined;
  const checked: CostAndUsageAnswer['pages'] = [];
  for (const stored of pages) {
    const result = yield* checkPageSteps(yield* pageFromStoreSteps(stored));
    if (!result.ok) return undefined;
    const { NextPageToken: _, ...rest } = result.page;
    checked.push(rest);
  }
  return { pages: checked };
}

/**
 * A cached GetCostAndUsage answer read back and checked in slices of the event loop, or undefined
 * when it is not one (a bucket that is not JSON included: the answer is asked for again).
 */
export async function checkCachedCostAndUsage(value: unknown): Promise<CostAndUsageAnswer | undefined> {
  try {
    return await inSlices(cachedCostAndUsageSteps(value));
  } catch {
    return undefined;
  }
}

export const costForecastOutputSchema = z.object({
  Total: metricValueSchema,
  ForecastResultsByTime: z
    .array(
      z.object({
        TimePeriod: z.object({ Start: z.string().regex(dayPattern), End: z.string().regex(dayPattern) }),
        MeanValue: z.string().regex(DECIMAL).optional(),
        PredictionIntervalLowerBound: z.string().regex(DECIMAL).optional(),
        PredictionIntervalUpperBound: z.string().regex(DECIMAL).optional(),
      }),
    )
    .optional(),
});

/** What is cached for one GetCostForecast request: the forecast, or "not enough history". */
export const costForecastAnswerSchema = z.union([
  z.object({ available: z.literal(true), output: costForecastOutputSchema }),
  z.object({ available: z.literal(false) }),
]);

export type CostForecastAnswer = z.infer<typeof costForecastAnswerSchema>;

/** The first problem zod found, in a few words for a bad-response message (never the data itself). */
export function describeIssue(error: z.ZodError, at: PropertyKey[] = []): string {
  const issue = error.issues[0];
  return issue ? `${[...at, ...issue.path].map(String).join('.') || 'body'}: ${issue.message}` : 'unexpected shape';
}

/** An answer that does not fit what was asked: plain words, never the data itself. */
export function badResponse(operation: 'GetCostAndUsage' | 'GetCostForecast', detail: string): SourceError {
  return new SourceError(
    'aws',
    'bad-response',
    `Cost Explorer sent a ${operation} answer the bot could not use (${detail}); try again later, and report it if it persists.`,
  );
}

/**
 * Every figure the bot shows is in US dollars, beside Heroku's prices, the budgets and the modelled
 * costs; an account Cost Explorer reports in another currency would have its amounts shown as dollars,
 * so they are refused in plain words instead (nothing is converted). An amount without a unit says nothing.
 */
export function checkUsd(units: readonly string[]): void {
  const other = [...new Set(units.filter((unit) => unit && unit !== 'USD'))];
  if (other.length === 0) return;
  throw new SourceError(
    'aws',
    'bad-response',
    `Cost Explorer reports this account's costs in ${other.join(' and ')}; Hosting Advisor shows US dollars only (Heroku's prices, the budgets and the modelled costs are in USD) and converts nothing, so it shows no figure rather than ${other[0]} amounts as dollars.`,
  );
}

/** Every group of every bucket, with the metric's amount and unit; a group without the metric is a bad response. */
export function quantityRows(answer: CostAndUsageAnswer, metric: string): QuantityRow[] {
  const rows: QuantityRow[] = [];
  for (const page of answer.pages) {
    for (const bucket of page.ResultsByTime ?? []) {
      for (const group of bucket.Groups ?? []) {
        const value = group.Metrics[metric];
        if (!value) throw badResponse('GetCostAndUsage', `a group has no ${metric}`);
        rows.push({
          start: bucket.TimePeriod.Start.slice(0, 10),
          end: bucket.TimePeriod.End.slice(0, 10),
          estimated: bucket.Estimated === true,
          keys: group.Keys,
          amount: value.Amount,
          unit: value.Unit ?? '',
        });
      }
    }
  }
  return rows;
}

/** Every time bucket of every page (a day with no groups still counts). */
export function dayBuckets(answer: CostAndUsageAnswer): { day: string; estimated: boolean }[] {
  return answer.pages.flatMap((page) =>
    (page.ResultsByTime ?? []).map((bucket) => ({
      day: bucket.TimePeriod.Start.slice(0, 10),
      estimated: bucket.Estimated === true,
    })),
  );
}

/** Linked account names by account id, where Cost Explorer gave them. */
export function accountLabels(answer: CostAndUsageAnswer): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const page of answer.pages) {
    for (const attribute of page.DimensionValueAttributes ?? []) {
      const name = attribute.Attributes?.description;
      if (attribute.Value && name) labels[attribute.Value] = name;
    }
  }
  return labels;
}

/** A cached forecast answer as a Forecast; "not enough history" is an answer, said as such. */
export function forecastFromAnswer(
  query: SpendQuery,
  metric: CostMetric,
  predictionIntervalLevel: number,
  answer: CostForecastAnswer,
): Forecast {
  if (!answer.available) {
    return {
      available: false,
      metric,
      start: query.start,
      end: query.end,
      reason: 'Not enough history to forecast: Cost Explorer needs more past spend before it can forecast this period.',
    };
  }
  const periods = (answer.output.ForecastResultsByTime ?? []).map((period) => ({
    start: period.TimePeriod.Start.slice(0, 10),
    end: period.TimePeriod.End.slice(0, 10),
    mean: period.MeanValue,
    lower: period.PredictionIntervalLowerBound,
    upper: period.PredictionIntervalUpperBound,
  }));
  const total = { amount: answer.output.Total.Amount, unit: answer.output.Total.Unit };
  checkUsd([total.unit ?? '']);
  return forecastOf(query, metric, predictionIntervalLevel, total, periods);
}
