/**
 * The Home chart is shared with each lead once a day, in their direct message with the app, however
 * many Home publishes want it at once: the lead opening Home while pressing Refresh, or two replicas
 * on one PostgreSQL database answering the lead's two devices while Slack is slow to take the file.
 */
import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { waitUntil } from '../support/gate';
import { standard2xSnapshot } from '../support/snapshots';

const DM = `D${LEAD.slice(1)}`;
const NOW = new Date('2026-12-09T12:00:00Z');
const clock = () => NOW;

let heroku: FakeHeroku;
const open: Harness[] = [];

beforeAll(async () => {
  const world = new HerokuWorld({ seed: 7 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  heroku = await FakeHeroku.start({ world });
});
afterAll(async () => {
  await heroku.close();
});
afterEach(async () => {
  for (const h of open.splice(0).reverse()) await h.close();
});

/** A bot whose Heroku spend comes from five weeks of daily snapshots: a chart to share. */
async function start(env: Record<string, string>, instanceId: string): Promise<Harness> {
  const h = await startHarness(
    { HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url, HOSTING_LEADS: LEAD, ...env },
    { now: clock, instanceId },
  );
  open.push(h);
  return h;
}

async function snapshots(h: Harness) {
  for (let back = 35; back >= 1; back--) {
    await h.bot.services.store.putSnapshot({
      day: new Date(NOW.getTime() - back * 86_400_000).toISOString().slice(0, 10),
      app: 'shop-api',
      takenAt: NOW,
      data: standard2xSnapshot(2, null),
    });
  }
}

const opened = (h: Harness) => h.event({ type: 'app_home_opened', user: LEAD, channel: DM, tab: 'home' });
const refresh = (h: Harness) =>
  h.interaction({
    type: 'block_actions',
    container: { type: 'view', view_id: 'VHOME0001' },
    view: { id: 'VHOME0001', type: 'home', callback_id: '', hash: 'h1' },
    actions: [{ type: 'button', action_id: 'home_refresh', block_id: 'home_buttons', action_ts: '1.1', value: '' }],
  });

type Image = { type: string; slack_file?: { id?: string } };
const chartIn = (call: { body: Record<string, unknown> }) =>
  ((call.body.view as HomeView).blocks as Image[]).find((block) => block.type === 'image')?.slack_file?.id;

describe('one bot (SQLite)', () => {
  test('Home opened and Refresh pressed at once: the chart is shared once, and both views show that file', async () => {
    const h = await start({}, 'replica-a');
    h.slack.distinctFileIds();
    await snapshots(h);
    await Promise.all([opened(h), refresh(h)]);
    const charted = () => h.slack.callsTo('views.publish').filter((call) => chartIn(call));
    await waitUntil(() => charted().length >= 2, 'both views with the chart');
    await h.settle();
    const shares = h.slack.callsTo('files.completeUploadExternal');
    expect(shares.map((call) => call.body.channel_id)).toEqual([DM]);
    expect(new Set(charted().map(chartIn))).toEqual(new Set(['F1001']));
  });
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('two replicas on PostgreSQL, one Slack that is slow to take files', () => {
  test("the lead's two devices open Home on both replicas at once: one share, both views show it", async () => {
    const url = (await freshPostgresUrl())!;
    const a = await start({ DATABASE_URL: url }, 'replica-a');
    const b = await start({ DATABASE_URL: url, SLACK_API_URL: a.slack.apiUrl }, 'replica-b');
    a.slack.distinctFileIds();
    await snapshots(a);
    // Slack takes its time completing an upload: it finishes none until the second replica starts one
    // too, or 3 s after the first started (when that replica waits for the first's share instead).
    const uploadsStarted = () => a.slack.callsTo('files.getUploadURLExternal').length;
    a.slack.hold(
      'files.completeUploadExternal',
      waitUntil(() => uploadsStarted() >= 1, 'a first upload').then(() =>
        Promise.race([
          waitUntil(() => uploadsStarted() >= 2, 'a second upload').catch(() => {}),
          new Promise((resolve) => setTimeout(resolve, 3000)),
        ]),
      ),
    );
    await Promise.all([opened(a), opened(b)]);
    const charted = () => a.slack.callsTo('views.publish').filter((call) => chartIn(call));
    await waitUntil(() => charted().length >= 2, 'both views with the chart');
    await a.settle();
    await b.settle();
    expect(a.slack.callsTo('files.completeUploadExternal').map((call) => call.body.channel_id)).toEqual([DM]);
    expect(new Set(charted().map(chartIn))).toEqual(new Set(['F1001']));
  });
});
