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
