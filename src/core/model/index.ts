export { FARGATE_TASK_SIZES } from './choose-aws';
export { estimate } from './estimate';
export type {
  Cheaper,
  CostCategory,
  CostLine,
  EnvironmentName,
  Estimate,
  EstimateOptions,
  PlatformCost,
  PricedCostLine,
  UnpricedCostLine,
} from './types';
export {
  awsCache,
  awsDatabase,
  awsFargateProcess,
  awsInstanceProcess,
  herokuCache,
  herokuDatabase,
  herokuProcess,
} from './workload-builders';
