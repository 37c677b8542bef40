/**
 * Alert messages as Block Kit: the headline (with the buttons, so a lead can act from the channel),
 * the detail lines and where the figures came from. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { AlertView } from '../../answers/alert-view';
import { neutraliseMarkup } from '../../core/user-text';
import { clip, context, mrkdwn, plainText } from '../block-kit';
import { MAX_MESSAGE_BLOCKS } from '../message';

export const ALERT_ACTIONS = {
  acknowledge: 'alert_acknowledge',
  expected: 'alert_expected',
  snoozeDay: 'alert_snooze_day',
  snoozeWeek: 'alert_snooze_week',
  feedback: 'alert_feedback',
} as const;

/** Slack's limit for a section's text. */

function buttons(alertId: string, ceFeedback: boolean): KnownBlock {
  const button = (text: string, action: string, style?: 'primary') => ({
    type: 'button' as const,
    text: plainText(text),
    action_id: action,
    value: alertId,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: 'alert_actions',
    elements: [
      button('Acknowledge', ALERT_ACTIONS.acknowledge, 'primary'),
      button('Mark expected', ALERT_ACTIONS.expected),
      button('Snooze 1 day', ALERT_ACTIONS.snoozeDay),
      button('Snooze 1 week', ALERT_ACTIONS.snoozeWeek),
      ...(ceFeedback
        ? [
            {
              type: 'overflow' as const,
              action_id: ALERT_ACTIONS.feedback,
              options: [
                {
                  text: plainText('Tell AWS: real anomaly (yes)'),
                  value: `YES|${alertId}`,
                },
                {
                  text: plainText('Tell AWS: not an anomaly (no)'),
                  value: `NO|${alertId}`,
                },
              ],
            },
          ]
        : []),
    ],
  };
}

/**
 * The message's text: what a notification shows and a screen reader reads. Made safe as the blocks
 * are, since Slack notifies from it too: a budget's service or tag holding `<!here>` pings no one.
 */
export function alertText(view: AlertView): string {
  return neutraliseMarkup(
    [
      view.headline,
      ...view.lines.map((line) => `• ${line}`),
      ...(view.figures?.length ? ['Where it stands:', ...view.figures.map((line) => `• ${line}`)] : []),
    ].join('\n'),
  );
}

export function alertBlocks(view: AlertView): KnownBlock[] {
  const safe = (text: string) => neutraliseMarkup(text);
  const blocks: KnownBlock[] = [mrkdwn(clip(`*${safe(view.headline)}*`))];
  if (view.lines.length) blocks.push(mrkdwn(clip(view.lines.map((line) => `• ${safe(line)}`).join('\n'))));
  if (view.figures?.length)
    blocks.push(mrkdwn(clip(`*Where it stands*\n${view.figures.map((line) => `• ${safe(line)}`).join('\n')}`)));
  for (const basis of view.basis) blocks.push(context(clip(safe(basis))));
  if (view.buttons) blocks.push(buttons(view.buttons.alertId, view.buttons.ceFeedback));
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}
