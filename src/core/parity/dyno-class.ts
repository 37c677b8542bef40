/**
 * The dyno size classes that behave differently (https://devcenter.heroku.com/articles/dyno-types):
 * Eco and Basic (one dyno, no preboot; Eco sleeps after 30 idle minutes), Standard (shared CPU),
 * Performance (dedicated CPU, autoscaling), Private and Shield (isolated network of a Private Space),
 * and Fir's next-generation sizes.
 */
export type DynoClass = 'eco-basic' | 'standard' | 'performance' | 'private-shield' | 'fir' | 'unknown';

export const DYNO_CLASS_NAMES: Record<DynoClass, string> = {
  'eco-basic': 'Eco/Basic',
  standard: 'Standard',
  performance: 'Performance',
  'private-shield': 'Private/Shield',
  fir: 'Fir',
  unknown: 'unknown class',
};

export function dynoClass(size: string): DynoClass {
  const lower = size.toLowerCase();
  if (lower === 'eco' || lower === 'basic' || lower === 'free' || lower === 'hobby') return 'eco-basic';
  if (lower.startsWith('standard-')) return 'standard';
  if (lower.startsWith('performance-')) return 'performance';
  if (lower.startsWith('private-') || lower.startsWith('shield-')) return 'private-shield';
  if (lower.startsWith('dyno-')) return 'fir';
  return 'unknown';
}

/** `standard-2x` → `Standard-2X`, `performance-l-ram` → `Performance-L-RAM`. */
export function dynoLabel(size: string): string {
  if (size.startsWith('dyno-')) return size;
  return size
    .split('-')
    .map((part, index) => (index === 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part.toUpperCase()))
    .join('-');
}

/** Why a class difference changes behaviour, from the staging class to the production class. */
export function dynoClassWhy(staging: DynoClass, production: DynoClass): string {
  const sides = [staging, production];
  if (sides.includes('eco-basic')) {
    return 'Eco dynos sleep when idle and Basic runs a single dyno without preboot: restarts, cold starts and scaling differ.';
  }
  if (sides.includes('private-shield')) {
    return 'Private and Shield dynos run inside a Private Space network: routing, outbound IPs and reachable services differ.';
  }
  if (sides.includes('fir') || sides.includes('unknown')) {
    return 'Different dyno generations or sizes Hosting Advisor does not know: runtime limits may differ.';
  }
  // Standard against Performance: same runtime, but shared CPU against dedicated CPU and much less memory.
  return 'Shared CPU and less memory against dedicated CPU: the same code runs, but memory errors and timings show up differently.';
}
