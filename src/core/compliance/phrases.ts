import type { Platform, ProcessType } from '../workload';

export const PLATFORM_LABEL: Record<Platform, string> = { heroku: 'Heroku', aws: 'AWS' };

/** `web (2× standard-2x)` */
export function describeProcess(process: ProcessType): string {
  return `${process.name} (${process.count}× ${process.size})`;
}

/** Distinct items in the order given, comma-separated. */
export function listOf(items: readonly string[]): string {
  return [...new Set(items)].join(', ');
}
