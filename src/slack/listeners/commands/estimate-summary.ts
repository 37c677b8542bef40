/**
 * The figures an estimate answer leads with, as a lead reads them in ten seconds: both platforms'
 * totals side by side, the difference a month and a year, one verdict sentence, and each platform's
 * largest lines with what the rest add up to. Every figure is a shown total or a sum of shown cents,
 * so the summary foots like the full answer (docs/decisions.md, "Every total is the sum of its lines").
 */
import type { KnownBlock } from '@slack/types';
import {
  type Bounded,
  byKind,
  type Estimate,
  LEFT_OUT_WORDS,
  type PlatformCost,
  type PricedCostLine,
  type TierCost,
  type UnpricedCostLine,
  verdictSentence,
} from '../../../core/model';
import { formatCents, formatUnitPrice, formatUsd, type Money, toCents } from '../../../core/money';

export const NAMES = { heroku: 'Heroku', aws: 'AWS' } as const;

/** Lines shown before the rest are summed into one "N more lines" line. */
const LARGEST_LINES = 5;

/** The platform as it runs, the modelled platform, and the modelled tier the verdict uses. */
export interface Sides {
  current: PlatformCost;
  modelled: PlatformCost;
  tier: TierCost;
  /** The tier with the modelled platform's ops, in cents: both are sums of shown cents, so theirs is exact. */
  tierWithOpsCents: number;
}

export function sidesOf(estimate: Estimate): Sides {
  const current = estimate.current === 'heroku' ? estimate.heroku : estimate.aws;
  const modelled = estimate.current === 'heroku' ? estimate.aws : estimate.heroku;
  const tier = estimate.tiers.find((t) => t.id === estimate.verdict.tier)!;
  return { current, modelled, tier, tierWithOpsCents: toCents(tier.infrastructure) + toCents(modelled.ops) };
}

const perMonth = (value: Money) => `${formatUsd(value)}/mo`;
const atLeast = (partial: boolean, value: Money) => `${partial ? '≥ ' : ''}${perMonth(value)}`;
const atLeastCents = (partial: boolean, cents: number) => `${partial ? '≥ ' : ''}${formatCents(cents)}/mo`;

/**
 * `Heroku $86.52 less`: who costs less, by how much, for the period the field names; `at least` when the
 * other side leaves items out and costs more even without them (a bound scales with the months as well).
 */
function less(b: Bounded, months: number, what: string): string {
  if (b.cheaper === 'unknown') return `not comparable${what}`;
  if (b.cheaper === 'same') return `the same${what}`;
  return `${NAMES[b.cheaper]} ${b.atLeast ? 'at least ' : ''}${formatCents(toCents(b.difference) * months)} less${what}`;
}

function difference(estimate: Estimate, months: number): string {
  if (estimate.cheaper === 'unknown' && estimate.withOps.cheaper === 'unknown') return 'not comparable: prices missing';
  return `${less(estimate, months, '')}\n${less(estimate.withOps, months, ' with ops')}`;
}

/** Two columns: the two platforms' totals, then the difference a month and a year. */
export function figureFields(estimate: Estimate, sides: Sides): KnownBlock {
  const { current, modelled, tier, tierWithOpsCents } = sides;
  const currentPartial = current.unpriced.length > 0;
  const tierPartial = tier.unpriced.length > 0;
  const modelledName = `${NAMES[modelled.platform]}, ${tier.id} tier (modelled)`;
  const field = (text: string) => ({ type: 'mrkdwn' as const, text });
  return {
    type: 'section',
    block_id: 'estimate_figures',
    fields: [
      field(
        `*${NAMES[current.platform]} as it runs*\n*${atLeast(currentPartial, current.infrastructure)}* infrastructure\n${atLeast(currentPartial, current.total)} with ops`,
      ),
      field(
        `*${modelledName}*\n*${atLeast(tierPartial, tier.infrastructure)}* infrastructure\n${atLeastCents(tierPartial, tierWithOpsCents)} with ops`,
      ),
      field(`*Difference per month*\n${difference(estimate, 1)}`),
      field(`*Difference per year*\n${difference(estimate, 12)}`),
    ],
  };
}

/** The one verdict sentence (core's wording), its claim in bold. */
export function verdictLine(estimate: Estimate, inDetails = false): string {
  return verdictSentence(estimate, {
    strong: (claim) => `*${claim}*`,
    whichMissing: inDetails ? 'below: which, and the key for each' : 'Details says which',
  });
}

/** A line in the summary: what it is and its amount; a monthly price keeps its count (2 × $50.00/month). */
function shortLine(line: PricedCostLine): string {
  const where = line.environment === 'production' ? '' : ` _(${line.environment})_`;
  const count =
    line.unit === 'month' && line.quantity !== 1
      ? ` (${line.quantity} × ${formatUnitPrice(line.unitPrice)}/month)`
      : '';
  return `• ${line.item}${where}${count}: *${formatCents(line.cents)}*`;
}

/**
 * One line for each kind of item left out, named for what it is and who has its price (a contract, or a
 * price refresh for a list price the bundled list lacks), with up to three of their names when `named`:
 * a mix reads as two lines, never one vague one. The estimate's and migrate's answers say it alike.
 */
export function notInTotalLines(lines: readonly UnpricedCostLine[], named = true): string[] {
  return byKind(lines).map(({ kind, lines: these }) => {
    const names = [...new Set(these.map((line) => line.item))];
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    const shown = named ? `: ${names.slice(0, 3).join(', ')}${more}` : '';
    const how = LEFT_OUT_WORDS[kind].how(these.length);
    return `• ${these.length} ${LEFT_OUT_WORDS[kind].what}, not in the total${shown} (${how ? `${how}; ` : ''}see Details)`;
  });
}

/**
 * The `count` largest priced lines other than ops, largest first and of equal amounts the earlier first
 * (as a stable sort ranks them), with how many lines there are and their cents: a partial selection,
 * as a summary shows a handful of an estimate's lines.
 */
function largest(lines: readonly PricedCostLine[], count: number) {
  const top: PricedCostLine[] = [];
  let all = 0;
  let cents = 0;
  // Indexed: unoptimised, as nearly every request runs it, `for…of` makes an object a step.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.category === 'ops') continue;
    all += 1;
    cents += line.cents;
    let at = top.length;
    while (at > 0 && top[at - 1].cents < line.cents) at -= 1;
    if (at === count) continue;
    // Shift the smaller ones down (the last falls off when all `count` are taken) and put it in.
    for (let j = Math.min(top.length, count - 1); j > at; j -= 1) top[j] = top[j - 1];
    top[at] = line;
  }
  return { top, all, cents };
}

/**
 * The largest lines first, then one line for the rest: together they add up to the total above them.
 * Ops lines are left out (the ops line says what they add).
 */
export function largestLines(
  title: string,
  lines: readonly PricedCostLine[],
  unpriced: readonly UnpricedCostLine[],
  total: Money,
): string {
  // A single leftover line is shown itself: "1 more line" would take the same room and say less.
  const { top, all, cents } = largest(lines, LARGEST_LINES + 1);
  const shown = all <= LARGEST_LINES + 1 ? top : top.slice(0, LARGEST_LINES);
  let text = `*${title}: ${atLeast(unpriced.length > 0, total)}*`;
  let restCents = cents;
  for (let i = 0; i < shown.length; i++) {
    text += `\n${shortLine(shown[i])}`;
    restCents -= shown[i].cents;
  }
  if (all > shown.length) text += `\n• ${all - shown.length} more lines: *${formatCents(restCents)}*`;
  if (unpriced.length > 0) for (const line of notInTotalLines(unpriced)) text += `\n${line}`;
  return text;
}

/** The three modelled tiers in one line, lower bounds marked; the verdict's tier named. */
export function tiersLine(estimate: Estimate, sides: Sides): string {
  const tiers = estimate.tiers
    .map((t) => `${t.id} ${t.unpriced.length > 0 ? '≥ ' : ''}${perMonth(t.infrastructure)}`)
    .join(' · ');
  return `${NAMES[sides.modelled.platform]} in three tiers (infrastructure): ${tiers}. The verdict uses ${sides.tier.id}.`;
}

/** What ops add on each side: hours a month per environment at the rate, so infrastructure + ops = with ops. */
export function opsLine(sides: Sides): string {
  const side = (cost: PlatformCost) => {
    const ops = cost.lines.filter((line) => line.category === 'ops');
    if (ops.length === 0) return `${NAMES[cost.platform]} ${perMonth(cost.ops)}`;
    const first = ops[0];
    const environments = ops.length === 1 ? '1 environment' : `${ops.length} environments`;
    return `${NAMES[cost.platform]} ${perMonth(cost.ops)} (${first.quantity} h × ${environments} × ${formatUnitPrice(first.unitPrice)}/h)`;
  };
  return `Ops (TCO): ${side(sides.current)}; ${side(sides.modelled)}.`;
}
