import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { reply } from '../support/fake-cost-explorer';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';
import { shownText } from '../support/slack-blocks';

/**
 * What App Home says beside its figures. Its Heroku figures leave out what has no public price (here phi-api's Shield Postgres and
 * the Shield Private Space it runs in): Home says so beside them and under the sums of both
 * platforms, as the digest and `/hosting spend` do, so a month to date is not read as the whole bill.
 * A forecast Cost Explorer refused says why, as the digest does, not "none yet" (which waits for nothing).
 */
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;
let h: Harness;
let live: LiveAccounts;
beforeAll(async () => {
  live = await startLiveAccounts();
  live.ce.reply('GetCostForecast', reply.accessDenied('GetCostForecast'));
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

test('the lead dashboard says how many Heroku items its figures leave out, and why AWS has no forecast', async () => {
  await h.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD.slice(1)}`, tab: 'home' });
  const deadline = Date.now() + 60_000;
  while (homes().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await h.settle();
  const text = shownText(homes().at(-1)!);
  expect(text).toContain(
    "2 contract-priced or unpriced items are not counted in these figures (never as $0): a Private or Shield Space's fee or a contract plan, which your invoice has. `/hosting spend heroku` names them.",
  );
  expect(text).toContain('These sums leave out 2 contract-priced or unpriced items (see below).');
  // Fields are not in shownText: every text of the view, one per text object.
  const texts: string[] = [];
  JSON.stringify(homes().at(-1)!.blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  const month = new Date().toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  const awsForecast = texts.filter((t) => t.startsWith(`*Forecast for ${month}*`))[0];
  expect(awsForecast).toMatch(new RegExp(`^\\*Forecast for ${month}\\*\nnone: AWS denied ce:GetCostForecast`));
}, 90_000);
