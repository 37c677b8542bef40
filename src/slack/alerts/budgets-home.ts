/** The Home tab's budgets section (self-contained, for the lead dashboard): what budgets do and a button to add one. */
import type { KnownBlock } from '@slack/types';
import { ADD_BUDGET } from './budget-form';

export function budgetsHomeBlocks(): KnownBlock[] {
  return [
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'home_budgets',
      text: {
        type: 'mrkdwn',
        text: '*Budgets and alerts*: monthly budgets alert in Slack at the levels you choose, on forecast and when spend falls back under; cost anomalies are checked daily. `/hosting budget list` shows where each budget stands, `/hosting alerts` where alerts go.',
      },
      accessory: { type: 'button', text: { type: 'plain_text', text: 'Add a budget' }, action_id: ADD_BUDGET },
    },
  ];
}
