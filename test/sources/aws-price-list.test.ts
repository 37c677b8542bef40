import fs from 'node:fs';
import path from 'node:path';
import type { PricingClient } from '@aws-sdk/client-pricing';
import { DEFAULT_CATALOG, layerPrices } from '../../src/core/pricing';
import { PRICE_FAMILIES } from '../../src/sources/prices/aws-price-families';
import { MalformedPriceItem, pricesOfItem } from '../../src/sources/prices/aws-price-items';
import { readAwsPriceSet } from '../../src/sources/prices/aws-price-list';
import { createPricingClient } from '../../src/sources/prices/pricing-client';
import { SourceError } from '../../src/sources/source-error';
import { type FakePriceList, loadPricingModel, PRICING_FIXTURES, startFakePriceList } from '../support/fake-price-list';
import { expectedAwsSet, priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';

const credentials = { accessKeyId: 'AKIDPRICES', secretAccessKey: 'test-secret' };
const now = () => new Date('2026-12-05T04:00:00Z');
const noWait = async () => {};

let fake: FakePriceList;
let client: PricingClient;

beforeEach(async () => {
  fake = await startFakePriceList(priceListItems('us-east-1', US_EAST_1_PRICES));
  client = createPricingClient({ endpoint: fake.url, credentials, retryDelayMs: 1 });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

const read = (region = 'us-east-1') => readAwsPriceSet({ client, region, now, sleep: noWait });
const priceOf = (prices: { key: string; usd: string | null }[], key: string) => prices.find((p) => p.key === key);

describe('the AWS Price List source, on the wire', () => {
  test('speaks AWSPriceListService.GetProducts over JSON 1.1, signed with SigV4 for us-east-1/pricing', async () => {
    fake.pageSize = 5;
    fake.fail('throttle', { times: 1 });
    const { set, requests } = await read();

    expect(fake.problems).toEqual([]);
    const first = fake.requests[0];
    expect(first).toMatchObject({
      target: 'AWSPriceListService.GetProducts',
      signingRegion: 'us-east-1',
      signingService: 'pricing',
      outcome: 'ThrottlingException',
    });
    // The SDK retried the throttled request itself, and it then succeeded.
    expect(fake.requests[1]).toMatchObject({ outcome: 200, body: first.body });
    expect(fake.requests[1].sdkAttempt).toMatch(/attempt=2/);
    // Twelve EC2 products at five a page: three pages, the later two asked for with NextToken.
    const ec2 = fake.requests.filter((r) => r.body.ServiceCode === 'AmazonEC2' && r.outcome === 200).slice(0, 3);
    expect(ec2.map((r) => typeof r.body.NextToken)).toEqual(['undefined', 'string', 'string']);
    expect(requests).toBe(fake.requests.filter((r) => r.outcome === 200).length);
    expect(set.prices.filter((p) => p.key.startsWith('aws.ec2.'))).toHaveLength(12);
  });

  test('every request carries one filter set per service family, each valid for the service model', async () => {
    await read('us-east-1');
    const model = loadPricingModel();
    expect(model.metadata).toMatchObject({ targetPrefix: 'AWSPriceListService', signingName: 'pricing' });
    const families = new Set(fake.requests.map((r) => JSON.stringify([r.body.ServiceCode, r.body.Filters])));
    expect(families.size).toBe(PRICE_FAMILIES.length);
    for (const request of fake.requests) {
      expect(request.body).toMatchObject({ FormatVersion: 'aws_v1', MaxResults: 100 });
      expect(request.body.Filters).toContainEqual(expect.objectContaining({ Type: 'TERM_MATCH', Value: 'us-east-1' }));
    }
    expect(fake.problems).toEqual([]);
  });

  test('keeps each price exactly as AWS wrote it, with its SKU and effective date', async () => {
    const { set } = await read();
    const m5 = priceOf(set.prices, 'aws.ec2.m5.large')!;
    expect(m5).toMatchObject({ usd: '0.0960000000', unit: 'hour', effectiveDate: '2026-11-01' });
    expect(m5).toHaveProperty('sku', expect.stringMatching(/^[A-Z0-9]{16}$/));
    // 0.0044450000 survives to the last digit: never a binary float.
    expect(priceOf(set.prices, 'aws.fargate.gb-hour')?.usd).toBe('0.0044450000');
    expect(set).toMatchObject({ vendor: 'aws', region: 'us-east-1', readAt: '2026-12-05T04:00:00.000Z' });
  });

  test('stores exactly the prices written beside each product, in both regions (what other tests store directly)', async () => {
    const byKey = (set: { prices: { key: string }[] }) => [...set.prices].sort((a, b) => a.key.localeCompare(b.key));
    const us = await read('us-east-1');
    expect(byKey(us.set)).toEqual(expectedAwsSet('us-east-1', US_EAST_1_PRICES, now()).prices);
    const sheet = { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1070000000', 'transfer:over-150tb': '0.0480000000' };
    fake.setProducts(priceListItems('eu-west-1', sheet, '2026-11-15'));
    const eu = await read('eu-west-1');
    expect(eu.set).toMatchObject({ vendor: 'aws', region: 'eu-west-1' });
    expect(byKey(eu.set)).toEqual(expectedAwsSet('eu-west-1', sheet, now(), '2026-11-15').prices);
    expect(fake.problems).toEqual([]);
  });

  test('covers every family the issue lists, on the catalog keys the model prices', async () => {
    const { set } = await read();
    const keys = set.prices.map((p) => p.key);
    for (const key of [
      'aws.rds.postgres.db.m6g.large.single-az',
      'aws.rds.postgres.db.m6g.large.multi-az',
      'aws.rds.storage.gp3.single-az',
      'aws.rds.storage.gp3.multi-az',
      'aws.elasticache.cache.t4g.small',
      'aws.elasticache.valkey.cache.t4g.micro',
      'aws.alb.hour',
      'aws.alb.lcu-hour',
      'aws.nat.hour',
      'aws.nat.gb',
      'aws.ebs.gp3',
      'aws.cloudwatch.logs.ingest',
      'aws.cloudwatch.logs.storage',
      'aws.data-transfer.out.first-10tb',
      'aws.data-transfer.out.next-40tb',
      'aws.data-transfer.out.next-100tb',
      'aws.data-transfer.out.over-150tb',
      'aws.fargate.vcpu-hour',
      'aws.fargate-arm.gb-hour',
      'aws.vpc.public-ipv4',
    ]) {
      expect(keys).toContain(key);
    }
    // The free first 100 GB is a $0 dimension, not a price.
    expect(priceOf(set.prices, 'aws.data-transfer.out.first-10tb')?.usd).toBe('0.0900000000');
  });

  test('a $0.00 dimension is not a price: an instance type is never priced at $0 (Karpenter skips them too)', async () => {
    // The Price List lists some instance types with a $0.0000000000 on-demand dimension (AWS's own
    // Karpenter drops `price == 0`): the same product listed first with $0, and a type listed only at $0.
    const items = priceListItems('us-east-1', US_EAST_1_PRICES);
    const m5 = JSON.parse(items.find((item) => item.includes('"instanceType":"m5.large"'))!);
    const atZero = (item: typeof m5, instanceType: string, sku: string) => {
      const copy = structuredClone(item);
      copy.product.sku = sku;
      copy.product.attributes.instanceType = instanceType;
      copy.product.attributes.usagetype = `BoxUsage:${instanceType}`;
      const [term] = Object.values(copy.terms.OnDemand) as { sku: string; priceDimensions: object }[];
      term.sku = sku;
      for (const dimension of Object.values(term.priceDimensions)) dimension.pricePerUnit.USD = '0.0000000000';
      return JSON.stringify(copy);
    };
    fake.setProducts([
      atZero(m5, 'm5.large', 'ZEROM5LARGE00001'),
      atZero(m5, 'c5.large', 'ZEROC5LARGE00001'),
      ...items,
    ]);

    const { set } = await read();
    expect(set.prices.filter((p) => p.usd !== null && Number(p.usd) === 0)).toEqual([]);
    expect(priceOf(set.prices, 'aws.ec2.m5.large')).toMatchObject({ usd: '0.0960000000' });
    expect(priceOf(set.prices, 'aws.ec2.c5.large')).toBeUndefined();

    // What an estimate prices with: the real m5.large price, and c5.large from the bundled list, not $0.
    const layered = layerPrices({ bundled: DEFAULT_CATALOG, liveSets: [set], awsRegion: 'us-east-1' });
    if (!layered.ok) throw new Error(layered.message);
    expect(layered.catalog.entries.get('aws.ec2.m5.large')?.unitPrice?.toFixed()).toBe('0.096');
    const c5 = layered.catalog.entries.get('aws.ec2.c5.large');
    expect(c5?.unitPrice?.toFixed()).toBe('0.085');
    expect(c5?.source).toMatch(/^bundled list/);
    expect(fake.problems).toEqual([]);
  });

  test('reads only prices an estimate can use: every key and unit is one the catalog prices', async () => {
    const { set } = await read();
    // A key the catalog lacks, or a unit that differs from the catalog's, is skipped when layering.
    const unused = set.prices
      .filter((p) => DEFAULT_CATALOG.entries.get(p.key)?.unit !== p.unit)
      .map((p) => `${p.key} per ${p.unit}`);
    expect(unused).toEqual([]);
  });

  test('reads ElastiCache Valkey nodes apart from Redis OSS ones, each on its own key', async () => {
    // Valkey used to be left unread while no estimate offered it; the optimised tier now runs caches on it.
    const { set } = await read();
    expect(priceOf(set.prices, 'aws.elasticache.valkey.cache.t4g.micro')?.usd).toBe('0.0128000000');
    expect(priceOf(set.prices, 'aws.elasticache.cache.t4g.micro')?.usd).toBe('0.0160000000');
    const engines = fake.requests
      .filter((r) => r.body.ServiceCode === 'AmazonElastiCache')
      .map((r) => (r.body.Filters as { Field: string; Value: string }[]).find((f) => f.Field === 'cacheEngine')?.Value);
    expect(new Set(engines)).toEqual(new Set(['Redis', 'Valkey']));
  });

  test('reads Secrets Manager per 10k requests and RDS backup storage, by the usage types AWS writes', async () => {
    // A product of the list with other attributes and price: what AWS also lists beside the one read.
    const variant = (item: string, attributes: Record<string, string>, usd: string) => {
      const json = JSON.parse(item);
      Object.assign(json.product.attributes, attributes);
      for (const term of Object.values(json.terms.OnDemand) as { priceDimensions: object }[])
        for (const dimension of Object.values(term.priceDimensions)) dimension.pricePerUnit.USD = usd;
      json.product.sku = `DECOY${Object.values(attributes).join('').length}XXXXXXXXXXX`.slice(0, 16);
      return JSON.stringify(json);
    };
    for (const region of ['us-east-1', 'eu-west-1']) {
      const items = priceListItems(region, US_EAST_1_PRICES);
      const backup = items.find((item) => item.includes('ChargedBackupUsage'))!;
      // Listed first, so a reader taking the first price of a key would take them: Aurora's own
      // backup usage type and another engine's SKU are not the backup storage the model prices.
      fake.setProducts([
        variant(backup, { usagetype: 'Aurora:BackupUsage', databaseEngine: 'Aurora PostgreSQL' }, '0.0210000000'),
        variant(backup, { databaseEngine: 'Oracle' }, '0.0990000000'),
        ...items,
      ]);
      const { set } = await read(region);
      // AWS prices API calls per request ($0.0000050000): exactly $0.05 per 10,000, never a float.
      expect(priceOf(set.prices, 'aws.secrets-manager.requests')).toMatchObject({ usd: '0.05', unit: '10k requests' });
      expect(priceOf(set.prices, 'aws.secrets-manager.secret')).toMatchObject({
        usd: '0.4000000000',
        unit: 'secret-month',
      });
      expect(priceOf(set.prices, 'aws.rds.backup')).toMatchObject({ usd: '0.0950000000', unit: 'GB-month' });
    }
    const asked = fake.requests.filter((r) => ['AWSSecretsManager', 'AmazonRDS'].includes(String(r.body.ServiceCode)));
    expect(asked.map((r) => r.body.Filters)).toContainEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Storage Snapshot' },
    ]);
    expect(fake.problems).toEqual([]);
  });

  test('reads an unreadable page again, and gives up plainly when it stays unreadable', async () => {
    fake.fail('malformed-item', { times: 1, serviceCode: 'AWSELB' });
    const { set } = await read();
    expect(priceOf(set.prices, 'aws.alb.hour')?.usd).toBe('0.0225000000');

    fake.fail('malformed-item', { times: 3, serviceCode: 'AWSELB' });
    const failure = await read().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SourceError);
    expect((failure as SourceError).kind).toBe('bad-response');
    expect((failure as Error).message).toMatch(
      /unreadable answer for Application Load Balancer.*3 times.*prices in use were kept/,
    );
  });

  test('an empty answer is asked again, then reported as missing prices for that family', async () => {
    fake.fail('empty', { times: 1, serviceCode: 'AmazonVPC' });
    expect(priceOf((await read()).set.prices, 'aws.vpc.public-ipv4')?.usd).toBe('0.0050000000');

    fake.fail('empty', { times: 3, serviceCode: 'AmazonVPC' });
    await expect(read()).rejects.toThrow(/no prices for Public IPv4 addresses in us-east-1 \(asked 3 times\)/);
  });

  test('throttling that does not stop is reported as throttling, after the SDK retries', async () => {
    fake.fail('throttle', { times: 10 });
    const failure = (await read().catch((error: unknown) => error)) as SourceError;
    expect(failure.kind).toBe('throttled');
    expect(failure.message).toMatch(/throttling requests after 5 attempts: it allows about 5 a second/);
    expect(fake.requests).toHaveLength(5);
  });

  test('a missing pricing:GetProducts permission says what to add to the IAM policy', async () => {
    fake.fail('access-denied');
    const failure = (await read().catch((error: unknown) => error)) as SourceError;
    expect(failure.kind).toBe('permission');
    expect(failure.message).toMatch(/add "pricing:GetProducts" to the IAM policy.*bundled list/);
  });

  test('another region is a filter, not an endpoint: eu-west-1 prices come from the us-east-1 endpoint', async () => {
    fake.setProducts(priceListItems('eu-west-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.1070000000' }));
    const { set } = await read('eu-west-1');
    expect(set.region).toBe('eu-west-1');
    expect(priceOf(set.prices, 'aws.ec2.m5.large')?.usd).toBe('0.1070000000');
    expect(priceOf(set.prices, 'aws.nat.hour')?.usd).toBe('0.0450000000');
    expect(fake.requests.every((r) => r.signingRegion === 'us-east-1')).toBe(true);
  });
});

describe('Price List items', () => {
  const example = fs.readFileSync(path.join(PRICING_FIXTURES, 'pricing-getproducts-example.json'), 'utf8');
  const ebs = PRICE_FAMILIES.find((family) => family.id === 'ebs-gp3')!;

  test("the botocore example item parses, whether it arrives as text or as the SDK's String object", () => {
    // An io1 volume in Canada: a real item, but not a price the bot uses.
    expect(pricesOfItem(example, ebs)).toEqual([]);
    expect(pricesOfItem(new String(example), ebs)).toEqual([]);
    const gp3 = example
      .replace('"volumeType":"Provisioned IOPS"', '"volumeType":"General Purpose","volumeApiName":"gp3"')
      .replace('CAN1-EBS:VolumeUsage.piops', 'CAN1-EBS:VolumeUsage.gp3');
    expect(pricesOfItem(gp3, ebs)).toEqual([
      {
        key: 'aws.ebs.gp3',
        usd: '0.1380000000',
        unit: 'GB-month',
        sku: 'WQGC34PB2AWS8R4U',
        effectiveDate: '2017-08-01',
      },
    ]);
  });

  /** The real example as a gp3 volume, its terms replaced. */
  const gp3With = (terms: unknown) => {
    const item = JSON.parse(
      example
        .replace('"volumeType":"Provisioned IOPS"', '"volumeType":"General Purpose","volumeApiName":"gp3"')
        .replace('CAN1-EBS:VolumeUsage.piops', 'CAN1-EBS:VolumeUsage.gp3'),
    );
    item.terms = terms;
    return JSON.stringify(item);
  };
  const onDemand = JSON.parse(example).terms.OnDemand;
  const dimensionOf = (usd: Record<string, string>, unit = 'GB-Mo') => ({
    unit,
    endRange: 'Inf',
    beginRange: '0',
    description: 'as AWS writes it',
    appliesTo: [],
    rateCode: 'WQGC34PB2AWS8R4U.X.Y',
    pricePerUnit: usd,
  });

  test('Reserved terms beside the on-demand one are not read: their upfront fee and lower rate are never the list price', () => {
    const reserved = {
      'WQGC34PB2AWS8R4U.4NA7Y494T4': {
        sku: 'WQGC34PB2AWS8R4U',
        effectiveDate: '2025-01-01T00:00:00Z',
        offerTermCode: '4NA7Y494T4',
        termAttributes: { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'Partial Upfront' },
        priceDimensions: {
          a: dimensionOf({ USD: '0.0500000000' }),
          b: dimensionOf({ USD: '300' }, 'Quantity'),
        },
      },
    };
    // Reserved first in the item, so an item read in order would meet its rate first.
    expect(pricesOfItem(gp3With({ Reserved: reserved, OnDemand: onDemand }), ebs)).toEqual([
      expect.objectContaining({ key: 'aws.ebs.gp3', usd: '0.1380000000', effectiveDate: '2017-08-01' }),
    ]);
  });

  test('a dimension priced in another currency is skipped, not read as dollars, and does not spoil the USD ones', () => {
    const term = Object.values(onDemand)[0] as { priceDimensions: Record<string, unknown> };
    const yuanOnly = { ...term, priceDimensions: { a: dimensionOf({ CNY: '0.9500000000' }) } };
    // Before: an item without USD was 'malformed', and one such item failed the whole AWS refresh.
    expect(pricesOfItem(gp3With({ OnDemand: { t: yuanOnly } }), ebs)).toEqual([]);
    const both = { ...term, priceDimensions: { a: dimensionOf({ CNY: '0.9500000000', USD: '0.1380000000' }) } };
    expect(pricesOfItem(gp3With({ OnDemand: { t: both } }), ebs)).toEqual([
      expect.objectContaining({ key: 'aws.ebs.gp3', usd: '0.1380000000' }),
    ]);
  });

  test('an item whose price is not decimal text is malformed, not a number to guess at', () => {
    expect(() => pricesOfItem(example.replace('"0.1380000000"', '0.138'), ebs)).toThrow(MalformedPriceItem);
    expect(() => pricesOfItem(example.slice(0, 200), ebs)).toThrow(/not JSON/);
  });
});
