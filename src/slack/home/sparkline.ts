/** Eight heights, lowest first. */
const SPARK_BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** A day without data: shown, never drawn as zero. */
export const SPARK_GAP = '·';

/**
 * A one-line chart of the values, scaled from zero (▁) to the largest (█). Equal values sit
 * mid-height; `null` (no data that day) is a dot, so a gap never looks like a cheap day.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (known.length === 0) return values.map(() => SPARK_GAP).join('');
  // Scaled from zero, not from the smallest value: a 3% dip must not look like a cliff.
  const low = Math.min(0, ...known);
  const high = Math.max(...known);
  const top = SPARK_BARS.length - 1;
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return SPARK_GAP;
      if (high === low) return SPARK_BARS[3];
      return SPARK_BARS[Math.round(((value - low) / (high - low)) * top)];
    })
    .join('');
}
