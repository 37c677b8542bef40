/**
 * The Cost Explorer questions budgets and anomaly checks ask, through the spend source's cached and
 * counted request path (each request costs $0.01):
 * - daily cost by SERVICE and USAGE_TYPE (one request a day serves every service budget and the scan),
 * - daily cost by linked account or by one tag key (only when a budget watches one),
 * - GetAnomalies (Cost Anomaly Detection's own findings, where monitors exist),
 * - ProvideAnomalyFeedback (never cached: it changes the anomaly),
 * - GetCostComparisonDrivers (a whole month against the month before).
 */
import {
  GetAnomaliesCommand,
  type GetAnomaliesCommandInput,
  type GetCostAndUsageCommandInput,
  GetCostComparisonDriversCommand,
  type GetCostComparisonDriversCommandInput,
  ProvideAnomalyFeedbackCommand,
} from '@aws-sdk/client-cost-explorer';
import { z } from 'zod';
import type { DriverInput } from '../../core/alerts/cost-drivers';
import { tagValue } from '../../core/spend/daily-cost';
import { dailySumsSteps } from '../../core/spend/daily-sums';
import { inSlices } from '../../in-slices';
import { type Fetched, SourceError } from '../source-error';
import { type AwsSpendSource, DEFAULT_CREDIT_RECORD_TYPES } from './aws-spend-source';
import { costExplorerError } from './cost-explorer-errors';
import { checkUsd } from './cost-explorer-responses';

export interface Period {
  start: string;
  end: string;
}

/** key (or key path) → UTC day → exact amount, usage without credits and refunds. */
export interface DailyAmounts {
  period: Period;
  /** `Service\u0000UsageType`, an account ID or a tag value → day → amount. */
  byKey: Record<string, Record<string, string>>;
  estimatedDays: string[];
  units: string[];
}

const withoutCredits = {
  Not: { Dimensions: { Key: 'RECORD_TYPE' as const, Values: [...DEFAULT_CREDIT_RECORD_TYPES] } },
};

async function dailyAmounts(
  aws: AwsSpendSource,
  period: Period,
  groupBy: GetCostAndUsageCommandInput['GroupBy'],
  keyOf: (keys: string[]) => string,
  maxAgeMs?: number,
): Promise<Fetched<DailyAmounts>> {
  const input: GetCostAndUsageCommandInput = {
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: 'DAILY',
    Metrics: [aws.metric],
    GroupBy: groupBy,
    Filter: withoutCredits,
  };
  const answer = await aws.requests.costAndUsagePages(input, maxAgeMs);
  const sums = await inSlices(dailySumsSteps(answer.value.pages, aws.metric, keyOf));
  checkUsd(sums.units);
  return { ...answer, value: { period, ...sums } };
}

export const SERVICE_USAGE_SEPARATOR = '\u0000';

/** Daily cost by service and usage type: one request (one page for most accounts). */
export function dailyByServiceAndUsageType(aws: AwsSpendSource, period: Period, maxAgeMs?: number) {
  return dailyAmounts(
    aws,
    period,
    [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    (keys) => keys.join(SERVICE_USAGE_SEPARATOR),
    maxAgeMs,
  );
}

/** Daily cost by linked account, or by the values of one tag key ("(untagged)" for none). */
export function dailyByAccountOrTag(
  aws: AwsSpendSource,
  period: Period,
  by: 'account' | { tag: string },
  maxAgeMs?: number,
) {
  return by === 'account'
    ? dailyAmounts(aws, period, [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }], (keys) => keys[0]!, maxAgeMs)
    : dailyAmounts(aws, period, [{ Type: 'TAG', Key: by.tag }], (keys) => tagValue(keys[0]!), maxAgeMs);
}

/**
 * Daily cost by service and linked account, or by service and the values of one tag key: which account
 * or tag a service's cost is in, to route its anomaly (`Service\u0000account`, `Service\u0000value`).
 */
export function dailyByServiceAndAccountOrTag(
  aws: AwsSpendSource,
  period: Period,
  by: 'account' | { tag: string },
  maxAgeMs?: number,
) {
  const second =
    by === 'account' ? { Type: 'DIMENSION' as const, Key: 'LINKED_ACCOUNT' } : { Type: 'TAG' as const, Key: by.tag };
  return dailyAmounts(
    aws,
    period,
    [{ Type: 'DIMENSION', Key: 'SERVICE' }, second],
    ([service = '', key = '']) => `${service}${SERVICE_USAGE_SEPARATOR}${by === 'account' ? key : tagValue(key)}`,
    maxAgeMs,
  );
}

// --- Cost Anomaly Detection -----------------------------------------------------------------

const anomalySchema = z.object({
  AnomalyId: z.string(),
  AnomalyStartDate: z.string().optional(),
  AnomalyEndDate: z.string().optional(),
  DimensionValue: z.string().optional(),
  RootCauses: z
    .array(
      z.object({
        Service: z.string().optional(),
        Region: z.string().optional(),
        LinkedAccount: z.string().optional(),
        LinkedAccountName: z.string().optional(),
        UsageType: z.string().optional(),
        Impact: z.object({ Contribution: z.number() }).optional(),
      }),
    )
    .optional(),
  AnomalyScore: z.object({ MaxScore: z.number(), CurrentScore: z.number() }),
  Impact: z.object({
    MaxImpact: z.number(),
    TotalImpact: z.number().optional(),
    TotalActualSpend: z.number().optional(),
    TotalExpectedSpend: z.number().optional(),
    TotalImpactPercentage: z.number().optional(),
  }),
  MonitorArn: z.string(),
  Feedback: z.enum(['YES', 'NO', 'PLANNED_ACTIVITY']).optional(),
});

export type CeAnomaly = z.infer<typeof anomalySchema>;
const anomaliesSchema = z.array(anomalySchema);

/**
 * Anomalies Cost Anomaly Detection reports for `DateInterval` start to end, every page; none when no
 * monitor exists. Its end date is a last date (ce-service-2.json: "the last date an anomaly was
 * observed"), so `end` (today, for the daily scan) is asked too: an anomaly still going today is found.
 */
export function costAnomalies(aws: AwsSpendSource, period: Period, maxAgeMs?: number): Promise<Fetched<CeAnomaly[]>> {
  const input: GetAnomaliesCommandInput = { DateInterval: { StartDate: period.start, EndDate: period.end } };
  return aws.requests.cachedRead(
    'GetAnomalies',
    input,
    anomaliesSchema,
    async () => {
      const found: CeAnomaly[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const output = await aws.requests.sendCounted(() =>
          aws.requests.client.send(new GetAnomaliesCommand({ ...input, ...(token ? { NextPageToken: token } : {}) })),
        );
        const parsed = anomaliesSchema.safeParse(output.Anomalies ?? []);
        if (!parsed.success) throw badAnswer('GetAnomalies');
        found.push(...parsed.data);
        token = output.NextPageToken || undefined;
        pages += 1;
      } while (token && pages < 50);
      return found;
    },
    maxAgeMs,
  );
}

export type AnomalyFeedback = 'YES' | 'NO' | 'PLANNED_ACTIVITY';

/** Tells Cost Anomaly Detection what a lead said about one of its anomalies. One request, never cached. */
export async function sendAnomalyFeedback(
  aws: AwsSpendSource,
  anomalyId: string,
  feedback: AnomalyFeedback,
): Promise<void> {
  try {
    await aws.requests.sendCounted(() =>
      aws.requests.client.send(new ProvideAnomalyFeedbackCommand({ AnomalyId: anomalyId, Feedback: feedback })),
    );
  } catch (error) {
    throw costExplorerError(error, 'ProvideAnomalyFeedback');
  }
}

// --- Cost comparison drivers -----------------------------------------------------------------

const comparisonValue = z.object({
  BaselineTimePeriodAmount: z.string().optional(),
  ComparisonTimePeriodAmount: z.string().optional(),
  Difference: z.string().optional(),
  Unit: z.string().optional(),
});
const selectorSchema: z.ZodType<unknown> = z.unknown();
const driversSchema = z.array(
  z.object({
    CostSelector: selectorSchema.optional(),
    Metrics: z.record(z.string(), comparisonValue).optional(),
    CostDrivers: z
      .array(
        z.object({
          Type: z.string().optional(),
          Name: z.string().optional(),
          Metrics: z.record(z.string(), comparisonValue).optional(),
        }),
      )
      .optional(),
  }),
);

/** The dimension values a cost selector names, in order: `Amazon EC2`, `BoxUsage:m5.large`. */
function selectorValues(selector: unknown): string[] {
  if (!selector || typeof selector !== 'object') return [];
  const record = selector as { And?: unknown[]; Dimensions?: { Values?: string[] }; Tags?: { Values?: string[] } };
  if (Array.isArray(record.And)) return record.And.flatMap(selectorValues);
  return [...(record.Dimensions?.Values ?? []), ...(record.Tags?.Values ?? [])];
}

/** Why a whole month differs from the month before it, per service and usage type (first page, at most 10). */
export async function costComparisonDrivers(
  aws: AwsSpendSource,
  baselineMonth: Period,
  comparisonMonth: Period,
  maxAgeMs?: number,
): Promise<Fetched<DriverInput[]>> {
  const input: GetCostComparisonDriversCommandInput = {
    BaselineTimePeriod: { Start: baselineMonth.start, End: baselineMonth.end },
    ComparisonTimePeriod: { Start: comparisonMonth.start, End: comparisonMonth.end },
    MetricForComparison: aws.metric,
    MaxResults: 10,
  };
  const answer = await aws.requests.cachedRead(
    'GetCostComparisonDrivers',
    input,
    driversSchema,
    async () => {
      const output = await aws.requests.sendCounted(() =>
        aws.requests.client.send(new GetCostComparisonDriversCommand(input)),
      );
      const parsed = driversSchema.safeParse(output.CostComparisonDrivers ?? []);
      if (!parsed.success) throw badAnswer('GetCostComparisonDrivers');
      return parsed.data;
    },
    maxAgeMs,
  );
  const metric = aws.metric;
  return {
    ...answer,
    value: answer.value.map((driver) => ({
      selector: selectorValues(driver.CostSelector),
      difference: driver.Metrics?.[metric]?.Difference ?? '0',
      drivers: (driver.CostDrivers ?? []).map((cost) => ({
        type: cost.Type ?? 'OTHER',
        ...(cost.Name ? { name: cost.Name } : {}),
        difference: cost.Metrics?.[metric]?.Difference ?? '0',
      })),
    })),
  };
}

function badAnswer(operation: string): SourceError {
  return new SourceError(
    'aws',
    'bad-response',
    `Cost Explorer sent a ${operation} answer the bot could not use; try again later.`,
  );
}
