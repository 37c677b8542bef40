/**
 * Staging parity in the weekly digest (a line per pipeline with risks) and on the App Home dashboard
 * (its short section), end to end: the real receiver, the local Heroku server with pipelines, the
 * recording Slack. AWS is not connected here; its absence changes nothing about parity.
 */
import type { HomeView } from '@slack/types';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku } from '../support/fake-heroku';
import { PARITY_DIGEST_CHANNEL, parityBotEnv, parityWorld } from '../support/parity-world';

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = PARITY_DIGEST_CHANNEL;
const SHOP_LINE =
  'shop: 4 risks (stack, process types, add-ons, config var names); staging costs 58.5% of production ($162.34 of $277.34 a month at list prices)';

let heroku: FakeHeroku;
let h: Harness;

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: parityWorld() });
  h = await startHarness(parityBotEnv(heroku), { now: () => NOW });
  h.slack.tsSeconds = Math.floor(NOW.getTime() / 1000);
});

afterAll(async () => {
  await h.close();
  await heroku.close();
});

interface Block {
  type: string;
  text?: { text: string };
  elements?: { text?: string }[];
}
type Body = { text: string; blocks?: Block[] };

const blockTexts = (blocks: readonly Block[] = []) =>
  blocks.map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' '));

async function command(text: string, user = LEAD): Promise<Body | undefined> {
  const before = h.slack.responses.length;
  await h.command(text, { user_id: user });
  await h.settle();
  return h.slack.responses.slice(before).at(-1)?.body as Body | undefined;
}

describe('the digest', () => {
  test('one line per pipeline with risks: shop only (docs has none, lonely was not compared)', async () => {
    const preview = await command('digest');
    capture('digest-parity', preview);
    const sections = blockTexts(preview?.blocks).filter((text) => text.startsWith('*Staging parity*'));
    expect(sections).toEqual([`*Staging parity* (\`/hosting parity\` for the details)\n• ${SHOP_LINE}`]);
    expect(heroku.schemaViolations).toEqual([]);
  });

  test('the posted digest carries the same line', async () => {
    const answer = await command('digest post');
    expect(answer?.text).toContain(`to <#${CHANNEL}>`);
    const posts = h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === CHANNEL);
    expect(posts).toHaveLength(1);
    expect(blockTexts(posts[0]!.body.blocks as Block[]).join('\n')).toContain(`• ${SHOP_LINE}`);
  });

  test('pipelines Heroku will not list: the digest says parity was not checked, and keeps its Heroku figures', async () => {
    heroku.inject({ path: '/pipelines', times: Infinity, fault: { type: 'forbidden' } });
    await h.bot.services.store.cachePut('heroku:parity:v3', null, new Date(0));
    try {
      const preview = await command('digest');
      const shown = blockTexts(preview?.blocks).join('\n');
      expect(shown).toMatch(/• Staging parity not checked: .*403/);
      expect(shown).not.toContain('shop: 4 risks');
      expect(shown).toContain('*Heroku* last week:');
    } finally {
      heroku.clearFaults();
    }
  });
});

describe('App Home', () => {
  const publishes = (user: string) =>
    h.slack
      .callsTo('views.publish')
      .map((call) => call.body as unknown as { user_id: string; view: HomeView })
      .filter((body) => body.user_id === user)
      .map((body) => body.view);

  async function openHome(user: string): Promise<HomeView[]> {
    const before = publishes(user).length;
    await h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
    for (let i = 0; i < 300 && publishes(user).length < before + 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20).unref());
      if (user !== LEAD && publishes(user).length > before) break;
    }
    await h.settle();
    return publishes(user).slice(before);
  }

  test('a lead sees a short parity section once figures arrive: the risky line, the rest by name', async () => {
    const views = await openHome(LEAD);
    const last = views.at(-1)!;
    capture('home-parity', last);
    const texts = blockTexts(last.blocks as Block[]);
    const at = texts.findIndex((text) => text.startsWith('*Staging parity*'));
    expect(texts[at]).toBe(
      [
        '*Staging parity* (Heroku pipelines)',
        `:warning: ${SHOP_LINE}`,
        ':white_check_mark: No risks: docs',
        'Not compared (no staging or production app to read): lonely',
      ].join('\n'),
    );
    expect(texts[at + 1]).toContain('`/hosting parity` shows each difference');
    // In the slot after the figures, before the next digest line.
    expect(texts.findIndex((text) => text.startsWith('*Next digest*'))).toBeGreaterThan(at);
  });

  test('someone who is not a lead gets the guide, without parity', async () => {
    const views = await openHome(NOT_LEAD);
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(JSON.stringify(view)).not.toMatch(/Staging parity|58\.5%|\$162\.34/);
  });
});
