/**
 * A migration answer in full, as a modal opened from its Details button: the lead sentences and the
 * verdict, every driver, each section (by team, every tier's categories, the one-off lines) with its
 * total, what each total leaves out and how a lead prices it, every assumption and the sources with
 * their dates. Pure.
 */

import type { KnownBlock, ModalView } from '@slack/types';
import type { MigrateAnswer } from '../../../answers/migrate';
import { migrateReport, type ReportSection, rowFigure } from '../../../answers/migrate-report';
import { type CostLine, LEFT_OUT_WORDS, type LeftOutKind } from '../../../core/model';
import { andList, plural } from '../../../core/model/describe';
import { datedSource } from '../../../core/price-dates';
import { context, divider, mrkdwn, packed, readOnlyModal } from '../../block-kit';
import { migrateVerdict } from '../commands/migrate-blocks';

type Migrate = Extract<MigrateAnswer, { kind: 'migrate' }>;

/** Rows of the by-team (or by-line) sections before the rest are one "N more" row. */
const ROWS = 40;

/** One section: heading, its rows, its total in bold (the sum of the rows); what it leaves out after. */
function sectionBlocks(section: ReportSection): KnownBlock[] {
  const lines = [
    `*${section.heading}*`,
    ...(section.description ? [`_${section.description}_`] : []),
    ...section.rows.map((row) => `• ${row.label}: ${rowFigure(row, section.once)}`),
    `*Total, ${section.total.label}: ${rowFigure(section.total, section.once)}*`,
  ];
  return [
    mrkdwn(lines.join('\n')),
    ...(section.leftOut.length
      ? packed(
          [
            `Not in this total: ${andList(section.leftOutKinds.map(({ kind, count }) => `${plural(count, 'item')} ${LEFT_OUT_WORDS[kind].what} (${WHO_PRICES[kind](count)})`))}:`,
            // The heading says where a price goes: each item keeps only its key.
            ...section.leftOut.map((item) => `• ${inWords(item.replace(/ in PRICING_FILE\b/, ''))}`),
          ],
          context,
        )
      : []),
  ];
}

/** The pricing file in words a Slack reader can follow up (its name and keys are in `/hosting prices`). */
const PRICING_FILE_WORDS = "the bot's pricing file (`/hosting prices` shows the file in use)";

/** Who supplies the prices of `n` items of a kind a total leaves out: a contract, the vendor's list, or nobody. */
const WHO_PRICES: Record<LeftOutKind, (n: number) => string> = {
  contract: (n) =>
    `${LEFT_OUT_WORDS.contract.how(n)}: a hosting lead adds ${n === 1 ? 'it' : 'them'} to ${PRICING_FILE_WORDS}`,
  listed: (n) =>
    `${LEFT_OUT_WORDS.listed.how(n)}, or a hosting lead adds ${n === 1 ? 'it' : 'them'} to ${PRICING_FILE_WORDS}`,
  other: (n) => (n === 1 ? 'it says why' : 'each says why'),
};

/** Configuration names said in words: the file is named where leads manage it, not in an answer. */
const inWords = (text: string) => text.replace(/\bPRICING_FILE\b/g, PRICING_FILE_WORDS);

/** Each distinct source once, with its date. */
function sourcesOf(lines: readonly CostLine[]): string[] {
  const seen = new Set<string>();
  for (const line of lines) seen.add(datedSource(line));
  return [...seen].map((source) => `• ${source}`);
}

function detailBlocks(answer: Migrate): KnownBlock[] {
  const { model } = answer;
  const report = migrateReport(answer, ROWS);
  const [lead, , ...rest] = report.lead;
  return [
    context('Infrastructure per month unless it says once, estimated from list prices. Not a quote.'),
    ...packed([lead, migrateVerdict(answer, 'Below:'), ...rest].map(inWords)),
    ...packed(['*Largest drivers*', ...report.drivers.map((d) => `• ${d}`)]),
    ...report.sections.flatMap((section) => [divider, ...sectionBlocks(section)]),
    divider,
    ...packed(['*Assumptions*', ...report.assumptions.map((a) => `• ${inWords(a)}`)], context),
    ...packed(
      [
        '*Sources and notes*',
        ...report.sources.map((s) => `• ${inWords(s)}`),
        ...sourcesOf([...model.current.lines, ...model.tiers.flatMap((t) => t.lines), ...model.oneOff.lines]),
      ],
      context,
    ),
  ];
}

/** The modal; more than a view's 100 blocks (not seen for the largest accounts tested) are cut with a note. */
export function migrateDetailsView(answer: Migrate): ModalView {
  const blocks = detailBlocks(answer);
  return readOnlyModal('migrate_details', 'Migration details', blocks, 'The rest does not fit in one view.');
}

/** Shown at once while the account is read again (or, after, why it could not be). */
export function migrateDetailsLoadingView(message = 'Modelling the account…'): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Migration details' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [mrkdwn(message)],
  };
}
