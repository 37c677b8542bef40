import type { KnownBlock } from '@slack/types';

/** A reply to a slash command or a button: ephemeral unless the user asked to share it. */
export interface Message {
  response_type: 'ephemeral' | 'in_channel';
  /** Always present: notifications, screen readers and old clients read only this. */
  text: string;
  blocks?: KnownBlock[];
}

export function ephemeral(text: string, blocks?: KnownBlock[]): Message {
  return { response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) };
}

/** Slack renders at most this many blocks in a message. */
export const MAX_MESSAGE_BLOCKS = 50;

/** A plain-text object (labels, buttons, options, placeholders). */
export const plainText = (text: string) => ({ type: 'plain_text' as const, text });
export const mrkdwn = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
export const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text, emoji: true },
});
