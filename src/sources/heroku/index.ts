/**
 * Live Heroku data (docs/architecture.md, sources). `HerokuSource` fetches, pages, retries, caches and returns plain
 * typed data; the pure arithmetic (run-rate, snapshot integration) lives in src/core/heroku-run-rate and src/core/snapshot-cost.
 *
 * Requests per inventory of N apps, all teams: N formation lists + account + teams + dyno sizes +
 * ⌈N/1000⌉ app pages + ⌈add-ons/1000⌉ add-on pages + ⌈spaces/1000⌉ space pages + one member list
 * per team: N + 6 + T for N ≤ 1,000 and T teams. With HEROKU_TEAMS: N + 3 + 4T. Retries count too.
 */
export {
  type AppRunRate,
  type HerokuPeriodCost,
  type HerokuRunRate,
  type HerokuSnapshotData,
  herokuRunRate as runRate,
  monthStart,
  type RunRateExclusion,
  type RunRateLine,
  snapshotData,
} from '../../core/heroku-run-rate';
export { weeklyCostFromSnapshots } from '../../core/snapshot-cost';
export { type ApiStats, HerokuApi, type HerokuApiOptions } from './heroku-api';
export { HEROKU_RATE_LIMIT_WORDS } from './heroku-api-errors';
export { INVOICE_UNIT_NOTE, invoiceDay } from './heroku-billing';
export {
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_REQUEST_BUDGET,
  HerokuSource,
  type HerokuSourceOptions,
} from './heroku-source';
export { RequestBudget } from './request-budget';
export type * from './types';
export {
  appWorkload,
  fleetAppsOf,
  fleetShieldNote,
  fleetTrafficNote,
  inventoryOnAwsSteps,
  keyValueCache,
  postgresDatabase,
  workloadForApp,
} from './workload';
