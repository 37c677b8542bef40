import { type CatalogEntry, priced } from './price-entry';
import { SOURCES } from './sources';

export interface CacheNodeSpec {
  node: string;
  /** GiB of memory the node offers (AWS node-type table). */
  memoryGb: number;
  priceKey: string;
}

type Row = [
  node: string,
  memoryGb: number,
  hourly: string,
  confidence: 'secondary' | 'derived',
  derivedFactor?: number,
];

// ElastiCache for Redis OSS, us-east-1 (pricing.md §3.2, P4). m6g sizes above large, except 12xlarge,
// are derived by doubling from cache.m6g.large.
const NODES: Row[] = [
  ['cache.t4g.micro', 0.5, '0.016', 'secondary'],
  ['cache.t4g.small', 1.37, '0.032', 'secondary'],
  ['cache.t4g.medium', 3.09, '0.065', 'secondary'],
  ['cache.t3.micro', 0.5, '0.017', 'secondary'],
  ['cache.t3.small', 1.37, '0.034', 'secondary'],
  ['cache.t3.medium', 3.09, '0.068', 'secondary'],
  ['cache.m6g.large', 6.38, '0.149', 'secondary'],
  ['cache.m6g.xlarge', 12.93, '0.298', 'derived', 2],
  ['cache.m6g.2xlarge', 26.04, '0.596', 'derived', 4],
  ['cache.m6g.4xlarge', 52.26, '1.192', 'derived', 8],
  ['cache.m6g.8xlarge', 103.68, '2.384', 'derived', 16],
  ['cache.m6g.12xlarge', 157.12, '3.557', 'secondary'],
  ['cache.r5.4xlarge', 105.81, '1.724', 'secondary'],
];

export const CACHE_NODES: readonly CacheNodeSpec[] = NODES.map(([node, memoryGb]) => ({
  node,
  memoryGb,
  priceKey: `aws.elasticache.${node}`,
}));

export const CACHE_PRICES: readonly CatalogEntry[] = [
  ...NODES.map(([node, , hourly, confidence, factor]) => {
    const source =
      confidence === 'derived'
        ? {
            label: `Derived: ${factor} × cache.m6g.large (${SOURCES.priceListTable.label}); sizes scale linearly`,
            asOf: SOURCES.priceListTable.asOf,
          }
        : SOURCES.priceListTable;
    return priced(`aws.elasticache.${node}`, `ElastiCache ${node} (Redis OSS)`, hourly, 'hour', source, confidence);
  }),
  priced(
    'aws.elasticache.backup',
    'ElastiCache backup storage',
    '0.085',
    'GB-month',
    SOURCES.infracost2024,
    'secondary',
  ),
];
