/**
 * GetProducts `PriceList` items in AWS's own format: the envelope, key order and value styles of
 * the botocore example item (shared/fixtures/aws/pricing-getproducts-example.json): product
 * {productFamily, attributes, sku}, serviceCode, terms.OnDemand.<sku>.<offer>.priceDimensions.
 * <rate>.pricePerUnit.USD as a ten-place decimal string, effectiveDate, version, publicationDate.
 * Attribute names and values follow the published Price List offer files for each service.
 *
 * Beside each product, the prices a refresh should store from it, written here by hand (catalog
 * key, unit, AWS's decimal text, SKU, effective date), not by running the bot's own filters and
 * parser: tests that need stored prices start from these, and test/sources/aws-price-list.test.ts
 * checks that the real reader, against the local Price List, stores exactly them.
 */
import type { LivePrice, PriceSet, PriceUnit } from '../../src/core/pricing';

const OFFER = 'JRTCKXETXF';
const RATE = '6YS6EN2CT7';

const LOCATIONS: Record<string, { location: string; prefix: string }> = {
  'us-east-1': { location: 'US East (N. Virginia)', prefix: 'USE1' },
  'eu-west-1': { location: 'EU (Ireland)', prefix: 'EUW1' },
};

interface ItemSpec {
  serviceCode: string;
  productFamily: string;
  region: string;
  attributes: Record<string, string>;
  /** Dimensions: USD text (ten places as AWS writes it), unit, optional tier range. */
  dimensions: { usd: string; unit: string; beginRange?: string; endRange?: string; description?: string }[];
  effectiveDate?: string;
  sku?: string;
}

/** A 16-character upper-case SKU, stable for the same product. */
function skuFor(seed: string): string {
  let hash = 2166136261;
  for (const char of seed) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let out = '';
  let n = hash;
  for (let i = 0; i < 16; i++) {
    out += alphabet[(n + i * 7) % alphabet.length];
    n = Math.imul(n ^ (n >>> 13), 1597334677) >>> 0;
  }
  return out;
}

const skuOf = (spec: ItemSpec) =>
  spec.sku ?? skuFor(`${spec.serviceCode}|${spec.region}|${JSON.stringify(spec.attributes)}`);

/** One item as the JSON text AWS sends in `PriceList`. */
function priceItem(spec: ItemSpec): string {
  const where = LOCATIONS[spec.region] ?? { location: spec.region, prefix: spec.region.toUpperCase() };
  const sku = skuOf(spec);
  const effectiveDate = `${spec.effectiveDate ?? '2026-11-01'}T00:00:00Z`;
  const priceDimensions = Object.fromEntries(
    spec.dimensions.map((dimension, index) => {
      const rateCode = `${sku}.${OFFER}.${index === 0 ? RATE : `${RATE.slice(0, 8)}${index}X`}`;
      return [
        rateCode,
        {
          unit: dimension.unit,
          endRange: dimension.endRange ?? 'Inf',
          description: dimension.description ?? `$${Number(dimension.usd)} per ${dimension.unit} (${where.location})`,
          appliesTo: [],
          rateCode,
          beginRange: dimension.beginRange ?? '0',
          pricePerUnit: { USD: dimension.usd },
        },
      ];
    }),
  );
  return JSON.stringify({
    product: {
      productFamily: spec.productFamily,
      attributes: {
        servicecode: spec.serviceCode,
        location: where.location,
        locationType: 'AWS Region',
        regionCode: spec.region,
        ...spec.attributes,
      },
      sku,
    },
    serviceCode: spec.serviceCode,
    terms: {
      OnDemand: {
        [`${sku}.${OFFER}`]: {
          priceDimensions,
          sku,
          effectiveDate,
          offerTermCode: OFFER,
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

/** `USE1-` etc. where AWS prefixes usage types; us-east-1 EC2, ELB and EBS usage types have none. */
const prefixed = (region: string, usage: string, always = false) => {
  const prefix = LOCATIONS[region]?.prefix ?? region.toUpperCase();
  return region === 'us-east-1' && !always ? usage : `${prefix}-${usage}`;
};

/**
 * Secrets Manager and RDS write Ireland's usage types with the old `EU-` prefix (and Secrets
 * Manager's API requests as `EU-AWSSecretsManager-APIRequests`), not `EUW1-`.
 */
const oldPrefixed = (region: string, usage: string, always = false) =>
  region === 'eu-west-1' ? `EU-${usage}` : prefixed(region, usage, always);

/** A per-request price as a per-10,000 one, by moving the point (`0.0000050000` → `0.05`). */
function per10k(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  const digits = whole + fraction.padEnd(4, '0');
  const point = whole.length + 4;
  const left = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const right = digits.slice(point).replace(/0+$/, '');
  return right ? `${left}.${right}` : left;
}

/** Dollar figures per product of one region's price list, as AWS writes them. Edit a copy to move a price. */
export type PriceSheet = Record<string, string>;

export const US_EAST_1_PRICES: PriceSheet = {
  'ec2:t3.micro': '0.0104000000',
  'ec2:t3.small': '0.0208000000',
  'ec2:t3.medium': '0.0416000000',
  'ec2:t3.large': '0.0832000000',
  'ec2:t4g.micro': '0.0084000000',
  'ec2:t4g.small': '0.0168000000',
  'ec2:m5.large': '0.0960000000',
  'ec2:m6i.large': '0.0960000000',
  'ec2:m7i.large': '0.1008000000',
  'ec2:c6i.large': '0.0850000000',
  'ec2:r6i.large': '0.1260000000',
  'ec2:m6g.large': '0.0770000000',
  'rds:Single-AZ:db.t4g.micro': '0.0160000000',
  'rds:Single-AZ:db.t4g.medium': '0.0650000000',
  'rds:Single-AZ:db.m6g.large': '0.1590000000',
  'rds:Multi-AZ:db.t4g.micro': '0.0320000000',
  'rds:Multi-AZ:db.t4g.medium': '0.1300000000',
  'rds:Multi-AZ:db.m6g.large': '0.3180000000',
  'rds-storage:Single-AZ': '0.1150000000',
  'rds-storage:Multi-AZ': '0.2300000000',
  'cache:Redis:cache.t4g.micro': '0.0160000000',
  'cache:Redis:cache.t4g.small': '0.0320000000',
  'cache:Redis:cache.m6g.large': '0.1490000000',
  'cache:Valkey:cache.t4g.micro': '0.0128000000',
  'alb:hour': '0.0225000000',
  'alb:lcu': '0.0080000000',
  'nat:hour': '0.0450000000',
  'nat:gb': '0.0450000000',
  'ebs:gp3': '0.0800000000',
  'logs:ingest': '0.5000000000',
  'logs:storage': '0.0300000000',
  'transfer:first-10tb': '0.0900000000',
  'transfer:next-40tb': '0.0850000000',
  'transfer:next-100tb': '0.0700000000',
  'transfer:over-150tb': '0.0500000000',
  'fargate:vcpu': '0.0404800000',
  'fargate:gb': '0.0044450000',
  'fargate:arm-vcpu': '0.0323800000',
  'fargate:arm-gb': '0.0035600000',
  'ipv4:hour': '0.0050000000',
  'secrets:secret': '0.4000000000',
  // AWS prices Secrets Manager API calls per request; the catalog (and AWS's page) per 10,000.
  'secrets:request': '0.0000050000',
  'rds-backup:gb': '0.0950000000',
};

/** A product of the price list, and the prices (catalog key and unit) a refresh should store from it. */
interface Product {
  item: string;
  prices: LivePrice[];
}

/** One product per sheet entry (the data-transfer tiers are one product), as AWS publishes them. */
function products(region: string, sheet: PriceSheet, effectiveDate: string): Product[] {
  const out: Product[] = [];
  /** A product whose one dimension is stored as `key`, priced per `unit`. */
  const add = (key: string, unit: PriceUnit, product: Omit<ItemSpec, 'region' | 'effectiveDate'>) => {
    const spec = { ...product, region, effectiveDate };
    const price = { key, usd: spec.dimensions[0].usd, unit, sku: skuOf(spec), effectiveDate };
    out.push({ item: priceItem(spec), prices: [price] });
  };
  for (const [name, usd] of Object.entries(sheet)) {
    const [kind, a, b] = name.split(':');
    switch (kind) {
      case 'ec2':
        add(`aws.ec2.${a}`, 'hour', {
          serviceCode: 'AmazonEC2',
          productFamily: 'Compute Instance',
          attributes: {
            instanceType: a,
            operatingSystem: 'Linux',
            tenancy: 'Shared',
            preInstalledSw: 'NA',
            capacitystatus: 'Used',
            marketoption: 'OnDemand',
            licenseModel: 'No License required',
            usagetype: prefixed(region, `BoxUsage:${a}`),
            operation: 'RunInstances',
          },
          dimensions: [{ usd, unit: 'Hrs' }],
        });
        break;
      case 'rds':
        add(`aws.rds.postgres.${b}.${a.toLowerCase()}`, 'hour', {
          serviceCode: 'AmazonRDS',
          productFamily: 'Database Instance',
          attributes: {
            instanceType: b,
            databaseEngine: 'PostgreSQL',
            deploymentOption: a,
            usagetype: prefixed(region, `${a === 'Multi-AZ' ? 'Multi-AZUsage' : 'InstanceUsage'}:${b}`),
            operation: 'CreateDBInstance:0014',
          },
          dimensions: [{ usd, unit: 'Hrs' }],
        });
        break;
      case 'rds-storage':
        add(`aws.rds.storage.gp3.${a.toLowerCase()}`, 'GB-month', {
          serviceCode: 'AmazonRDS',
          productFamily: 'Database Storage',
          attributes: {
            volumeType: 'General Purpose-GP3',
            databaseEngine: 'PostgreSQL',
            deploymentOption: a,
            usagetype: prefixed(region, a === 'Multi-AZ' ? 'RDS:Multi-AZ-GP3-Storage' : 'RDS:GP3-Storage'),
          },
          dimensions: [{ usd, unit: 'GB-Mo' }],
        });
        break;
      case 'cache':
        add(a === 'Valkey' ? `aws.elasticache.valkey.${b}` : `aws.elasticache.${b}`, 'hour', {
          serviceCode: 'AmazonElastiCache',
          productFamily: 'Cache Instance',
          attributes: { instanceType: b, cacheEngine: a, usagetype: prefixed(region, `NodeUsage:${b}`, true) },
          dimensions: [{ usd, unit: 'Hrs' }],
        });
        break;
      case 'alb':
        add(a === 'hour' ? 'aws.alb.hour' : 'aws.alb.lcu-hour', a === 'hour' ? 'hour' : 'LCU-hour', {
          serviceCode: 'AWSELB',
          productFamily: 'Load Balancer-Application',
          attributes: {
            usagetype: prefixed(region, a === 'hour' ? 'LoadBalancerUsage' : 'LCUUsage'),
            operation: 'LoadBalancing:Application',
          },
          dimensions: [{ usd, unit: a === 'hour' ? 'Hrs' : 'LCU-Hrs' }],
        });
        break;
      case 'nat':
        add(a === 'hour' ? 'aws.nat.hour' : 'aws.nat.gb', a === 'hour' ? 'hour' : 'GB', {
          serviceCode: 'AmazonEC2',
          productFamily: 'NAT Gateway',
          attributes: {
            usagetype: prefixed(region, a === 'hour' ? 'NatGateway-Hours' : 'NatGateway-Bytes'),
            operation: 'NatGateway',
          },
          dimensions: [{ usd, unit: a === 'hour' ? 'Hrs' : 'GB' }],
        });
        break;
      case 'ebs':
        add('aws.ebs.gp3', 'GB-month', {
          serviceCode: 'AmazonEC2',
          productFamily: 'Storage',
          attributes: {
            volumeApiName: 'gp3',
            volumeType: 'General Purpose',
            usagetype: prefixed(region, 'EBS:VolumeUsage.gp3'),
          },
          dimensions: [{ usd, unit: 'GB-Mo' }],
        });
        break;
      case 'logs':
        add(`aws.cloudwatch.logs.${a}`, a === 'ingest' ? 'GB' : 'GB-month', {
          serviceCode: 'AmazonCloudWatch',
          productFamily: a === 'ingest' ? 'Data Payload' : 'Storage Snapshot',
          attributes: {
            usagetype: prefixed(region, a === 'ingest' ? 'DataProcessing-Bytes' : 'TimedStorage-ByteHrs', true),
          },
          dimensions: [{ usd, unit: a === 'ingest' ? 'GB' : 'GB-Mo' }],
        });
        break;
      case 'fargate': {
        const arm = a.startsWith('arm-');
        const what = a.endsWith('vcpu') ? 'vCPU-Hours:perCPU' : 'GB-Hours';
        const per = a.endsWith('vcpu') ? 'vCPU-hour' : 'GB-hour';
        add(`aws.${arm ? 'fargate-arm' : 'fargate'}.${per.toLowerCase()}`, per, {
          serviceCode: 'AmazonECS',
          productFamily: 'Compute',
          attributes: {
            cpuArchitecture: arm ? 'ARM' : 'x86',
            usagetype: prefixed(region, `Fargate-${arm ? 'ARM-' : ''}${what}`, true),
          },
          dimensions: [{ usd, unit: a.endsWith('vcpu') ? 'hours' : 'GB-Hours' }],
        });
        break;
      }
      case 'ipv4':
        add('aws.vpc.public-ipv4', 'address-hour', {
          serviceCode: 'AmazonVPC',
          productFamily: 'VPC Public IPv4 Address',
          attributes: { usagetype: prefixed(region, 'PublicIPv4:InUseAddress', true), group: 'VPCPublicIPv4Address' },
          dimensions: [{ usd, unit: 'Hrs' }],
        });
        break;
      case 'secrets': {
        const secret = a === 'secret';
        const spec = {
          serviceCode: 'AWSSecretsManager',
          productFamily: secret ? 'Secret' : 'API Request',
          region,
          effectiveDate,
          attributes: {
            usagetype: secret
              ? oldPrefixed(region, 'AWSSecretsManager-Secrets', true)
              : region === 'eu-west-1'
                ? 'EU-AWSSecretsManager-APIRequests'
                : prefixed(region, 'AWSSecretsManagerAPIRequest', true),
            operation: '',
          },
          dimensions: [{ usd, unit: secret ? 'Secrets' : 'API Requests' }],
        };
        out.push({
          item: priceItem(spec),
          prices: [
            secret
              ? { key: 'aws.secrets-manager.secret', usd, unit: 'secret-month', sku: skuOf(spec), effectiveDate }
              : {
                  key: 'aws.secrets-manager.requests',
                  usd: per10k(usd),
                  unit: '10k requests',
                  sku: skuOf(spec),
                  effectiveDate,
                },
          ],
        });
        break;
      }
      case 'rds-backup':
        add('aws.rds.backup', 'GB-month', {
          serviceCode: 'AmazonRDS',
          productFamily: 'Storage Snapshot',
          attributes: {
            databaseEngine: 'Any',
            usagetype: oldPrefixed(region, 'RDS:ChargedBackupUsage'),
            operation: '',
          },
          dimensions: [
            {
              usd,
              unit: 'GB-Mo',
              description: `$${Number(usd)} per additional GB-month of backup storage exceeding free allocation`,
            },
          ],
        });
        break;
      case 'transfer':
        break; // one product with every tier, below
    }
  }
  const tier = (name: string) => sheet[`transfer:${name}`];
  if (tier('first-10tb')) {
    const spec: ItemSpec = {
      serviceCode: 'AWSDataTransfer',
      productFamily: 'Data Transfer',
      region,
      effectiveDate,
      attributes: {
        fromRegionCode: region,
        transferType: 'AWS Outbound',
        toLocation: 'External',
        usagetype: prefixed(region, 'DataTransfer-Out-Bytes', true),
      },
      dimensions: [
        { usd: '0.0000000000', unit: 'GB', beginRange: '0', endRange: '100' },
        { usd: tier('first-10tb'), unit: 'GB', beginRange: '100', endRange: '10240' },
        { usd: tier('next-40tb'), unit: 'GB', beginRange: '10240', endRange: '51200' },
        { usd: tier('next-100tb'), unit: 'GB', beginRange: '51200', endRange: '153600' },
        { usd: tier('over-150tb'), unit: 'GB', beginRange: '153600', endRange: 'Inf' },
      ].filter((d) => d.usd !== undefined),
    };
    // The first 100 GB a month are free: a $0 tier, which no catalog key stands for.
    const tiers = ['first-10tb', 'next-40tb', 'next-100tb', 'over-150tb'].filter((name) => tier(name) !== undefined);
    out.push({
      item: priceItem(spec),
      prices: tiers.map((name) => ({
        key: `aws.data-transfer.out.${name}`,
        usd: tier(name),
        unit: 'GB' as const,
        sku: skuOf(spec),
        effectiveDate,
      })),
    });
  }
  return out;
}

/** The whole price list of a region from a sheet: one item per product, as AWS publishes them. */
export function priceListItems(region: string, sheet: PriceSheet, effectiveDate = '2026-11-01'): string[] {
  return products(region, sheet, effectiveDate).map((product) => product.item);
}

/**
 * The set a refresh should store when the Price List publishes `sheet` for `region` (what
 * `priceListItems` serves), from the expectations written beside each product; for tests that need
 * stored prices without running a refresh. Prices in catalog-key order.
 */
export function expectedAwsSet(
  region: string,
  sheet: PriceSheet,
  readAt: Date,
  effectiveDate = '2026-11-01',
): PriceSet {
  const prices = products(region, sheet, effectiveDate).flatMap((product) => product.prices);
  prices.sort((a, b) => a.key.localeCompare(b.key));
  return { vendor: 'aws', region, readAt: readAt.toISOString(), prices };
}
