import type {
  Catalog,
  DynoSpec,
  DynoTier,
  HerokuKeyValuePlan,
  HerokuPostgresPlan,
  KeyValueTier,
  PostgresTier,
} from '../pricing';
import type { ComplianceNeed } from '../workload';
import { pickCheapest, unitPriceOf } from './pick-cheapest';

/**
 * The Heroku runtime a compliance need calls for: HIPAA needs Shield (docs/references.md#compliance,
 * Heroku Dev Center "Shield Private Spaces"). Heroku publishes no PCI DSS attestation, so PCI is modelled as a Private Space.
 */
export function complianceTier(compliance: readonly ComplianceNeed[]): 'shield' | 'private' | undefined {
  if (compliance.includes('hipaa')) return 'shield';
  if (compliance.includes('pci')) return 'private';
  return undefined;
}

function largest<T>(items: readonly T[], size: (item: T) => number): T {
  return items.reduce((a, b) => (size(b) > size(a) ? b : a));
}

/** The cheapest dyno in the given tiers with at least the RAM asked for. */
export function chooseDyno(
  catalog: Catalog,
  memoryGb: number,
  tiers: readonly DynoTier[],
): { spec: DynoSpec; fits: boolean } {
  const price = unitPriceOf(catalog);
  const allowed = catalog.dynos.filter((d) => tiers.includes(d.tier));
  const chosen = pickCheapest(
    allowed.filter((d) => d.memoryGb >= memoryGb),
    (d) => price(d.priceKey),
    (d) => d.memoryGb,
  );
  return chosen ? { spec: chosen, fits: true } : { spec: largest(allowed, (d) => d.memoryGb), fits: false };
}

/**
 * Heroku's numbered Postgres plans are memory-optimised instances of the generation before the ones RDS
 * lists (15, 30, 61, 122, 244 and 488 GB against db.r6g's 16, 32, 64, 128, 256 and 512 GiB): a plan holds
 * a database whose RAM it has to within 1/16. Requiring every last GiB doubled the plan (and nearly its
 * price) at each size: db.r6g.large → standard-4 at $750 instead of standard-3 at $400.
 */
const PLAN_MEMORY_SHARE = 15 / 16;
export const PLAN_MEMORY_RULE =
  "Heroku's 15/30/61/122/244/488 GB plans are the memory-optimised sizes RDS lists as 16/32/64/128/256/512 GiB, so a plan with 15/16 of the class's RAM holds it";

/** The cheapest Postgres plan in the given tiers with the RAM (to within 1/16) and storage asked for. */
export function choosePostgresPlan(
  catalog: Catalog,
  memoryGb: number,
  storageGb: number,
  tiers: readonly PostgresTier[],
): { spec: HerokuPostgresPlan; fits: boolean } {
  const price = unitPriceOf(catalog);
  const allowed = catalog.postgresPlans.filter((p) => tiers.includes(p.tier));
  const chosen = pickCheapest(
    allowed.filter((p) => p.memoryGb >= memoryGb * PLAN_MEMORY_SHARE && p.storageGb >= storageGb),
    (p) => price(p.priceKey),
    (p) => p.memoryGb,
  );
  return chosen ? { spec: chosen, fits: true } : { spec: largest(allowed, (p) => p.memoryGb), fits: false };
}

/** The cheapest Key-Value Store plan in the given tiers with at least the memory asked for. */
export function chooseKeyValuePlan(
  catalog: Catalog,
  memoryGb: number,
  tiers: readonly KeyValueTier[],
): { spec: HerokuKeyValuePlan; fits: boolean } {
  const price = unitPriceOf(catalog);
  const allowed = catalog.keyValuePlans.filter((p) => tiers.includes(p.tier));
  const chosen = pickCheapest(
    allowed.filter((p) => p.memoryGb >= memoryGb),
    (p) => price(p.priceKey),
    (p) => p.memoryGb,
  );
  return chosen ? { spec: chosen, fits: true } : { spec: largest(allowed, (p) => p.memoryGb), fits: false };
}
