/**
 * A fresh install with Heroku connected: no daily snapshot covers any day yet, so Heroku's figures are
 * today's run-rate. Every answer that shows one says so: `/hosting spend`, `/hosting budget list` (the
 * same figure as spend, from the same reading) and App Home's footer, which must not say "estimated
 * from daily snapshots" of figures that are not.
 */
import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';
import { shownText } from '../support/slack-blocks';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

let live: LiveAccounts;
let h: Harness;
beforeAll(async () => {
  live = await startLiveAccounts();
  h = await startHarness({ ...live.awsEnv, HEROKU_API_TOKEN: live.heroku.token, HEROKU_API_URL: live.heroku.url });
});
afterAll(async () => {
  await h.close();
  await live.close();
});

async function answer(text: string): Promise<Json> {
  const before = h.slack.responses.length;
  await h.command(text);
  await h.settle();
  return h.slack.responses.slice(before).at(-1)?.body;
}

/** Every text of a message or view, fields included. */
function everyText(blocks: Json): string {
  const texts: string[] = [];
  JSON.stringify(blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts.join('\n');
}

test('budget list shows the month to date `/hosting spend` shows for Heroku, labelled as run-rate, not as a failure', async () => {
  const spend = await answer('spend heroku mtd');
  const spendText = everyText(spend.blocks);
  expect(spendText).toContain('Run-rate');
  // The figure spend shows for Heroku's month to date (today's apps for the days so far).
  const expected = /\*Heroku\* \(run-rate\)\n(\$[\d,.]+)/.exec(spendText)?.[1];
  expect(expected).toMatch(/^\$[1-9]/);

  expect((await answer('budget set web 100/month heroku')).text).toContain('Saved budget web');
  const list = await answer('budget list');
  capture('budget-list-heroku-run-rate', list);
  const shown = shownText(list);
  expect(shown).not.toContain('could not be read');
  expect(shown).not.toContain('unknown');
  expect(shown).toContain(`${expected} so far at today's run-rate (`);
  expect(list.text).toContain(`• web: ${expected} so far at today's run-rate of $100.00`);
  expect(shown).toContain("Run-rate: today's apps at Heroku's billed prices");
  expect(shown).toContain('not alerted on until a snapshot covers the month');
});

test("App Home's footer says Heroku's figures are today's run-rate when they are, not daily snapshots", async () => {
  await h.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD.slice(1)}`, tab: 'home' });
  const homes = () =>
    h.slack
      .callsTo('views.publish')
      .map((call) => (call.body as unknown as { view: HomeView }).view)
      .filter((view) => shownText(view).includes('Figures are kept'));
  const deadline = Date.now() + 60_000;
  while (homes().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await h.settle();
  const view = homes().at(-1)!;
  capture('home-heroku-run-rate', { user_id: LEAD, view });
  const text = everyText(view.blocks);
  expect(text).toContain('(run-rate)');
  expect(text).not.toContain('estimated from daily snapshots');
  expect(text).toContain('Heroku’s are today’s run-rate');
}, 90_000);
