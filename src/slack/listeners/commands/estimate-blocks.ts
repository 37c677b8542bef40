import type { KnownBlock } from '@slack/types';
import { type CostLine, type Estimate, leadSentences, type PlatformCost } from '../../../core/model';
import { formatCents, formatUnitPrice, formatUsd, type Money } from '../../../core/money';
import { context, header, type Message, mrkdwn } from '../../message';
import { priceLayersLine } from './estimate-sources';

export const SHARE_ESTIMATE = 'share_estimate';
export const OPEN_COMPLIANCE = 'open_compliance';

const SECTION_LIMIT = 2900;
const NAMES = { heroku: 'Heroku', aws: 'AWS' } as const;

/** One formatter for every quantity: `toLocaleString` with options builds a new one per call. */
const quantities = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

function lineText(line: CostLine): string {
  const where = line.environment === 'production' ? '' : ` _(${line.environment})_`;
  if (line.cents === null) return `• ${line.item}${where}: *contract price* — ${line.note}`;
  const quantity = quantities.format(line.quantity);
  return `• ${line.item}${where}: ${quantity} × ${formatUnitPrice(line.unitPrice)}/${line.unit} = *${formatCents(line.cents)}/mo*`;
}

/** Packs lines into as few sections as Slack's 3,000-character limit allows. */
function sections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_LIMIT) {
      blocks.push(mrkdwn(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(mrkdwn(current));
  return blocks;
}

const totals = (infrastructure: Money, total: Money) =>
  `*${formatUsd(infrastructure)}/mo* infrastructure, ${formatUsd(total)}/mo with ops (TCO), estimated`;

/** The platform as it runs: its lines, then its ops lines apart. */
function currentBlocks(cost: PlatformCost, awsRegion: string): KnownBlock[] {
  const name = cost.platform === 'aws' ? `AWS (${awsRegion})` : NAMES.heroku;
  const ops = cost.lines.filter((line) => line.category === 'ops').map(lineText);
  return [
    mrkdwn(`*${name} as it runs*: ${totals(cost.infrastructure, cost.total)}`),
    ...sections([
      ...cost.lines.filter((line) => line.category !== 'ops').map(lineText),
      ...cost.unpriced.map(lineText),
    ]),
    ...(ops.length ? [context(`Ops (TCO, shown apart from infrastructure):\n${ops.join('\n')}`)] : []),
  ];
}

/** Each modelled tier with its lines; the modelled platform's ops, the same in every tier, once after them. */
function tierBlocks(estimate: Estimate, modelled: PlatformCost): KnownBlock[] {
  const name = modelled.platform === 'aws' ? `AWS (${estimate.awsRegion})` : NAMES.heroku;
  const ops = modelled.lines.filter((line) => line.category === 'ops').map(lineText);
  return [
    ...estimate.tiers.flatMap((tier) => [
      mrkdwn(
        `*${name}, ${tier.id} tier (modelled)*: ${totals(tier.infrastructure, tier.infrastructure.plus(modelled.ops))}\n_${tier.description}_`,
      ),
      ...sections([...tier.lines.map(lineText), ...tier.unpriced.map(lineText)]),
    ]),
    ...(ops.length
      ? [context(`Ops on ${NAMES[modelled.platform]} (TCO, the same in every tier):\n${ops.join('\n')}`)]
      : []),
  ];
}

function verdict(estimate: Estimate): string {
  const current = estimate.current === 'heroku' ? estimate.heroku : estimate.aws;
  const [lead, ...rest] = leadSentences({
    current: estimate.current,
    currentInfrastructure: current.infrastructure,
    tiers: estimate.tiers,
    range: estimate.range,
    verdict: estimate.verdict,
  });
  const { cheaper, difference } = estimate.withOps;
  const tco =
    cheaper === 'unknown'
      ? ''
      : cheaper === 'same'
        ? ' With ops hours they cost the same.'
        : ` With ops hours, ${NAMES[cheaper]} is cheaper by ${formatUsd(difference)}/mo.`;
  return `*${lead}*\n${rest.join('\n')}${tco}`;
}

/** The estimate answer: totals, itemised lines, TCO apart, verdict, assumptions and price date. */
export function estimateMessage(estimate: Estimate, words: string, share: boolean): Message {
  const origin = estimate.workload.origin;
  const order = origin === 'heroku' ? [estimate.heroku, estimate.aws] : [estimate.aws, estimate.heroku];
  const lowerBound = estimate.excludesUnpriced
    ? ' Totals exclude contract-priced items without a price (set them in PRICING_FILE).'
    : '';
  const blocks: KnownBlock[] = [
    header(
      `Estimate: ${NAMES[order[0].platform]} ${formatUsd(order[0].infrastructure)}/mo now; ${NAMES[order[1].platform]} ${formatUsd(estimate.range.low)}–${formatUsd(estimate.range.high)}/mo in three tiers`,
    ),
    mrkdwn(`${verdict(estimate)}${lowerBound}`),
    { type: 'divider' },
    ...currentBlocks(order[0], estimate.awsRegion),
    { type: 'divider' },
    ...tierBlocks(estimate, order[1]),
    { type: 'divider' },
    ...sections(estimate.assumptions.map((assumption) => `• ${assumption}`)).map((block) =>
      block.type === 'section' && block.text ? context(block.text.text) : block,
    ),
    context(
      `Monthly figures, estimated from list prices as of *${estimate.priceListDate}*. Prices from ${priceLayersLine(estimate)}. Each line's source: \`npx hosting-advisor estimate ${words.slice(0, 60)} --json\`. Not a quote.`,
    ),
  ];
  const actions: KnownBlock = {
    type: 'actions',
    block_id: 'estimate_actions',
    elements: [
      ...(share
        ? []
        : [
            {
              type: 'button' as const,
              action_id: SHARE_ESTIMATE,
              text: { type: 'plain_text' as const, text: 'Share in channel' },
              value: words.slice(0, 2000),
            },
          ]),
      {
        type: 'button',
        action_id: OPEN_COMPLIANCE,
        text: { type: 'plain_text', text: 'Compliance checklist' },
        value: words.slice(0, 2000),
      },
    ],
  };
  // Keep within Slack's 50 blocks: the action row always survives.
  const kept = blocks.slice(0, 49);
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: `Estimate: ${NAMES[order[0].platform]} ${formatUsd(order[0].infrastructure)}/mo as it runs; ${NAMES[order[1].platform]} ${formatUsd(estimate.range.low)}–${formatUsd(estimate.range.high)}/mo in three tiers (infrastructure, estimated, prices as of ${estimate.priceListDate}). ${verdict(estimate).replace(/\*/g, '')}`,
    blocks: [...kept, actions],
  };
}
