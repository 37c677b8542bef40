import fs from 'node:fs';
import path from 'node:path';
import { applyOverrides, type Catalog, DEFAULT_CATALOG, parsePricingOverrides } from './core/pricing';

export class PricingFileError extends Error {
  override readonly name = 'PricingFileError';
}

/** The list-price catalog with PRICING_FILE applied, or a PricingFileError naming every bad field. */
export function loadCatalog(pricingFile: string | undefined): Catalog {
  if (!pricingFile) return DEFAULT_CATALOG;
  const text = fs.readFileSync(pricingFile, 'utf8');
  const result = parsePricingOverrides(text, path.basename(pricingFile));
  if (!result.ok) throw new PricingFileError(result.message);
  return applyOverrides(DEFAULT_CATALOG, result.overrides);
}
