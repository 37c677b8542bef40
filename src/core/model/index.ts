export type { AwsAccount, AwsAccountInstance, AwsCostRow } from './aws-bill';
export { type AwsFleetModel, modelAwsAccount } from './aws-fleet';
export { FARGATE_TASK_SIZES } from './choose-aws';
export { estimate } from './estimate';
export { environmentOfApp, type FleetApp, type FleetModel, modelFleet, modelFleetSteps } from './fleet';
export type {
  MigrationDirection,
  MigrationModel,
  MigrationTeam,
  MigrationUnit,
  OneOffCost,
  TierDifference,
} from './migration';
export { priceDatesOf, priceDatesSpan, pricesDated } from './price-dates';
export { pricedWorkloads } from './priced-workloads';
export type {
  Cheaper,
  CostCategory,
  CostLine,
  EnvironmentName,
  Estimate,
  EstimateOptions,
  PlatformCost,
  PricedCostLine,
  TierCost,
  TierId,
  UnpricedCostLine,
  Verdict,
} from './types';
export { TIER_IDS } from './types';
export { type Comparison, leadSentences, VERDICT_TIER, verdictSentence } from './verdict';
export {
  awsCache,
  awsDatabase,
  awsFargateProcess,
  awsInstanceProcess,
  herokuCache,
  herokuDatabase,
  herokuProcess,
} from './workload-builders';
