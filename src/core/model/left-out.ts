/**
 * What a line left out of a total is, decided in one place so every answer names it alike (the CLI,
 * --json, the Slack answer and its Details, migrate): a contract price (no public price: a lead sets
 * it in PRICING_FILE), a list price the bundled list lacks (the vendor lists it: a lead's price
 * refresh reads it, or PRICING_FILE), or a live add-on Heroku bills other than by the month.
 */
import { andList, plural } from './describe';
import type { UnpricedCostLine } from './types';

export type LeftOutKind = 'contract' | 'listed' | 'other';

/** The order kinds are named in, wherever several are. */
const KINDS: readonly LeftOutKind[] = ['contract', 'listed', 'other'];

type Kinded = Pick<UnpricedCostLine, 'contractPrice' | 'listedAt'>;

export function leftOutKind(line: Kinded): LeftOutKind {
  if (line.listedAt !== undefined) return 'listed';
  return line.contractPrice ? 'contract' : 'other';
}

/**
 * Each kind in words: what its items are without (the verdict's words, `leftOutWords`), and for `n` of
 * them who has the price ('' when nobody can supply one: Heroku bills it by usage, or gives none).
 */
export const LEFT_OUT_WORDS: Readonly<Record<LeftOutKind, { what: string; how: (n: number) => string }>> = {
  contract: { what: 'without a public price', how: (n) => (n === 1 ? 'a contract price' : 'contract prices') },
  listed: {
    what: 'without a price in the bundled list',
    how: (n) => `a price refresh reads ${n === 1 ? 'it' : 'them'}`,
  },
  other: { what: 'without a monthly price', how: () => '' },
};

/** What an item of a kind lacks, as a verb phrase: `has no public price`, `has no monthly price`. */
export const leftOutLacks = (kind: LeftOutKind): string =>
  LEFT_OUT_WORDS[kind].what.replace(/^without (a )?/, 'has no ');

/** The lines of each kind present, in the order contract, listed, other. */
export function byKind<L extends Kinded>(lines: readonly L[]): { kind: LeftOutKind; lines: L[] }[] {
  return KINDS.map((kind) => ({ kind, lines: lines.filter((line) => leftOutKind(line) === kind) })).filter(
    (group) => group.lines.length > 0,
  );
}

/**
 * `2 items without a public price (contract prices)`, or for a mix `1 item without a public price (a
 * contract price) and 1 item without a price in the bundled list (a price refresh reads it)`.
 */
export function leftOutCount(lines: readonly Kinded[]): string {
  return andList(
    byKind(lines).map(({ kind, lines: these }) => {
      const how = LEFT_OUT_WORDS[kind].how(these.length);
      return `${plural(these.length, 'item')} ${LEFT_OUT_WORDS[kind].what}${how ? ` (${how})` : ''}`;
    }),
  );
}

/** How many items of each kind a figure leaves out (a migrate row, a team, what no app owns). */
export type LeftOutTally = Readonly<Record<LeftOutKind, number>>;

export const NOTHING_LEFT_OUT: LeftOutTally = { contract: 0, listed: 0, other: 0 };

export function tallyOf(lines: readonly Kinded[]): LeftOutTally {
  if (lines.length === 0) return NOTHING_LEFT_OUT;
  const tally = { contract: 0, listed: 0, other: 0 };
  for (const line of lines) tally[leftOutKind(line)] += 1;
  return tally;
}

/** `a` plus `b` times `sign` (−1 takes `b` away), kind by kind. */
export function addTallies(a: LeftOutTally, b: LeftOutTally, sign = 1): LeftOutTally {
  return {
    contract: a.contract + sign * b.contract,
    listed: a.listed + sign * b.listed,
    other: a.other + sign * b.other,
  };
}

export const tallyCount = (t: LeftOutTally): number => t.contract + t.listed + t.other;

/**
 * A figure's items left out by kind, in the words the estimate's footer uses: `4 items without a monthly
 * price`, `1 item without a public price and 3 without a monthly price`; '' when none.
 */
export function tallyWords(t: LeftOutTally): string {
  const parts = KINDS.filter((kind) => t[kind] > 0).map(
    (kind, i) => `${i === 0 ? plural(t[kind], 'item') : t[kind]} ${LEFT_OUT_WORDS[kind].what}`,
  );
  return andList(parts);
}
