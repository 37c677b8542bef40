/**
 * Who counts as a lead (HOSTING_LEADS plus a Slack user group named in settings) and where spend
 * may be posted, through the real receiver and the recording Slack server. No live sources here:
 * access is decided before any figure is read.
 */
import type { HomeView } from '@slack/types';
import { LEADS_USERGROUP_KEY, SPEND_CHANNELS_KEY } from '../../src/slack/leads';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';

const DIGEST_CHANNEL = 'CDIGEST01';
const GROUP_MEMBER = 'UGROUP001';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    DIGEST_CHANNEL,
    AWS_ACCESS_KEY_ID: '',
    AWS_ENDPOINT_URL_COST_EXPLORER: '',
    AWS_PROFILE: '',
  });
  h.slack.answer('usergroups.users.list', (body) =>
    body.usergroup === 'SLEADS001' ? { ok: true, users: [GROUP_MEMBER] } : { ok: false, error: 'no_such_subteam' },
  );
});

afterAll(() => h.close());

const homeOf = (user: string): HomeView | undefined =>
  h.slack
    .callsTo('views.publish')
    .map((call) => call.body as { user_id: string; view: HomeView })
    .filter((body) => body.user_id === user)
    .at(-1)?.view;

async function openHome(user: string): Promise<HomeView> {
  await h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
  await h.settle();
  return homeOf(user)!;
}

const isDashboard = (view: HomeView) => JSON.stringify(view).includes('Hosting dashboard');
const groupCalls = () => h.slack.callsTo('usergroups.users.list').length;

async function spend(text: string, fields: Record<string, string>) {
  const responses = h.slack.responses.length;
  const ack = await h.command(text, fields);
  await h.settle();
  return { ack, response: h.slack.responses.slice(responses).at(-1)?.body as Record<string, unknown> | undefined };
}

describe('leads from a Slack user group', () => {
  test('without a group, only HOSTING_LEADS are leads and Slack is not asked', async () => {
    expect(isDashboard(await openHome(LEAD))).toBe(true);
    expect(isDashboard(await openHome(GROUP_MEMBER))).toBe(false);
    expect(groupCalls()).toBe(0);
  });

  test('with a group in settings, its members get the dashboard; others get the guide naming the group', async () => {
    await h.bot.services.store.setSetting(LEADS_USERGROUP_KEY, 'SLEADS001');
    expect(isDashboard(await openHome(GROUP_MEMBER))).toBe(true);
    const guide = JSON.stringify(await openHome(NOT_LEAD));
    expect(guide).not.toContain('Hosting dashboard');
    expect(guide).toContain(`<@${LEAD}>, <@${GROUP_MEMBER}> and the members of <!subteam^SLEADS001>`);
    expect(h.slack.callsTo('usergroups.users.list').at(-1)?.body).toMatchObject({ usergroup: 'SLEADS001' });
  });

  test('the members are kept a few minutes: opening again does not ask Slack again', async () => {
    const calls = groupCalls();
    await openHome(GROUP_MEMBER);
    await openHome(NOT_LEAD);
    expect(groupCalls()).toBe(calls);
  });

  test('a group member may ask for spend', async () => {
    const { ack } = await spend('spend', { user_id: GROUP_MEMBER });
    expect(ack.body.text).toBe('Fetching spend…');
  });

  test('when Slack cannot list the group: HOSTING_LEADS only, said plainly in the log', async () => {
    await h.bot.services.store.setSetting(LEADS_USERGROUP_KEY, 'SBROKEN01');
    expect(isDashboard(await openHome(GROUP_MEMBER))).toBe(false);
    expect(isDashboard(await openHome(LEAD))).toBe(true);
    expect(h.logs.join('\n')).toContain(
      'Could not read the members of the leads user group SBROKEN01: Slack has no user group SBROKEN01. Until that works only HOSTING_LEADS count as leads',
    );
    const { ack } = await spend('spend', { user_id: GROUP_MEMBER });
    expect(ack.body.text).toContain('only shown to hosting leads');
    await h.bot.services.store.setSetting(LEADS_USERGROUP_KEY, '');
  });
});

describe('where spend may be shared', () => {
  test('`share` in a channel leads have not allowed: a private answer, with why', async () => {
    const { response } = await spend('spend share', { user_id: LEAD, channel_id: 'C0CHANNEL' });
    expect(response?.response_type).toBe('ephemeral');
    expect(String(response?.text)).toContain(
      "Only you can see this: spend figures are posted only in channels leads have allowed, and this isn't one.",
    );
  });

  test('`share` in an allowed channel, or in the digest channel, posts in the channel', async () => {
    await h.bot.services.store.setSetting(SPEND_CHANNELS_KEY, 'CSPEND001,C0CHANNEL');
    for (const channel of ['C0CHANNEL', DIGEST_CHANNEL]) {
      const { response } = await spend('spend share', { user_id: LEAD, channel_id: channel });
      expect(response?.response_type).toBe('in_channel');
      expect(String(response?.text)).not.toContain('Only you can see this');
    }
  });

  test('without `share` the answer is private even in an allowed channel', async () => {
    const { response } = await spend('spend', { user_id: LEAD, channel_id: 'C0CHANNEL' });
    expect(response?.response_type).toBe('ephemeral');
    expect(String(response?.text)).not.toContain('Only you can see this');
  });
});

describe('Post digest now (in the Home menu)', () => {
  const press = async (user = LEAD, viaMenu = true) => {
    await h.interaction({
      type: 'block_actions',
      user: { id: user, name: 'someone', team_id: 'T1' },
      container: { type: 'view', view_id: 'VHOME0001' },
      view: { id: 'VHOME0001', type: 'home', callback_id: '', hash: 'h1' },
      actions: [
        viaMenu
          ? {
              type: 'overflow',
              action_id: 'home_more',
              block_id: 'home_buttons',
              selected_option: {
                text: { type: 'plain_text', text: 'Post this week’s digest now' },
                value: 'home_post_digest',
              },
              action_ts: '1.1',
            }
          : { type: 'button', action_id: 'home_post_digest', block_id: 'home_buttons', action_ts: '1.1' },
      ],
    });
    await h.settle();
    return JSON.stringify(homeOf(user));
  };

  test('posts the digest in the digest channel and says so on Home; a second press does not post twice', async () => {
    const posts = () => h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === DIGEST_CHANNEL);
    const before = posts().length;
    const home = await press();
    expect(posts().length).toBe(before + 1);
    expect(home).toMatch(new RegExp(`Posted the digest for [^"]+ to <#${DIGEST_CHANNEL}>\\.`));
    // Home now says it is out, with a link to the message, and offers no second post.
    const ts = h.slack.messages.filter((m) => m.channel === DIGEST_CHANNEL).at(-1)!.ts;
    expect(home).toContain(
      `This week’s is out: <https://slack.com/archives/${DIGEST_CHANNEL}/p${ts.replace('.', '')}|Posted ✓>`,
    );
    expect(home).not.toContain('Post this week’s digest now');
    const again = await press(LEAD, false);
    expect(posts().length).toBe(before + 1);
    expect(again).toContain(`is already in <#${DIGEST_CHANNEL}>: it is posted once a week.`);
  });

  test('a non-lead pressing it (an old view) posts nothing', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    const home = await press(NOT_LEAD, false);
    expect(h.slack.callsTo('chat.postMessage').length).toBe(before);
    expect(home).not.toContain('Hosting dashboard');
  });
});
