/**
 * Live Heroku data (docs/architecture.md, sources). `HerokuSource` fetches, pages, retries, caches and returns plain
 * typed data; the pure arithmetic (run-rate, snapshot integration) lives in src/core/heroku-run-rate and src/core/snapshot-cost.
 *
 * Requests per inventory of N apps, all teams: N formation lists + account + teams + dyno sizes +
 * ⌈N/1000⌉ app pages + ⌈add-ons/1000⌉ add-on pages + ⌈spaces/1000⌉ space pages + one member list
 * per team: N + 6 + T for N ≤ 1,000 and T teams. With HEROKU_TEAMS: N + 3 + 4T. Retries count too.
 */
export { HerokuApi } from './heroku-api';
export { HerokuSource, type HerokuSourceOptions } from './heroku-source';
export type * from './types';
export {
  fleetAppsOf,
  fleetShieldNote,
  fleetTrafficNote,
  inventoryOnAwsSteps,
  keyValueCache,
  postgresDatabase,
} from './workload';
