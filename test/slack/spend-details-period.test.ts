import { spendPeriod } from '../../src/core/spend/request';
import { type Harness, startHarness } from '../support/bot-harness';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/**
 * A spend answer's Details button is pressed later than the answer was given, perhaps after UTC
 * midnight: the details must be those of the period the message shows, not of the one it is now.
 */

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 7 });
  w.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  return w;
}

type Body = {
  blocks: {
    type: string;
    text?: { text: string };
    elements?: { action_id?: string; value?: string; text?: string }[];
  }[];
};

let heroku: FakeHeroku;
let harness: Harness;
let clock = new Date('2026-12-06T23:58:00Z');

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: world() });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url }, { now: () => clock });
});

afterAll(async () => {
  await harness.close();
  await heroku.close();
});

/** Presses the Details button as the lead; the view it filled the modal with. */
async function pressDetails(value: string): Promise<Body> {
  const calls = harness.slack.calls.length;
  await harness.interaction({
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    response_url: `${harness.slack.url}/respond/spend-details`,
    actions: [{ type: 'button', action_id: 'spend_details', block_id: 'spend_actions', value, action_ts: '1.2' }],
  });
  await harness.settle();
  return harness.slack.calls.slice(calls).find((c) => c.method === 'views.update')?.body.view as Body;
}

test('Details pressed after UTC midnight shows the days of the message, not the next 7 days', async () => {
  clock = new Date('2026-12-06T23:58:00Z');
  const asked = spendPeriod('7d', clock);
  await harness.command('spend heroku 7d');
  await harness.settle();
  const message = harness.slack.responses.at(-1)?.body as Body;
  expect(message.blocks[0]?.text?.text).toContain(asked.label);
  const button = message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'spend_details');
  expect(button?.value).toBeDefined();

  clock = new Date('2026-12-07T00:03:00Z');
  expect(spendPeriod('7d', clock).label).not.toBe(asked.label);
  const view = await pressDetails(button!.value!);
  const title = view.blocks[0]?.elements?.[0]?.text ?? '';
  expect(title).toContain(asked.label);
});

test('a button from before this change (words only) still opens, for the period as it is now', async () => {
  clock = new Date('2026-12-07T10:00:00Z');
  const view = await pressDetails('heroku 7d by service');
  expect(view.blocks[0]?.elements?.[0]?.text ?? '').toContain(spendPeriod('7d', clock).label);
});
