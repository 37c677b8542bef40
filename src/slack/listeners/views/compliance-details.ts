/**
 * One group of a compliance checklist in full, as a modal: for each control, why it matters, and per
 * platform its status and finding, how the platform meets it, the evidence, what stays with you, what
 * it costs and how to verify it. Opened from a group's Details button. Pure.
 *
 * Nothing is cut short: a long finding (a live account's every app outside a Shield space) goes on
 * over as many blocks as it needs. Only past the 100 blocks a view holds is the rest left out, and
 * the last block says how much and which command prints it in full.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { ChecklistGroup } from '../../../core/compliance';
import { PLATFORM_LABEL } from '../../../core/compliance/phrases';
import { andList, formatCount } from '../../../core/model/describe';
import { clipAtWord, context, divider, packed, readOnlyModal } from '../../block-kit';
import { STATUS_ICON, statusWord } from '../commands/compliance-blocks';
import { escapeMrkdwn, mrkdwnText } from '../commands/compliance-text';

/** Slack shows at most 100 blocks in a view (readOnlyModal keeps the first 99 and a note when there are more). */
const MAX_VIEW_BLOCKS = 100;

/** The blocks of one control, each with the control it belongs to, so a cut can say what it left out. */
function controlBlocks(entry: ChecklistGroup['entries'][number]): KnownBlock[] {
  const { control } = entry;
  return [
    divider,
    ...packed([`*${mrkdwnText(control.title)}* (${mrkdwnText(control.citation)})`, mrkdwnText(control.why)]),
    ...entry.platforms.flatMap((platform) => {
      const status = platform.status ? ` ${STATUS_ICON[platform.status]} ${statusWord(platform.status)}` : '';
      const found = platform.findings.map((finding) => finding.detail).join(' ');
      return packed([
        `*${PLATFORM_LABEL[platform.platform]}*${status}${found ? `: ${mrkdwnText(found)}` : ''}`,
        `*How:* ${mrkdwnText(platform.answer.how)}`,
        `*Evidence:* ${mrkdwnText(platform.answer.evidence)}`,
        `*To do:* ${mrkdwnText(platform.answer.customerShare)}`,
      ]);
    }),
    ...packed(
      [
        `Cost: ${mrkdwnText(control.cost)}`,
        `Verify: ${mrkdwnText(control.verify)}`,
        ...(control.unconfirmed ? [`Not confirmed by any source: ${mrkdwnText(control.unconfirmed)}`] : []),
      ],
      context,
    ),
  ];
}

/** The characters of text in blocks, as Slack counts a section's or context's text. */
function textLength(blocks: readonly KnownBlock[]): number {
  let length = 0;
  for (const block of blocks) {
    if (block.type === 'section') length += block.text?.text.length ?? 0;
    if (block.type === 'context')
      for (const element of block.elements) length += 'text' in element ? element.text.length : 0;
  }
  return length;
}

/**
 * `words` are the checklist's (what its buttons carry), so the note past a view's 100 blocks names
 * the command that prints the whole group.
 */
export function complianceDetailsView(
  frameworkName: string,
  group: ChecklistGroup,
  words: string,
  subject?: string,
): ModalView {
  const subjectText = subject ? ` · for \`${clipAtWord(subject.replace(/`/g, "'"), 200)}\`` : '';
  const blocks: KnownBlock[] = [context(`${mrkdwnText(frameworkName)}${subjectText}`)];
  const owners: string[] = [''];
  for (const entry of group.entries) {
    const own = controlBlocks(entry);
    blocks.push(...own);
    owners.push(...own.map(() => entry.control.title));
  }
  const kept = MAX_VIEW_BLOCKS - 1;
  const leftOut = blocks.slice(kept);
  const titles = [...new Set(owners.slice(kept))].map((title) => `“${mrkdwnText(clipAtWord(title, 80))}”`);
  // The first control left out may have begun above the cut: then only its end is missing.
  const partly = owners[kept - 1] === owners[kept];
  const parts = partly
    ? [`the rest of ${titles[0]}`, ...(titles.length > 1 ? [`all of ${andList(titles.slice(1))}`] : [])]
    : [andList(titles)];
  const overflow = `*Not shown here*, as a Slack modal holds ${MAX_VIEW_BLOCKS} blocks: ${parts.join(', and ')} (${formatCount(textLength(leftOut))} characters). Press *Export Markdown* on the checklist for all of it in a file, or run \`npx hosting-advisor compliance ${escapeMrkdwn(words)}\` in a terminal.`;
  return readOnlyModal('compliance_details', clipAtWord(group.name, 24), blocks, clipAtWord(overflow, 2900));
}
