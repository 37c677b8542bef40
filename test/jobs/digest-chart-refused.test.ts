import { WebClient } from '@slack/web-api';
import { postDigestNow } from '../../src/slack/digest-poster';
import { BOT_TOKEN, type Harness, LEAD, startHarness } from '../support/bot-harness';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { standard2xSnapshot } from '../support/snapshots';

/**
 * The digest says "The daily cost chart is in the thread." When Slack then refuses the chart (an app
 * installed before it had files:write), the message is out without it: the leads are told so, and why.
 */
const CHANNEL = 'CDIGEST01';
const MONDAY_9 = new Date('2026-11-23T09:00:00Z');
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let heroku: FakeHeroku;
let h: Harness;

beforeEach(async () => {
  heroku = await FakeHeroku.start({ world: new HerokuWorld({ seed: 3 }) });
  h = await startHarness(
    { DIGEST_CHANNEL: CHANNEL, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url },
    { now: () => MONDAY_9 },
  );
  h.slack.tsSeconds = Math.floor(MONDAY_9.getTime() / 1000);
  // Four weeks of a day's cost, so the digest has a chart to draw.
  for (let day = new Date('2026-10-26'); day < MONDAY_9; day = new Date(day.getTime() + 86_400_000)) {
    const data = standard2xSnapshot(2, null);
    await h.bot.services.store.putSnapshot({
      day: day.toISOString().slice(0, 10),
      app: 'shop-api',
      takenAt: MONDAY_9,
      data,
    });
  }
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

test('Slack refuses the chart: the digest is posted once, and the leads are told the chart is missing and why', async () => {
  h.slack.answer('files.getUploadURLExternal', { ok: false, error: 'missing_scope' });
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
  const outcome = await postDigestNow(h.bot.services, client, LEAD, quiet);
  expect(outcome.ok).toBe(true);
  const posted = h.slack.messages.filter((m) => m.channel === CHANNEL);
  expect(posted).toHaveLength(1);
  expect(JSON.stringify(h.slack.callsTo('chat.postMessage')[0]!.body.blocks)).toContain(
    'The daily cost chart is in the thread.',
  );
  const told = h.slack.messages.filter((m) => m.channel === LEAD).map((m) => m.text);
  expect(told).toEqual([
    `:warning: The weekly hosting digest for Mon 16 – Sun 22 Nov 2026 is in <#${CHANNEL}>, but its daily cost chart could not be attached in its thread: The Slack app lacks a permission this needs: reinstall it from manifest.yml so it gets every scope listed there. The figures are all in the message; App Home shows the chart.`,
  ]);
});
