import { z } from 'zod';

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

export const costAndUsagePageSchema = z.object({
  ResultsByTime: z
    .array(
      z.object({
        TimePeriod: z.object({ Start: z.string().regex(dayPattern), End: z.string().regex(dayPattern) }),
        Total: z.record(z.string(), metricValueSchema).optional(),
        Groups: z
          .array(z.object({ Keys: z.array(z.string()).min(1), Metrics: z.record(z.string(), metricValueSchema) }))
          .optional(),
        Estimated: z.boolean().optional(),
      }),
    )
    .optional(),
  DimensionValueAttributes: z
    .array(z.object({ Value: z.string().optional(), Attributes: z.record(z.string(), z.string()).optional() }))
    .optional(),
  NextPageToken: z.string().optional(),
});

/** What is cached for one GetCostAndUsage request: every page, in order, without tokens or metadata. */
export const costAndUsageAnswerSchema = z.object({
  pages: z.array(costAndUsagePageSchema.omit({ NextPageToken: true })),
});

export type CostAndUsageAnswer = z.infer<typeof costAndUsageAnswerSchema>;

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
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape';
}
