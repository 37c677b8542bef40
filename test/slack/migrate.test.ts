import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/** Twenty small apps (one Basic dyno and a mini Key-Value Store each) and one busy API. */
function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 11 });
  w.addTeam('growth', { type: 'team' });
  for (let i = 1; i <= 20; i++) {
    w.addApp(`tiny-${String(i).padStart(2, '0')}`, {
      team: 'growth',
      formation: [{ type: 'web', quantity: 1, size: 'basic' }],
      addOns: [{ service: 'heroku-redis', plan: 'mini', cents: 300 }],
    });
  }
  w.addApp('core-api', {
    formation: [
      { type: 'web', quantity: 4, size: 'performance-M' },
      { type: 'worker', quantity: 2, size: 'performance-M' },
    ],
    addOns: [{ service: 'heroku-postgresql', plan: 'premium-2', cents: 35000 }],
  });
  return w;
}

interface Body {
  text: string;
  response_type: string;
  blocks?: { type: string; text?: { text: string }; elements?: { text?: string }[] }[];
}

const textOf = (body: Body) =>
  (body.blocks ?? [])
    .map((block) => block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '))
    .join('\n');

let heroku: FakeHeroku;
let harness: Harness;

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: world() });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});
afterAll(async () => {
  await harness.close();
  await heroku.close();
});

async function migrate(text: string, user = LEAD) {
  const ack = await harness.command(text, { user_id: user });
  await harness.settle();
  return { ack, response: harness.slack.responses.at(-1)?.body as Body | undefined };
}

describe('/hosting migrate through the real receiver', () => {
  test('a lead gets the account on AWS: three tiers, per team, shared once, one-off, drivers; totals foot', async () => {
    const { ack, response } = await migrate('migrate heroku');
    capture('migrate-heroku', response);
    expect(ack.status).toBe(200);
    expect(ack.body.text).toContain('Modelling the Heroku account');
    const body = response!;
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks!.length).toBeLessThanOrEqual(50);
    const shown = textOf(body);
    // 20 × ($7 + $3) + 6 × $250 + $350.
    expect(shown).toContain('Heroku as it runs: $2,050.00/mo');
    expect(shown).toMatch(
      /like-for-like \$[\d,]+\.\d\d\/mo, consolidated \$[\d,]+\.\d\d\/mo, optimised \$[\d,]+\.\d\d\/mo/,
    );
    expect(shown).toContain('• growth (20 apps): $200.00/mo');
    expect(shown).toContain('• Personal apps (1 app): $1,850.00/mo');
    expect(shown).toContain('*Total, Heroku: $2,050.00/mo*');
    expect(shown).toMatch(/• Shared AWS infrastructure .*: \$[\d,]+\.\d\d\/mo/);
    expect(shown).toContain('*One-off cost of moving*');
    expect(shown).toContain(
      '20 apps with one Basic dyno and a mini Key-Value Store are cheaper on Heroku by $641.00/mo',
    );
    // Each section's total is the sum of its rows as shown.
    const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
    for (const block of body.blocks!.filter((b) => b.text?.text.includes('*Total, '))) {
      const lines = block.text!.text.split('\n');
      const rows = lines
        .filter((l) => l.startsWith('• '))
        .map((l) => cents(/(-?\$[\d,]+\.\d\d)(\/mo| once)$/.exec(l)![1]));
      const total = cents(/\*Total, .*: (-?\$[\d,]+\.\d\d)/.exec(block.text!.text)![1]);
      expect([lines[0], rows.reduce((a, b) => a + b, 0)]).toEqual([lines[0], total]);
    }
    const audit = (await harness.bot.services.store.auditLog()).filter((e) => e.action === 'migrate');
    expect(audit).toEqual([expect.objectContaining({ actor: LEAD, detail: 'heroku' })]);
    expect(JSON.stringify(audit)).not.toContain('$');
  });

  test('a non-lead is refused at once, told who to ask, and no live data is read', async () => {
    const before = heroku.log.length;
    const responses = harness.slack.responses.length;
    const ack = await harness.command('migrate heroku', { user_id: NOT_LEAD });
    await harness.settle();
    expect(ack.body.response_type).toBe('ephemeral');
    expect(ack.body.text).toContain(`<@${LEAD}>`);
    expect(JSON.stringify(ack.body)).not.toContain('$');
    expect(harness.slack.responses.length).toBe(responses);
    expect(heroku.log.length).toBe(before);
  });

  test('AWS not configured: the lead is told what to set, with no figures', async () => {
    const { response } = await migrate('migrate aws');
    expect(response?.text).toContain('AWS spend is off: set AWS credentials');
    expect(JSON.stringify(response)).not.toMatch(/\$\d/);
  });

  test('words it does not know get an example, not a guess', async () => {
    const ack = await harness.command('migrate gcp', { user_id: LEAD });
    expect(ack.body.text).toContain('`gcp`');
    expect(ack.body.text).toContain('/hosting migrate heroku');
  });
});
