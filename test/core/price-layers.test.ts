import { countByOrigin, DEFAULT_CATALOG, layerPrices, type PriceSet, priceOf } from '../../src/core/pricing';
import { parsePricingOverrides } from '../../src/core/pricing/overrides';
import { reviewPriceSet } from '../../src/core/pricing/price-guard';

const awsSet = (prices: PriceSet['prices'], region = 'us-east-1'): PriceSet => ({
  vendor: 'aws',
  region,
  readAt: '2026-12-05T04:00:00.000Z',
  prices,
});
const m5 = (usd: string) => ({
  key: 'aws.ec2.m5.large',
  usd,
  unit: 'hour' as const,
  sku: 'SKUM5LARGE000001',
  effectiveDate: '2026-11-01',
});
const herokuSet: PriceSet = {
  vendor: 'heroku',
  region: 'global',
  readAt: '2026-12-05T04:00:00.000Z',
  prices: [
    { key: 'heroku.dyno.standard-2x', usd: '45', unit: 'month' },
    { key: 'heroku.postgres.shield-0', usd: null, unit: 'month' },
    { key: 'heroku.postgres.standard-0', usd: null, unit: 'month' },
  ],
};

describe('price layers: PRICING_FILE > live > bundled', () => {
  test('a live AWS price replaces the bundled one and cites the Price List, SKU and effective date', () => {
    const layered = layerPrices({
      bundled: DEFAULT_CATALOG,
      liveSets: [awsSet([m5('0.0990000000')])],
      awsRegion: 'us-east-1',
    });
    if (!layered.ok) throw new Error(layered.message);
    const entry = priceOf(layered.catalog, 'aws.ec2.m5.large');
    expect(entry.unitPrice?.toString()).toBe('0.099');
    expect(entry).toMatchObject({
      source: 'AWS Price List, SKU SKUM5LARGE000001, effective 2026-11-01',
      asOf: '2026-11-01',
      origin: 'live',
    });
    const bundled = priceOf(layered.catalog, 'aws.ec2.t3.micro');
    expect(bundled.source).toBe(
      "bundled list: AWS Price List, EC2 on-demand Linux us-east-1 (AWS's Karpenter price table), 2026-07-20",
    );
    expect(bundled.origin).toBe('bundled');
  });

  test('Heroku live prices cite the day they were read; a contract price stays a contract price, never $0', () => {
    const layered = layerPrices({ bundled: DEFAULT_CATALOG, liveSets: [herokuSet], awsRegion: 'us-east-1' });
    if (!layered.ok) throw new Error(layered.message);
    expect(priceOf(layered.catalog, 'heroku.dyno.standard-2x')).toMatchObject({
      source: 'Heroku Platform API, read 2026-12-05',
      origin: 'live',
    });
    for (const key of ['heroku.postgres.shield-0', 'heroku.postgres.standard-0']) {
      expect(priceOf(layered.catalog, key)).toMatchObject({ unitPrice: null, contract: true, origin: 'live' });
    }
  });

  test('PRICING_FILE wins over a live price, and says so with its date', () => {
    const file = parsePricingOverrides('asOf: 2026-11-15\nprices:\n  aws.ec2.m5.large: 0.085\n', 'contract.yml');
    if (!file.ok) throw new Error(file.message);
    const layered = layerPrices({
      bundled: DEFAULT_CATALOG,
      liveSets: [awsSet([m5('0.0990000000')])],
      overrides: file.overrides,
      awsRegion: 'us-east-1',
    });
    if (!layered.ok) throw new Error(layered.message);
    expect(priceOf(layered.catalog, 'aws.ec2.m5.large')).toMatchObject({
      source: 'PRICING_FILE (contract.yml), 2026-11-15',
      origin: 'pricing-file',
    });
    expect(countByOrigin(layered.catalog)).toEqual({
      'pricing-file': 1,
      live: 0,
      bundled: DEFAULT_CATALOG.entries.size - 1,
    });
  });

  test('a live price in another unit than the catalog is not used', () => {
    const layered = layerPrices({
      bundled: DEFAULT_CATALOG,
      liveSets: [awsSet([{ ...m5('70'), unit: 'month' }])],
      awsRegion: 'us-east-1',
    });
    expect(layered.ok && priceOf(layered.catalog, 'aws.ec2.m5.large').origin).toBe('bundled');
  });

  test('another region needs live prices: without them the answer says so plainly', () => {
    const missing = layerPrices({ bundled: DEFAULT_CATALOG, liveSets: [awsSet([m5('0.1')])], awsRegion: 'eu-west-1' });
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('no AWS prices for eu-west-1 yet') });
    expect(!missing.ok && missing.message).toMatch(/bundled price list covers us-east-1 only/);

    const present = layerPrices({
      bundled: DEFAULT_CATALOG,
      liveSets: [awsSet([m5('0.107')], 'eu-west-1')],
      awsRegion: 'eu-west-1',
    });
    if (!present.ok) throw new Error(present.message);
    expect(present.catalog.awsRegion).toBe('eu-west-1');
    expect(priceOf(present.catalog, 'aws.ec2.m5.large').unitPrice?.toString()).toBe('0.107');
    // A price eu-west-1 does not list stays a labelled us-east-1 stand-in.
    expect(priceOf(present.catalog, 'aws.kms.key').source).toMatch(/^bundled list \(a us-east-1 price\): /);
  });
});

describe('the price guard', () => {
  const many = (usd: (i: number) => string, count = 30) =>
    awsSet(Array.from({ length: count }, (_, i) => ({ key: `aws.ec2.k${i}`, usd: usd(i), unit: 'hour' as const })));

  test('a 60% move holds the new set back and names the price', () => {
    const before = many(() => '0.1000000000');
    const after = many((i) => (i === 3 ? '0.1600000000' : '0.1000000000'));
    const review = reviewPriceSet(before, after);
    expect(review.verdict).toBe('hold');
    expect(review.reasons[0]).toMatch(
      /1 price moved by more than 50%: aws\.ec2\.k3 0\.1000000000 → 0\.1600000000 \(\+60%\)/,
    );
  });

  test('a set missing a third of the keys is held back', () => {
    const review = reviewPriceSet(
      many(() => '0.1'),
      many(() => '0.1', 20),
    );
    expect(review.verdict).toBe('hold');
    expect(review.lost).toHaveLength(10);
    expect(review.reasons[0]).toMatch(/10 of 30 prices are missing \(33%, more than 10%\)/);
  });

  test('moves within ±50% and a small loss pass, and every change is listed', () => {
    const after = many((i) => (i === 0 ? '0.1400000000' : '0.1'), 28);
    const review = reviewPriceSet(
      many(() => '0.1'),
      after,
    );
    expect(review).toMatchObject({ verdict: 'use', reasons: [], lost: ['aws.ec2.k28', 'aws.ec2.k29'] });
    expect(review.changes).toEqual([{ key: 'aws.ec2.k0', from: '0.1', to: '0.1400000000', move: '0.4' }]);
  });

  test('the first set is used; an empty set never is', () => {
    expect(
      reviewPriceSet(
        undefined,
        many(() => '0.1'),
      ).verdict,
    ).toBe('use');
    expect(
      reviewPriceSet(
        many(() => '0.1'),
        awsSet([]),
      ).verdict,
    ).toBe('hold');
  });
});
