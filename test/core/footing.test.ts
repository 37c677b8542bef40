/**
 * Figures that foot, read the way a person reads them: from the rendered text. For thousands of random
 * workloads in both directions, the CLI answer and the Slack blocks are parsed back into numbers, and
 * every total must equal the sum of the lines shown above it, to the cent, and every "cheaper by $X"
 * must equal the difference of the two totals shown.
 */
import fc from 'fast-check';
import { renderEstimateText } from '../../src/core/estimate';
import { type Estimate, estimate } from '../../src/core/model';
import { estimateMessage } from '../../src/slack/listeners/commands/estimate-blocks';
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

interface Shown {
  name: string;
  /** `as it runs`, or the tier's id. */
  kind: string;
  headerInfrastructure: number;
  headerWithOps: number;
  lines: number[];
  unpriced: number;
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
  /** `Heroku`/`AWS` cheaper by cents, `same`, or no verdict. */
  verdict?: { cheaper: string; by: number } | 'same' | 'none';
  withOps?: { cheaper: string; by: number } | 'same' | 'none';
}

function leadClaims(text: string): Claims {
  const lead = new RegExp(
    `(Heroku|AWS) \\(modelled\\): ${MONEY}/mo(?: to ${MONEY}/mo)? infrastructure across three tiers \\(like-for-like (?:≥ )?${MONEY}/mo, consolidated (?:≥ )?${MONEY}/mo, optimised (?:≥ )?${MONEY}/mo\\); (Heroku|AWS) as it runs: ${MONEY}/mo\\.`,
  ).exec(text);
  if (!lead) throw new Error(`no lead sentence in:\n${text.slice(0, 400)}`);
  const [, , low, high, a, b, c, , current] = lead;
  const claims: Claims = {
    tiers: { 'like-for-like': cents(a), consolidated: cents(b), optimised: cents(c) },
    partial: new Set(['like-for-like', 'consolidated', 'optimised'].filter((id) => lead[0].includes(`${id} ≥ `))),
    current: cents(current),
    low: cents(low),
    high: cents(high ?? low),
  };
  const verdict = new RegExp(
    `On the consolidated tier, (Heroku|AWS) is cheaper on infrastructure by ${MONEY}/mo\\.`,
  ).exec(text);
  if (verdict) claims.verdict = { cheaper: verdict[1], by: cents(verdict[2]) };
  else if (/both cost the same on infrastructure/.test(text)) claims.verdict = 'same';
  else if (/No verdict: /.test(text)) claims.verdict = 'none';
  const withOps =
    new RegExp(`With ops \\(TCO\\), on the consolidated tier, (Heroku|AWS) is cheaper by ${MONEY}/mo`).exec(text) ??
    new RegExp(`With ops hours, (Heroku|AWS) is cheaper by ${MONEY}/mo`).exec(text);
  if (withOps) claims.withOps = { cheaper: withOps[1], by: cents(withOps[2]) };
  else if (/With ops (\(TCO\), on the consolidated tier, both cost the same|hours they cost the same)/.test(text))
    claims.withOps = 'same';
  else if (/With ops \(TCO\): no verdict/.test(text) || claims.verdict === 'none') claims.withOps = 'none';
  return claims;
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

/** The Slack answer: section titles, `• … = *$X/mo*` lines, and the ops lines in their context blocks. */
function slackSections(blocks: readonly { type: string; text?: { text: string }; elements?: { text?: string }[] }[]) {
  const title = new RegExp(
    `^\\*(Heroku|AWS(?: \\([a-z0-9-]+\\))?)(?: as it runs|, (like-for-like|consolidated|optimised) tier \\(modelled\\))\\*: \\*${MONEY}/mo\\* infrastructure, ${MONEY}/mo with ops \\(TCO\\), estimated`,
  );
  const item = new RegExp(`^• .* = \\*${MONEY}/mo\\*$`);
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
        headerInfrastructure: cents(t[3]),
        headerWithOps: cents(t[4]),
        lines: [],
        unpriced: 0,
      };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    for (const line of text.split('\n')) {
      const m = item.exec(line);
      if (m) current.lines.push(cents(m[1]));
      else if (line.includes('*contract price*')) current.unpriced += 1;
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
  const compare = (claim: Claims['verdict'], mine: number, theirs: number) => {
    if (claim === 'none') {
      // No winner only when a side shown leaves an item without an amount out.
      expect(current.unpriced + consolidated.unpriced).toBeGreaterThan(0);
      return;
    }
    expect(current.unpriced + consolidated.unpriced).toBe(0);
    if (claim === 'same') expect(mine).toBe(theirs);
    else {
      expect(claim).toBeDefined();
      expect(claim!.by).toBe(Math.abs(mine - theirs));
      expect(claim!.cheaper).toBe(mine < theirs ? currentName : otherName);
    }
  };
  compare(claims.verdict, current.headerInfrastructure, consolidated.headerInfrastructure);
  compare(claims.withOps, current.headerWithOps, consolidated.headerWithOps);
  expect(e.tiers).toHaveLength(3);
}

function checkBoth(w: Parameters<typeof estimate>[0], o: Parameters<typeof estimate>[2]) {
  const e = estimate(w, catalog, o);
  const text = renderEstimateText(e);
  const cli = cliSections(text);
  checkSections(cli, 'CLI');
  checkClaims(leadClaims(text), cli, e);
  const message = estimateMessage(e, 'estimate', false);
  const blocks = message.blocks as Parameters<typeof slackSections>[0];
  const slack = slackSections(blocks);
  checkSections(slack, 'Slack');
  const shown = blocks.map((b) => b.text?.text ?? '').join('\n');
  checkClaims(leadClaims(shown), slack, e);
  // The two renderings show the same figures.
  expect(slack.map((s) => [s.headerInfrastructure, s.headerWithOps])).toEqual(
    cli.map((s) => [s.headerInfrastructure, s.headerWithOps]),
  );
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
});
