import type { Button, KnownBlock } from '@slack/types';

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

export const divider: KnownBlock = { type: 'divider' };

export function button(text: string, actionId: string, extra: Partial<Button> = {}): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, MAX_BUTTON), emoji: true },
    action_id: actionId,
    ...extra,
  };
}
