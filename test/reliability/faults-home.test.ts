/**
 * App Home when an upstream fails and then recovers, through the real receiver: the figures and
 * the daily-cost chart must both recover on the next Refresh, not only the figures.
 */
import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { dailyByService, type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { waitUntil } from '../support/gate';
import { setProcessEnv } from '../support/process-env';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDHOMEFAULTS',
  AWS_SECRET_ACCESS_KEY: 'home-faults-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};

const costAndUsage = dailyByService({ 'Amazon Elastic Compute Cloud - Compute': '10' });

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
let restoreEnv = () => {};

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  const world = new HerokuWorld({ seed: 31 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  world.addTeam('acme');
  world.addApp('acme-tools', { team: 'acme', formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  heroku = await FakeHeroku.start({ world });
  restoreEnv = setProcessEnv({ ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint });
});

afterAll(async () => {
  await ce.close();
  await heroku.close();
  restoreEnv();
});

// A bot of its own for each test: nothing cached from the one before.
beforeEach(async () => {
  ce.reset();
  heroku.addToken(heroku.token);
  h = await startHarness({
    ...AWS_ENV,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
  h.slack.distinctFileIds();
});

afterEach(() => h.close());

const views = () => h.slack.callsTo('views.publish').map((call) => (call.body as { view: HomeView }).view);
const chartAlt = (view: HomeView) =>
  (view.blocks.find((block) => block.block_id === 'home_chart') as { alt_text?: string } | undefined)?.alt_text;

test('Cost Explorer failing, then back: Refresh shows the figures and a chart with AWS in it, the same day', async () => {
  ce.reply('GetCostAndUsage', reply.throttle());
  ce.reply('GetCostForecast', reply.throttle());
  await h.event({ type: 'app_home_opened', user: LEAD, channel: 'DLEAD0001', tab: 'home' });
  await waitUntil(() => views().length >= 2, 'the Home views');
  await h.settle();
  const failed = views().at(-1)!;
  expect(JSON.stringify(failed.blocks)).toMatch(/\*AWS\*: not available right now\. [A-Z]/);
  // Heroku has no daily snapshot yet and AWS could not be read: no day has a figure, so no chart.
  expect(chartAlt(failed)).toBeUndefined();

  ce.reset();
  ce.reply('GetCostAndUsage', costAndUsage);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '900', Unit: 'USD' }, ForecastResultsByTime: [] }));
  const before = views().length;
  await h.interaction({
    type: 'block_actions',
    user: { id: LEAD, name: 'lead', team_id: 'T1' },
    container: { type: 'view', view_id: 'V0001' },
    view: { id: 'V0001', type: 'home', callback_id: '', hash: 'h1' },
    actions: [{ type: 'button', action_id: 'home_refresh', block_id: 'home_buttons', action_ts: '1.1', value: '' }],
  });
  await waitUntil(() => views().length >= before + 2, 'the refreshed Home');
  await h.settle();
  const recovered = views().at(-1)!;
  expect(JSON.stringify(recovered.blocks)).not.toContain('not available right now');
  expect(chartAlt(recovered)).toMatch(/AWS: \$70\.00/);
});

test('neither platform with a figure: no empty chart is drawn or shared', async () => {
  ce.reply('GetCostAndUsage', reply.throttle());
  ce.reply('GetCostForecast', reply.throttle());
  heroku.revokeToken();
  await h.event({ type: 'app_home_opened', user: LEAD, channel: 'DLEAD0001', tab: 'home' });
  await waitUntil(() => views().length >= 2, 'the Home views');
  await h.settle();
  const nothing = views().at(-1)!;
  expect(JSON.stringify(nothing.blocks)).toContain('*AWS*: not available right now');
  expect(JSON.stringify(nothing.blocks)).toContain('*Heroku*: not available right now');
  expect(chartAlt(nothing)).toBeUndefined();
  expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
});

test('one Heroku app the token may not read: Home shows the others and says, under Heroku, which app is left out', async () => {
  ce.reply('GetCostAndUsage', costAndUsage);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '300', Unit: 'USD' }, ForecastResultsByTime: [] }));
  const acmeTools = heroku.world.app('acme-tools');
  heroku.inject({ path: `/apps/${acmeTools.id}/formation`, times: Infinity, fault: { type: 'forbidden' } });
  try {
    await h.event({ type: 'app_home_opened', user: LEAD, channel: 'DLEAD0001', tab: 'home' });
    await waitUntil(() => views().length >= 2, 'the Home views');
    await h.settle();
    capture('home-app-not-read', views().at(-1));
    const view = JSON.stringify(views().at(-1)!.blocks);
    expect(view).not.toContain('*Heroku*: not available right now');
    // No snapshot yet: last week is shop-api's run-rate alone, 7 × 2 × $50 / 30 = $23.33 (with acme-tools $35.00).
    expect(view).toMatch(/Last week \(run-rate\)[^"]*\\n\$23\.33/);
    expect(view).not.toContain('$35.00');
    expect(view).toContain(
      ':warning: 1 Heroku app could not be read, so it is not in these run-rate figures (its cost is not included): acme-tools.',
    );
    // The sums of both platforms carry Heroku's figures without it: said beside them too.
    expect(view).toContain(
      ":warning: Heroku's part of these sums leaves out what could not be read (named under Heroku below).",
    );
    expect(view).not.toContain(acmeTools.id);
  } finally {
    heroku.clearFaults();
  }
});
