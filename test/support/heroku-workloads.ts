import { herokuCache, herokuDatabase, herokuProcess } from '../../src/core/model';
import { type Catalog, DEFAULT_CATALOG } from '../../src/core/pricing';
import type { AddOn, Workload } from '../../src/core/workload';

/** A Heroku app's workload for the model's tests: its processes, Postgres and Key-Value Store plans, add-ons. */
export function herokuWorkload(
  processes: [string, number, string][],
  database?: string,
  cache?: string,
  more: { addOns?: AddOn[]; compliance?: Workload['compliance']; catalog?: Catalog } = {},
): Workload {
  const catalog = more.catalog ?? DEFAULT_CATALOG;
  return {
    origin: 'heroku',
    processes: processes.map(([name, count, size]) => herokuProcess(catalog, name, count, size)!),
    ...(database ? { database: herokuDatabase(catalog, database)! } : {}),
    ...(cache ? { cache: herokuCache(catalog, cache)! } : {}),
    addOns: more.addOns ?? [],
    egressGbPerMonth: 0,
    logGbPerMonth: 0,
    environments: { staging: false, reviewApps: 0 },
    compliance: more.compliance ?? [],
  };
}
