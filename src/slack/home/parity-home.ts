/**
 * The Home tab's staging parity section (the lead view's `sections` slot): a line per Heroku
 * pipeline with risks, the names of the rest, and where the details are. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { DigestParity } from '../../core/digest/types';
import { context, mrkdwn } from '../block-kit';

/** Pipelines with risks named one a line; more than this are counted. */
const MAX_RISKY = 5;

export function parityHomeBlocks(parity: DigestParity | undefined): KnownBlock[] {
  if (!parity) return [];
  const lines: string[] = [];
  if (parity.problem) lines.push(`:warning: Not checked: ${parity.problem}`);
  for (const line of parity.risky.slice(0, MAX_RISKY)) lines.push(`:warning: ${line}`);
  if (parity.risky.length > MAX_RISKY) lines.push(`… and ${parity.risky.length - MAX_RISKY} more pipelines with risks`);
  if (parity.withoutRisks.length > 0) lines.push(`:white_check_mark: No risks: ${parity.withoutRisks.join(', ')}`);
  if (parity.notCompared.length > 0) {
    lines.push(`Not compared (no staging or production app to read): ${parity.notCompared.join(', ')}`);
  }
  return [
    mrkdwn(['*Staging parity* (Heroku pipelines)', ...lines].join('\n')),
    context('`/hosting parity` shows each difference, why it matters and what making staging match would cost.'),
  ];
}
