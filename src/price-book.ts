import {
  BUNDLED_AWS_REGION,
  type Catalog,
  DEFAULT_CATALOG,
  type LayeredCatalog,
  layerPrices,
  type PriceSet,
  type PricingOverrides,
} from './core/pricing';
import type { Store } from './store/store';

export interface PriceBookOptions {
  /** PRICING_FILE, read and checked at start. */
  overrides?: PricingOverrides;
  /** AWS_PRICING_REGION: the region answers price unless asked for another. */
  region: string;
  /** Where refreshes keep the last good sets; the CLI without a store passes none. */
  store?: Pick<Store, 'usedPriceSets'>;
}

/**
 * The prices answers use, in memory: the bundled list, the store's last good live sets and
 * PRICING_FILE, layered. Reading it never waits on a vendor or the store: `reload` runs at start
 * and after each refresh, off the request path.
 */
export class PriceBook {
  private sets: PriceSet[] = [];
  private readonly layered = new Map<string, LayeredCatalog>();

  constructor(private readonly options: PriceBookOptions) {}

  get region(): string {
    return this.options.region;
  }

  get overrides(): PricingOverrides | undefined {
    return this.options.overrides;
  }

  get liveSets(): readonly PriceSet[] {
    return this.sets;
  }

  /** Re-reads the last good sets from the store. */
  async reload(): Promise<void> {
    if (!this.options.store) return;
    this.sets = await this.options.store.usedPriceSets();
    this.layered.clear();
  }

  /** The catalog for a region, or why there is none (another region than us-east-1 without live prices). */
  catalogFor(region: string = this.options.region): LayeredCatalog {
    let result = this.layered.get(region);
    if (!result) {
      result = layerPrices({
        bundled: DEFAULT_CATALOG,
        liveSets: this.sets,
        overrides: this.options.overrides,
        awsRegion: region,
      });
      this.layered.set(region, result);
    }
    return result;
  }

  /**
   * The default region's catalog. When that region has no prices yet, us-east-1's, whose lines say
   * "AWS (us-east-1)": estimates that name no region check `catalogFor` to say so plainly.
   */
  get catalog(): Catalog {
    const wanted = this.catalogFor();
    if (wanted.ok) return wanted.catalog;
    const fallback = this.catalogFor(BUNDLED_AWS_REGION);
    if (!fallback.ok) throw new Error('the bundled region always has prices');
    return fallback.catalog;
  }
}
