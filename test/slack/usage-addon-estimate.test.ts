/**
 * A live app with an add-on Heroku bills by usage and a contract-priced one, estimated in Slack by a lead
 * through the real receiver: the verdict names each kind for what it lacks (before, both were "without a
 * public price", and the lead was sent to add contract prices for a metered add-on).
 */
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { expectWithinSlackLimits } from '../support/slack-blocks';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

let heroku: FakeHeroku;
let harness: Harness;

beforeAll(async () => {
  const w = new HerokuWorld({ seed: 31 });
  w.addTeam('acme', { type: 'enterprise' });
  w.addApp('shop-api', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [
      { service: 'metered-search', plan: 'usage', cents: 3, unit: 'hour' },
      { service: 'enterprise-search', plan: 'dedicated', contract: true },
    ],
  });
  heroku = await FakeHeroku.start({ world: w });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});

afterAll(async () => {
  await harness.close();
  await heroku.close();
});

test('`estimate app=shop-api`: no verdict, and who can supply each kind of item left out', async () => {
  const before = harness.slack.responses.length;
  const ack = await harness.command('estimate app=shop-api', { user_id: LEAD, channel_id: 'C0CHANNEL' });
  expect(ack.status).toBe(200);
  await harness.settle();
  const later = harness.slack.responses.slice(before);
  const answer: Json = later.length > 0 ? later.at(-1)!.body : ack.body;
  capture('estimate-usage-addon', answer);
  expectWithinSlackLimits(answer, 50);
  const shown = answer.blocks.map((b: Json) => b.text?.text ?? '').join('\n');
  expect(shown).toContain(
    "*No verdict*: Heroku and AWS leave items without a public price or a monthly price out of their total, so neither platform can be called cheaper until a hosting lead adds your contract prices and reads what the rest cost from Heroku's invoice",
  );
});
