import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';
import { shownText } from '../support/slack-blocks';

/**
 * App Home's Heroku figures leave out what has no public price (here phi-api's Shield Postgres and
 * the Shield Private Space it runs in): Home says so beside them and under the sums of both
 * platforms, as the digest and `/hosting spend` do, so a month to date is not read as the whole bill.
 */
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;
let h: Harness;
let live: LiveAccounts;
beforeAll(async () => {
  live = await startLiveAccounts();
  h = await startHarness({ HEROKU_API_TOKEN: live.heroku.token, HEROKU_API_URL: live.heroku.url, ...live.awsEnv });
});
afterAll(async () => {
  await h.close();
  await live.close();
});

const homes = () =>
  h.slack
    .callsTo('views.publish')
    .map((call) => (call.body as unknown as { view: HomeView }).view)
    .filter((view) => shownText(view).includes('*Heroku*'));

test('the lead dashboard says how many Heroku items its figures leave out', async () => {
  await h.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD.slice(1)}`, tab: 'home' });
  const deadline = Date.now() + 60_000;
  while (homes().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await h.settle();
  const text = shownText(homes().at(-1)!);
  expect(text).toContain(
    "2 contract-priced or unpriced items are not counted in these figures (never as $0): a Private or Shield Space's fee or a contract plan, which your invoice has. `/hosting spend heroku` names them.",
  );
  expect(text).toContain('These sums leave out 2 contract-priced or unpriced items (see below).');
}, 90_000);
