import type { KnownBlock } from '@slack/types';
import type { SpendReport, SpendSection } from '../../../answers/spend';
import { context, header, MAX_MESSAGE_BLOCKS, type Message, mrkdwn } from '../../message';

const SECTION_LIMIT = 2900;

const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

/** A section's lines as mrkdwn: the headline figure in bold, a failure behind a warning sign. */
function sectionLines(section: SpendSection): string[] {
  const lines: string[] = [];
  const { headline } = section;
  if (headline) {
    const estimated = headline.estimated === undefined ? '' : ` — *estimated* (${headline.estimated})`;
    lines.push(`*${headline.figure}* ${headline.text}${estimated}`);
  }
  for (const line of section.lines) lines.push(section.failed ? `:warning: ${line}` : line);
  return lines;
}

/** The whole report as mrkdwn text (Slack's fallback). */
export function spendReportText(report: SpendReport): string {
  return [
    report.title,
    ...report.sections.flatMap((section) => [
      '',
      `*${section.heading}*`,
      ...sectionLines(section),
      ...section.notes.map((n) => `_${n}_`),
    ]),
  ].join('\n');
}

export function spendBlocks(report: SpendReport): KnownBlock[] {
  const blocks: KnownBlock[] = [header(clip(report.title, 150))];
  for (const section of report.sections) {
    blocks.push({ type: 'divider' });
    blocks.push(mrkdwn(clip([`*${section.heading}*`, ...sectionLines(section)].join('\n'), SECTION_LIMIT)));
    if (section.notes.length > 0) blocks.push(context(clip(section.notes.join('\n'), SECTION_LIMIT)));
  }
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}

export function spendMessage(report: SpendReport, share: boolean): Message {
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: clip(spendReportText(report), 3900),
    blocks: spendBlocks(report),
  };
}
