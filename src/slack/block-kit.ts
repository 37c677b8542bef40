import type { Button, KnownBlock, ModalView } from '@slack/types';

/**
 * The one set of Block Kit builders for messages, modals and the Home tab. Text is cut to what
 * Slack accepts (https://docs.slack.dev/reference/block-kit/blocks), so a long answer is shortened
 * rather than refused.
 */

/** Section and context text limit. */
export const MAX_TEXT = 3000;
const MAX_HEADER = 150;
const MAX_BUTTON = 75;

/** At most `limit` characters, the last one an ellipsis when cut. */
export const clip = (text: string, limit = MAX_TEXT) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

/** At most `max` characters, cut at a word boundary (when one is in the second half) with an ellipsis. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.(]+$/, '')}…`;
}

/** A plain-text object (labels, buttons, options, placeholders). */
export const plainText = (text: string) => ({ type: 'plain_text' as const, text });

/** A section of mrkdwn text. */
export const mrkdwn = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text) } });

/** Small grey text under a section. */
export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text) }],
});

export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, MAX_HEADER), emoji: true },
});

/** Where a long text is best cut, best first: after a line, a sentence or a list item, else between words. */
const CUTS = [['\n', '. ', '; ', ', '], [' ']];

/** Where to cut `text` at most `limit` characters in: the best place in its second half, else at the limit. */
function cutAt(text: string, limit: number): number {
  for (const marks of CUTS) {
    const at = Math.max(...marks.map((mark) => text.lastIndexOf(mark, limit - mark.length) + mark.length - 1));
    if (at > limit / 2) return at;
  }
  return limit;
}

/**
 * A text cut into pieces of at most `limit` characters, each after a line, sentence, list item or
 * word (so "app-7 (Common Runtime)" stays whole), so nothing is lost: a long finding reads on in
 * the next block.
 */
export function piecesOf(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const at = cutAt(rest, limit);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  return rest ? [...pieces, rest] : pieces;
}

/**
 * Lines packed into as few blocks as a limit allows (a section's 3,000 characters, with margin); a
 * line longer than the limit goes on over as many blocks as it needs, never cut short.
 */
export function packed(
  lines: readonly string[],
  as: (text: string) => KnownBlock = mrkdwn,
  limit = 2900,
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const piece of lines.flatMap((line) => piecesOf(line, limit))) {
    if (current && current.length + piece.length + 1 > limit) {
      blocks.push(as(current));
      current = '';
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) blocks.push(as(current));
  return blocks;
}

export const divider: KnownBlock = { type: 'divider' };

export function button(text: string, actionId: string, extra: Partial<Button> = {}): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, MAX_BUTTON), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/** Slack shows at most 100 blocks in a view. */
const MAX_VIEW_BLOCKS = 100;

/** A read-only modal; blocks past a view's 100 are cut, the last kept one saying so with `overflow`. */
export function readOnlyModal(callbackId: string, title: string, blocks: KnownBlock[], overflow: string): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plainText(title),
    close: plainText('Close'),
    blocks: blocks.length <= MAX_VIEW_BLOCKS ? blocks : [...blocks.slice(0, MAX_VIEW_BLOCKS - 1), context(overflow)],
  };
}
