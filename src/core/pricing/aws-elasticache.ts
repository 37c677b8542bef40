import { Decimal } from '../money';
import { priced, pricedRow } from './price-entry';
import type { PriceRow } from './price-table';
import { SOURCES, type Source } from './sources';

export interface CacheNodeSpec {
  node: string;
  /** GiB of memory the node offers (AWS node-type table). */
  memoryGb: number;
  /** The node running Redis OSS. */
  priceKey: string;
  /** The same node running Valkey. */
  valkeyPriceKey: string;
}

/**
 * Node-based ElastiCache for Valkey is priced 20% below the other engines (AWS ElastiCache pricing,
 * https://aws.amazon.com/elasticache/pricing/); the Price List carries it per node with
 * `cacheEngine: Valkey` (cache.t4g.micro 0.0128 against Redis OSS 0.016). Live prices replace these.
 */
const VALKEY_SHARE = new Decimal('0.8');

type Row = [node: string, memoryGb: number, hourly: string, source: Source];

const TABLE = SOURCES.priceListTable;
const LIST = SOURCES.awsElastiCachePriceList;

// ElastiCache for Redis OSS, us-east-1, on-demand, per node. The m6g sizes above large are the AWS
// Price List's own figures: they are not exact doublings of cache.m6g.large (0.297, not 0.298).
const NODES: Row[] = [
  ['cache.t4g.micro', 0.5, '0.016', TABLE],
  ['cache.t4g.small', 1.37, '0.032', TABLE],
  ['cache.t4g.medium', 3.09, '0.065', TABLE],
  ['cache.t3.micro', 0.5, '0.017', TABLE],
  ['cache.t3.small', 1.37, '0.034', TABLE],
  ['cache.t3.medium', 3.09, '0.068', TABLE],
  ['cache.m6g.large', 6.38, '0.149', TABLE],
  ['cache.m6g.xlarge', 12.93, '0.297', LIST],
  ['cache.m6g.2xlarge', 26.04, '0.593', LIST],
  ['cache.m6g.4xlarge', 52.26, '1.186', LIST],
  ['cache.m6g.8xlarge', 103.68, '2.372', LIST],
  ['cache.m6g.12xlarge', 157.12, '3.557', TABLE],
  ['cache.r5.4xlarge', 105.81, '1.724', TABLE],
  // Memory-optimised: more memory for the money than m6g from 7 GB up (a 7 GB Key-Value Store on
  // cache.r6g.large at 0.206, not cache.m6g.xlarge at 0.297).
  ['cache.r6g.large', 13.07, '0.206', TABLE],
  ['cache.r6g.xlarge', 26.32, '0.411', TABLE],
  ['cache.r6g.2xlarge', 52.82, '0.821', TABLE],
  ['cache.r6g.4xlarge', 105.81, '1.642', TABLE],
  ['cache.r6g.8xlarge', 209.55, '3.284', TABLE],
];

export const CACHE_NODES: readonly CacheNodeSpec[] = NODES.map(([node, memoryGb]) => ({
  node,
  memoryGb,
  priceKey: `aws.elasticache.${node}`,
  valkeyPriceKey: `aws.elasticache.valkey.${node}`,
}));

function valkeyRow([node, , hourly, source]: Row): PriceRow {
  const key = `aws.elasticache.valkey.${node}`;
  const make = () =>
    priced(
      key,
      `ElastiCache ${node} (Valkey)`,
      VALKEY_SHARE.times(hourly).toString(),
      'hour',
      { label: `${source.label}, less 20% for Valkey (${SOURCES.awsValkeyPricing.label})`, asOf: source.asOf },
      'derived',
    );
  return { key, asOf: source.asOf, priced: true, make };
}

export const CACHE_PRICES: readonly PriceRow[] = [
  ...NODES.map(([node, , hourly, source]) =>
    pricedRow(`aws.elasticache.${node}`, `ElastiCache ${node} (Redis OSS)`, hourly, 'hour', source, 'secondary'),
  ),
  ...NODES.map(valkeyRow),
  pricedRow(
    'aws.elasticache.backup',
    'ElastiCache backup storage',
    '0.085',
    'GB-month',
    SOURCES.infracost2024,
    'secondary',
  ),
];
