/**
 * A brand-new install: neither AWS nor Heroku connected, no budget, no digest channel. What a lead
 * sees first must say what to do next, point where the reasons are, and show nothing made of no data.
 */
import type { HomeView } from '@slack/types';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { waitUntil } from '../support/gate';
import { shownText } from '../support/slack-blocks';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    AWS_ACCESS_KEY_ID: '',
    AWS_ENDPOINT_URL_COST_EXPLORER: '',
    AWS_PROFILE: '',
    HEROKU_API_TOKEN: '',
  });
});

afterAll(() => h.close());

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

const texts = (blocks: Json[]): string[] =>
  blocks.flatMap((block) => [
    ...(block.text?.text ? [block.text.text] : []),
    ...(block.fields ?? []).map((field: Json) => field.text),
    ...(block.type === 'context' ? block.elements.map((element: Json) => element.text ?? '') : []),
  ]);

const homes = () =>
  h.slack
    .callsTo('views.publish')
    .map((call) => call.body as { user_id: string; view: HomeView })
    .filter((body) => body.user_id === LEAD);

async function openHome(): Promise<HomeView> {
  await h.event({ type: 'app_home_opened', user: LEAD, channel: 'DLEAD0001', tab: 'home' });
  await waitUntil(() => JSON.stringify(homes().at(-1)?.view ?? '').includes('*AWS*: not connected'), 'the figures');
  await h.settle();
  return homes().at(-1)!.view;
}

async function answer(text: string): Promise<Json> {
  const before = h.slack.responses.length;
  await h.command(text);
  await h.settle();
  return h.slack.responses.slice(before).at(-1)?.body;
}

describe('a lead on a brand-new install', () => {
  test('Home: the verdict says there is nothing to compare and points where each platform says why', async () => {
    const view = await openHome();
    capture('home-first-install', { user_id: LEAD, view });
    const shown = texts(view.blocks);
    const verdict = shown.find((text) => text.startsWith('*Verdict'));
    // The verdict is the first thing on Home: nothing is "above" it.
    expect(verdict).toBe(
      '*Verdict: no comparison this week — neither platform’s workload could be modelled (each platform’s section says why).*',
    );
    expect(shown.findIndex((text) => text.startsWith('*AWS*: not connected'))).toBeGreaterThan(shown.indexOf(verdict!));
  });

  test('the digest preview says the same, with its verdict under the heading', async () => {
    const preview = await answer('digest');
    capture('digest-first-install', preview);
    const shown = texts(preview.blocks);
    expect(shown[1]).toBe(
      '*Verdict: no comparison this week — neither platform’s workload could be modelled (each platform’s section says why).*',
    );
    expect(JSON.stringify(preview)).not.toContain('see above');
  });

  test('no chart made of no data: none on Home, none in the lead’s direct messages, none promised or posted with the digest', async () => {
    const view = await openHome();
    expect(view.blocks.filter((block) => block.type === 'image')).toEqual([]);
    expect(h.slack.callsTo('files.completeUploadExternal')).toEqual([]);
    const preview = await answer('digest');
    expect(JSON.stringify(preview)).not.toContain('chart');
    const set = await answer('digest set channel=<#CDIGEST01|costs>');
    expect(set.text).toContain('CDIGEST01');
    const posted = await answer('digest post');
    expect(posted.text).toContain('Posted the digest');
    const message = h.slack.callsTo('chat.postMessage').find((call) => call.body.channel === 'CDIGEST01');
    expect(JSON.stringify(message?.body.blocks)).not.toContain('chart');
    expect(h.slack.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  test('a Heroku budget set before Heroku is connected says its month to date is unknown, not $0.00 (0 %)', async () => {
    const saved = await answer('budget set web-prod 2000/month heroku');
    expect(saved.text).toContain('Saved budget web-prod');
    const list = await answer('budget list');
    capture('budget-list-first-install', list);
    expect(shownText(list)).not.toContain('$0.00 so far');
    expect(list.text).toContain('• web-prod: $2,000.00/month, month to date unknown');
    expect(shownText(list)).toMatch(
      /\*web-prod\*: Heroku, all spend, \$2,000\.00\/month, .*\. Month to date unknown \(Heroku spend could not be read: Heroku is not configured\)/,
    );
  });
});
