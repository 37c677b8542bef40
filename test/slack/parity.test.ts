/**
 * `/hosting parity` through the real Bolt receiver (signed requests), reading the local Heroku
 * server's pipelines, couplings, apps, formation, add-ons, buildpack installations and config vars
 * (each checked against the Platform API schema fixture), answering through the recording Slack.
 */
import { MAX_MESSAGE_BLOCKS } from '../../src/slack/message';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku } from '../support/fake-heroku';
import { addMultiPipeline, parityWorld } from '../support/parity-world';

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

interface Block {
  type: string;
  text?: { text: string };
  elements?: { text?: string }[];
}

const textOf = (body: { blocks?: Block[] }) =>
  (body.blocks ?? [])
    .map((block) => block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '))
    .join('\n');

let heroku: FakeHeroku;
let harness: Harness;

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: parityWorld() });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});

afterAll(async () => {
  await harness.close();
  await heroku.close();
});

async function parity(text: string, user = LEAD) {
  const responses = harness.slack.responses.length;
  const ack = await harness.command(text, { user_id: user });
  await harness.settle();
  const response = harness.slack.responses.length > responses ? harness.slack.responses.at(-1) : undefined;
  return { ack, body: response?.body as { text: string; blocks: Block[]; response_type: string } | undefined };
}

describe('/hosting parity through the real receiver', () => {
  test('a lead sees the verdict per pipeline first, risky first, then the differences of shop with why', async () => {
    const { ack, body } = await parity('parity');
    capture('parity-all', body);
    expect(ack.status).toBe(200);
    expect(ack.body.text).toContain('Comparing staging with production');
    expect(heroku.schemaViolations).toEqual([]);
    expect(body?.response_type).toBe('ephemeral');
    expect(body!.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
    for (const block of body!.blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const [heading, summary, , shopVerdict] = body!.blocks;
    expect(heading.text?.text).toBe('Staging parity');
    expect(summary.text?.text).toBe(
      '*1 of 3 pipelines has risks*: shop (4). Without risks: docs. Not compared: lonely.',
    );
    expect(shopVerdict.text?.text).toBe(
      '*shop* :warning: *4 risks* · staging costs 58.5% of production ($162.34 of $277.34 a month at list prices)',
    );
    const shown = textOf(body!);
    expect(shown).toContain('*Risk* · stack: heroku-22 in staging, heroku-24 in production');
    expect(shown).toContain('*Risk* · process worker: not running in staging; 2 × Standard-2X in production');
    expect(shown).toContain('*Risk* · config vars set only in staging: `FEATURE_BETA_CHECKOUT`');
    expect(shown).toContain('_Another base image: system libraries');
    expect(shown).toContain('Removing the risks: *+$65.00/mo* = add worker: 1 × Standard-2X: +$50.00/mo');
    expect(shown).toContain('add Heroku Key-Value Store premium-0: +$15.00/mo');
    expect(shown).toContain(
      '*docs* :white_check_mark: staging matches production · staging costs 100.0% of production ($12.00 of $12.00 a month at list prices)',
    );
    expect(shown).toContain(
      '*lonely* :grey_question: not compared. It has no staging app this token can read, so there is nothing to compare production with. Couple one with `heroku pipelines:add lonely --stage staging`.',
    );
    expect(shown).toMatch(
      /estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d; Heroku Platform API as of/,
    );
    expect(body!.text).toContain('shop 4 risks · staging costs 58.5% of production');
  });

  test('one pipeline by name; the view is audited without figures', async () => {
    const { body } = await parity('parity SHOP');
    capture('parity-shop', body);
    expect(body!.blocks[0].text?.text).toBe('Staging parity: shop');
    expect(textOf(body!)).not.toContain('docs');
    const views = (await harness.bot.services.store.auditLog()).filter((entry) => entry.action === 'parity');
    expect(views.map((entry) => [entry.actor, entry.detail])).toContainEqual([LEAD, 'shop']);
    expect(JSON.stringify(views)).not.toContain('$');
  });

  test('a non-lead is refused at once, told who can see it, without a figure or a request to Heroku', async () => {
    const sent = heroku.log.length;
    const { ack, body } = await parity('parity shop', NOT_LEAD);
    expect(ack.status).toBe(200);
    expect(ack.body.response_type).toBe('ephemeral');
    expect(ack.body.text).toBe(
      `Sorry, staging parity checks are only shown to hosting leads. Ask <@${LEAD}> — they can see them.`,
    );
    expect(JSON.stringify(ack.body)).not.toMatch(/\$|%|shop/);
    expect(body).toBeUndefined();
    expect(heroku.log.length).toBe(sent);
  });

  test('an unknown pipeline gets the list of pipelines and an example', async () => {
    const { body } = await parity('parity shpo');
    expect(body?.text).toBe(
      'No pipeline is called `shpo`. Did you mean `shop`? Pipelines this token sees: `docs`, `lonely`, `shop`. For example: `/hosting parity shop`, or `/hosting parity` for all of them.',
    );
    expect(body?.blocks).toBeUndefined();
  });

  test('two words are refused before Heroku is asked, with an example', async () => {
    const sent = heroku.log.length;
    const { ack } = await parity('parity shop docs');
    expect(ack.body.text).toContain('takes one pipeline name');
    expect(ack.body.text).toContain('`/hosting parity shop`');
    expect(heroku.log.length).toBe(sent);
  });

  test('help lists parity', async () => {
    const { ack } = await parity('help');
    expect(ack.body.text).toContain('*parity*: staging against production per Heroku pipeline');
    expect(ack.body.text).toContain('`/hosting parity shop`');
  });
});

describe('/hosting parity with a pipeline of dynos alone beside pipelines with data stores', () => {
  beforeAll(async () => {
    await harness.close();
    await heroku.close();
    heroku = await FakeHeroku.start({ world: parityWorld() });
    addMultiPipeline(heroku);
    harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
  });

  test("each pipeline's figures are dated by the prices it used; the foot spans the whole report", async () => {
    const { body } = await parity('parity');
    capture('parity-dated', body);
    const shown = body!.blocks.map((block) => block.text?.text ?? (block.elements ?? []).map((e) => e.text).join(' '));
    const under = (name: string) => shown[shown.findIndex((text) => text?.startsWith(`*${name}*`)) + 1];
    // multi prices only dynos, from Heroku's dyno list of 2026-08-04.
    expect(under('multi')).toBe('Figures a month, estimated at Heroku list prices from sources dated 2026-08-04.');
    expect(under('shop')).toMatch(
      /^Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d\.$/,
    );
    expect(under('docs')).toBe(
      'Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02.',
    );
    expect(shown.at(-1)).toMatch(
      /^Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d; Heroku Platform API as of/,
    );
  });
});
