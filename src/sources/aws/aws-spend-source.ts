import {
  type CostExplorerClient,
  type Dimension,
  type Expression,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  type GetCostForecastCommandInput,
  type GroupDefinition,
  type Metric,
} from '@aws-sdk/client-cost-explorer';
import { Decimal } from '../../core/money';
import { builtInInstanceSpec, type InstanceSpecLookup } from '../../core/pricing/instance-specs';
import {
  averageStorageGb,
  COST_METRICS,
  type CostMetric,
  checkSpendPeriod,
  currenciesOf,
  type DailyCost,
  type DailyCostQuery,
  dailyCostFromRows,
  type Forecast,
  type SpendGroupBy,
  type SpendQuery,
} from '../../core/spend/daily-cost';
import {
  buildUsageWorkload,
  EC2_COMPUTE_SERVICE,
  ELASTICACHE_SERVICE,
  type InstanceHoursRow,
  RDS_SERVICE,
  type UsageWorkload,
} from '../../core/spend/usage-workload';
import type { Store } from '../../store/store';
import type { Fetched } from '../source-error';
import { type CachedPart, fetchedFrom } from '../stale-cache';
import { type CallContext, CostExplorerRequests, type RequestsThisMonth, storedAsIs } from './cost-explorer-requests';
import {
  accountLabels,
  badResponse,
  type CostAndUsageAnswer,
  type CostForecastAnswer,
  checkUsd,
  costForecastAnswerSchema,
  costForecastOutputSchema,
  dayBuckets,
  describeIssue,
  forecastFromAnswer,
  quantityRows,
} from './cost-explorer-responses';

/** Cost metrics GetCostAndUsage can report, with the GetCostForecast enum value for each. */
export const FORECAST_METRIC = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
} as const satisfies Record<CostMetric, Metric>;

export { COST_METRICS, type CostMetric };

/**
 * RECORD_TYPE values kept apart from usage (docs/references.md#aws-cost-explorer; confirm with
 * GetDimensionValues(RECORD_TYPE) on a real account and override with `creditRecordTypes`).
 */
export const DEFAULT_CREDIT_RECORD_TYPES = ['Credit', 'Refund'] as const;
/** RECORD_TYPE values that are running usage (on-demand, reservation- and Savings-Plan-covered). Unconfirmed strings. */
const USAGE_RECORD_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];
/** USAGE_TYPE_GROUP values that are instance running hours, so UsageQuantity means hours. Unconfirmed strings. */
const RUNNING_HOURS_GROUPS = ['EC2: Running Hours', 'RDS: Running Hours', 'ElastiCache: Running Hours'];
/** DEPLOYMENT_OPTION values of a Multi-AZ RDS deployment. Unconfirmed strings. */
const MULTI_AZ_OPTIONS = ['Multi-AZ', 'Multi-AZ (readable standbys)'];
/** The forecast's prediction interval, in percent (GetCostForecast accepts 51–99). */
const PREDICTION_INTERVAL_LEVEL = 80;
export interface AwsSpendSourceOptions {
  client: CostExplorerClient;
  store: Store;
  now: () => Date;
  /** How long an answer is reused without asking Cost Explorer again (default 6 h). */
  cacheTtlMs?: number;
  /** Which cost figure to report (default UnblendedCost); named in every answer. */
  metric?: CostMetric;
  /** Memory/vCPU by instance type (the pricing catalog); the built-in table fills gaps. */
  instanceSpec?: InstanceSpecLookup;
  /** RECORD_TYPE values kept apart from usage (default Credit, Refund). */
  creditRecordTypes?: readonly string[];
  /** Pages one GetCostAndUsage answer may take (default 200). */
  maxPages?: number;
  /** Where a failed cache or counter write is reported (the bot's logger; default the console). */
  logger?: { warn(...messages: unknown[]): void };
}

function groupDefinition(groupBy: SpendGroupBy): GroupDefinition {
  if (groupBy === 'service') return { Type: 'DIMENSION', Key: 'SERVICE' };
  if (groupBy === 'account') return { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' };
  if (!groupBy.tag || groupBy.tag.includes('$')) throw new RangeError(`Not a tag key: ${JSON.stringify(groupBy.tag)}`);
  return { Type: 'TAG', Key: groupBy.tag };
}

/**
 * Live AWS spend from Cost Explorer: which questions to ask (daily cost, forecast, usage as a workload), asked
 * through CostExplorerRequests (paged, cached, counted) and turned into figures by src/core/spend.
 * Returns plain figures as exact decimal strings; deciding what they mean is the caller's business.
 */
export class AwsSpendSource {
  readonly metric: CostMetric;
  /** Paging, caching and counting of every request (cost-explorer-requests.ts); alert queries ask through it too. */
  readonly requests: CostExplorerRequests;
  private readonly instanceSpec: InstanceSpecLookup;
  private readonly creditRecordTypes: string[];

  constructor(options: AwsSpendSourceOptions) {
    this.requests = new CostExplorerRequests(options);
    this.metric = options.metric ?? 'UnblendedCost';
    if (!Object.hasOwn(FORECAST_METRIC, this.metric)) {
      throw new RangeError(`metric must be one of ${COST_METRICS.join(', ')}, not ${this.metric}`);
    }
    const custom = options.instanceSpec;
    this.instanceSpec = custom ? (type) => custom(type) ?? builtInInstanceSpec(type) : builtInInstanceSpec;
    this.creditRecordTypes = [...(options.creditRecordTypes ?? DEFAULT_CREDIT_RECORD_TYPES)];
  }

  /** Releases the SDK client's sockets, so a CLI run or a stopping bot exits promptly. */
  close(): void {
    this.requests.client.destroy();
  }

  /**
   * Daily cost by service, linked account or tag value, usage apart from credits and refunds.
   * Requests: the usage query's pages + the credits query's pages (normally one), none within the TTL.
   */
  async dailyCost(query: DailyCostQuery): Promise<Fetched<DailyCost>> {
    checkSpendPeriod(query);
    const group = groupDefinition(query.groupBy);
    const base = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: 'DAILY',
      Metrics: [this.metric],
    } satisfies GetCostAndUsageCommandInput;
    const creditTypes = this.creditRecords();
    const context: CallContext = {};
    const usage = await this.requests.costAndUsage(
      { ...base, GroupBy: [group], Filter: { Not: creditTypes } },
      context,
    );
    const credits = await this.requests.costAndUsage(
      { ...base, GroupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }], Filter: creditTypes },
      context,
    );
    const value = this.dailyCostFrom(query, usage.value, credits.value);
    return fetchedFrom(value, [usage, credits]);
  }

  /**
   * The forecast total for [start, end) (MONTHLY granularity) of usage before credits and refunds,
   * like the daily cost it is shown and added to: unfiltered, Cost Explorer forecasts from a history
   * that holds the credits, so a forecast came out net of them under a "before credits" label.
   * Not enough history is an answer (`available: false`), not an error. One request, none within the TTL.
   */
  async forecast(query: SpendQuery, maxAgeMs?: number): Promise<Fetched<Forecast>> {
    checkSpendPeriod(query);
    const input: GetCostForecastCommandInput = {
      TimePeriod: { Start: query.start, End: query.end },
      Metric: FORECAST_METRIC[this.metric],
      Granularity: 'MONTHLY',
      Filter: { Not: this.creditRecords() },
      PredictionIntervalLevel: PREDICTION_INTERVAL_LEVEL,
    };
    const part = await this.requests.cached(
      'GetCostForecast',
      input,
      storedAsIs(costForecastAnswerSchema),
      async (): Promise<CostForecastAnswer> => {
        try {
          const output = await this.requests.sendCounted(() =>
            this.requests.client.send(new GetCostForecastCommand(input)),
          );
          const parsed = costForecastOutputSchema.safeParse(output);
          if (!parsed.success) throw badResponse('GetCostForecast', describeIssue(parsed.error));
          return { available: true, output: parsed.data };
        } catch (error) {
          if ((error as { name?: string })?.name === 'DataUnavailableException') return { available: false };
          throw error;
        }
      },
      {},
      maxAgeMs,
    );
    return fetchedFrom(forecastFromAnswer(query, this.metric, PREDICTION_INTERVAL_LEVEL, part.value), [part]);
  }

  /**
   * What ran on EC2, RDS and ElastiCache in [start, end), as a Workload for the cross-platform model.
   * Requests: one for instance-hours by service and instance type; when RDS ran, one for its Multi-AZ
   * hours and one for its storage. None within the TTL.
   */
  async usageWorkload(query: SpendQuery): Promise<Fetched<UsageWorkload>> {
    checkSpendPeriod(query);
    const dims = (key: Dimension, values: readonly string[]): Expression => ({
      Dimensions: { Key: key, Values: [...values] },
    });
    const base = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: 'MONTHLY',
      Metrics: ['UsageQuantity'],
    } satisfies GetCostAndUsageCommandInput;
    const usageRecords = dims('RECORD_TYPE', USAGE_RECORD_TYPES);
    const context: CallContext = {};
    const hours = await this.requests.costAndUsage(
      {
        ...base,
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        Filter: {
          And: [
            dims('SERVICE', [EC2_COMPUTE_SERVICE, RDS_SERVICE, ELASTICACHE_SERVICE]),
            dims('USAGE_TYPE_GROUP', RUNNING_HOURS_GROUPS),
            usageRecords,
          ],
        },
      },
      context,
    );
    const rows = quantityRows(hours.value, 'UsageQuantity').map(
      ({ keys, amount, unit }): InstanceHoursRow => ({
        service: keys[0],
        instanceType: keys[1] ?? '',
        quantity: amount,
        unit,
      }),
    );
    const parts: CachedPart<unknown>[] = [hours];
    const multiAzTypes = new Set<string>();
    let rdsStorageGb: number | undefined;
    if (rows.some((row) => row.service === RDS_SERVICE && row.instanceType !== 'NoInstanceType')) {
      const rds = dims('SERVICE', [RDS_SERVICE]);
      const multiAz = await this.requests.costAndUsage(
        {
          ...base,
          GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }],
          Filter: {
            And: [
              rds,
              dims('USAGE_TYPE_GROUP', RUNNING_HOURS_GROUPS),
              usageRecords,
              dims('DEPLOYMENT_OPTION', MULTI_AZ_OPTIONS),
            ],
          },
        },
        context,
      );
      for (const row of quantityRows(multiAz.value, 'UsageQuantity')) {
        if (new Decimal(row.amount).greaterThan(0)) multiAzTypes.add(row.keys[0].trim().toLowerCase());
      }
      const storage = await this.requests.costAndUsage(
        { ...base, GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: { And: [rds, usageRecords] } },
        context,
      );
      rdsStorageGb = averageStorageGb(quantityRows(storage.value, 'UsageQuantity'));
      parts.push(multiAz, storage);
    }
    const value = buildUsageWorkload({
      start: query.start,
      end: query.end,
      rows,
      multiAzTypes,
      rdsStorageGb,
      instanceSpec: this.instanceSpec,
    });
    return fetchedFrom(value, parts);
  }

  /** The RECORD_TYPE values kept apart from usage (credits and refunds), as a filter. */
  private creditRecords(): Expression {
    return { Dimensions: { Key: 'RECORD_TYPE', Values: [...this.creditRecordTypes] } };
  }

  /** Cost Explorer requests sent this UTC month (every page and retry counts) and what they cost. */
  requestsThisMonth(): Promise<RequestsThisMonth> {
    return this.requests.requestsThisMonth();
  }

  // --- turning answers into figures (src/core/spend/daily-cost.ts does the arithmetic) -------

  private dailyCostFrom(query: DailyCostQuery, usage: CostAndUsageAnswer, credits: CostAndUsageAnswer): DailyCost {
    const usageRows = quantityRows(usage, this.metric);
    const creditRows = quantityRows(credits, this.metric);
    checkUsd(currenciesOf(usageRows, creditRows));
    return dailyCostFromRows({
      query,
      metric: this.metric,
      buckets: dayBuckets(usage),
      usage: usageRows,
      credits: creditRows,
      labels: query.groupBy === 'account' ? accountLabels(usage) : {},
    });
  }
}
