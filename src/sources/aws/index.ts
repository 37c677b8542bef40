export type { DailyCost, SpendGroupBy } from '../../core/spend/daily-cost';
export { awsAccountUsage } from './account-usage';
export { AwsSpendSource } from './aws-spend-source';
export { createCostExplorerClient } from './cost-explorer-client';
export { COST_EXPLORER_REQUEST_PRICE, COST_EXPLORER_SERVICE } from './cost-explorer-requests';
