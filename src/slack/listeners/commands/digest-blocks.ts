/** The weekly digest as a Slack message: Block Kit (well under 50 blocks) with a full text fallback. Pure. */
import type { KnownBlock } from '@slack/types';
import {
  type Digest,
  digestTitle,
  platformHeading,
  platformLines,
  postureText,
  renderDigestText,
} from '../../../core/digest';
import { context, header, MAX_MESSAGE_BLOCKS, mrkdwn } from '../../message';

/** Slack's limits: section text 3,000 characters, header 150, message text 40,000 (we keep it far lower). */
const SECTION_LIMIT = 2900;
const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

export function digestBlocks(digest: Digest, options: { chartNote?: string } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(clip(digestTitle(digest), 150)),
    context(`Weeks run Monday to Sunday in ${digest.week.timezone} · ${digest.week.id}`),
  ];
  for (const section of [digest.aws, digest.heroku]) {
    blocks.push({ type: 'divider' });
    blocks.push(mrkdwn(clip([`*${platformHeading(section)}*`, ...platformLines(section)].join('\n'), SECTION_LIMIT)));
    if (section.status === 'ok' && section.basis.length > 0)
      blocks.push(context(clip(section.basis.join('\n'), SECTION_LIMIT)));
  }
  blocks.push({ type: 'divider' });
  blocks.push(mrkdwn(clip(`*${digest.verdict}*`, SECTION_LIMIT)));
  if (digest.posture.length > 0) {
    blocks.push(mrkdwn(clip(['*Compliance posture (live)*', ...postureText(digest)].join('\n'), SECTION_LIMIT)));
  }
  blocks.push(
    context(clip([...digest.about, ...(options.chartNote ? [options.chartNote] : [])].join('\n'), SECTION_LIMIT)),
  );
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}

/** The notification and screen-reader text: every figure, in words. */
export function digestFallback(digest: Digest): string {
  return clip(renderDigestText(digest), 39_000);
}
