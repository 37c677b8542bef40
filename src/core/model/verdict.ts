import { formatUsd, fromCents, type Money, toCents } from '../money';
import type { Platform } from '../workload';
import type { Cheaper, PlatformCost, TierCost, TierId, UnpricedCostLine, Verdict } from './types';

/** The tier a verdict uses: what a real migration builds (shared instances, shared network). */
export const VERDICT_TIER: TierId = 'consolidated';

/** What an unpriced line leaves out, and how to supply it. */
function missingItem(line: UnpricedCostLine, platform: Platform): string {
  const name = platform === 'heroku' ? 'Heroku' : 'AWS';
  // A list price the bundled list lacks is Heroku's to give, through the live refresh; not a contract's.
  if (line.listedAt && line.priceKey)
    return `${name}: ${line.item} (${line.environment}) has a list price (${line.listedAt}) that the bundled list has no trusted copy of; a lead's price refresh (\`prices refresh\`) reads it from ${name}, or set ${line.priceKey} in PRICING_FILE`;
  const how = line.priceKey ? `set ${line.priceKey} in PRICING_FILE (leads), or ask your account executive` : line.note;
  return `${name}: ${line.item} (${line.environment}) has no public price; ${how}`;
}

function missingItems(current: PlatformCost, tier: TierCost): string[] {
  return [
    ...new Set([
      ...current.unpriced.map((l) => missingItem(l, current.platform)),
      ...tier.unpriced.map((l) => missingItem(l, tier.platform)),
    ]),
  ];
}

/** Compares two shown totals (already whole cents): the difference is theirs, never re-rounded. */
export function compareShown(heroku: Money, aws: Money, complete: boolean): { cheaper: Cheaper; difference: Money } {
  if (!complete) return { cheaper: 'unknown', difference: fromCents(0) };
  const cents = toCents(heroku) - toCents(aws);
  return { cheaper: cents === 0 ? 'same' : cents < 0 ? 'heroku' : 'aws', difference: fromCents(Math.abs(cents)) };
}

/**
 * Current infrastructure against the verdict tier; no winner when either side leaves items out, unless
 * `bounded` (a whole account, where one side's items without a public price are often all that is
 * missing): then, when only one side leaves items out and its lower bound already costs more, the
 * other side is cheaper by at least the difference (those items only add to a total), and otherwise
 * the answer says what those items would have to cost under for that side to be the cheaper.
 */
export function verdictFor(
  current: PlatformCost,
  tiers: readonly TierCost[],
  options: { bounded?: boolean } = {},
): Verdict {
  const tier = tiers.find((t) => t.id === VERDICT_TIER)!;
  const missing = missingItems(current, tier);
  const heroku = current.platform === 'heroku' ? current.infrastructure : tier.infrastructure;
  const aws = current.platform === 'aws' ? current.infrastructure : tier.infrastructure;
  if (missing.length > 0) {
    const incomplete: Verdict = { tier: tier.id, kind: 'incomplete', missing };
    const partial = [current, tier].filter((side) => side.unpriced.length > 0);
    if (!options.bounded || partial.length !== 1) return incomplete;
    const bounded = partial[0].platform;
    const whole = bounded === 'heroku' ? 'aws' : 'heroku';
    const lower = toCents(bounded === 'heroku' ? heroku : aws);
    const total = toCents(whole === 'heroku' ? heroku : aws);
    if (lower > total) {
      return {
        tier: tier.id,
        kind: 'cheaper',
        cheaper: whole,
        difference: fromCents(lower - total),
        missing,
        atLeast: true,
      };
    }
    return lower < total
      ? { ...incomplete, breakEven: { platform: bounded, under: fromCents(total - lower) } }
      : incomplete;
  }
  const { cheaper, difference } = compareShown(heroku, aws, true);
  if (cheaper === 'same') return { tier: tier.id, kind: 'same', difference, missing };
  return { tier: tier.id, kind: 'cheaper', cheaper: cheaper as Platform, difference, missing };
}

export function rangeOf(tiers: readonly TierCost[]): { low: Money; high: Money } {
  let low = tiers[0].infrastructure;
  let high = low;
  for (const tier of tiers) {
    if (tier.infrastructure.lessThan(low)) low = tier.infrastructure;
    if (tier.infrastructure.greaterThan(high)) high = tier.infrastructure;
  }
  return { low, high };
}

const NAME: Record<Platform, string> = { heroku: 'Heroku', aws: 'AWS' };

const dollars = formatUsd;

/** What any comparison needs to say itself: where it runs now, the tiers, the verdict. */
export interface Comparison {
  current: Platform;
  currentInfrastructure: Money;
  tiers: readonly TierCost[];
  range: { low: Money; high: Money };
  verdict: Verdict;
}

/** The platform as it runs leaves an item without a public price out of its total. */
const currentLeavesOut = (c: Comparison) => c.verdict.missing.some((m) => m.startsWith(`${NAME[c.current]}:`));

/** `Heroku ≥ $540.00/mo plus the items left out.` when the platform as it runs leaves items out, else ''. */
export function lowerBound(c: Comparison, period = '/mo'): string {
  return currentLeavesOut(c)
    ? ` ${NAME[c.current]} ≥ ${dollars(c.currentInfrastructure)}${period} plus the items left out.`
    : '';
}

/** The sentences an answer leads with: the range, then the verdict naming its tier (or why there is none). */
export function leadSentences(c: Comparison, period = '/mo'): string[] {
  const modelled = c.current === 'heroku' ? 'aws' : 'heroku';
  // A tier that leaves an item without a public price out shows its total as a lower bound.
  const byTier = c.tiers
    .map((t) => `${t.id} ${t.unpriced.length > 0 ? '≥ ' : ''}${dollars(t.infrastructure)}${period}`)
    .join(', ');
  // A tier that leaves an item out is a lower bound: so is the range (the Slack header says `≥` too).
  const some = c.tiers.some((t) => t.unpriced.length > 0) ? '≥ ' : '';
  const range = c.range.low.equals(c.range.high)
    ? `${some}${dollars(c.range.low)}${period}`
    : `${some}${dollars(c.range.low)}${period} to ${dollars(c.range.high)}${period}`;
  const lead = `${NAME[modelled]} (modelled): ${range} infrastructure across three tiers (${byTier}); ${NAME[c.current]} as it runs: ${currentLeavesOut(c) ? '≥ ' : ''}${dollars(c.currentInfrastructure)}${period}.`;
  const v = c.verdict;
  if (v.kind === 'incomplete') {
    const sides = [...new Set(v.missing.map((m) => m.split(':')[0]))];
    const bound = lowerBound(c, period);
    const breakEven = v.breakEven
      ? ` ${NAME[v.breakEven.platform]} is the cheaper only if ${v.missing.length === 1 ? 'that item costs' : `those ${v.missing.length} items cost`} less than ${dollars(v.breakEven.under)}${period}${v.missing.length === 1 ? '' : ' together'}; otherwise ${NAME[v.breakEven.platform === 'heroku' ? 'aws' : 'heroku']} is.`
      : '';
    return [
      lead,
      `No verdict: ${sides.join(' and ')} ${sides.length > 1 ? 'leave' : 'leaves'} items without a public price out of ${sides.length > 1 ? 'their' : 'its'} total, so neither platform can be called cheaper.${bound}${breakEven}`,
      ...v.missing.map((m) => `Missing: ${m}.`),
    ];
  }
  if (v.atLeast) {
    const other = NAME[v.cheaper === 'heroku' ? 'aws' : 'heroku'];
    return [
      lead,
      `On the ${v.tier} tier, ${NAME[v.cheaper!]} is cheaper on infrastructure by at least ${dollars(v.difference!)}${period}.`,
      `At least, because ${other}'s total leaves items without a public price out, and they can only add to it:`,
      ...v.missing.map((m) => `Missing: ${m}.`),
    ];
  }
  if (v.kind === 'same') return [lead, `On the ${v.tier} tier both cost the same on infrastructure.`];
  return [
    lead,
    `On the ${v.tier} tier, ${NAME[v.cheaper!]} is cheaper on infrastructure by ${dollars(v.difference!)}${period}.`,
  ];
}

/** What the one verdict sentence compares: infrastructure and with ops, against the verdict's tier. */
export interface VerdictFigures {
  current: Platform;
  verdict: Verdict;
  cheaper: Cheaper;
  difference: Money;
  withOps: { cheaper: Cheaper; difference: Money };
}

export interface VerdictWording {
  /** Marks the claim (Slack bolds it); plain by default. */
  strong?: (claim: string) => string;
  /** Where the answer lists what an incomplete estimate leaves out, e.g. `Details says which`. */
  whichMissing: string;
}

/**
 * One sentence: who is cheaper, on infrastructure and with ops, against which tier. When counting ops
 * turns the answer round, the same sentence says so, so two opposite verdicts never stand one after the
 * other (issue #15). The CLI, the Slack answer and its Details all say this sentence.
 */
export function verdictSentence(f: VerdictFigures, wording: VerdictWording): string {
  const strong = wording.strong ?? ((claim: string) => claim);
  const perMonth = (value: Money) => `${dollars(value)}/mo`;
  const v = f.verdict;
  const against = `against ${NAME[f.current === 'heroku' ? 'aws' : 'heroku']}'s ${v.tier} tier`;
  if (v.kind === 'incomplete') {
    const sides = [...new Set(v.missing.map((m) => m.split(':')[0]))];
    const many = sides.length > 1;
    return `${strong('No verdict')}: ${sides.join(' and ')} ${many ? 'leave' : 'leaves'} items without a public price out of ${many ? 'their' : 'its'} total, so neither platform can be called cheaper until a hosting lead adds your contract prices (${wording.whichMissing}).`;
  }
  const infra = f.cheaper;
  const ops = f.withOps.cheaper;
  const byInfra = perMonth(f.difference);
  const byOps = perMonth(f.withOps.difference);
  if (infra === 'same' && ops === 'same')
    return `${strong('Both cost the same')}, on infrastructure and with ops, ${against}.`;
  if (infra === 'same')
    return `${strong(`Both cost the same on infrastructure; with ops, ${NAME[ops as Platform]} is cheaper by ${byOps}`)}, ${against}.`;
  if (ops === 'same')
    return `${strong(`${NAME[infra as Platform]} is cheaper on infrastructure by ${byInfra}; with ops, both cost the same`)}, ${against}.`;
  if (infra === ops)
    return `${strong(`${NAME[infra as Platform]} is cheaper`)}: by ${byInfra} on infrastructure and by ${byOps} with ops, ${against}.`;
  return `${strong(`${NAME[infra as Platform]} is cheaper on infrastructure by ${byInfra}, but ${NAME[ops as Platform]} is cheaper with ops, by ${byOps}`)}, ${against}.`;
}
