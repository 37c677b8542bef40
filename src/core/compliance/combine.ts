import type { CheckResult, FindingStatus } from './types';

const SEVERITY: Record<FindingStatus, number> = { 'not-applicable': 0, met: 1, attention: 2, gap: 3 };

export function worstStatus(statuses: readonly FindingStatus[]): FindingStatus {
  return statuses.reduce<FindingStatus>(
    (worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst),
    'not-applicable',
  );
}

/**
 * One result from several: the worst status, and every detail that says something (a
 * not-applicable part is dropped once another part applies). Null when nothing was said.
 */
export function combineResults(results: readonly (CheckResult | null)[]): CheckResult | null {
  const said = results.filter((result): result is CheckResult => result !== null);
  if (said.length === 0) return null;
  const status = worstStatus(said.map((result) => result.status));
  const shown = status === 'not-applicable' ? said : said.filter((result) => result.status !== 'not-applicable');
  return { status, detail: shown.map((result) => result.detail).join(' ') };
}
