import type { PriceUnit } from '../../core/pricing';

/**
 * What the bot asks the AWS Price List Query API for: one GetProducts filter set per service
 * family, and how an item of that family maps onto catalog keys. Field names are Price List
 * product attributes; the EC2 set is the one Karpenter uses
 * (https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/pricing.go).
 * Usage types carry a region prefix outside us-east-1 (`EUW1-NatGateway-Hours`), so they are
 * matched by their ending.
 */
interface PriceFilter {
  Type: 'TERM_MATCH';
  Field: string;
  Value: string;
}

/** One price dimension of an item, with the product attributes it belongs to. */
interface PricedDimension {
  attributes: Readonly<Record<string, string>>;
  /** AWS's unit: `Hrs`, `GB-Mo`, `GB`, `vCPU-Hours`, `LCU-Hrs`… */
  unit: string;
  beginRange?: string;
  endRange?: string;
  usd: string;
}

export interface PriceFamily {
  id: string;
  /** For people: `EC2 Linux on-demand instances`. */
  label: string;
  serviceCode: string;
  filters(region: string): PriceFilter[];
  /** The catalog key and unit a dimension prices, or undefined when the bot does not use it. */
  keyOf(dimension: PricedDimension): PriceKey | undefined;
}

export interface PriceKey {
  key: string;
  unit: PriceUnit;
  /**
   * How many of AWS's units make one of the catalog's: AWS prices Secrets Manager per API request
   * (0.0000050000), the catalog and AWS's pricing page per 10,000 requests ($0.05).
   */
  per?: number;
}

const term = (Field: string, Value: string): PriceFilter => ({ Type: 'TERM_MATCH', Field, Value });
const inRegion = (region: string) => term('regionCode', region);
const usage = (dimension: PricedDimension) => dimension.attributes.usagetype ?? '';
const endsWith = (dimension: PricedDimension, ending: string) => new RegExp(`(^|-)${ending}$`).test(usage(dimension));

const DEPLOYMENT: Record<string, string> = { 'Single-AZ': 'single-az', 'Multi-AZ': 'multi-az' };

function rdsFamily(deployment: 'Single-AZ' | 'Multi-AZ'): PriceFamily {
  return {
    id: `rds-postgres-${DEPLOYMENT[deployment]}`,
    label: `RDS PostgreSQL instances, ${deployment}`,
    serviceCode: 'AmazonRDS',
    filters: (region) => [
      inRegion(region),
      term('productFamily', 'Database Instance'),
      term('databaseEngine', 'PostgreSQL'),
      term('deploymentOption', deployment),
    ],
    keyOf: ({ attributes, unit }) =>
      unit === 'Hrs' && attributes.instanceType?.startsWith('db.')
        ? { key: `aws.rds.postgres.${attributes.instanceType}.${DEPLOYMENT[deployment]}`, unit: 'hour' }
        : undefined,
  };
}

/**
 * ElastiCache nodes by engine: Redis OSS (what Heroku Key-Value Store maps onto, like-for-like and
 * consolidated) and Valkey (the optimised tier, priced 20% below Redis OSS). The same node type keys
 * `aws.elasticache.<node>` for Redis OSS and `aws.elasticache.valkey.<node>` for Valkey.
 */
function elastiCacheFamily(engine: 'Redis' | 'Valkey'): PriceFamily {
  const valkey = engine === 'Valkey';
  return {
    id: valkey ? 'elasticache-valkey' : 'elasticache-redis',
    label: valkey ? 'ElastiCache Valkey nodes' : 'ElastiCache Redis OSS nodes',
    serviceCode: 'AmazonElastiCache',
    filters: (region) => [inRegion(region), term('productFamily', 'Cache Instance'), term('cacheEngine', engine)],
    keyOf: ({ attributes, unit }) =>
      unit === 'Hrs' && attributes.instanceType?.startsWith('cache.')
        ? { key: `aws.elasticache.${valkey ? 'valkey.' : ''}${attributes.instanceType}`, unit: 'hour' }
        : undefined,
  };
}

/**
 * Ireland's Secrets Manager and RDS usage types carry the old `EU-` prefix, and its API requests
 * are spelled `EU-AWSSecretsManager-APIRequests` where other regions have
 * `<prefix>-AWSSecretsManagerAPIRequest`: both spellings are read.
 */
const SECRETS_MANAGER_REQUESTS = /(^|-)AWSSecretsManager(APIRequest|-APIRequests)$/;

/** Data transfer out is priced in tiers by GB a month; each tier is a dimension of one product. */
const TRANSFER_TIERS: Record<string, string> = {
  '0': 'first-10tb',
  '1': 'first-10tb',
  '100': 'first-10tb',
  '10240': 'next-40tb',
  '51200': 'next-100tb',
  '153600': 'over-150tb',
};

export const PRICE_FAMILIES: readonly PriceFamily[] = [
  {
    id: 'ec2',
    label: 'EC2 Linux on-demand instances (shared tenancy)',
    serviceCode: 'AmazonEC2',
    filters: (region) => [
      inRegion(region),
      term('serviceCode', 'AmazonEC2'),
      term('preInstalledSw', 'NA'),
      term('operatingSystem', 'Linux'),
      term('capacitystatus', 'Used'),
      term('marketoption', 'OnDemand'),
      term('tenancy', 'Shared'),
      term('productFamily', 'Compute Instance'),
    ],
    keyOf: ({ attributes, unit }) =>
      unit === 'Hrs' && attributes.instanceType
        ? { key: `aws.ec2.${attributes.instanceType}`, unit: 'hour' }
        : undefined,
  },
  rdsFamily('Single-AZ'),
  rdsFamily('Multi-AZ'),
  {
    id: 'rds-storage-gp3',
    label: 'RDS PostgreSQL gp3 storage',
    serviceCode: 'AmazonRDS',
    filters: (region) => [
      inRegion(region),
      term('productFamily', 'Database Storage'),
      term('databaseEngine', 'PostgreSQL'),
      term('volumeType', 'General Purpose-GP3'),
    ],
    keyOf: ({ attributes, unit }) => {
      const deployment = DEPLOYMENT[attributes.deploymentOption ?? ''];
      return unit === 'GB-Mo' && deployment
        ? { key: `aws.rds.storage.gp3.${deployment}`, unit: 'GB-month' }
        : undefined;
    },
  },
  elastiCacheFamily('Redis'),
  elastiCacheFamily('Valkey'),
  {
    id: 'alb',
    label: 'Application Load Balancer hours and LCUs',
    serviceCode: 'AWSELB',
    filters: (region) => [inRegion(region), term('productFamily', 'Load Balancer-Application')],
    keyOf: (dimension) => {
      if (endsWith(dimension, 'LoadBalancerUsage')) return { key: 'aws.alb.hour', unit: 'hour' };
      if (endsWith(dimension, 'LCUUsage')) return { key: 'aws.alb.lcu-hour', unit: 'LCU-hour' };
      return undefined;
    },
  },
  {
    id: 'nat',
    label: 'NAT gateway hours and data processed',
    serviceCode: 'AmazonEC2',
    filters: (region) => [inRegion(region), term('productFamily', 'NAT Gateway')],
    keyOf: (dimension) => {
      if (endsWith(dimension, 'NatGateway-Hours')) return { key: 'aws.nat.hour', unit: 'hour' };
      if (endsWith(dimension, 'NatGateway-Bytes')) return { key: 'aws.nat.gb', unit: 'GB' };
      return undefined;
    },
  },
  {
    id: 'ebs-gp3',
    label: 'EBS gp3 volumes',
    serviceCode: 'AmazonEC2',
    filters: (region) => [inRegion(region), term('productFamily', 'Storage'), term('volumeApiName', 'gp3')],
    keyOf: (dimension) =>
      dimension.unit === 'GB-Mo' && endsWith(dimension, 'EBS:VolumeUsage.gp3')
        ? { key: 'aws.ebs.gp3', unit: 'GB-month' }
        : undefined,
  },
  {
    id: 'logs-ingestion',
    label: 'CloudWatch Logs ingestion',
    serviceCode: 'AmazonCloudWatch',
    filters: (region) => [inRegion(region), term('productFamily', 'Data Payload')],
    keyOf: (dimension) =>
      endsWith(dimension, 'DataProcessing-Bytes') ? { key: 'aws.cloudwatch.logs.ingest', unit: 'GB' } : undefined,
  },
  {
    id: 'logs-storage',
    label: 'CloudWatch Logs storage',
    serviceCode: 'AmazonCloudWatch',
    filters: (region) => [inRegion(region), term('productFamily', 'Storage Snapshot')],
    keyOf: (dimension) =>
      endsWith(dimension, 'TimedStorage-ByteHrs')
        ? { key: 'aws.cloudwatch.logs.storage', unit: 'GB-month' }
        : undefined,
  },
  {
    id: 'data-transfer-out',
    label: 'Data transfer out to the internet (all tiers)',
    serviceCode: 'AWSDataTransfer',
    filters: (region) => [
      term('fromRegionCode', region),
      term('transferType', 'AWS Outbound'),
      term('toLocation', 'External'),
    ],
    keyOf: (dimension) => {
      // The free allowance is a $0 dimension of its own, skipped with every $0 dimension (aws-price-items.ts).
      const tier = TRANSFER_TIERS[dimension.beginRange ?? ''];
      if (!tier || dimension.unit !== 'GB') return undefined;
      return { key: `aws.data-transfer.out.${tier}`, unit: 'GB' };
    },
  },
  {
    id: 'fargate',
    label: 'Fargate vCPU and GB hours (Linux x86 and ARM)',
    serviceCode: 'AmazonECS',
    filters: (region) => [inRegion(region), term('productFamily', 'Compute')],
    keyOf: (dimension) => {
      if (endsWith(dimension, 'Fargate-vCPU-Hours:perCPU')) return { key: 'aws.fargate.vcpu-hour', unit: 'vCPU-hour' };
      if (endsWith(dimension, 'Fargate-GB-Hours')) return { key: 'aws.fargate.gb-hour', unit: 'GB-hour' };
      if (endsWith(dimension, 'Fargate-ARM-vCPU-Hours:perCPU'))
        return { key: 'aws.fargate-arm.vcpu-hour', unit: 'vCPU-hour' };
      if (endsWith(dimension, 'Fargate-ARM-GB-Hours')) return { key: 'aws.fargate-arm.gb-hour', unit: 'GB-hour' };
      return undefined;
    },
  },
  {
    id: 'secrets-manager',
    label: 'Secrets Manager secrets and API requests',
    serviceCode: 'AWSSecretsManager',
    filters: (region) => [inRegion(region)],
    keyOf: (dimension) => {
      if (dimension.unit === 'Secrets' && endsWith(dimension, 'AWSSecretsManager-Secrets'))
        return { key: 'aws.secrets-manager.secret', unit: 'secret-month' };
      if (dimension.unit === 'API Requests' && SECRETS_MANAGER_REQUESTS.test(usage(dimension)))
        return { key: 'aws.secrets-manager.requests', unit: '10k requests', per: 10_000 };
      return undefined;
    },
  },
  {
    // Backup storage beyond the free amount (the storage provisioned) is one price for every
    // non-Aurora engine: AWS lists it under databaseEngine `Any` (and per engine at the same price).
    id: 'rds-backup',
    label: 'RDS backup storage beyond the free amount',
    serviceCode: 'AmazonRDS',
    filters: (region) => [inRegion(region), term('productFamily', 'Storage Snapshot')],
    keyOf: (dimension) =>
      dimension.unit === 'GB-Mo' &&
      endsWith(dimension, 'RDS:ChargedBackupUsage') &&
      ['Any', 'PostgreSQL', undefined].includes(dimension.attributes.databaseEngine)
        ? { key: 'aws.rds.backup', unit: 'GB-month' }
        : undefined,
  },
  {
    id: 'public-ipv4',
    label: 'Public IPv4 addresses',
    serviceCode: 'AmazonVPC',
    filters: (region) => [inRegion(region), term('productFamily', 'VPC Public IPv4 Address')],
    keyOf: (dimension) =>
      endsWith(dimension, 'PublicIPv4:InUseAddress') ? { key: 'aws.vpc.public-ipv4', unit: 'address-hour' } : undefined,
  },
];
