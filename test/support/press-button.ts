import type { Harness } from './bot-harness';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the bot sent
type Json = any;

let presses = 0;

/** The button with this label on a message (or view), with its block's ID. */
function buttonIn(message: Json, label: string): Json {
  const found = (message.blocks ?? [])
    .filter((block: Json) => block.type === 'actions')
    .flatMap((block: Json) => block.elements.map((element: Json) => ({ ...element, block_id: block.block_id })))
    .find((element: Json) => element.text?.text === label);
  if (!found) throw new Error(`no "${label}" button`);
  return found;
}

/**
 * Presses a button on an ephemeral message in #eng, as Slack sends it (signed, with a trigger and a
 * response_url), and waits until the bot has done what it does: the Slack calls and posts it made.
 */
export async function pressButton(harness: Harness, message: Json, label: string, user?: string) {
  const pressed = buttonIn(message, label);
  const responseUrl = `${harness.slack.url}/respond/press-${++presses}`;
  const calls = harness.slack.calls.length;
  const posts = harness.slack.responses.length;
  const res = await harness.interaction({
    type: 'block_actions',
    ...(user ? { user: { id: user, name: 'someone', team_id: 'T1' } } : {}),
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: pressed.action_id,
        block_id: pressed.block_id,
        value: pressed.value,
        action_ts: '1700000000.000200',
      },
    ],
  });
  await harness.settle();
  return {
    ack: res,
    calls: harness.slack.calls.slice(calls),
    posts: harness.slack.responses.slice(posts),
    /** The view the bot opened with the press's trigger, if any. */
    openedView(): Json {
      const open = harness.slack.calls.slice(calls).find((call) => call.method === 'views.open');
      if (!open) throw new Error('no views.open after the press');
      return open.body.view;
    },
  };
}
