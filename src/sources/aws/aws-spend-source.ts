import crypto from 'node:crypto';
import {
  type CostExplorerClient,
  type Dimension,
  type Expression,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  type GetCostForecastCommandInput,
  type GroupDefinition,
  type Metric,
} from '@aws-sdk/client-cost-explorer';
import Decimal from 'decimal.js';
import type { z } from 'zod';
import { type Money, usd } from '../../core/money';
import type { Store } from '../../store/store';
import { type Fetched, SourceError } from '../source-error';
import { type CachedPart, fetchedFrom, staleOnError } from '../stale-cache';
import { type CostExplorerOperation, costExplorerError, neverSent } from './cost-explorer-errors';
import {
  type CostAndUsageAnswer,
  type CostForecastAnswer,
  costAndUsageAnswerSchema,
  costAndUsagePageSchema,
  costForecastAnswerSchema,
  costForecastOutputSchema,
  describeIssue,
} from './cost-explorer-responses';
import { builtInInstanceSpec, type InstanceSpecLookup } from './instance-specs';
import {
  buildUsageWorkload,
  EC2_COMPUTE_SERVICE,
  ELASTICACHE_SERVICE,
  type InstanceHoursRow,
  RDS_SERVICE,
  type UsageWorkload,
} from './usage-workload';

/** Cost metrics GetCostAndUsage can report, with the GetCostForecast enum value for each. */
export const FORECAST_METRIC = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
} as const satisfies Record<string, Metric>;

export type CostMetric = keyof typeof FORECAST_METRIC;

export const COST_METRICS = Object.keys(FORECAST_METRIC) as CostMetric[];

export type SpendGroupBy = 'service' | 'account' | { tag: string };

/** The name counted in the store for every request sent to Cost Explorer. */
export const COST_EXPLORER_SERVICE = 'cost-explorer';
/** AWS charges $0.01 per Cost Explorer API request; each page is a request. */
export const COST_EXPLORER_REQUEST_PRICE: Money = usd('0.01');
/** Billing data updates up to three times a day, so six hours loses little. */
export const DEFAULT_CACHE_TTL_MS = 6 * 60 * 60 * 1000;
/**
 * RECORD_TYPE values kept apart from usage (docs/references.md#aws-cost-explorer; confirm with
 * GetDimensionValues(RECORD_TYPE) on a real account and override with `creditRecordTypes`).
 */
export const DEFAULT_CREDIT_RECORD_TYPES = ['Credit', 'Refund'] as const;
/** RECORD_TYPE values that are running usage (on-demand, reservation- and Savings-Plan-covered). Unconfirmed strings. */
export const DEFAULT_USAGE_RECORD_TYPES = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'] as const;
/** USAGE_TYPE_GROUP values that are instance running hours, so UsageQuantity means hours. Unconfirmed strings. */
export const DEFAULT_RUNNING_HOURS_GROUPS = ['EC2: Running Hours', 'RDS: Running Hours', 'ElastiCache: Running Hours'];
/** DEPLOYMENT_OPTION values of a Multi-AZ RDS deployment. Unconfirmed strings. */
export const DEFAULT_MULTI_AZ_OPTIONS = ['Multi-AZ', 'Multi-AZ (readable standbys)'];
export const UNTAGGED = '(untagged)';
/** A runaway paging loop costs money: stop and call it a bad response beyond this many pages. */
export const DEFAULT_MAX_PAGES = 200;

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
  creditRecordTypes?: readonly string[];
  usageRecordTypes?: readonly string[];
  runningHoursUsageTypeGroups?: readonly string[];
  multiAzDeploymentOptions?: readonly string[];
  /** Forecast prediction interval, 51–99 (default 80). */
  predictionIntervalLevel?: number;
  maxPages?: number;
  /** Where a failed cache or counter write is reported (the bot's logger; default the console). */
  logger?: { warn(...messages: unknown[]): void };
}

export interface SpendQuery {
  /** First day, YYYY-MM-DD (UTC), inclusive. */
  start: string;
  /** Day after the last day, YYYY-MM-DD (UTC): exclusive, as Cost Explorer takes it. */
  end: string;
}

export interface DailyCostQuery extends SpendQuery {
  groupBy: SpendGroupBy;
}

export interface GroupAmount {
  key: string;
  /** Exact decimal string in `unit`. */
  amount: string;
}

export interface DayCost {
  /** YYYY-MM-DD (UTC): the bucket's Start. */
  day: string;
  /** Cost Explorer marked the day provisional: the figure can still change. */
  estimated: boolean;
  /** One entry per key in `keys`, in that order; a key with no data that day is "0". */
  groups: GroupAmount[];
  total: string;
}

export interface CreditLine {
  day: string;
  /** The RECORD_TYPE: Credit, Refund. */
  recordType: string;
  /** As Cost Explorer reports it (credits are negative). */
  amount: string;
}

export interface DailyCost {
  metric: CostMetric;
  unit: string;
  start: string;
  end: string;
  groupBy: SpendGroupBy;
  /** Usage without credits and refunds, per day. */
  days: DayCost[];
  /** Credits and refunds, apart from usage. */
  credits: CreditLine[];
  /** Every group key seen in the period, largest total first: service names, account ids, tag values or "(untagged)". */
  keys: string[];
  /** Display names where Cost Explorer gave them (linked account names), by key. */
  labels: Record<string, string>;
  total: string;
  creditsTotal: string;
  /** Any day estimated. */
  estimated: boolean;
}

export type Forecast =
  | {
      available: true;
      metric: CostMetric;
      start: string;
      end: string;
      unit: string;
      total: string;
      /** Prediction interval of the total, when the forecast is a single period. */
      lower?: string;
      upper?: string;
      predictionIntervalLevel: number;
      periods: { start: string; end: string; mean?: string; lower?: string; upper?: string }[];
    }
  | { available: false; metric: CostMetric; start: string; end: string; reason: string };

export interface RequestsThisMonth {
  /** YYYY-MM (UTC). */
  month: string;
  requests: number;
  /** requests × $0.01. */
  cost: Money;
}

/** One call's shared fate: after the first failure, later requests in the call go to the cache only. */
interface CallContext {
  failure?: SourceError;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkPeriod({ start, end }: SpendQuery): void {
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    const parsed = Date.parse(`${value}T00:00:00Z`);
    // Date.parse accepts 2026-02-30 as 2 March; a real day survives the round trip.
    if (!DAY.test(value) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) {
      throw new RangeError(`${name} must be a UTC day as YYYY-MM-DD, not ${JSON.stringify(value)}`);
    }
  }
  if (start >= end) throw new RangeError(`end (${end}) must be after start (${start}); end is exclusive`);
}

function canonicalJson(value: unknown): string {
  const normalise = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(normalise);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .filter((key) => (item as Record<string, unknown>)[key] !== undefined)
          .sort()
          .map((key) => [key, normalise((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return JSON.stringify(normalise(value));
}

/** A stable cache key for one Cost Explorer request: operation + every parameter, order-independent. */
export function costExplorerCacheKey(operation: CostExplorerOperation, input: object): string {
  const digest = crypto.createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 40);
  return `cost-explorer:v1:${operation}:${digest}`;
}

function groupDefinition(groupBy: SpendGroupBy): GroupDefinition {
  if (groupBy === 'service') return { Type: 'DIMENSION', Key: 'SERVICE' };
  if (groupBy === 'account') return { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' };
  if (!groupBy.tag || groupBy.tag.includes('$')) throw new RangeError(`Not a tag key: ${JSON.stringify(groupBy.tag)}`);
  return { Type: 'TAG', Key: groupBy.tag };
}

/** `env$prod` → `prod`; `env$` (no tag or an empty one) → "(untagged)". */
export function tagValue(groupKey: string): string {
  const dollar = groupKey.indexOf('$');
  const value = dollar >= 0 ? groupKey.slice(dollar + 1) : groupKey;
  return value === '' ? UNTAGGED : value;
}

function badResponse(operation: CostExplorerOperation, detail: string): SourceError {
  return new SourceError(
    'aws',
    'bad-response',
    `Cost Explorer sent a ${operation} answer the bot could not use (${detail}); try again later, and report it if it persists.`,
  );
}

/**
 * Live AWS spend from Cost Explorer: fetches, pages, retries (through the client), caches and counts.
 * Returns plain figures as exact decimal strings; deciding what they mean is the caller's business.
 */
export class AwsSpendSource {
  readonly metric: CostMetric;
  private readonly client: CostExplorerClient;
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly cacheTtlMs: number;
  private readonly instanceSpec: InstanceSpecLookup;
  private readonly creditRecordTypes: string[];
  private readonly usageRecordTypes: string[];
  private readonly runningHoursGroups: string[];
  private readonly multiAzOptions: string[];
  private readonly predictionIntervalLevel: number;
  private readonly maxPages: number;
  private readonly logger: { warn(...messages: unknown[]): void };

  constructor(options: AwsSpendSourceOptions) {
    this.client = options.client;
    this.store = options.store;
    this.now = options.now;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.metric = options.metric ?? 'UnblendedCost';
    if (!Object.hasOwn(FORECAST_METRIC, this.metric)) {
      throw new RangeError(`metric must be one of ${COST_METRICS.join(', ')}, not ${this.metric}`);
    }
    const custom = options.instanceSpec;
    this.instanceSpec = custom ? (type) => custom(type) ?? builtInInstanceSpec(type) : builtInInstanceSpec;
    this.creditRecordTypes = [...(options.creditRecordTypes ?? DEFAULT_CREDIT_RECORD_TYPES)];
    this.usageRecordTypes = [...(options.usageRecordTypes ?? DEFAULT_USAGE_RECORD_TYPES)];
    this.runningHoursGroups = [...(options.runningHoursUsageTypeGroups ?? DEFAULT_RUNNING_HOURS_GROUPS)];
    this.multiAzOptions = [...(options.multiAzDeploymentOptions ?? DEFAULT_MULTI_AZ_OPTIONS)];
    this.predictionIntervalLevel = options.predictionIntervalLevel ?? 80;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.logger = options.logger ?? console;
  }

  /** Releases the SDK client's sockets, so a CLI run or a stopping bot exits promptly. */
  close(): void {
    this.client.destroy();
  }

  /**
   * Daily cost by service, linked account or tag value, usage apart from credits and refunds.
   * Requests: the usage query's pages + the credits query's pages (normally one), none within the TTL.
   */
  async dailyCost(query: DailyCostQuery): Promise<Fetched<DailyCost>> {
    checkPeriod(query);
    const group = groupDefinition(query.groupBy);
    const base = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: 'DAILY',
      Metrics: [this.metric],
    } satisfies GetCostAndUsageCommandInput;
    const creditTypes: Expression = { Dimensions: { Key: 'RECORD_TYPE', Values: this.creditRecordTypes } };
    const context: CallContext = {};
    const usage = await this.costAndUsage({ ...base, GroupBy: [group], Filter: { Not: creditTypes } }, context);
    const credits = await this.costAndUsage(
      { ...base, GroupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }], Filter: creditTypes },
      context,
    );
    const value = this.dailyCostFrom(query, usage.value, credits.value);
    return fetchedFrom(value, [usage, credits]);
  }

  /**
   * The forecast total for [start, end) (MONTHLY granularity). Not enough history is an answer
   * (`available: false`), not an error. One request, none within the TTL.
   */
  async forecast(query: SpendQuery, maxAgeMs?: number): Promise<Fetched<Forecast>> {
    checkPeriod(query);
    const input: GetCostForecastCommandInput = {
      TimePeriod: { Start: query.start, End: query.end },
      Metric: FORECAST_METRIC[this.metric],
      Granularity: 'MONTHLY',
      PredictionIntervalLevel: this.predictionIntervalLevel,
    };
    const part = await this.cached(
      'GetCostForecast',
      input,
      costForecastAnswerSchema,
      async (): Promise<CostForecastAnswer> => {
        try {
          const output = await this.sendAndCount(() => this.client.send(new GetCostForecastCommand(input)));
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
    return fetchedFrom(this.forecastFrom(query, part.value), [part]);
  }

  /**
   * What ran on EC2, RDS and ElastiCache in [start, end), as a Workload for the cross-platform model.
   * Requests: one for instance-hours by service and instance type; when RDS ran, one for its Multi-AZ
   * hours and one for its storage. None within the TTL.
   */
  async usageWorkload(query: SpendQuery): Promise<Fetched<UsageWorkload>> {
    checkPeriod(query);
    const dims = (key: Dimension, values: readonly string[]): Expression => ({
      Dimensions: { Key: key, Values: [...values] },
    });
    const base = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: 'MONTHLY',
      Metrics: ['UsageQuantity'],
    } satisfies GetCostAndUsageCommandInput;
    const usageRecords = dims('RECORD_TYPE', this.usageRecordTypes);
    const context: CallContext = {};
    const hours = await this.costAndUsage(
      {
        ...base,
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        Filter: {
          And: [
            dims('SERVICE', [EC2_COMPUTE_SERVICE, RDS_SERVICE, ELASTICACHE_SERVICE]),
            dims('USAGE_TYPE_GROUP', this.runningHoursGroups),
            usageRecords,
          ],
        },
      },
      context,
    );
    const rows = this.quantityRows(hours.value, 'UsageQuantity').map(
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
      const multiAz = await this.costAndUsage(
        {
          ...base,
          GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }],
          Filter: {
            And: [
              rds,
              dims('USAGE_TYPE_GROUP', this.runningHoursGroups),
              usageRecords,
              dims('DEPLOYMENT_OPTION', this.multiAzOptions),
            ],
          },
        },
        context,
      );
      for (const row of this.quantityRows(multiAz.value, 'UsageQuantity')) {
        if (new Decimal(row.amount).greaterThan(0)) multiAzTypes.add(row.keys[0].trim().toLowerCase());
      }
      const storage = await this.costAndUsage(
        { ...base, GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: { And: [rds, usageRecords] } },
        context,
      );
      rdsStorageGb = this.averageStorageGb(storage.value);
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

  /** Cost Explorer requests sent this UTC month (every page and retry counts) and what they cost. */
  async requestsThisMonth(): Promise<RequestsThisMonth> {
    const month = this.now().toISOString().slice(0, 7);
    const requests = await this.store.requestCount(COST_EXPLORER_SERVICE, month);
    return { month, requests, cost: COST_EXPLORER_REQUEST_PRICE.times(requests) };
  }

  // --- the cached, counted request path, for other Cost Explorer questions (alerts) ----------

  /** The SDK client, for commands this class does not build itself; send them through `sendCounted`. */
  get costExplorer(): CostExplorerClient {
    return this.client;
  }

  /** GetCostAndUsage, every page, cached like spend answers; `maxAgeMs` accepts older cached answers. */
  async costAndUsagePages(input: GetCostAndUsageCommandInput, maxAgeMs?: number): Promise<Fetched<CostAndUsageAnswer>> {
    const part = await this.cached(
      'GetCostAndUsage',
      input,
      costAndUsageAnswerSchema,
      () => this.allPages(input),
      {},
      maxAgeMs,
    );
    return fetchedFrom(part.value, [part]);
  }

  /** Any other read, cached by operation and input, with the same stale-on-failure rules. */
  async cachedRead<V>(
    operation: CostExplorerOperation,
    input: object,
    schema: z.ZodType<V>,
    load: () => Promise<V>,
    maxAgeMs?: number,
  ): Promise<Fetched<V>> {
    const part = await this.cached(operation, input, schema, load, {}, maxAgeMs);
    return fetchedFrom(part.value, [part]);
  }

  /** Sends one request and counts what went out: each attempt (retries included) is a paid request. */
  sendCounted<T extends { $metadata?: { attempts?: number } }>(send: () => Promise<T>): Promise<T> {
    return this.sendAndCount(send);
  }

  // --- requests, paging, caching, counting ------------------------------------------------

  private async costAndUsage(
    input: GetCostAndUsageCommandInput,
    context: CallContext,
  ): Promise<CachedPart<CostAndUsageAnswer>> {
    return this.cached('GetCostAndUsage', input, costAndUsageAnswerSchema, () => this.allPages(input), context);
  }

  /** Every page, sending the same parameters each time with only NextPageToken added. */
  private async allPages(input: GetCostAndUsageCommandInput): Promise<CostAndUsageAnswer> {
    const pages: CostAndUsageAnswer['pages'] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const pageInput: GetCostAndUsageCommandInput = token === undefined ? input : { ...input, NextPageToken: token };
      const output = await this.sendAndCount(() => this.client.send(new GetCostAndUsageCommand(pageInput)));
      const parsed = costAndUsagePageSchema.safeParse(output);
      if (!parsed.success) throw badResponse('GetCostAndUsage', describeIssue(parsed.error));
      const { NextPageToken: next, ...page } = parsed.data;
      // Checked before anything is cached: every group must carry every metric asked for.
      for (const bucket of page.ResultsByTime ?? []) {
        for (const group of bucket.Groups ?? []) {
          const missing = (input.Metrics ?? []).find((metric) => !group.Metrics[metric]);
          if (missing) throw badResponse('GetCostAndUsage', `a group has no ${missing}`);
        }
      }
      pages.push(page);
      token = next === '' ? undefined : next;
      if (token !== undefined) {
        if (seen.has(token)) throw badResponse('GetCostAndUsage', 'the same page token came back twice');
        if (pages.length >= this.maxPages) {
          throw badResponse('GetCostAndUsage', `more than ${this.maxPages} pages; ask for a shorter period`);
        }
        seen.add(token);
      }
    } while (token !== undefined);
    return { pages };
  }

  private async sendAndCount<T extends { $metadata?: { attempts?: number } }>(send: () => Promise<T>): Promise<T> {
    try {
      const output = await send();
      await this.count(output.$metadata?.attempts ?? 1);
      return output;
    } catch (error) {
      if (!neverSent(error))
        await this.count((error as { $metadata?: { attempts?: number } })?.$metadata?.attempts ?? 1);
      throw error;
    }
  }

  /** Counts requests sent; a store that cannot take the count never costs the answer (or hides a failure). */
  private async count(attempts: number): Promise<void> {
    try {
      await this.store.countRequests(COST_EXPLORER_SERVICE, this.now(), attempts);
    } catch (error) {
      this.logger.warn(`Cost Explorer: ${attempts} request(s) could not be counted in the store:`, error);
    }
  }

  /**
   * Fresh cache → cached answer, no request. Otherwise ask; on failure fall back to any cached answer
   * (however old), labelled stale, or throw the failure as a SourceError. The answer was paid for,
   * so a store that cannot keep it only costs the next ask.
   */
  private cached<V>(
    operation: CostExplorerOperation,
    input: object,
    schema: z.ZodType<V>,
    load: () => Promise<V>,
    context: CallContext,
    maxAgeMs = this.cacheTtlMs,
  ): Promise<CachedPart<V>> {
    return staleOnError({
      store: this.store,
      key: costExplorerCacheKey(operation, input),
      now: this.now,
      maxAgeMs,
      read: (value) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? parsed.data : undefined;
      },
      fetch: load,
      failure: (error) => costExplorerError(error, operation),
      failedBefore: context.failure,
      onFailure: (failure) => {
        context.failure = failure;
      },
      warn: (failed, error) =>
        this.logger.warn(
          failed === 'read'
            ? `Cost Explorer cache: could not read ${operation}; asking Cost Explorer:`
            : `Cost Explorer cache: could not store the ${operation} answer (the next ask pays again):`,
          error,
        ),
    });
  }

  // --- turning answers into figures --------------------------------------------------------

  /** Every group of every bucket, with the metric's amount and unit; a group without the metric is a bad response. */
  private quantityRows(
    answer: CostAndUsageAnswer,
    metric: string,
  ): { start: string; end: string; estimated: boolean; keys: string[]; amount: string; unit: string }[] {
    const rows = [];
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

  private dailyCostFrom(query: DailyCostQuery, usage: CostAndUsageAnswer, credits: CostAndUsageAnswer): DailyCost {
    const keyOf =
      typeof query.groupBy === 'object' ? (keys: string[]) => tagValue(keys[0]) : (keys: string[]) => keys[0];
    const units = new Set<string>();
    // Buckets can be split across pages and a key can be missing on any day: merge by day and key.
    const days = new Map<string, { estimated: boolean; amounts: Map<string, Decimal> }>();
    const totals = new Map<string, Decimal>();
    for (const page of usage.pages) {
      for (const bucket of page.ResultsByTime ?? []) {
        const day = bucket.TimePeriod.Start.slice(0, 10);
        const entry = days.get(day) ?? { estimated: false, amounts: new Map<string, Decimal>() };
        entry.estimated ||= bucket.Estimated === true;
        days.set(day, entry);
      }
    }
    for (const row of this.quantityRows(usage, this.metric)) {
      const key = keyOf(row.keys);
      const amounts = days.get(row.start)!.amounts;
      amounts.set(key, (amounts.get(key) ?? new Decimal(0)).plus(row.amount));
      totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(row.amount));
      if (row.unit) units.add(row.unit);
    }
    const creditLines = new Map<string, Decimal>();
    for (const row of this.quantityRows(credits, this.metric)) {
      const id = `${row.start}\u0000${row.keys[0]}`;
      creditLines.set(id, (creditLines.get(id) ?? new Decimal(0)).plus(row.amount));
      if (row.unit) units.add(row.unit);
    }
    if (units.size > 1) throw badResponse('GetCostAndUsage', `amounts in several currencies: ${[...units].join(', ')}`);

    const keys = [...totals.keys()].sort((a, b) => totals.get(b)!.comparedTo(totals.get(a)!) || a.localeCompare(b));
    const labels: Record<string, string> = {};
    if (query.groupBy === 'account') {
      for (const page of usage.pages) {
        for (const attribute of page.DimensionValueAttributes ?? []) {
          const name = attribute.Attributes?.description;
          if (attribute.Value && name) labels[attribute.Value] = name;
        }
      }
    }
    const dayList = [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, entry]) => {
        const groups = keys.map((key) => ({ key, amount: (entry.amounts.get(key) ?? new Decimal(0)).toFixed() }));
        const total = Decimal.sum(0, ...entry.amounts.values());
        return { day, estimated: entry.estimated, groups, total: total.toFixed() };
      });
    const creditList = [...creditLines.entries()]
      .map(([id, amount]) => {
        const [day, recordType] = id.split('\u0000');
        return { day, recordType, amount: amount.toFixed() };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.recordType.localeCompare(b.recordType));
    return {
      metric: this.metric,
      unit: [...units][0] ?? 'USD',
      start: query.start,
      end: query.end,
      groupBy: query.groupBy,
      days: dayList,
      credits: creditList,
      keys,
      labels,
      total: Decimal.sum(0, ...totals.values()).toFixed(),
      creditsTotal: Decimal.sum(0, ...creditLines.values()).toFixed(),
      estimated: dayList.some((day) => day.estimated),
    };
  }

  private forecastFrom(query: SpendQuery, answer: CostForecastAnswer): Forecast {
    const { start, end } = query;
    if (!answer.available) {
      return {
        available: false,
        metric: this.metric,
        start,
        end,
        reason:
          'Not enough history to forecast: Cost Explorer needs more past spend before it can forecast this period.',
      };
    }
    const periods = (answer.output.ForecastResultsByTime ?? []).map((period) => ({
      start: period.TimePeriod.Start.slice(0, 10),
      end: period.TimePeriod.End.slice(0, 10),
      mean: period.MeanValue,
      lower: period.PredictionIntervalLowerBound,
      upper: period.PredictionIntervalUpperBound,
    }));
    const only = periods.length === 1 ? periods[0] : undefined;
    const forecast: Forecast = {
      available: true,
      metric: this.metric,
      start,
      end,
      unit: answer.output.Total.Unit ?? 'USD',
      total: new Decimal(answer.output.Total.Amount).toFixed(),
      predictionIntervalLevel: this.predictionIntervalLevel,
      periods,
    };
    // Per-month intervals do not add up to an interval of the sum, so only a single period has one.
    if (only?.lower !== undefined) forecast.lower = new Decimal(only.lower).toFixed();
    if (only?.upper !== undefined) forecast.upper = new Decimal(only.upper).toFixed();
    return forecast;
  }

  /**
   * Average allocated RDS storage in GB: storage usage types come in GB-months, so each monthly
   * bucket's GB-Mo × hours in its month ÷ hours the bucket covers; the largest bucket wins.
   */
  private averageStorageGb(answer: CostAndUsageAnswer): number | undefined {
    const perBucket = new Map<string, Decimal>();
    for (const row of this.quantityRows(answer, 'UsageQuantity')) {
      const usageType = row.keys[0] ?? '';
      if (row.unit !== 'GB-Mo' || !/storage/i.test(usageType) || /backup|snapshot/i.test(usageType)) continue;
      const start = Date.parse(`${row.start}T00:00:00Z`);
      const bucketHours = (Date.parse(`${row.end}T00:00:00Z`) - start) / 3_600_000;
      const first = new Date(start);
      const monthHours =
        (Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) -
          Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)) /
        3_600_000;
      if (!(bucketHours > 0)) continue;
      const gb = new Decimal(row.amount).times(monthHours).dividedBy(bucketHours);
      perBucket.set(row.start, (perBucket.get(row.start) ?? new Decimal(0)).plus(gb));
    }
    if (perBucket.size === 0) return undefined;
    return Decimal.max(...perBucket.values())
      .toDecimalPlaces(2)
      .ceil()
      .toNumber();
  }
}
