import { z } from 'zod';
import { Decimal } from '../../core/money';
import type { LivePrice } from '../../core/pricing';
import type { PriceFamily } from './aws-price-families';

/**
 * One `PriceList` item of a GetProducts answer. The service model marks the list member as a
 * `jsonvalue`: each item is a whole JSON document in a string, and the SDK hands it over as a
 * String object (`LazyJsonString`), so it is read with `String(item)` and parsed here.
 * Only what the bot uses is checked; `pricePerUnit.USD` stays the exact decimal text AWS sent.
 */
const decimalText = z.string().regex(/^\d+(\.\d+)?$/, { error: 'expected a decimal number as text' });

const priceDimensionWire = z.object({
  unit: z.string(),
  // Keyed by currency code. Every price the bot keeps is in USD; a dimension priced only in another
  // currency (CNY in the China regions' offer files) is not a USD price and is skipped, never read as one.
  pricePerUnit: z.object({ USD: decimalText.optional() }),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
});

const termWire = z.object({
  sku: z.string(),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/, { error: 'expected an ISO date' }),
  priceDimensions: z.record(z.string(), priceDimensionWire),
});

const priceItemWire = z.object({
  product: z.object({
    sku: z.string(),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  serviceCode: z.string(),
  terms: z.object({ OnDemand: z.record(z.string(), termWire).optional() }),
});

export class MalformedPriceItem extends Error {
  override readonly name = 'MalformedPriceItem';
}

/** The prices in one item that map onto catalog keys. Throws MalformedPriceItem for anything unreadable. */
export function pricesOfItem(item: unknown, family: PriceFamily): LivePrice[] {
  let json: unknown;
  try {
    json = JSON.parse(String(item));
  } catch {
    throw new MalformedPriceItem(`a ${family.label} item is not JSON`);
  }
  const parsed = priceItemWire.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPriceItem(
      `a ${family.label} item has an unexpected shape (${issue?.path.join('.') || 'the item'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  const { product, terms } = parsed.data;
  const prices: LivePrice[] = [];
  for (const term of Object.values(terms.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions)) {
      const usd = dimension.pricePerUnit.USD;
      if (usd === undefined) continue;
      // A $0 dimension is a free allowance or a placeholder, never a price (Karpenter skips them too):
      // stored, it would price an instance at $0 under AWS's name, and the first price of a key wins.
      if (/^0+(\.0+)?$/.test(usd)) continue;
      const mapped = family.keyOf({
        attributes: product.attributes,
        unit: dimension.unit,
        usd,
        beginRange: dimension.beginRange,
        endRange: dimension.endRange,
      });
      if (!mapped) continue;
      prices.push({
        key: mapped.key,
        // Scaled exactly (decimal, not float), so 0.0000050000 per request is 0.05 per 10k.
        usd: mapped.per ? new Decimal(usd).times(mapped.per).toFixed() : usd,
        unit: mapped.unit,
        sku: term.sku,
        effectiveDate: term.effectiveDate.slice(0, 10),
      });
    }
  }
  return prices;
}
