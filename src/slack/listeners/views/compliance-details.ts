/**
 * One group of a compliance checklist in full, as a modal: for each control, why it matters, and per
 * platform its status and finding, how the platform meets it, the evidence, what stays with you, what
 * it costs and how to verify it. Opened from a group's Details button. Pure.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { ChecklistGroup } from '../../../core/compliance';
import { PLATFORM_LABEL } from '../../../core/compliance/phrases';
import { clipAtWord } from '../../block-kit';
import { STATUS_ICON, statusWord } from '../commands/compliance-blocks';
import { mrkdwnText } from '../commands/compliance-text';

const SECTION_TEXT_LIMIT = 3000;
const MAX_VIEW_BLOCKS = 100;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clipAtWord(text, SECTION_TEXT_LIMIT) },
});
const note = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clipAtWord(text, SECTION_TEXT_LIMIT) }],
});

export function complianceDetailsView(frameworkName: string, group: ChecklistGroup, subject?: string): ModalView {
  const blocks: KnownBlock[] = [
    note(`${mrkdwnText(frameworkName)}${subject ? ` · for \`${subject.replace(/`/g, "'").slice(0, 200)}\`` : ''}`),
  ];
  for (const entry of group.entries) {
    const { control } = entry;
    blocks.push({ type: 'divider' });
    blocks.push(
      section(`*${mrkdwnText(control.title)}* (${mrkdwnText(control.citation)})\n${mrkdwnText(control.why)}`),
    );
    for (const platform of entry.platforms) {
      const status = platform.status ? ` ${STATUS_ICON[platform.status]} ${statusWord(platform.status)}` : '';
      const found = platform.findings.map((finding) => finding.detail).join(' ');
      blocks.push(
        section(
          [
            `*${PLATFORM_LABEL[platform.platform]}*${status}${found ? `: ${mrkdwnText(found)}` : ''}`,
            `*How:* ${mrkdwnText(platform.answer.how)}`,
            `*Evidence:* ${mrkdwnText(platform.answer.evidence)}`,
            `*To do:* ${mrkdwnText(platform.answer.customerShare)}`,
          ].join('\n'),
        ),
      );
    }
    blocks.push(
      note(
        [
          `Cost: ${mrkdwnText(control.cost)}`,
          `Verify: ${mrkdwnText(control.verify)}`,
          ...(control.unconfirmed ? [`Not confirmed by any source: ${mrkdwnText(control.unconfirmed)}`] : []),
        ].join('\n'),
      ),
    );
  }
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clipAtWord(group.name, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: blocks.slice(0, MAX_VIEW_BLOCKS),
  };
}
