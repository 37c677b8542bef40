/**
 * Figures that foot, read the way a person reads them: from the rendered text. For thousands of random
 * workloads in both directions, the CLI answer, the Slack answer and its Details modal are parsed back
 * into numbers, and every total must equal the sum of the lines shown above it, to the cent, every
 * "cheaper by $X" must equal the difference of the two totals shown, and the Slack answer's largest
 * lines and "N more lines" must add up to its totals and be the Details' own lines.
 */
import fc from 'fast-check';
import { renderEstimateText } from '../../src/core/estimate';
import { type Estimate, estimate } from '../../src/core/model';
import { formatCents } from '../../src/core/money';
import { estimateMessage } from '../../src/slack/listeners/commands/estimate-blocks';
import { estimateDetailsView } from '../../src/slack/listeners/views/estimate-details';
import { awsWorkload, catalog, herokuWorkload, options } from '../support/workload-arbitraries';

const RUNS_PER_DIRECTION = 1200;

/** `$1,234.56` → 123456. */
const cents = (text: string): number => {
  const negative = text.startsWith('-');
  const value = Math.round(Number(text.replace(/[-$,]/g, '')) * 100);
  return negative ? -value : value;
};
const MONEY = '(-?\\$[\\d,]+\\.\\d\\d)';
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * One kind of item left out, as the CLI counts it: `1 item without a public price (a contract price)`,
 * `2 items without a price in the bundled list (a price refresh reads them)`, `1 item without a monthly
 * price`. Count, noun and pronoun agree (group 2 is `s` exactly when the count is not 1).
 */
const LEFT_OUT_KIND =
  /^(\d+) item(s?) (?:without a public price \((?:a contract price|contract prices)\)|without a price in the bundled list \(a price refresh reads (?:it|them)\)|without a monthly price)$/;

/** Who has the price says `it` or `them`, `a contract price` or `contract prices`, as the count is 1 or more. */
function agreesWith(n: number, text: string) {
  const many = /\b(?:contract prices|a price refresh reads them)\b/.test(text);
  const one = /\b(?:a contract price|a price refresh reads it)\b/.test(text);
  if (many || one) expect([text, many]).toEqual([text, n !== 1]);
}

/** `1 item … (a contract price) and 1 item … (a price refresh reads it)`: the items counted, each kind once. */
function leftOutCounted(text: string): number {
  const parts = text.split(/, | and /);
  const seen = new Set<string>();
  let count = 0;
  for (const part of parts) {
    const m = LEFT_OUT_KIND.exec(part);
    if (!m) throw new Error(`an unreadable count of items left out: ${part}`);
    const n = Number(m[1]);
    const kind = part.replace(/^\d+ items? /, '').replace(/\(.*\)$/, '');
    expect([part, seen.has(kind)]).toEqual([part, false]);
    seen.add(kind);
    expect([part, m[2] === 's']).toEqual([part, n !== 1]);
    agreesWith(n, part);
    count += n;
  }
  return count;
}

/** A Details line left out of its total, named for what it is: a contract price, a list price, no monthly price. */
const LEFT_OUT_LINE = /^• .+: \*(?:contract price|list price, not in the bundled list|no monthly price)\*: .+ \[\d+\]$/;

interface Shown {
  name: string;
  /** `as it runs`, or the tier's id. */
  kind: string;
  headerInfrastructure: number;
  headerWithOps: number;
  lines: number[];
  unpriced: number;
  /** The CLI's `Not in these totals:` count (its kinds added up); 0 when the section has no such line. */
  notInTotals?: number;
  /** The Details heading's totals given as lower bounds (`≥`): infrastructure, with ops. */
  bounds?: [boolean, boolean];
  infrastructure?: number;
  ops?: number;
  total?: number;
}

interface Claims {
  tiers: Record<string, number>;
  /** Tiers the lead gives as a lower bound (`optimised ≥ $…`). */
  partial: Set<string>;
  current: number;
  low: number;
  high: number;
  /**
   * `Heroku`/`AWS` cheaper by cents (`atLeast` when the other side leaves items out), `same`, the side
   * that leaves items out cheaper only if they cost under some cents, or no verdict.
   */
  verdict?: Claim;
  withOps?: Claim;
}

type Claim = { cheaper: string; by: number; atLeast: boolean } | { onlyIf: string; under: number } | 'same' | 'none';

const BY = `(at least )?${MONEY}`;
const ONLY_IF = `(Heroku|AWS) is the cheaper only if (?:the item left out costs|the \\d+ items left out cost) less than ${MONEY}/mo(?: together)?, otherwise (?:Heroku|AWS) is`;

/**
 * The single verdict line (the CLI's plain, Slack's with its claim in bold): infrastructure and ops in one
 * sentence, so the two can never stand as opposite verdicts one after the other. Undefined when none.
 */
function oneLineVerdict(text: string, strong = true): { verdict: Claim; withOps: Claim } | undefined {
  const b = strong ? '\\*' : '';
  const lines = text
    .split('\n')
    .filter((line) => new RegExp(`^${b}(No verdict|Both cost the same|(Heroku|AWS) is cheaper)`).test(line));
  if (lines.length === 0) return undefined;
  expect(lines).toHaveLength(1);
  const [line] = lines;
  const by = (cheaper: string, mark: string | undefined, amount: string) => ({
    cheaper,
    by: cents(amount),
    atLeast: mark !== undefined,
  });
  const onlyIf = (side: string | undefined, amount: string | undefined): Claim =>
    side ? { onlyIf: side, under: cents(amount!) } : 'none';
  let m = new RegExp(
    `^${b}(Heroku|AWS) is cheaper${b}: by ${BY}/mo on infrastructure and by ${BY}/mo with ops, against (Heroku|AWS)'s consolidated tier\\.`,
  ).exec(line);
  if (m) return { verdict: by(m[1], m[2], m[3]), withOps: by(m[1], m[4], m[5]) };
  m = new RegExp(
    `^${b}(Heroku|AWS) is cheaper on infrastructure by ${BY}/mo, but (Heroku|AWS) is cheaper with ops, by ${BY}/mo${b}, against (Heroku|AWS)'s consolidated tier\\.`,
  ).exec(line);
  if (m) {
    // "but" only when ops really turn the answer round.
    expect(m[1]).not.toBe(m[4]);
    return { verdict: by(m[1], m[2], m[3]), withOps: by(m[4], m[5], m[6]) };
  }
  // One comparison decided, the other only by what the items left out would cost.
  m = new RegExp(
    `^${b}(Heroku|AWS) is cheaper (on infrastructure|with ops) by ${BY}/mo${b}, against (?:Heroku|AWS)'s consolidated tier; (?:with ops|on infrastructure), (?:${ONLY_IF}|neither can be called cheaper)\\.`,
  ).exec(line);
  if (m) {
    const decided = by(m[1], m[3], m[4]);
    const other = onlyIf(m[5], m[6]);
    return m[2] === 'on infrastructure' ? { verdict: decided, withOps: other } : { verdict: other, withOps: decided };
  }
  m = new RegExp(
    `^${b}Both cost the same on infrastructure; with ops, (Heroku|AWS) is cheaper by ${BY}/mo${b}, against`,
  ).exec(line);
  if (m) return { verdict: 'same', withOps: by(m[1], m[2], m[3]) };
  m = new RegExp(`^${b}(Heroku|AWS) is cheaper on infrastructure by ${BY}/mo; with ops, both cost the same${b}`).exec(
    line,
  );
  if (m) return { verdict: by(m[1], m[2], m[3]), withOps: 'same' };
  if (new RegExp(`^${b}Both cost the same${b}, on infrastructure and with ops`).test(line))
    return { verdict: 'same', withOps: 'same' };
  m = new RegExp(
    `^${b}No verdict${b}: (Heroku|AWS) is the cheaper only if (?:the item left out costs|the \\d+ items left out cost) less than ${MONEY}/mo on infrastructure and ${MONEY}/mo with ops`,
  ).exec(line);
  if (m) return { verdict: onlyIf(m[1], m[2]), withOps: onlyIf(m[1], m[3]) };
  if (new RegExp(`^${b}No verdict${b}: `).test(line)) return { verdict: 'none', withOps: 'none' };
  throw new Error(`a verdict line that says nothing known: ${line}`);
}

/** The lead (the range and every tier) and the one verdict line, from the CLI text or the Details. */
function leadClaims(text: string, strong: boolean): Claims {
  const lead = new RegExp(
    `(Heroku|AWS) \\(modelled\\): (?:≥ )?${MONEY}/mo(?: to ${MONEY}/mo)? infrastructure across three tiers \\(like-for-like (?:≥ )?${MONEY}/mo, consolidated (?:≥ )?${MONEY}/mo, optimised (?:≥ )?${MONEY}/mo\\); (Heroku|AWS) as it runs: (?:≥ )?${MONEY}/mo\\.`,
  ).exec(text);
  if (!lead) throw new Error(`no lead sentence in:\n${text.slice(0, 400)}`);
  const [, , low, high, a, b, c, , current] = lead;
  const one = oneLineVerdict(text, strong);
  if (!one) throw new Error(`no verdict line in:\n${text.slice(0, 600)}`);
  const partial = new Set(['like-for-like', 'consolidated', 'optimised'].filter((id) => lead[0].includes(`${id} ≥ `)));
  // The range is a lower bound exactly when a tier is.
  if (lead[0].includes('(modelled): ≥ ') !== partial.size > 0)
    throw new Error(`a range not marked as its tiers: ${lead[0]}`);
  return {
    tiers: { 'like-for-like': cents(a), consolidated: cents(b), optimised: cents(c) },
    partial,
    current: cents(current),
    low: cents(low),
    high: cents(high ?? low),
    ...one,
  };
}

/** The CLI answer: section headings, item lines, and the Infrastructure / Ops / Total lines. */
function cliSections(text: string): Shown[] {
  const heading = new RegExp(
    `^(Heroku|AWS(?: \\([a-z0-9-]+\\))?)(?: as it runs|, (like-for-like|consolidated|optimised) tier \\(modelled\\)): ${MONEY}/mo infrastructure, ${MONEY}/mo with ops \\(TCO\\), estimated$`,
  );
  const sections: Shown[] = [];
  let current: Shown | undefined;
  for (const line of text.split('\n')) {
    const h = heading.exec(line);
    if (h) {
      current = {
        name: h[1],
        kind: h[2] ?? 'as it runs',
        headerInfrastructure: cents(h[3]),
        headerWithOps: cents(h[4]),
        lines: [],
        unpriced: 0,
        notInTotals: 0,
      };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    if (/^\S/.test(line) || line === '') {
      if (line !== '') current = undefined;
      continue;
    }
    const item = new RegExp(`^ {4}.* = ${MONEY}/mo, estimated`).exec(line);
    if (item) current.lines.push(cents(item[1]));
    else if (/^ {4}.*, no amount \(/.test(line)) current.unpriced += 1;
    const notIn = /^ {2}Not in these totals: (.*); each line above says how to add it\.$/.exec(line);
    if (notIn) current.notInTotals = leftOutCounted(notIn[1]);
    const infrastructure = new RegExp(`^ {2}Infrastructure: ${MONEY}/mo, estimated$`).exec(line);
    if (infrastructure) current.infrastructure = cents(infrastructure[1]);
    const ops = new RegExp(
      `^ {2}Ops \\(TCO\\): ${MONEY}/mo, estimated \\(([\\d.]+) h per environment × (\\d+) environments? × ${MONEY}/h\\)$`,
    ).exec(line);
    if (ops) {
      current.ops = cents(ops[1]);
      // The ops figure is hours × rate per environment, rounded once, times the environments.
      expect(current.ops).toBe(Number(ops[3]) * Math.round(Number(ops[2]) * cents(ops[4])));
    } else if (/^ {2}Ops \(TCO\): /.test(line)) current.ops = cents(new RegExp(MONEY).exec(line)![1]);
    const total = new RegExp(`^ {2}Total with ops: ${MONEY}/mo, estimated$`).exec(line);
    if (total) current.total = cents(total[1]);
  }
  return sections;
}

/** The Details modal: section titles, `• … = *$X/mo* [n]` lines, and the ops lines in their context blocks. */
function slackSections(blocks: readonly { type: string; text?: { text: string }; elements?: { text?: string }[] }[]) {
  const title = new RegExp(
    `^\\*(Heroku|AWS(?: \\([a-z0-9-]+\\))?)(?: as it runs|, (like-for-like|consolidated|optimised) tier \\(modelled\\))\\*: \\*(≥ )?${MONEY}/mo\\* infrastructure, (≥ )?${MONEY}/mo with ops \\(TCO\\), estimated`,
  );
  // Each line cites its source ([n]), after a mark for a derived or contract price.
  const item = new RegExp(`^• .* = \\*${MONEY}/mo\\*(?: _\\([a-z ]+\\)_)? \\[\\d+\\]$`);
  const sections: Shown[] = [];
  let current: Shown | undefined;
  let currentOps = 0;
  let modelledOps = 0;
  for (const block of blocks) {
    const text = block.text?.text ?? (block.elements ?? []).map((e) => e.text ?? '').join('\n');
    if (block.type === 'context') {
      const ops = text.split('\n').flatMap((l) => (item.test(l) ? [cents(item.exec(l)![1])] : []));
      if (text.startsWith('Ops (TCO, shown apart')) currentOps = sum(ops);
      if (text.startsWith('Ops on ')) modelledOps = sum(ops);
      continue;
    }
    if (block.type !== 'section') {
      current = undefined;
      continue;
    }
    const t = title.exec(text);
    if (t) {
      current = {
        name: t[1],
        kind: t[2] ?? 'as it runs',
        headerInfrastructure: cents(t[4]),
        headerWithOps: cents(t[6]),
        lines: [],
        unpriced: 0,
        bounds: [Boolean(t[3]), Boolean(t[5])],
      };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    for (const line of text.split('\n')) {
      const m = item.exec(line);
      if (m) current.lines.push(cents(m[1]));
      else if (LEFT_OUT_LINE.test(line)) current.unpriced += 1;
      else if (line.startsWith('• ')) throw new Error(`an unreadable line in the Details: ${line}`);
    }
  }
  for (const s of sections) s.ops = s.kind === 'as it runs' ? currentOps : modelledOps;
  return sections;
}

function checkSections(sections: readonly Shown[], where: string) {
  expect([where, sections.map((s) => s.kind)]).toEqual([
    where,
    ['as it runs', 'like-for-like', 'consolidated', 'optimised'],
  ]);
  for (const s of sections) {
    const label = `${where}: ${s.name} ${s.kind}`;
    expect([label, sum(s.lines)]).toEqual([label, s.headerInfrastructure]);
    if (s.infrastructure !== undefined) expect([label, s.infrastructure]).toEqual([label, s.headerInfrastructure]);
    if (s.total !== undefined) expect([label, s.total]).toEqual([label, s.headerWithOps]);
    expect([label, s.headerInfrastructure + (s.ops ?? 0)]).toEqual([label, s.headerWithOps]);
    // A heading whose side leaves an item out gives both its totals as lower bounds, and only then.
    if (s.bounds) expect([label, s.bounds]).toEqual([label, [s.unpriced > 0, s.unpriced > 0]]);
    // The CLI says how many items of each kind its totals leave out: as many as the lines without an amount.
    if (s.notInTotals !== undefined) expect([label, s.notInTotals]).toEqual([label, s.unpriced]);
  }
}

function checkClaims(claims: Claims, sections: readonly Shown[], e: Estimate) {
  const [current, ...tiers] = sections;
  for (const tier of tiers) expect(claims.tiers[tier.kind]).toBe(tier.headerInfrastructure);
  expect(claims.current).toBe(current.headerInfrastructure);
  const totals = tiers.map((t) => t.headerInfrastructure);
  expect([claims.low, claims.high]).toEqual([Math.min(...totals), Math.max(...totals)]);
  // A tier that leaves an item out is given as a lower bound (≥) in the lead, and only then.
  for (const tier of tiers) expect([tier.kind, claims.partial.has(tier.kind)]).toEqual([tier.kind, tier.unpriced > 0]);
  const consolidated = tiers.find((t) => t.kind === 'consolidated')!;
  const currentName = current.name.startsWith('AWS') ? 'AWS' : 'Heroku';
  const otherName = currentName === 'AWS' ? 'Heroku' : 'AWS';
  // A side that leaves an item out is a lower bound: a claim is only what the bound proves.
  const compare = (claim: Claim | undefined, mine: number, theirs: number) => {
    const partialMine = current.unpriced > 0;
    const partialTheirs = consolidated.unpriced > 0;
    expect(claim).toBeDefined();
    if (partialMine && partialTheirs) {
      expect(claim).toBe('none');
      return;
    }
    if (partialMine || partialTheirs) {
      const [partialName, wholeName] = partialMine ? [currentName, otherName] : [otherName, currentName];
      const [lower, total] = partialMine ? [mine, theirs] : [theirs, mine];
      if (lower > total) expect(claim).toEqual({ cheaper: wholeName, by: lower - total, atLeast: true });
      else if (lower < total) expect(claim).toEqual({ onlyIf: partialName, under: total - lower });
      else expect(claim).toBe('none');
      return;
    }
    if (claim === 'same') expect(mine).toBe(theirs);
    else
      expect(claim).toEqual({
        cheaper: mine < theirs ? currentName : otherName,
        by: Math.abs(mine - theirs),
        atLeast: false,
      });
  };
  compare(claims.verdict, current.headerInfrastructure, consolidated.headerInfrastructure);
  compare(claims.withOps, current.headerWithOps, consolidated.headerWithOps);
  expect(e.tiers).toHaveLength(3);
}

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[]; fields?: { text: string }[] };

const blockText = (block: Block) =>
  block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join('\n');

/** `≥ $1.00` → { partial: true, cents: 100 }. */
const bound = (mark: string | undefined, amount: string) => ({ partial: mark !== undefined, cents: cents(amount) });

/**
 * The Slack answer, read back: the header's totals, the two-column figures, the single verdict line,
 * the largest lines with "N more lines", the tiers and ops lines. Everything must foot by itself and
 * agree with the Details (`details`: its sections as parsed), which itemise the same estimate in full.
 */
function checkSummary(blocks: readonly Block[], details: readonly Shown[], e: Estimate) {
  const [current, ...tiers] = details;
  const consolidated = tiers.find((t) => t.kind === 'consolidated')!;
  const currentName = current.name.startsWith('AWS') ? 'AWS' : 'Heroku';
  const otherName = currentName === 'AWS' ? 'Heroku' : 'AWS';
  const texts = blocks.map(blockText);
  const all = texts.join('\n');

  // Header: the platform as it runs, and the range of the three modelled tiers.
  const head = new RegExp(
    `^Estimate: (Heroku|AWS) (≥ )?${MONEY}/mo now; (Heroku|AWS) (≥ )?${MONEY}(?:–${MONEY})?/mo in three tiers$`,
  ).exec(texts[0]);
  expect([texts[0], head]).not.toEqual([texts[0], null]);
  const [, headCurrent, headCurrentMark, headCurrentAmount, headOther, rangeMark, low, high] = head!;
  expect([headCurrent, headOther]).toEqual([currentName, otherName]);
  expect(bound(headCurrentMark, headCurrentAmount)).toEqual({
    partial: current.unpriced > 0,
    cents: current.headerInfrastructure,
  });
  const tierTotals = tiers.map((t) => t.headerInfrastructure);
  expect([cents(low), cents(high ?? low)]).toEqual([Math.min(...tierTotals), Math.max(...tierTotals)]);
  // The range is a lower bound (≥) when any tier in it leaves an item out, and only then.
  expect(rangeMark !== undefined).toBe(tiers.some((t) => t.unpriced > 0));

  // Two columns: each side's infrastructure and with-ops totals, then the difference a month and a year.
  const figures = blocks.find((b) => b.fields)!.fields!.map((f) => f.text);
  expect(figures.length).toBeLessThanOrEqual(10);
  const sideField = (text: string, title: string, shown: Shown) => {
    const m = new RegExp(
      `^\\*${title.replace(/[()]/g, '\\$&')}\\*\\n\\*(≥ )?${MONEY}/mo\\* infrastructure\\n(≥ )?${MONEY}/mo with ops$`,
    ).exec(text);
    expect([text, m]).not.toEqual([text, null]);
    expect(bound(m![1], m![2])).toEqual({ partial: shown.unpriced > 0, cents: shown.headerInfrastructure });
    expect(bound(m![3], m![4])).toEqual({ partial: shown.unpriced > 0, cents: shown.headerWithOps });
  };
  sideField(figures[0], `${currentName} as it runs`, current);
  sideField(figures[1], `${otherName}, consolidated tier (modelled)`, consolidated);
  // The difference a month and a year, by the verdict's rule: a side that leaves items out is a lower
  // bound, so the other side is "at least" cheaper when that bound already costs more, and no figure
  // is given otherwise.
  const partialMine = current.unpriced > 0;
  const partialTheirs = consolidated.unpriced > 0;
  const expectedDifference = (mine: number, theirs: number, months: number, what: string) => {
    if (partialMine && partialTheirs) return undefined;
    if (partialMine || partialTheirs) {
      const [lower, total] = partialMine ? [mine, theirs] : [theirs, mine];
      if (lower <= total) return undefined;
      return `${partialMine ? otherName : currentName} at least ${formatCents((lower - total) * months)} less${what}`;
    }
    return mine === theirs
      ? `the same${what}`
      : `${mine < theirs ? currentName : otherName} ${formatCents(Math.abs(mine - theirs) * months)} less${what}`;
  };
  for (const [index, title, months] of [
    [2, 'Difference per month', 1],
    [3, 'Difference per year', 12],
  ] as const) {
    const infrastructure = expectedDifference(
      current.headerInfrastructure,
      consolidated.headerInfrastructure,
      months,
      '',
    );
    const withOps = expectedDifference(current.headerWithOps, consolidated.headerWithOps, months, ' with ops');
    expect(figures[index]).toBe(
      infrastructure === undefined && withOps === undefined
        ? `*${title}*\nnot comparable: prices missing`
        : `*${title}*\n${infrastructure ?? 'not comparable'}\n${withOps ?? 'not comparable with ops'}`,
    );
  }

  // One verdict, and the tiers line: the same claims the Details make, checked against the Details' sections.
  const tiersLine = new RegExp(
    `(Heroku|AWS) in three tiers \\(infrastructure\\): like-for-like (≥ )?${MONEY}/mo · consolidated (≥ )?${MONEY}/mo · optimised (≥ )?${MONEY}/mo\\. The verdict uses consolidated\\.`,
  ).exec(all);
  expect(tiersLine).not.toBeNull();
  const [, , a, aAmount, b, bAmount, c, cAmount] = tiersLine!;
  const claims: Claims = {
    tiers: { 'like-for-like': cents(aAmount), consolidated: cents(bAmount), optimised: cents(cAmount) },
    partial: new Set(
      (
        [
          ['like-for-like', a],
          ['consolidated', b],
          ['optimised', c],
        ] as const
      ).flatMap(([id, mark]) => (mark ? [id] : [])),
    ),
    current: cents(headCurrentAmount),
    low: cents(low),
    high: cents(high ?? low),
    ...oneLineVerdict(all)!,
  };
  checkClaims(claims, details, e);

  // Ops: infrastructure + ops = with ops, on both sides.
  const ops = new RegExp(`Ops \\(TCO\\): (Heroku|AWS) ${MONEY}/mo[^;]*; (Heroku|AWS) ${MONEY}/mo`).exec(all);
  expect(ops).not.toBeNull();
  expect(current.headerInfrastructure + cents(ops![2])).toBe(current.headerWithOps);
  expect(consolidated.headerInfrastructure + cents(ops![4])).toBe(consolidated.headerWithOps);

  // The largest lines: at most five (six when the sixth is the last), the rest in one line; together the
  // section's total, and exactly the Details' largest lines and the sum of the others.
  const largest = (title: string, shown: Shown) => {
    const text = texts.find((t) => t.startsWith(`*${title}: `));
    expect([title, text]).not.toEqual([title, undefined]);
    const [first, ...rest] = text!.split('\n');
    expect(first).toBe(`*${title}: ${shown.unpriced > 0 ? '≥ ' : ''}${formatCents(shown.headerInfrastructure)}/mo*`);
    const amounts: number[] = [];
    let more: { count: number; cents: number } | undefined;
    let unpriced = 0;
    const kinds = new Set<string>();
    for (const line of rest) {
      const moreLine = new RegExp(`^• (\\d+) more lines: \\*${MONEY}\\*$`).exec(line);
      const item = new RegExp(`^• .*: \\*${MONEY}\\*$`).exec(line);
      // One line for each kind left out, named for what it is and who has its price; each kind once.
      const without =
        /^• (\d+) (without a public price|without a price in the bundled list|without a monthly price), not in the total: .+ \((?:(a contract price|contract prices|a price refresh reads it|a price refresh reads them); )?see Details\)$/.exec(
          line,
        );
      if (moreLine) more = { count: Number(moreLine[1]), cents: cents(moreLine[2]) };
      else if (without) {
        expect([line, kinds.has(without[2])]).toEqual([line, false]);
        kinds.add(without[2]);
        // Who has the price is said for a contract price and a list price, and only for them.
        expect([line, without[3] === undefined]).toEqual([line, without[2] === 'without a monthly price']);
        agreesWith(Number(without[1]), line);
        unpriced += Number(without[1]);
      } else if (item) amounts.push(cents(item[1]));
      else throw new Error(`an unreadable line under ${title}: ${line}`);
    }
    const ranked = [...shown.lines].sort((x, y) => y - x);
    expect(amounts.length).toBeLessThanOrEqual(6);
    expect([title, amounts]).toEqual([title, ranked.slice(0, amounts.length)]);
    expect([title, amounts.length + (more?.count ?? 0)]).toEqual([title, shown.lines.length]);
    if (more) expect(amounts).toHaveLength(5);
    expect([title, more?.cents ?? 0]).toEqual([title, sum(ranked.slice(amounts.length))]);
    expect([title, sum(amounts) + (more?.cents ?? 0)]).toEqual([title, shown.headerInfrastructure]);
    expect([title, unpriced]).toEqual([title, shown.unpriced]);
  };
  largest(`${current.name} as it runs`, current);
  largest(`${consolidated.name}, consolidated tier (modelled)`, consolidated);
}

function checkBoth(w: Parameters<typeof estimate>[0], o: Parameters<typeof estimate>[2]) {
  const e = estimate(w, catalog, o);
  const text = renderEstimateText(e);
  const cli = cliSections(text);
  checkSections(cli, 'CLI');
  checkClaims(leadClaims(text, false), cli, e);
  // The Details modal itemises everything, within a view's 100 blocks.
  const view = estimateDetailsView(e, 'estimate');
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const detailBlocks = view.blocks as Block[];
  const details = slackSections(detailBlocks);
  checkSections(details, 'Details');
  checkClaims(leadClaims(detailBlocks.map((b) => b.text?.text ?? '').join('\n'), true), details, e);
  // The two renderings show the same figures.
  expect(details.map((s) => [s.headerInfrastructure, s.headerWithOps])).toEqual(
    cli.map((s) => [s.headerInfrastructure, s.headerWithOps]),
  );
  // The answer itself: its summary foots, and agrees with the Details.
  const message = estimateMessage(e, 'estimate', { share: false });
  checkSummary(message.blocks as Block[], details, e);
}

describe('every figure shown foots, read back from the rendered text', () => {
  it(`Heroku workloads modelled on AWS (${RUNS_PER_DIRECTION} random workloads)`, () => {
    fc.assert(fc.property(herokuWorkload, options, checkBoth), { numRuns: RUNS_PER_DIRECTION });
  });

  it(`AWS workloads modelled on Heroku (${RUNS_PER_DIRECTION} random workloads)`, () => {
    fc.assert(fc.property(awsWorkload, options, checkBoth), { numRuns: RUNS_PER_DIRECTION });
  });

  it('catches a total that does not foot (the parser is not blind)', () => {
    const text = renderEstimateText(estimate(fc.sample(herokuWorkload, { numRuns: 1, seed: 7 })[0], catalog));
    const broken = text.replace(
      /( {2}Infrastructure: )\$([\d,]+)\.(\d)(\d)/,
      (_m, p, d, a, b) => `${p}$${d}.${a}${(Number(b) + 1) % 10}`,
    );
    expect(broken).not.toBe(text);
    expect(() => checkSections(cliSections(broken), 'CLI')).toThrow();
  });

  it('catches a summary whose largest lines do not add up (the Slack parser is not blind)', () => {
    const e = estimate(fc.sample(herokuWorkload, { numRuns: 1, seed: 7 })[0], catalog);
    const details = slackSections(estimateDetailsView(e, 'estimate').blocks as Block[]);
    const blocks = estimateMessage(e, 'estimate', { share: false }).blocks as Block[];
    expect(() => checkSummary(blocks, details, e)).not.toThrow();
    // One cent more on the first line of a largest-lines section.
    const broken = JSON.parse(
      JSON.stringify(blocks).replace(
        /(\\n• [^*]*: \*\$[\d,]+\.\d)(\d)\*/,
        (_m, head, last) => `${head}${(Number(last) + 1) % 10}*`,
      ),
    ) as Block[];
    expect(broken).not.toEqual(blocks);
    expect(() => checkSummary(broken, details, e)).toThrow();
  });
});
