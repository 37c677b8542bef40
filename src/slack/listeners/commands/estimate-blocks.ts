/**
 * The estimate answer as a lead reads it in ten seconds: both totals in the header, the figures in two
 * columns, one verdict line, each platform's largest lines, and a Details button for everything else
 * (every line, assumption and source, in a modal: ../views/estimate-details.ts).
 */
import type { Button, KnownBlock } from '@slack/types';
import { type Estimate, priceDatesSpan, pricesDated } from '../../../core/model';
import { formatUsd } from '../../../core/money';
import { context, header, mrkdwn } from '../../block-kit';
import type { Message } from '../../message';
import { priceLayersLine } from './estimate-sources';
import {
  figureFields,
  largestLines,
  NAMES,
  opsLine,
  type Sides,
  sidesOf,
  tiersLine,
  verdictLine,
} from './estimate-summary';

export const SHARE_ESTIMATE = 'share_estimate';
export const OPEN_COMPLIANCE = 'open_compliance';
export const ESTIMATE_DETAILS = 'estimate_details';

/** What a button may carry (Slack: 2,000 characters). */
const BUTTON_VALUE_LIMIT = 2000;

/** `Estimate: Heroku $150.00/mo now; AWS $211.10–$236.52/mo in three tiers`, lower bounds marked `≥`. */
function headline(estimate: Estimate, { current, modelled }: Sides): string {
  const partial = (bound: boolean) => (bound ? '≥ ' : '');
  // A tier that leaves an item without a public price out is a lower bound: the range is then "≥".
  const some = partial(estimate.tiers.some((t) => t.unpriced.length > 0));
  const low = formatUsd(estimate.range.low);
  const high = formatUsd(estimate.range.high);
  // Both are tiers' totals in whole cents: the same text is the same amount.
  const range = low === high ? `${some}${low}/mo` : `${some}${low}–${high}/mo`;
  return `Estimate: ${NAMES[current.platform]} ${partial(current.unpriced.length > 0)}${formatUsd(current.infrastructure)}/mo now; ${NAMES[modelled.platform]} ${range} in three tiers`;
}

/** `AWS (eu-west-1)`: where AWS is priced matters; Heroku is priced the same everywhere. */
const placeName = (platform: 'heroku' | 'aws', awsRegion: string) =>
  platform === 'aws' ? `AWS (${awsRegion})` : NAMES.heroku;

interface EstimateMessageOptions {
  /** Posted in the channel (the `share` word or the Share button). */
  share: boolean;
  /** Who shared it, as a Slack user ID: said above the figures. */
  sharedBy?: string;
  /** Said right under the headline: what the figures stand on (a price note, live data's age). */
  notes?: readonly string[];
}

/** The compact answer: header, figures, verdict, largest lines, sources in a line, buttons. */
export function estimateMessage(estimate: Estimate, words: string, options: EstimateMessageOptions): Message {
  const sides = sidesOf(estimate);
  const { current, modelled, tier } = sides;
  const value = words.slice(0, BUTTON_VALUE_LIMIT);
  const layers = priceLayersLine(estimate);
  const title = headline(estimate, sides);
  const verdict = verdictLine(estimate);
  const blocks: KnownBlock[] = [header(title)];
  if (options.sharedBy) blocks.push(context(`Shared by <@${options.sharedBy}>`));
  const notes = options.notes ?? [];
  for (let i = 0; i < notes.length; i++) blocks.push(context(notes[i]));
  blocks.push(
    figureFields(estimate, sides),
    mrkdwn(verdict),
    mrkdwn(
      largestLines(
        `${placeName(current.platform, estimate.awsRegion)} as it runs`,
        current.lines,
        current.unpriced,
        current.infrastructure,
      ),
    ),
    mrkdwn(
      largestLines(
        `${placeName(modelled.platform, estimate.awsRegion)}, ${tier.id} tier (modelled)`,
        tier.lines,
        tier.unpriced,
        tier.infrastructure,
      ),
    ),
    context(`${tiersLine(estimate, sides)} ${opsLine(sides)}`),
    context(
      `Per month, estimated from list prices whose sources are dated *${priceDatesSpan(estimate.priceDates)}*${layers ? ` (${layers})` : ''}. Not a quote. *Details* has every line, assumption and source.`,
    ),
    {
      type: 'actions',
      block_id: 'estimate_actions',
      elements: options.share
        ? [button(ESTIMATE_DETAILS, 'Details', value, true), button(OPEN_COMPLIANCE, 'Compliance checklist', value)]
        : [
            button(ESTIMATE_DETAILS, 'Details', value, true),
            button(SHARE_ESTIMATE, 'Share in channel', value),
            button(OPEN_COMPLIANCE, 'Compliance checklist', value),
          ],
    },
  );
  // The verdict as plain words, for the notification text.
  const text = `${options.sharedBy ? `Shared by <@${options.sharedBy}>: ` : ''}${title} (infrastructure, per month, estimated; ${pricesDated(estimate.priceDates)}). ${verdict.replaceAll('*', '')}`;
  return { response_type: options.share ? 'in_channel' : 'ephemeral', text, blocks };
}

/** A button carrying the estimate's words (the primary one styled so). */
function button(action_id: string, text: string, value: string, primary = false): Button {
  const plain = { type: 'plain_text' as const, text };
  return primary
    ? { type: 'button', action_id, text: plain, value, style: 'primary' }
    : { type: 'button', action_id, text: plain, value };
}
