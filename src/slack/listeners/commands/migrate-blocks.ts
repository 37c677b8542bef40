import type { KnownBlock } from '@slack/types';
import type { MigrateReport, ReportSection } from '../../../answers/migrate-report';
import { formatUsd } from '../../../core/money';
import { clip, context, header, mrkdwn } from '../../block-kit';
import { MAX_MESSAGE_BLOCKS, type Message } from '../../message';

const SECTION_LIMIT = 2900;
/** Items without a public price listed under a total; the rest are counted. */
const LEFT_OUT_SHOWN = 5;

/** One report section as mrkdwn: rows, then its total in bold; what it leaves out after. */
function sectionMrkdwn(section: ReportSection): string {
  const period = section.once ? ' once' : '/mo';
  const money = (amount: Parameters<typeof formatUsd>[0]) => `${formatUsd(amount)}${period}`;
  return [
    `*${section.heading}*`,
    ...(section.description ? [`_${section.description}_`] : []),
    ...section.rows.map((row) => `• ${row.label}: ${money(row.amount)}`),
    `*Total, ${section.total.label}: ${money(section.total.amount)}*`,
    ...section.leftOut.slice(0, LEFT_OUT_SHOWN).map((item) => `Not in this total: ${item}`),
    ...(section.leftOut.length > LEFT_OUT_SHOWN
      ? [
          `… and ${section.leftOut.length - LEFT_OUT_SHOWN} more items without a public price (all in the terminal version)`,
        ]
      : []),
  ].join('\n');
}

/** Packs lines into context blocks within Slack's size limit. */
function contexts(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_LIMIT) {
      blocks.push(context(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(context(clip(current, SECTION_LIMIT)));
  return blocks;
}

/** `/hosting migrate`: the lead, each section with its total, the drivers, then the small print. */
export function migrateMessage(report: MigrateReport, share: boolean): Message {
  const [first, ...rest] = report.lead;
  const blocks: KnownBlock[] = [
    header(clip(report.title.replace(/; amounts.*$/, ''), 150)),
    mrkdwn(clip(`*${first}*\n${rest.join('\n')}`, SECTION_LIMIT)),
    mrkdwn(clip(`*Largest drivers*\n${report.drivers.map((d) => `• ${d}`).join('\n')}`, SECTION_LIMIT)),
    { type: 'divider' },
    ...report.sections.map((section) => mrkdwn(clip(sectionMrkdwn(section), SECTION_LIMIT))),
    { type: 'divider' },
    ...contexts(report.assumptions.map((a) => `• ${a}`)),
    context(
      clip(
        `Amounts per month, estimated. ${report.sources.map((s) => s.replace(/\.$/, '')).join(' · ')}. The terminal version lists every app and every line. Not a quote.`,
        SECTION_LIMIT,
      ),
    ),
  ];
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: clip([report.title, ...report.lead].join('\n'), 3900),
    blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS),
  };
}
