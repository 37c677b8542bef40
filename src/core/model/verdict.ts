import { formatUsd, fromCents, type Money, toCents } from '../money';
import type { Platform } from '../workload';
import { LEFT_OUT_WORDS, type LeftOutKind, leftOutKind, leftOutLacks, tallyOf } from './left-out';
import type { Bounded, Cheaper, PlatformCost, TierCost, TierId, UnpricedCostLine, Verdict } from './types';

/** The tier a verdict uses: what a real migration builds (shared instances, shared network). */
export const VERDICT_TIER: TierId = 'consolidated';

/** What an unpriced line leaves out, and how to supply it. */
function missingItem(line: UnpricedCostLine, platform: Platform): string {
  const name = platform === 'heroku' ? 'Heroku' : 'AWS';
  // A list price the bundled list lacks is Heroku's to give, through the live refresh; not a contract's.
  if (leftOutKind(line) === 'listed')
    return `${name}: ${line.item} (${line.environment}) has a list price (${line.listedAt}) that the bundled list has no trusted copy of; a lead's price refresh (\`prices refresh\`) reads it from ${name}, or set ${line.priceKey} in PRICING_FILE`;
  const how = line.priceKey ? `set ${line.priceKey} in PRICING_FILE (leads), or ask your account executive` : line.note;
  // A contract price has no public price; an add-on Heroku bills by usage has no monthly one.
  return `${name}: ${line.item} (${line.environment}) ${leftOutLacks(leftOutKind(line))}; ${how}`;
}

/** What the two sides leave out, once each, and how many of those are of the kinds a contract does not price. */
function missingItems(current: PlatformCost, tier: TierCost): { missing: string[]; listed: number; other: number } {
  // Nearly every estimate leaves nothing out: it is answered without building the list.
  if (current.unpriced.length === 0 && tier.unpriced.length === 0) return { missing: [], listed: 0, other: 0 };
  const items = new Map<string, UnpricedCostLine>();
  for (const side of [current, tier])
    for (const line of side.unpriced) items.set(missingItem(line, side.platform), line);
  const { listed, other } = tallyOf([...items.values()]);
  return { missing: [...items.keys()], listed, other };
}

/** Compares two shown totals (already whole cents): the difference is theirs, never re-rounded. */
export function compareShown(heroku: Money, aws: Money, complete: boolean): { cheaper: Cheaper; difference: Money } {
  if (!complete) return { cheaper: 'unknown', difference: fromCents(0) };
  const cents = toCents(heroku) - toCents(aws);
  return { cheaper: cents === 0 ? 'same' : cents < 0 ? 'heroku' : 'aws', difference: fromCents(Math.abs(cents)) };
}

/**
 * Compares two shown totals where a side that leaves items out (`partial`) is a lower bound. Items left
 * out can only add to a total, so when one side alone leaves items out and its lower bound already costs
 * more, the other (complete) side is cheaper by at least the difference; when it costs less, that side is
 * the cheaper only if its items cost less than the gap (`breakEven`). Both sides partial: unknown.
 * The side that leaves items out is never called the cheaper.
 */
export function compareBounded(heroku: Money, aws: Money, partial: { heroku: boolean; aws: boolean }): Bounded {
  if (partial.heroku === partial.aws) return compareShown(heroku, aws, !partial.heroku);
  const bounded: Platform = partial.heroku ? 'heroku' : 'aws';
  const whole: Platform = partial.heroku ? 'aws' : 'heroku';
  const lower = toCents(partial.heroku ? heroku : aws);
  const total = toCents(partial.heroku ? aws : heroku);
  if (lower > total) return { cheaper: whole, difference: fromCents(lower - total), atLeast: true };
  const unknown: Bounded = { cheaper: 'unknown', difference: fromCents(0) };
  return lower < total ? { ...unknown, breakEven: { platform: bounded, under: fromCents(total - lower) } } : unknown;
}

/**
 * Current infrastructure against the verdict tier, by `compareBounded`: a winner when neither side leaves
 * items out, or when the side that does already costs more without them ("at least"); otherwise no winner,
 * with what the missing items would have to cost under for that side to be the cheaper, when one side
 * alone leaves items out.
 */
export function verdictFor(current: PlatformCost, tiers: readonly TierCost[]): Verdict {
  const tier = tiers.find((t) => t.id === VERDICT_TIER)!;
  const { missing, listed, other } = missingItems(current, tier);
  const heroku = current.platform === 'heroku' ? current : tier;
  const aws = current.platform === 'heroku' ? tier : current;
  const sides = partialSides(heroku, aws);
  const b = compareBounded(heroku.infrastructure, aws.infrastructure, sides);
  // Built field by field, not by spreading optional parts: the model makes one verdict per estimate,
  // and V8 copies a spread after the first one property by property (7% of the model's time here).
  const verdict: Verdict =
    b.cheaper === 'unknown'
      ? { tier: tier.id, kind: 'incomplete', missing }
      : b.cheaper === 'same'
        ? { tier: tier.id, kind: 'same', difference: b.difference, missing }
        : { tier: tier.id, kind: 'cheaper', cheaper: b.cheaper, difference: b.difference, missing };
  if (listed > 0) verdict.listed = listed;
  if (other > 0) verdict.other = other;
  if (b.atLeast) verdict.atLeast = true;
  if (b.cheaper === 'unknown' && b.breakEven) verdict.breakEven = b.breakEven;
  if (sides.alike > 0) verdict.alike = sides.alike;
  return verdict;
}

/** An add-on's line as both sides name it: on AWS the same item, `, bought directly`. */
const addOnKey = (line: UnpricedCostLine) => `${line.environment}|${line.item.replace(/, bought directly$/, '')}`;

/**
 * Which side leaves out an item the other side does not: a partial side is a lower bound. An add-on
 * without a price is left out of both sides alike (on AWS it is bought directly from its provider, and
 * taken to cost what Heroku bills for it: `addOnLine`), so it adds the same to both totals and changes
 * no difference; only the items one side alone leaves out make it a bound. `alike`: how many add-ons
 * are left out of both.
 */
export function partialSides(
  heroku: { unpriced: readonly UnpricedCostLine[] },
  aws: { unpriced: readonly UnpricedCostLine[] },
): { heroku: boolean; aws: boolean; alike: number } {
  if (heroku.unpriced.length === 0 || aws.unpriced.length === 0)
    return { heroku: heroku.unpriced.length > 0, aws: aws.unpriced.length > 0, alike: 0 };
  const addOns = (lines: readonly UnpricedCostLine[]) =>
    new Set(lines.filter((line) => line.category === 'add-on').map(addOnKey));
  const onHeroku = addOns(heroku.unpriced);
  const onAws = addOns(aws.unpriced);
  const both = new Set([...onHeroku].filter((key) => onAws.has(key)));
  const own = (line: UnpricedCostLine) => line.category !== 'add-on' || !both.has(addOnKey(line));
  return { heroku: heroku.unpriced.some(own), aws: aws.unpriced.some(own), alike: both.size };
}

export function rangeOf(tiers: readonly TierCost[]): { low: Money; high: Money } {
  let low = tiers[0].infrastructure;
  let high = low;
  for (let i = 1; i < tiers.length; i++) {
    const { infrastructure } = tiers[i];
    if (infrastructure.lessThan(low)) low = infrastructure;
    if (infrastructure.greaterThan(high)) high = infrastructure;
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

/**
 * Why add-ons left out of both totals change no verdict, when there are any: `The 2 add-ons without a
 * price in both totals are bought directly on AWS, taken to cost what Heroku bills for them, so they add
 * the same to both and leave the difference as it is.`
 */
export function alikeSentence(v: Verdict): string {
  const n = v.alike ?? 0;
  if (n === 0) return '';
  return `${n === 1 ? 'The add-on' : `The ${n} add-ons`} without a price in both totals ${n === 1 ? 'is' : 'are'} bought directly on AWS, taken to cost what Heroku bills for ${n === 1 ? 'it' : 'them'}, so ${n === 1 ? 'it adds' : 'they add'} the same to both and ${n === 1 ? 'leaves' : 'leave'} the difference as it is.`;
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
      `No verdict: ${sides.join(' and ')} ${sides.length > 1 ? 'leave' : 'leaves'} items ${leftOutWords(v.missing.length, v.listed ?? 0, v.other ?? 0).what} out of ${sides.length > 1 ? 'their' : 'its'} total, so neither platform can be called cheaper.${bound}${breakEven}`,
      ...v.missing.map((m) => `Missing: ${m}.`),
    ];
  }
  if (v.atLeast) {
    const other = NAME[v.cheaper === 'heroku' ? 'aws' : 'heroku'];
    return [
      lead,
      `On the ${v.tier} tier, ${NAME[v.cheaper!]} is cheaper on infrastructure by at least ${dollars(v.difference!)}${period}.`,
      `At least, because ${other}'s total leaves items ${leftOutWords(v.missing.length, v.listed ?? 0, v.other ?? 0).what} out, and they can only add to it:`,
      ...v.missing.map((m) => `Missing: ${m}.`),
      ...(v.alike ? [alikeSentence(v)] : []),
    ];
  }
  // Only add-ons left out of both alike: the difference stands, and what is left out is still named.
  const alike = v.alike ? [alikeSentence(v), ...v.missing.map((m) => `Missing: ${m}.`)] : [];
  if (v.kind === 'same') return [lead, `On the ${v.tier} tier both cost the same on infrastructure.`, ...alike];
  return [
    lead,
    `On the ${v.tier} tier, ${NAME[v.cheaper!]} is cheaper on infrastructure by ${dollars(v.difference!)}${period}.`,
    ...alike,
  ];
}

/** What the one verdict sentence compares: infrastructure (itself) and with ops, against the verdict's tier. */
export interface VerdictFigures extends Bounded {
  current: Platform;
  verdict: Verdict;
  withOps: Bounded;
}

export interface VerdictWording {
  /** Marks the claim (Slack bolds it); plain by default. */
  strong?: (claim: string) => string;
  /** Where the answer lists what an incomplete estimate leaves out, e.g. `Details says which`. */
  whichMissing: string;
}

/**
 * What the verdict's missing items are and who supplies them, by kind (`LEFT_OUT_WORDS`): a list price the
 * bundled list lacks is read by a lead's price refresh; one without a public price is a contract's; one
 * without a monthly price (an add-on Heroku bills by usage) is known only from what Heroku bills.
 */
export function leftOutWords(items: number, listed: number, other = 0): { what: string; how: string } {
  const present: LeftOutKind[] = [];
  if (items - listed - other > 0) present.push('contract');
  if (listed > 0) present.push('listed');
  if (other > 0) present.push('other');
  const what = present.map((kind, i) =>
    i === 0 ? LEFT_OUT_WORDS[kind].what : LEFT_OUT_WORDS[kind].what.replace(/^without /, ''),
  );
  // Who acts first: the refresh, then the contract, then Heroku's bill.
  const how = (['listed', 'contract', 'other'] as const)
    .filter((kind) => present.includes(kind))
    .map((kind) => (kind === 'other' && present.length > 1 ? HOW_REST : HOW[kind]));
  return { what: what.join(' or '), how: how.join(' and ') };
}

const HOW: Record<LeftOutKind, string> = {
  contract: 'adds your contract prices',
  listed: 'runs the price refresh (`prices refresh`)',
  other: "reads what they cost from Heroku's invoice",
};
const HOW_REST = "reads what the rest cost from Heroku's invoice";

const otherOf = (platform: Platform): Platform => (platform === 'heroku' ? 'aws' : 'heroku');

/**
 * One sentence: who is cheaper, on infrastructure and with ops, against which tier. When counting ops
 * turns the answer round, the same sentence says so, so two opposite verdicts never stand one after the
 * other (issue #15). When one side leaves items out, each comparison follows `compareBounded`: the other
 * side is cheaper "by at least", or the side that leaves them out is the cheaper "only if" they cost less
 * than the gap. The CLI, the Slack answer and its Details all say this sentence.
 */
export function verdictSentence(f: VerdictFigures, wording: VerdictWording): string {
  const strong = wording.strong ?? ((claim: string) => claim);
  const perMonth = (value: Money) => `${dollars(value)}/mo`;
  const v = f.verdict;
  const against = `against ${NAME[otherOf(f.current)]}'s ${v.tier} tier`;
  // Said only where items are left out (an estimate nearly always has none).
  const leftOut = () => leftOutWords(v.missing.length, v.listed ?? 0, v.other ?? 0);
  const ops = f.withOps;
  // The one side that leaves items out, when a bound says anything (both comparisons are of the same sides).
  const partial = [f, ops]
    .map((b) => b.breakEven?.platform ?? (b.atLeast ? otherOf(b.cheaper as Platform) : undefined))
    .find((p) => p !== undefined);
  // The items the bound side alone leaves out: an add-on left out of both alike is no part of its bound.
  const n = partial
    ? v.missing.filter((m) => m.startsWith(`${NAME[partial]}:`)).length - (v.alike ?? 0)
    : v.missing.length;
  const items = n === 1 ? 'the item left out costs' : `the ${n} items left out cost`;
  const why =
    (partial
      ? ` ${NAME[partial]}'s total leaves out ${n === 1 ? '1 item' : `${n} items`} ${leftOut().what} (${wording.whichMissing}), which can only add to it.`
      : '') + (v.alike ? ` ${alikeSentence(v)}` : '');
  const by = (b: Bounded) => `${b.atLeast ? 'at least ' : ''}${perMonth(b.difference)}`;
  const claim = (b: Bounded, label: string) =>
    b.cheaper === 'same'
      ? `both cost the same${label}`
      : `${NAME[b.cheaper as Platform]} is cheaper${label} by ${by(b)}`;
  const onlyIf = (b: Bounded) =>
    b.breakEven
      ? `${NAME[b.breakEven.platform]} is the cheaper only if ${items} less than ${perMonth(b.breakEven.under)}${n === 1 ? '' : ' together'}, otherwise ${NAME[otherOf(b.breakEven.platform)]} is`
      : 'neither can be called cheaper';
  const capital = (text: string) => text[0].toUpperCase() + text.slice(1);
  if (f.cheaper === 'unknown' && ops.cheaper === 'unknown') {
    if (f.breakEven && ops.breakEven) {
      const p = f.breakEven.platform;
      return `${strong('No verdict')}: ${NAME[p]} is the cheaper only if ${items} less than ${perMonth(f.breakEven.under)} on infrastructure and ${perMonth(ops.breakEven.under)} with ops${n === 1 ? '' : ' together'}, otherwise ${NAME[otherOf(p)]} is, ${against}.${why}`;
    }
    const sides = [...new Set(v.missing.map((m) => m.split(':')[0]))];
    const many = sides.length > 1;
    const words = leftOut();
    return `${strong('No verdict')}: ${sides.join(' and ')} ${many ? 'leave' : 'leaves'} items ${words.what} out of ${many ? 'their' : 'its'} total, so neither platform can be called cheaper until a hosting lead ${words.how} (${wording.whichMissing}).`;
  }
  if (f.cheaper === 'unknown')
    return `${strong(capital(claim(ops, ' with ops')))}, ${against}; on infrastructure, ${onlyIf(f)}.${why}`;
  if (ops.cheaper === 'unknown')
    return `${strong(capital(claim(f, ' on infrastructure')))}, ${against}; with ops, ${onlyIf(ops)}.${why}`;
  const infra = f.cheaper;
  if (infra === 'same' && ops.cheaper === 'same')
    return `${strong('Both cost the same')}, on infrastructure and with ops, ${against}.${why}`;
  if (infra === 'same')
    return `${strong(`Both cost the same on infrastructure; with ops, ${NAME[ops.cheaper as Platform]} is cheaper by ${by(ops)}`)}, ${against}.${why}`;
  if (ops.cheaper === 'same')
    return `${strong(`${NAME[infra as Platform]} is cheaper on infrastructure by ${by(f)}; with ops, both cost the same`)}, ${against}.${why}`;
  if (infra === ops.cheaper)
    return `${strong(`${NAME[infra as Platform]} is cheaper`)}: by ${by(f)} on infrastructure and by ${by(ops)} with ops, ${against}.${why}`;
  return `${strong(`${NAME[infra as Platform]} is cheaper on infrastructure by ${by(f)}, but ${NAME[ops.cheaper as Platform]} is cheaper with ops, by ${by(ops)}`)}, ${against}.${why}`;
}
