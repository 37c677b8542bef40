/**
 * A whole account modelled on the other platform, read back from what `/hosting migrate` and
 * `npx hosting-advisor migrate` print: every total is the sum of the rows shown above it, the tiers and
 * differences in the lead are the totals shown, and "cheaper by", "saves" and "costs … more" are the
 * differences of the totals shown. Random Heroku accounts and random AWS bills.
 */
import fc from 'fast-check';
import type { MigrateAnswer } from '../../src/answers/migrate';
import { migrateReport } from '../../src/answers/migrate-report';
import { migrateReportText } from '../../src/cli/migrate-text';
import {
  leftOutKind,
  type MigrationModel,
  modelAwsAccount,
  modelFleet,
  type UnpricedCostLine,
} from '../../src/core/model';
import { migrateMessage } from '../../src/slack/listeners/commands/migrate-blocks';
import { migrateDetailsView } from '../../src/slack/listeners/views/migrate-details';
import { awsAccountMonth, catalog, herokuFleet } from '../support/workload-arbitraries';

const RUNS = 300;
const MONEY = '(-?\\$[\\d,]+\\.\\d\\d)';
/**
 * A row's or total's figure: an amount, or a lower bound that names its items left out by kind, as the
 * estimate's footer does (`≥ $12.00/mo (1 item without a public price and 3 without a monthly price)`;
 * the list under the section says what each is); groups: ≥, amount, period, the words in brackets.
 */
const FIGURE = `(≥ )?${MONEY}(/mo| once)(?: \\((\\d+ items? without [^)]*)\\))?`;
const KIND_WORDS = ['without a public price', 'without a price in the bundled list', 'without a monthly price'];
/**
 * Cents and items left out of a FIGURE match at `at` (its ≥), in all and of each kind (contract, listed,
 * other); a lower bound is marked exactly when it names some, and each kind is named once, in that order.
 */
function figureOf(match: RegExpExecArray, at: number): { cents: number; leftOut: number; kinds: number[] } {
  const words = match[at + 3];
  const kinds = [0, 0, 0];
  if (words) {
    const parts = [...words.matchAll(/(?:^|, | and )(\d+) (items? )?(without [^,]*?)(?=$|, | and )/g)];
    expect([words, parts.map((p) => p[0]).join('')]).toEqual([words, words]);
    let last = -1;
    parts.forEach(([, n, item, what], i) => {
      const kind = KIND_WORDS.indexOf(what);
      expect([words, kind > last]).toEqual([words, true]);
      last = kind;
      kinds[kind] = Number(n);
      // `1 item …` / `3 items …` on the first kind only.
      expect([words, item?.trim()]).toEqual([words, i === 0 ? (n === '1' ? 'item' : 'items') : undefined]);
    });
  }
  const leftOut = sum(kinds);
  expect([match[0], Boolean(match[at])]).toEqual([match[0], leftOut > 0]);
  return { cents: cents(match[at + 1]), leftOut, kinds };
}
const cents = (text: string) => (text.startsWith('-') ? -1 : 1) * Math.round(Number(text.replace(/[-$,]/g, '')) * 100);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const kindSums = (rows: readonly number[][]) => [0, 1, 2].map((k) => sum(rows.map((r) => r[k])));
const kindCounts = (lines: readonly UnpricedCostLine[]) =>
  (['contract', 'listed', 'other'] as const).map((kind) => lines.filter((l) => leftOutKind(l) === kind).length);

interface Section {
  heading: string;
  rows: number[];
  total: number;
  /** Items without a public price each row leaves out, and the total: the rows' counts add up to it. */
  rowsLeftOut: number[];
  totalLeftOut: number;
  /** Of each kind: the rows' add up to the total's, kind by kind. */
  rowsKinds: number[][];
  totalKinds: number[];
}

/** Sections of the terminal text: a heading, `    label: $X/mo` rows, `  Total, …: $X/mo`. */
function textSections(text: string): Section[] {
  const found: Section[] = [];
  let current: { heading: string; rows: number[]; rowsLeftOut: number[]; rowsKinds: number[][] } | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) current = { heading: line, rows: [], rowsLeftOut: [], rowsKinds: [] };
    const row = new RegExp(`^ {4}.*: ${FIGURE}$`).exec(line);
    if (row && current) {
      const figure = figureOf(row, 1);
      current.rows.push(figure.cents);
      current.rowsLeftOut.push(figure.leftOut);
      current.rowsKinds.push(figure.kinds);
    }
    const total = new RegExp(`^ {2}Total, .*: ${FIGURE}$`).exec(line);
    if (total && current) {
      const figure = figureOf(total, 1);
      found.push({ ...current, total: figure.cents, totalLeftOut: figure.leftOut, totalKinds: figure.kinds });
    }
  }
  return found;
}

/** Sections of the Slack blocks: `• label: $X/mo` rows and a bold `*Total, …: $X/mo*`. */
function blockSections(blocks: readonly { type: string; text?: { text: string } }[]): Section[] {
  return blocks
    .filter((b) => b.type === 'section' && b.text?.text.includes('*Total, '))
    .map((b) => {
      const lines = b.text!.text.split('\n');
      const rows = lines.flatMap((l) => {
        const m = new RegExp(`^• .*: ${FIGURE}$`).exec(l);
        return m ? [figureOf(m, 1)] : [];
      });
      const total = figureOf(new RegExp(`\\*Total, .*: ${FIGURE}\\*`).exec(b.text!.text)!, 1);
      return {
        heading: lines[0],
        rows: rows.map((r) => r.cents),
        rowsLeftOut: rows.map((r) => r.leftOut),
        rowsKinds: rows.map((r) => r.kinds),
        total: total.cents,
        totalLeftOut: total.leftOut,
        totalKinds: total.kinds,
      };
    });
}

function checkLead(shown: string, sections: readonly Section[], model: MigrationModel) {
  // Bold marks are presentation: the sentences are read without them.
  const text = shown.replace(/\*/g, '');
  const current = sections[0].total;
  const tierTotal = (id: string) => sections.find((s) => s.heading.includes(`${id} tier (modelled)`))!.total;
  const lead = new RegExp(
    `\\(modelled\\): (?:≥ )?${MONEY}/mo(?: to ${MONEY}/mo)? infrastructure across three tiers \\(like-for-like (?:≥ )?${MONEY}/mo, consolidated (?:≥ )?${MONEY}/mo, optimised (?:≥ )?${MONEY}/mo\\); (?:Heroku|AWS) as it runs: (?:≥ )?${MONEY}/mo\\.`,
  ).exec(text)!;
  expect(lead).not.toBeNull();
  const [, , , like, consolidated, optimised, asItRuns] = lead;
  expect([cents(like), cents(consolidated), cents(optimised)]).toEqual(
    ['like-for-like', 'consolidated', 'optimised'].map(tierTotal),
  );
  expect(cents(asItRuns)).toBe(current);
  checkVerdict(text, current, tierTotal('consolidated'), model);
  for (const id of ['like-for-like', 'consolidated', 'optimised']) {
    // `at least` where a side leaves items out: the bound is still the difference of the totals shown.
    const saves = new RegExp(`${id} saves (?:at least )?${MONEY}/mo`).exec(text);
    const costs = new RegExp(`${id} costs (?:at least )?${MONEY}/mo more`).exec(text);
    const difference = current - tierTotal(id);
    if (saves) expect(cents(saves[1])).toBe(difference);
    else if (costs) expect(-cents(costs[1])).toBe(difference);
    else expect(text).toMatch(new RegExp(`${id}: (the same|no figure)`));
  }
  const oneOff = new RegExp(`One-off cost of moving: ${MONEY}`).exec(text)!;
  expect(cents(oneOff[1])).toBe(
    sections.find((s) => s.heading.startsWith('One-off') || s.heading.includes('One-off'))!.total,
  );
  // The payback's reckoning: the one-off shown over the consolidated tier's saving shown, rounded up.
  const payback = new RegExp(`pays it back in (\\d+) months? \\(${MONEY} ÷ ${MONEY} saved a month, rounded up\\)`).exec(
    text,
  );
  if (payback) {
    expect([cents(payback[2]), cents(payback[3])]).toEqual([cents(oneOff[1]), current - tierTotal('consolidated')]);
    expect(Number(payback[1])).toBe(Math.max(1, Math.ceil(cents(payback[2]) / cents(payback[3]))));
  } else {
    // A saving that is a lower bound pays back within the months its bound does.
    const within = new RegExp(`pays it back within (\\d+) months? \\(${MONEY} ÷ ${MONEY}, rounded up\\)`).exec(text);
    if (within) {
      expect([cents(within[2]), cents(within[3])]).toEqual([cents(oneOff[1]), current - tierTotal('consolidated')]);
      expect(Number(within[1])).toBe(Math.max(1, Math.ceil(cents(within[2]) / cents(within[3]))));
    } else expect(text).not.toContain('pays it back');
  }
}

/** "On the consolidated tier, X is cheaper by $D/mo": the difference of the totals shown, the right side named. */
function checkVerdict(shown: string, current: number, consolidated: number, model: MigrationModel) {
  const text = shown.replace(/\*/g, '');
  const verdict = new RegExp(
    // "at least" when the other side leaves items without a public price out and costs more without them.
    `On the consolidated tier, (Heroku|AWS) is cheaper on infrastructure by (?:at least )?${MONEY}/mo\\.`,
  ).exec(text);
  if (verdict) {
    expect(cents(verdict[2])).toBe(Math.abs(current - consolidated));
    const currentName = model.current.platform === 'aws' ? 'AWS' : 'Heroku';
    expect(verdict[1] === currentName).toBe(current < consolidated);
  } else expect(text).toMatch(/both cost the same|No verdict: /);
}

type Block = { type: string; text?: { text: string }; fields?: { text: string }[] };

/**
 * The compact Slack answer: the header's current total and range of tiers, each figure field, the
 * verdict, the difference and payback, and the current side's rows ("N more" included) against the
 * totals the full answer shows.
 */
function checkMessage(blocks: readonly Block[], sections: readonly Section[], model: MigrationModel) {
  const current = sections[0].total;
  const tierTotal = (id: string) => sections.find((s) => s.heading.includes(`${id} tier (modelled)`))!.total;
  const tiers = ['like-for-like', 'consolidated', 'optimised'].map(tierTotal);
  const oneOff = sections.find((s) => s.heading.includes('One-off'))!.total;
  const head = new RegExp(
    `^Migrate: (?:Heroku|AWS) (?:≥ )?${MONEY}/mo now; (?:Heroku|AWS) (?:≥ )?${MONEY}(?:–${MONEY})?/mo in three tiers$`,
  ).exec(blocks[0].text!.text)!;
  expect(head).not.toBeNull();
  expect(cents(head[1])).toBe(current);
  expect(cents(head[2])).toBe(Math.min(...tiers));
  expect(head[3] === undefined ? cents(head[2]) : cents(head[3])).toBe(Math.max(...tiers));
  const fields = blocks.find((b) => b.fields)!.fields!.map((f) => f.text.replace(/\*/g, ''));
  expect(fields.length).toBeLessThanOrEqual(10);
  const field = (start: string) => fields.find((f) => f.startsWith(start))!;
  const amount = (text: string) => cents(new RegExp(MONEY).exec(text)![1]);
  expect(amount(field(`${model.current.platform === 'aws' ? 'AWS' : 'Heroku'} as it runs`))).toBe(current);
  const other = model.current.platform === 'aws' ? 'Heroku' : 'AWS';
  for (const id of ['like-for-like', 'consolidated', 'optimised'])
    expect([id, amount(field(`${other}, ${id} tier`))]).toEqual([id, tierTotal(id)]);
  const difference = field('Difference per month (consolidated)');
  const less = new RegExp(`(Heroku|AWS) (?:at least )?${MONEY} less`).exec(difference);
  if (less) {
    expect(cents(less[2])).toBe(Math.abs(current - tierTotal('consolidated')));
    expect(less[1] === other).toBe(current > tierTotal('consolidated'));
  } else expect(difference).toMatch(/the same|not comparable/);
  const once = field('One-off cost of moving');
  expect(amount(once)).toBe(oneOff);
  const payback = /pays back in (\d+) months?/.exec(once);
  const saving = current - tierTotal('consolidated');
  const within = /pays back within (\d+) months?/.exec(once);
  if (payback) expect(Number(payback[1])).toBe(Math.max(1, Math.ceil(oneOff / saving)));
  else if (within) expect(Number(within[1])).toBe(Math.max(1, Math.ceil(oneOff / saving)));
  else expect(saving <= 0 || model.differences.some((d) => d.partial)).toBe(true);
  const texts = blocks.map((b) => b.text?.text ?? '').join('\n');
  checkVerdict(texts, current, tierTotal('consolidated'), model);
  // The current side's rows, the largest five and "N more" (what the rest add up to), foot to its total.
  const side = blocks.find((b) =>
    /^\*(Heroku as it runs, by team|AWS as billed, largest lines): /.test(b.text?.text ?? ''),
  )!;
  const lines = side.text!.text.split('\n');
  const rows = lines.slice(1).flatMap((l) => {
    const m = new RegExp(`^• .*: ${FIGURE}$`).exec(l);
    return m ? [figureOf(m, 1)] : [];
  });
  expect(rows.length).toBeLessThanOrEqual(7);
  expect(sum(rows.map((r) => r.cents))).toBe(amount(lines[0]));
  expect(amount(lines[0])).toBe(current);
  // The items its rows leave out add up to the count under them, and to the current side's.
  const leftOut = sum(rows.map((r) => r.leftOut));
  expect(leftOut).toBe(model.current.unpriced.length);
  // Under them, one line for each kind left out (a contract price, a list price the bundled list lacks, no
  // monthly price), each kind once, with who has the price; their counts add up to the rows'.
  const kinds = [
    ...side.text!.text.matchAll(
      /^• (\d+) (without a public price|without a price in the bundled list|without a monthly price), not in the total \((?:(a contract price|contract prices|a price refresh reads it|a price refresh reads them); )?see Details\)$/gm,
    ),
  ];
  expect(new Set(kinds.map((k) => k[2])).size).toBe(kinds.length);
  for (const [line, n, what, how] of kinds) {
    expect([line, how === undefined]).toEqual([line, what === 'without a monthly price']);
    if (how) expect([line, /prices|them/.test(how)]).toEqual([line, n !== '1']);
  }
  expect(sum(kinds.map((k) => Number(k[1])))).toBe(leftOut);
  expect(side.text!.text.match(/not in the total/g)?.length ?? 0).toBe(kinds.length);
}

function checkRenders(model: MigrationModel) {
  const answer: Extract<MigrateAnswer, { kind: 'migrate' }> = { kind: 'migrate', model, source: 'test', notes: [] };
  const text = migrateReportText(migrateReport(answer, 1000));
  const fromText = textSections(text);
  expect(fromText.length).toBeGreaterThanOrEqual(6);
  for (const s of fromText) expect([s.heading, sum(s.rows)]).toEqual([s.heading, s.total]);
  for (const s of fromText) expect([s.heading, sum(s.rowsLeftOut)]).toEqual([s.heading, s.totalLeftOut]);
  for (const s of fromText) expect([s.heading, kindSums(s.rowsKinds)]).toEqual([s.heading, s.totalKinds]);
  // The current side's total names just the kinds of items its side leaves out.
  expect(fromText[0].totalKinds).toEqual(kindCounts(model.current.unpriced));
  // Each side's total leaves out just the items its side has without a price.
  expect(fromText[0].totalLeftOut).toBe(model.current.unpriced.length);
  for (const tier of model.tiers)
    expect([tier.id, fromText.find((s) => s.heading.includes(`${tier.id} tier (modelled)`))!.totalLeftOut]).toEqual([
      tier.id,
      tier.unpriced.length,
    ]);
  checkLead(text, fromText, model);
  const message = migrateMessage(answer, false);
  expect(message.text.length).toBeLessThan(4000);
  checkMessage(message.blocks as Block[], fromText, model);
  checkVerdict(
    message.text,
    fromText[0].total,
    fromText.find((s) => s.heading.includes('consolidated tier'))!.total,
    model,
  );
  // Details: every section with its total, the lead sentences, all read back from the modal.
  const view = migrateDetailsView(answer);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const blocks = view.blocks as { type: string; text?: { text: string } }[];
  const fromBlocks = blockSections(blocks);
  expect(fromBlocks.length).toBeGreaterThanOrEqual(6);
  for (const s of fromBlocks) expect([s.heading, sum(s.rows)]).toEqual([s.heading, s.total]);
  for (const s of fromBlocks) expect([s.heading, sum(s.rowsLeftOut)]).toEqual([s.heading, s.totalLeftOut]);
  for (const s of fromBlocks) expect([s.heading, kindSums(s.rowsKinds)]).toEqual([s.heading, s.totalKinds]);
  checkLead(blocks.map((b) => b.text?.text ?? '').join('\n'), fromBlocks, model);
  // The same totals in both renderings.
  expect(fromBlocks.map((s) => s.total)).toEqual(fromText.slice(0, fromBlocks.length).map((s) => s.total));
}

describe('every migration figure shown foots, read back from the rendered text', () => {
  it(`a Heroku account on AWS (${RUNS} random accounts)`, () => {
    fc.assert(
      fc.property(herokuFleet, (apps) => {
        const model = modelFleet(apps, catalog);
        const [like, consolidated, optimised] = model.tiers.map((t) => t.infrastructure.toNumber());
        expect(consolidated).toBeLessThanOrEqual(like);
        expect(optimised).toBeLessThanOrEqual(consolidated);
        checkRenders(model);
      }),
      { numRuns: RUNS },
    );
  });

  it(`an AWS bill on Heroku (${RUNS} random bills)`, () => {
    fc.assert(
      fc.property(awsAccountMonth, (account) => checkRenders(modelAwsAccount(account, catalog))),
      { numRuns: RUNS },
    );
  });
});
