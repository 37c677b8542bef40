/**
 * A live app with an add-on Heroku bills by usage and a contract-priced one, estimated in Slack by a lead
 * through the real receiver: each kind is named for what it lacks (before, both were "without a public
 * price", and the lead was sent to add contract prices for a metered add-on), and since both add-ons are
 * on both sides alike, the verdict stands.
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

test('`estimate app=shop-api`: the add-ons left out of both sides alike leave the verdict standing; each kind named', async () => {
  const before = harness.slack.responses.length;
  const ack = await harness.command('estimate app=shop-api', { user_id: LEAD, channel_id: 'C0CHANNEL' });
  expect(ack.status).toBe(200);
  await harness.settle();
  const later = harness.slack.responses.slice(before);
  const answer: Json = later.length > 0 ? later.at(-1)!.body : ack.body;
  capture('estimate-usage-addon', answer);
  expectWithinSlackLimits(answer, 50);
  const shown = answer.blocks.map((b: Json) => b.text?.text ?? '').join('\n');
  // Both add-ons are on both sides (on AWS bought directly, at what Heroku bills), so they add alike to
  // both totals: the verdict is the difference of the totals shown, $181.71 less $100.00. It read "No
  // verdict: Heroku and AWS leave items … out", as if AWS's two items were others than Heroku's.
  const total = (label: string) =>
    Number(new RegExp(`\\*${label}: ≥ \\$([\\d,.]+)/mo\\*`).exec(shown)![1].replace(/,/g, ''));
  const gap = total('AWS \\(us-east-1\\), consolidated tier \\(modelled\\)') - total('Heroku as it runs');
  expect(gap.toFixed(2)).toBe('81.71');
  expect(shown).toContain(
    "*Heroku is cheaper*: by $81.71/mo on infrastructure and by $881.71/mo with ops, against AWS's consolidated tier. The 2 add-ons without a price in both totals are bought directly on AWS, taken to cost what Heroku bills for them, so they add the same to both and leave the difference as it is.",
  );
  expect(shown).not.toContain('No verdict');
  // Each kind is still named for what it lacks, on both sides.
  expect(shown).toContain(
    '• 1 without a public price, not in the total: enterprise-search (dedicated) (a contract price; see Details)',
  );
  expect(shown).toContain('• 1 without a monthly price, not in the total: metered-search (usage) (see Details)');
});
