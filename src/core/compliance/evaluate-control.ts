import type { Platform } from '../workload';
import { combineResults } from './combine';
import type { CheckResult, Control, Finding } from './types';

/**
 * One finding per control and platform: the combined check results, or `fallback` when no check
 * had anything to say. A control whose framework does not prescribe the mechanism turns gaps into
 * attention (see Control.shortfall).
 */
export function findingFor(
  control: Control,
  platform: Platform,
  results: readonly (CheckResult | null)[],
  fallback: CheckResult,
): Finding {
  const combined = combineResults(results) ?? fallback;
  const status = combined.status === 'gap' && control.shortfall === 'attention' ? 'attention' : combined.status;
  return { controlId: control.id, status, platform, detail: combined.detail };
}
