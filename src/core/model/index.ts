export type { AwsAccount } from './aws-bill';
export { awsAccountSteps, modelAwsAccount } from './aws-fleet';
export { estimate } from './estimate';
export {
  environmentOfLiveApp,
  type FleetApp,
  type FleetModel,
  modelFleet,
  modelFleetSteps,
} from './fleet';
export { DRIVERS_FOOTING } from './fleet-drivers';
export {
  addTallies,
  byKind,
  LEFT_OUT_WORDS,
  type LeftOutKind,
  type LeftOutTally,
  leftOutCount,
  leftOutKind,
  NOTHING_LEFT_OUT,
  tallyCount,
  tallyOf,
  tallyWords,
} from './left-out';
export type {
  MigrationModel,
  MigrationTeam,
  UnpricedCount,
} from './migration';
export { currentStaysCheaper, paybackWithin } from './migration';
export { priceDatesOf, priceDatesSpan, pricesDated } from './price-dates';
export { pricedWorkloads } from './priced-workloads';
export type {
  Bounded,
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
export { leadSentences, leftOutWords, VERDICT_TIER, verdictSentence } from './verdict';
export {
  awsCache,
  awsDatabase,
  awsInstanceProcess,
  herokuCache,
  herokuDatabase,
  herokuProcess,
} from './workload-builders';
