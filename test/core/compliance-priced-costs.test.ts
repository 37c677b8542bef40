import { pricedCost } from '../../src/core/compliance/priced-costs';
import { DEFAULT_CATALOG } from '../../src/core/pricing';

/**
 * A control's cost quotes the catalog's prices: one without a figure is named for what it is. A Shield
 * Private Space's fee has no public price (a contract's); Key-Value Store premium-7 has a list price
 * Heroku publishes that the bundled list lacks, which a price refresh reads.
 */
test('a contract price and a list price the bundled list lacks are each named for what they are', () => {
  expect(pricedCost('Heroku: the Shield Private Space fee ({heroku.space.shield}).', DEFAULT_CATALOG)).toContain(
    'the Shield Private Space fee (no public price (set heroku.space.shield in PRICING_FILE)).',
  );
  const listed = pricedCost('Heroku: a premium-7 cache ({heroku.kvs.premium-7}).', DEFAULT_CATALOG);
  expect(listed).toContain(
    'a premium-7 cache (no amount (listed in Heroku Elements and the Platform API, not in the bundled list: a price refresh (`prices refresh`) reads it, or set heroku.kvs.premium-7 in PRICING_FILE)).',
  );
  expect(listed).not.toContain('no public price');
});
