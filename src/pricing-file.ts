import fs from 'node:fs';
import path from 'node:path';
import type { PricingOverrides } from './core/pricing';

export class PricingFileError extends Error {
  override readonly name = 'PricingFileError';
}

/** PRICING_FILE read and checked, or undefined when unset; a PricingFileError names every bad field. */
export function loadPricingOverrides(pricingFile: string | undefined): PricingOverrides | undefined {
  if (!pricingFile) return undefined;
  // Loaded only when there is a file to read.
  const { parsePricingOverrides } = require('./core/pricing/overrides') as typeof import('./core/pricing/overrides');
  const text = fs.readFileSync(pricingFile, 'utf8');
  const result = parsePricingOverrides(text, path.basename(pricingFile));
  if (!result.ok) throw new PricingFileError(result.message);
  return result.overrides;
}
