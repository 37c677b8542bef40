/**
 * The buttons on alert messages. Leads only (others are told politely, in a message only they see);
 * what a lead did is said in the alert's thread and kept in the audit log.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  OverflowAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { type AlertAct, actOnAlert } from '../../../answers/alert-acts';
import type { Services } from '../../../services';
import { isLead, leadList, leadMentions } from '../../leads';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

function threadOf(body: BlockAction): { channel?: string; ts?: string } {
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return { channel: body.channel?.id ?? body.container?.channel_id, ts: message?.thread_ts ?? message?.ts };
}

export function alertAction(
  services: Services,
  actFrom: (value: string) => { alertId: string; act: AlertAct } | undefined,
) {
  return async ({ ack, body, client, logger, respond, action }: Args) => {
    await ack();
    const user = body.user.id;
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    if (!(await isLead(services, client, logger, user))) {
      const who = leadMentions(await leadList(services, client, logger));
      await say(`Sorry, only hosting leads can act on cost alerts.${who ? ` Ask ${who}.` : ''}`);
      return;
    }
    const value =
      action.type === 'overflow' ? (action as OverflowAction).selected_option.value : (action as ButtonAction).value;
    const parsed = value ? actFrom(value) : undefined;
    if (!parsed) {
      await say('That button is from an older version of Hosting Advisor; nothing was changed.');
      return;
    }
    const outcome = await actOnAlert(services, user, parsed.alertId, parsed.act);
    if (!outcome.ok) {
      await say(outcome.message);
      if (outcome.afterwards) await say(await outcome.afterwards());
      return;
    }
    const { channel, ts } = threadOf(body);
    if (!channel || !ts) {
      await say(outcome.thread);
      return;
    }
    try {
      await client.chat.postMessage({ channel, thread_ts: ts, text: outcome.thread });
    } catch (error) {
      logger.warn('could not say in the thread what a lead did:', error);
      await say(`${outcome.thread} (I could not say so in the thread.)`);
    }
  };
}

export const simpleAct = (act: AlertAct) => (value: string) => ({ alertId: value, act });

/** The overflow's `YES|<alert id>` / `NO|<alert id>`. */
export function feedbackAct(value: string): { alertId: string; act: AlertAct } | undefined {
  const bar = value.indexOf('|');
  const feedback = value.slice(0, bar);
  if (bar < 0 || (feedback !== 'YES' && feedback !== 'NO')) return undefined;
  return { alertId: value.slice(bar + 1), act: { kind: 'feedback', feedback } };
}
