export type { Ec2Spec } from './aws-ec2';
export type { CacheNodeSpec } from './aws-elasticache';
export type { RdsSpec } from './aws-rds';
export { RDS_MIN_STORAGE_GB } from './aws-rds';
export type { Catalog } from './catalog';
export {
  DEFAULT_CATALOG,
  findCacheNode,
  findDyno,
  findEc2Instance,
  findKeyValuePlan,
  findPostgresPlan,
  findRdsClass,
  priceOf,
} from './catalog';
export { closestMatch } from './closest-match';
export type { HerokuKeyValuePlan, HerokuPostgresPlan } from './heroku-data';
export type { DynoSpec, DynoTier } from './heroku-dynos';
export type { KeyValueTier, PostgresTier } from './heroku-tiers';
export type { LivePrice, PriceSet, PriceVendor } from './live-prices';
export { AWS_REGION_CODE, BUNDLED_AWS_REGION, HEROKU_PRICE_REGION, isoDay, VENDOR_NAMES } from './live-prices';
// Reading and applying a PRICING_FILE (./overrides) and reviewing a refreshed set (./price-guard) are
// imported from their modules: an estimate without a PRICING_FILE loads neither.
export type { PricingOverrides } from './overrides';
export type { CatalogEntry, Confidence, PriceEntry, PriceOrigin, PriceUnit } from './price-entry';
export { isPriced, unpricedNote } from './price-entry';
export type { PriceSetReview, RefreshOutcome } from './price-guard';
export type { LayeredCatalog } from './price-layers';
export { countByOrigin, layerPrices } from './price-layers';
