/**
 * Cost data only reaches leads, whatever the request says: every surface that can show a live
 * figure or change a setting, pressed, submitted or typed by someone who is not a lead, with the
 * values a lead's message would carry (or made up by hand: Slack signs what it sends, but a
 * button's value and a form's metadata are whatever the message that held them said).
 */
import { ALERT_ACTIONS } from '../../src/slack/alerts/alert-blocks';
import { ADD_BUDGET, BUDGET_FORM } from '../../src/slack/alerts/budget-form';
import { DELETE_BUDGET } from '../../src/slack/alerts/budgets-home';
import { HOME_ACTIONS } from '../../src/slack/home/home-blocks';
import { EXPORT_TO_CHANNEL } from '../../src/slack/listeners/actions/compliance-export';
import { COMPLIANCE_DETAILS, EXPORT_CSV, EXPORT_MARKDOWN } from '../../src/slack/listeners/commands/compliance-blocks';
import { DIGEST_POST_NOW, DIGEST_SETTINGS } from '../../src/slack/listeners/commands/digest-blocks';
import { ESTIMATE_DETAILS, OPEN_COMPLIANCE, SHARE_ESTIMATE } from '../../src/slack/listeners/commands/estimate-blocks';
import { MIGRATE_DETAILS } from '../../src/slack/listeners/commands/migrate-blocks';
import { SPEND_DETAILS } from '../../src/slack/listeners/commands/spend-blocks';
import { DIGEST_SETTINGS_FORM } from '../../src/slack/listeners/views/digest-settings-form';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

let live: LiveAccounts;
let h: Harness;
beforeAll(async () => {
  live = await startLiveAccounts();
  h = await startHarness({
    HEROKU_API_TOKEN: live.heroku.token,
    HEROKU_API_URL: live.heroku.url,
    ...live.awsEnv,
    DIGEST_CHANNEL: 'C0CHANNEL',
  });
  await h.bot.services.store.setSetting('spend.channels', 'C0CHANNEL');
});
afterAll(async () => {
  await h?.close();
  await live?.close();
});

/** Everything the bot sent Slack since `from` (answers, posts, views), as one text. */
function sentSince(from: { calls: number; responses: number }): string {
  return JSON.stringify([h.slack.calls.slice(from.calls).map((c) => c.body), h.slack.responses.slice(from.responses)]);
}
const mark = () => ({ calls: h.slack.calls.length, responses: h.slack.responses.length });

async function press(actionId: string, value: string, user = NOT_LEAD, type = 'button') {
  await h.interaction({
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0CHANNEL' },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    message: { ts: '1700000000.000100', text: 'x' },
    response_url: `${h.slack.url}/respond/forged-${actionId}`,
    actions: [
      type === 'overflow'
        ? { type, action_id: actionId, block_id: 'b', selected_option: { value }, action_ts: '1' }
        : { type, action_id: actionId, block_id: 'b', value, action_ts: '1' },
    ],
  });
  await h.settle();
}

const DOLLARS = /\$\s?\d/;

test('buttons pressed by someone who is not a lead show no figure, post nothing and change nothing', async () => {
  const before = mark();
  const store = h.bot.services.store;
  const settingsBefore = await store.settings();
  const presses: [string, string, string?][] = [
    [SHARE_ESTIMATE, 'app=shop-api share'],
    [ESTIMATE_DETAILS, 'app=shop-api'],
    [OPEN_COMPLIANCE, 'app=shop-api'],
    [EXPORT_MARKDOWN, 'hipaa live'],
    [EXPORT_CSV, 'hipaa app=shop-api'],
    [EXPORT_TO_CHANNEL, 'csv|hipaa live'],
    [COMPLIANCE_DETAILS, '0|hipaa live'],
    [SPEND_DETAILS, 'aws 7d'],
    [SPEND_DETAILS, 'heroku 30d by app'],
    [MIGRATE_DETAILS, 'heroku'],
    [HOME_ACTIONS.refresh, ''],
    [HOME_ACTIONS.refreshNow, ''],
    [HOME_ACTIONS.postDigest, ''],
    [HOME_ACTIONS.digestSettings, ''],
    [HOME_ACTIONS.exportAudit, ''],
    [HOME_ACTIONS.more, HOME_ACTIONS.exportAudit, 'overflow'],
    [HOME_ACTIONS.more, HOME_ACTIONS.postDigest, 'overflow'],
    [DIGEST_POST_NOW, ''],
    [DIGEST_SETTINGS, ''],
    [ADD_BUDGET, ''],
    [DELETE_BUDGET, 'web-prod'],
    [ALERT_ACTIONS.acknowledge, 'a1'],
    [ALERT_ACTIONS.snoozeWeek, 'a1'],
  ];
  for (const [id, value, type] of presses) await press(id, value, NOT_LEAD, type);
  const sent = sentSince(before);
  expect(sent).not.toMatch(DOLLARS);
  const methods = h.slack.calls.slice(before.calls).map((c) => c.method);
  expect(methods).not.toContain('chat.postMessage');
  expect(methods).not.toContain('files.completeUploadExternal');
  expect(methods).not.toContain('views.open');
  expect(await store.settings()).toEqual(settingsBefore);
  expect((await store.auditLog()).filter((e) => e.actor === NOT_LEAD)).toEqual([]);
});

test('forms submitted by someone who is not a lead save nothing', async () => {
  const store = h.bot.services.store;
  const before = await store.settings();
  for (const callback_id of [BUDGET_FORM, DIGEST_SETTINGS_FORM]) {
    const res = await h.interaction({
      type: 'view_submission',
      user: { id: NOT_LEAD, name: 'someone', team_id: 'T1' },
      view: { id: 'V1', callback_id, private_metadata: '', state: { values: {} }, hash: 'h' },
    });
    expect(res.body?.response_action).toBe('errors');
  }
  await h.settle();
  expect(await store.settings()).toEqual(before);
  expect(await store.budgets()).toEqual([]);
});

test('commands typed by someone who is not a lead: no figure', async () => {
  const before = mark();
  for (const text of [
    'spend',
    'spend aws 30d share',
    'migrate',
    'migrate aws',
    'parity',
    'digest',
    'digest post',
    'digest set channel=C0CHANNEL',
    'budget list',
    'budget set x 100/month',
    'alerts',
    'alerts channel=C0CHANNEL',
    'prices refresh',
    'compliance hipaa live',
    'compliance hipaa app=shop-api share',
    'compliance hipaa estimate app=shop-api',
    'estimate app=shop-api share',
    'estimate app=SHOP-API region=us-east-1',
  ]) {
    const res = await h.command(text, { user_id: NOT_LEAD });
    await h.settle();
    expect(JSON.stringify(res.body)).not.toMatch(DOLLARS);
  }
  expect(sentSince(before)).not.toMatch(DOLLARS);
  expect(h.slack.calls.slice(before.calls).map((c) => c.method)).not.toContain('chat.postMessage');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('the same presses by a lead do show figures (the check above can fail)', async () => {
  const before = mark();
  await press(ESTIMATE_DETAILS, 'app=shop-api', LEAD);
  await press(SHARE_ESTIMATE, 'app=shop-api share', LEAD);
  expect(sentSince(before)).toMatch(DOLLARS);
});
