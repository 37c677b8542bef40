export { builtInInstanceSpec, type InstanceSpec, type InstanceSpecLookup } from '../../core/pricing/instance-specs';
export {
  COST_METRICS,
  type CostMetric,
  type CreditLine,
  type DailyCost,
  type DailyCostQuery,
  type DayCost,
  type Forecast,
  type GroupAmount,
  type SpendGroupBy,
  type SpendQuery,
  tagValue,
  UNTAGGED,
} from '../../core/spend/daily-cost';
export {
  buildUsageWorkload,
  type ComputeService,
  EC2_COMPUTE_SERVICE,
  ELASTICACHE_SERVICE,
  type InstanceUsage,
  RDS_SERVICE,
  ROUNDING_SLACK,
  type UsageWorkload,
} from '../../core/spend/usage-workload';
export { awsAccountUsage } from './account-usage';
export {
  AwsSpendSource,
  type AwsSpendSourceOptions,
  COST_EXPLORER_REQUEST_PRICE,
  COST_EXPLORER_SERVICE,
  costExplorerCacheKey,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_CREDIT_RECORD_TYPES,
  DEFAULT_MULTI_AZ_OPTIONS,
  DEFAULT_RUNNING_HOURS_GROUPS,
  DEFAULT_USAGE_RECORD_TYPES,
  FORECAST_METRIC,
  type RequestsThisMonth,
} from './aws-spend-source';
export {
  COST_EXPLORER_REGION,
  type CostExplorerClientOptions,
  createCostExplorerClient,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './cost-explorer-client';
export { type CostExplorerOperation, costExplorerError } from './cost-explorer-errors';
