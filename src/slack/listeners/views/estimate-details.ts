/**
 * An estimate in full, as a modal opened from the answer's Details button: the range and the verdict,
 * then every line of the platform as it runs and of each modelled tier with its arithmetic and a
 * numbered source, the ops lines apart, every assumption and the sources with their dates. Pure.
 */

import type { KnownBlock, ModalView } from '@slack/types';
import {
  type CostLine,
  type Estimate,
  leadSentences,
  leftOutKind,
  type PlatformCost,
  priceDatesSpan,
  type UnpricedCostLine,
} from '../../../core/model';
import { formatCents, formatUnitPrice, formatUsd, type Money } from '../../../core/money';
import { datedSource } from '../../../core/price-dates';
import { clipAtWord, context, mrkdwn, packed, readOnlyModal } from '../../block-kit';
import { priceLayersLine } from '../commands/estimate-sources';
import { NAMES, sidesOf, verdictLine } from '../commands/estimate-summary';

/** One formatter for every quantity: `toLocaleString` with options builds a new one per call. */
const quantities = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** Numbers each distinct source so a line can cite it as [n], as the terminal answer does. */
class Sources {
  private readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  cite(line: CostLine): string {
    const key = datedSource(line);
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.keys.push(key);
      this.index.set(key, n);
    }
    return `[${n}]`;
  }
  list(): string[] {
    return this.keys.map((key, i) => `[${i + 1}] ${key}`);
  }
}

function mark(line: CostLine): string {
  if (line.contractPrice && line.unitPrice !== null) return ' _(your contract price)_';
  if (line.confidence === 'derived' || line.confidence === 'unconfirmed') return ` _(${line.confidence})_`;
  return line.confidence === 'conflicting' ? ' _(conflicting figures)_' : '';
}

/**
 * A line left out, named for what it is, then its note (what to do). Each note begins with its kind
 * ("contract price: set … in PRICING_FILE", "listed in …, not in the bundled list: a price refresh …"),
 * so the label says the kind once and the note keeps only the rest.
 */
function unpricedLabel(line: UnpricedCostLine): string {
  const kind = leftOutKind(line);
  if (kind === 'contract') return `*contract price*: ${line.note.replace(/^contract price: /, '')}`;
  if (kind === 'listed')
    return `*list price, not in the bundled list*: ${line.note.replace(/^listed in (.*?), not in the bundled list: /, 'listed in $1; ')}`;
  return `*no monthly price*: ${line.note}`;
}

function lineText(line: CostLine, sources: Sources): string {
  const where = line.environment === 'production' ? '' : ` _(${line.environment})_`;
  const cite = sources.cite(line);
  if (line.cents === null) return `• ${line.item}${where}: ${unpricedLabel(line)} ${cite}`;
  const quantity = quantities.format(line.quantity);
  return `• ${line.item}${where}: ${quantity} × ${formatUnitPrice(line.unitPrice)}/${line.unit} = *${formatCents(line.cents)}/mo*${mark(line)} ${cite}`;
}

/** A side's totals; a lower bound (`≥`) when it leaves an item without a price out, as the answer's figures say. */
const totals = (infrastructure: Money, total: Money, partial: boolean) => {
  const bound = partial ? '≥ ' : '';
  return `*${bound}${formatUsd(infrastructure)}/mo* infrastructure, ${bound}${formatUsd(total)}/mo with ops (TCO), estimated`;
};

function opsBlock(title: string, cost: PlatformCost, sources: Sources): KnownBlock[] {
  const ops = cost.lines.filter((line) => line.category === 'ops').map((line) => lineText(line, sources));
  return ops.length ? packed([title, ...ops], context) : [];
}

function currentBlocks(cost: PlatformCost, awsRegion: string, sources: Sources): KnownBlock[] {
  const name = cost.platform === 'aws' ? `AWS (${awsRegion})` : NAMES.heroku;
  return [
    mrkdwn(`*${name} as it runs*: ${totals(cost.infrastructure, cost.total, cost.unpriced.length > 0)}`),
    ...packed([
      ...cost.lines.filter((line) => line.category !== 'ops').map((line) => lineText(line, sources)),
      ...cost.unpriced.map((line) => lineText(line, sources)),
    ]),
    ...opsBlock('Ops (TCO, shown apart from infrastructure):', cost, sources),
  ];
}

function tierBlocks(estimate: Estimate, modelled: PlatformCost, sources: Sources): KnownBlock[] {
  const name = modelled.platform === 'aws' ? `AWS (${estimate.awsRegion})` : NAMES.heroku;
  return [
    ...estimate.tiers.flatMap((tier) => [
      { type: 'divider' } as KnownBlock,
      mrkdwn(
        `*${name}, ${tier.id} tier (modelled)*: ${totals(tier.infrastructure, tier.infrastructure.plus(modelled.ops), tier.unpriced.length > 0)}\n_${tier.description}_`,
      ),
      ...packed([...tier.lines, ...tier.unpriced].map((line) => lineText(line, sources))),
    ]),
    ...opsBlock(`Ops on ${NAMES[modelled.platform]} (TCO, the same in every tier):`, modelled, sources),
  ];
}

/** The blocks of the whole estimate, in the order the terminal answer gives it. */
function estimateDetailBlocks(estimate: Estimate, words: string): KnownBlock[] {
  const sides = sidesOf(estimate);
  const sources = new Sources();
  const layers = priceLayersLine(estimate);
  const [lead, ...rest] = leadSentences({
    current: estimate.current,
    currentInfrastructure: sides.current.infrastructure,
    tiers: estimate.tiers,
    range: estimate.range,
    verdict: estimate.verdict,
  });
  // The lead's own verdict sentence is replaced by the one-line verdict (infrastructure and ops together).
  const missing = rest.filter((sentence) => sentence.startsWith('Missing: '));
  const body = [
    ...currentBlocks(sides.current, estimate.awsRegion, sources),
    ...tierBlocks(estimate, sides.modelled, sources),
  ];
  return [
    context(
      `Per month, estimated from list prices whose sources are dated *${priceDatesSpan(estimate.priceDates)}*, for \`${clipAtWord(words.replace(/`/g, "'"), 1500)}\`. Not a quote.`,
    ),
    mrkdwn(`${lead}\n${verdictLine(estimate, true)}${missing.length ? `\n${missing.join('\n')}` : ''}`),
    { type: 'divider' },
    ...body,
    { type: 'divider' },
    ...packed(['*Assumptions*', ...estimate.assumptions.map((assumption) => `• ${assumption}`)], context),
    ...packed(['*Sources*', ...sources.list(), ...(layers ? [`Price layers: ${layers}.`] : [])], context),
  ];
}

/** The modal; more than a view's 100 blocks (never seen for the largest workloads the grammar allows) are cut with a note. */
export function estimateDetailsView(estimate: Estimate, words: string): ModalView {
  const blocks = estimateDetailBlocks(estimate, words);
  return readOnlyModal(
    'estimate_details',
    'Estimate details',
    blocks,
    'The rest does not fit here: ask for a smaller part of the workload, or use the terminal answer.',
  );
}
