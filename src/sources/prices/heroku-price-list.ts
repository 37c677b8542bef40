import { z } from 'zod';
import { Decimal } from '../../core/money';
import { HEROKU_PRICE_REGION, type LivePrice, type PriceSet } from '../../core/pricing';
import type { HerokuApi } from '../heroku/heroku-api';
import { RequestBudget } from '../heroku/request-budget';

/**
 * Heroku's own list prices: GET /dyno-sizes (`cost {cents, unit}`, nullable) and the plans of the
 * Postgres and Key-Value Store add-on services (`price {cents, contract, unit}`). Property names
 * follow the Platform API schema (`dyno-size`, `plan`).
 */
const costWire = z.object({ cents: z.number().int().nullish(), unit: z.string().nullish() });
const dynoSizePriceWire = z.object({ name: z.string(), cost: costWire.nullish() });
const planPriceWire = z.object({
  name: z.string(),
  price: z.object({ cents: z.number().int(), contract: z.boolean().nullish(), unit: z.string().nullish() }).nullish(),
});

/** Heroku's schema example says `month`; live answers have also said `monthly`. */
const MONTHLY_UNITS = new Set(['month', 'monthly']);

/** Add-on service → the catalog's key prefix for its plans. */
const PRICED_ADDON_SERVICES: Record<string, string> = {
  'heroku-postgresql': 'heroku.postgres',
  'heroku-redis': 'heroku.kvs',
};

export interface HerokuPriceRead {
  set: PriceSet;
  /** Things worth telling a lead: sizes listed without a price, units the bot does not read. */
  notes: string[];
}

const dollars = (cents: number) => new Decimal(cents).dividedBy(100).toString();

export interface HerokuPriceReadOptions {
  /**
   * Read GET /dyno-sizes too (default true). It needs a token; the add-on plans do not, so without
   * HEROKU_API_TOKEN the plans are read anonymously and dyno prices stay the bundled list's.
   */
  dynoSizes?: boolean;
}

export const DYNO_SIZES_NEED_TOKEN =
  'Dyno prices come from the bundled list: GET /dyno-sizes needs HEROKU_API_TOKEN (the add-on plans were read without one).';

/** Reads the price lists. Any failure fails the read: a partial set is never returned. */
export async function readHerokuPriceSet(
  api: HerokuApi,
  now: () => Date,
  options: HerokuPriceReadOptions = {},
): Promise<HerokuPriceRead> {
  const budget = new RequestBudget(30, 'a Heroku price refresh');
  const prices: LivePrice[] = [];
  const unpriced: string[] = [];
  const otherUnits: string[] = [];
  const dynoSizes = options.dynoSizes ?? true;
  return budget.run(async () => {
    const sizes = dynoSizes ? await api.list('/dyno-sizes', dynoSizePriceWire, budget) : [];
    for (const size of sizes) {
      const key = `heroku.dyno.${size.name.toLowerCase()}`;
      const cents = size.cost?.cents;
      // No cost from Heroku is not a price of $0: the bundled list, or a contract price, stands.
      if (cents === null || cents === undefined) unpriced.push(size.name);
      else if (!MONTHLY_UNITS.has(size.cost?.unit ?? '')) otherUnits.push(`${size.name} (${size.cost?.unit})`);
      else prices.push({ key, usd: dollars(cents), unit: 'month' });
    }
    for (const [service, prefix] of Object.entries(PRICED_ADDON_SERVICES)) {
      for (const plan of await api.list(`/addon-services/${service}/plans`, planPriceWire, budget)) {
        const key = `${prefix}.${plan.name.split(':').pop()}`;
        if (!plan.price) unpriced.push(plan.name);
        // Negotiated outside add-on billing: a contract price, whatever `cents` says.
        else if (plan.price.contract) prices.push({ key, usd: null, unit: 'month' });
        else if (!MONTHLY_UNITS.has(plan.price.unit ?? '')) otherUnits.push(`${plan.name} (${plan.price.unit})`);
        else prices.push({ key, usd: dollars(plan.price.cents), unit: 'month' });
      }
    }
    const notes: string[] = dynoSizes ? [] : [DYNO_SIZES_NEED_TOKEN];
    if (unpriced.length > 0) {
      // Private and Shield sizes are never priced publicly: the others are news, so they are named first.
      const space = (name: string) => (/^(private|shield)-/i.test(name) ? 1 : 0);
      const sorted = [...unpriced].sort((a, b) => space(a) - space(b));
      const named = sorted.slice(0, 3).join(', ');
      const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
      notes.push(`Heroku lists no price for ${named}${more}: the bundled list or a contract price stands for those.`);
    }
    if (otherUnits.length > 0) notes.push(`Heroku priced ${otherUnits.join(', ')} per an unknown unit: not used.`);
    return { set: { vendor: 'heroku', region: HEROKU_PRICE_REGION, readAt: now().toISOString(), prices }, notes };
  });
}
