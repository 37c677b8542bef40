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
import { type MigrationModel, modelAwsAccount, modelFleet } from '../../src/core/model';
import { migrateMessage } from '../../src/slack/listeners/commands/migrate-blocks';
import { awsAccountMonth, catalog, herokuFleet } from '../support/workload-arbitraries';

const RUNS = 300;
const MONEY = '(-?\\$[\\d,]+\\.\\d\\d)';
const cents = (text: string) => (text.startsWith('-') ? -1 : 1) * Math.round(Number(text.replace(/[-$,]/g, '')) * 100);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface Section {
  heading: string;
  rows: number[];
  total: number;
}

/** Sections of the terminal text: a heading, `    label: $X/mo` rows, `  Total, …: $X/mo`. */
function textSections(text: string): Section[] {
  const found: Section[] = [];
  let current: { heading: string; rows: number[] } | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) current = { heading: line, rows: [] };
    const row = new RegExp(`^ {4}.*: ${MONEY}(/mo| once)$`).exec(line);
    if (row && current) current.rows.push(cents(row[1]));
    const total = new RegExp(`^ {2}Total, .*: ${MONEY}(/mo| once)$`).exec(line);
    if (total && current) found.push({ ...current, total: cents(total[1]) });
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
        const m = new RegExp(`^• .*: ${MONEY}(/mo| once)$`).exec(l);
        return m ? [cents(m[1])] : [];
      });
      const total = new RegExp(`\\*Total, .*: ${MONEY}(/mo| once)\\*`).exec(b.text!.text)!;
      return { heading: lines[0], rows, total: cents(total[1]) };
    });
}

function checkLead(text: string, sections: readonly Section[], model: MigrationModel) {
  const current = sections[0].total;
  const tierTotal = (id: string) => sections.find((s) => s.heading.includes(`${id} tier (modelled)`))!.total;
  const lead = new RegExp(
    `\\(modelled\\): ${MONEY}/mo(?: to ${MONEY}/mo)? infrastructure across three tiers \\(like-for-like (?:≥ )?${MONEY}/mo, consolidated (?:≥ )?${MONEY}/mo, optimised (?:≥ )?${MONEY}/mo\\); (?:Heroku|AWS) as it runs: ${MONEY}/mo\\.`,
  ).exec(text)!;
  expect(lead).not.toBeNull();
  const [, , , like, consolidated, optimised, asItRuns] = lead;
  expect([cents(like), cents(consolidated), cents(optimised)]).toEqual(
    ['like-for-like', 'consolidated', 'optimised'].map(tierTotal),
  );
  expect(cents(asItRuns)).toBe(current);
  const verdict = new RegExp(
    `On the consolidated tier, (Heroku|AWS) is cheaper on infrastructure by ${MONEY}/mo\\.`,
  ).exec(text);
  if (verdict) {
    expect(cents(verdict[2])).toBe(Math.abs(current - tierTotal('consolidated')));
    const currentName = model.current.platform === 'aws' ? 'AWS' : 'Heroku';
    expect(verdict[1] === currentName).toBe(current < tierTotal('consolidated'));
  } else expect(text).toMatch(/both cost the same|No verdict: /);
  for (const id of ['like-for-like', 'consolidated', 'optimised']) {
    const saves = new RegExp(`${id} saves ${MONEY}/mo`).exec(text);
    const costs = new RegExp(`${id} costs ${MONEY}/mo more`).exec(text);
    const difference = current - tierTotal(id);
    if (saves) expect(cents(saves[1])).toBe(difference);
    else if (costs) expect(-cents(costs[1])).toBe(difference);
    else expect(text).toMatch(new RegExp(`${id}: (the same|no figure)`));
  }
  const oneOff = new RegExp(`One-off cost of moving: ${MONEY}`).exec(text)!;
  expect(cents(oneOff[1])).toBe(
    sections.find((s) => s.heading.startsWith('One-off') || s.heading.includes('One-off'))!.total,
  );
}

function checkRenders(model: MigrationModel) {
  const answer: Extract<MigrateAnswer, { kind: 'migrate' }> = { kind: 'migrate', model, source: 'test', notes: [] };
  const report = migrateReport(answer, 5);
  const text = migrateReportText(migrateReport(answer, 1000));
  const fromText = textSections(text);
  expect(fromText.length).toBeGreaterThanOrEqual(6);
  for (const s of fromText) expect([s.heading, sum(s.rows)]).toEqual([s.heading, s.total]);
  checkLead(text, fromText, model);
  const message = migrateMessage(report, false);
  const blocks = message.blocks as { type: string; text?: { text: string } }[];
  const fromBlocks = blockSections(blocks);
  for (const s of fromBlocks) expect([s.heading, sum(s.rows)]).toEqual([s.heading, s.total]);
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
