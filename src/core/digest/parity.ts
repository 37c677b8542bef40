/**
 * The digest's staging parity: one line per Heroku pipeline whose staging differs from production
 * in a risky way, and the names of the rest. Pure: the comparison arrives in `DigestInput.parity`.
 */
import { digestParityLine, type ParityReport } from '../parity';
import type { DigestParity } from './types';

export function digestParity(input: ParityReport | { error: string } | undefined): DigestParity | undefined {
  if (input === undefined) return undefined;
  if ('error' in input) return { risky: [], withoutRisks: [], notCompared: [], problem: input.error };
  if (input.pipelines.length === 0) return undefined;
  const parity: DigestParity = { risky: [], withoutRisks: [], notCompared: [] };
  for (const pipeline of input.pipelines) {
    const line = digestParityLine(pipeline);
    if (line) parity.risky.push(line);
    else if (pipeline.status === 'compared') parity.withoutRisks.push(pipeline.pipeline);
    else parity.notCompared.push(pipeline.pipeline);
  }
  return parity;
}

/** The digest's parity section as lines (Slack and plain text); empty when there is nothing to say. */
export function parityLines(parity: DigestParity | undefined): string[] {
  if (!parity) return [];
  if (parity.problem) return [`Staging parity not checked: ${parity.problem}`];
  return parity.risky;
}
