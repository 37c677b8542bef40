import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

let heroku: FakeHeroku;
let harness: Harness;

beforeAll(async () => {
  const world = new HerokuWorld({ seed: 11 });
  world.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  world.addApp('shop-api-staging', {
    formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  heroku = await FakeHeroku.start({ world });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});
afterAll(async () => {
  await harness.close();
  await heroku.close();
});

test('`estimate app=NAME` models the live app: acked at once, answered with its formation and add-ons', async () => {
  const res = await harness.command('estimate app=shop-api');
  expect(res.status).toBe(200);
  expect(res.body.text).toContain('Reading `shop-api` from Heroku');
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as { text: string; blocks: { text?: { text: string } }[] };
  expect(answer.text).toContain('Live Heroku data as of');
  expect(answer.blocks[0].text!.text).toContain('Heroku $150.00/mo');
  // The live app's standard-0 is a production database: db.m6g.large (730 × $0.159 = $116.07), not a
  // burstable db.t4g.medium. Like-for-like: 2 × t3.medium 60.74 + root volumes 3.20 + 116.07 + 64 GB 7.36
  // + ALB 16.43 + 5.84 + NAT 65.70 + 0.90 + addresses 14.60, and the traffic `migrate` assumes of a
  // production app with web (Heroku reports none): logs 5.00 + 0.30 and 100 GB out 9.00 = $305.14, as
  // `estimate web=2xstandard-2x postgres=standard-0` gives; optimised has 2 × t4g.medium at the Savings
  // Plan rate, $35.32 for $60.74: $279.72.
  expect(answer.blocks[0].text!.text).toContain('AWS $279.72–$305.14/mo in three tiers');
  const shown = JSON.stringify(answer.blocks);
  expect(shown).toContain('RDS PostgreSQL db.m6g.large Single-AZ');
  expect(shown).not.toContain('db.t4g');
});

test('a staging app is estimated as staging, as `/hosting migrate` models it, and the answer says why', async () => {
  await harness.command('estimate app=shop-api-staging');
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as { text: string; blocks: { text?: { text: string } }[] };
  capture('estimate-app-staging', answer);
  const shown = JSON.stringify(answer.blocks);
  expect(shown).toContain('read as staging: its name ends in -staging');
  // Staging on AWS: web on one t3.medium (30.37) + its root volume 1.60, a burstable db.t4g.medium
  // (730 × $0.065 = 47.45) + 64 GB 7.36, an ALB 16.43 + 0.1 LCU 0.58, one NAT gateway 32.85 + 2 GB 0.09,
  // three addresses 10.95, logs 0.5 GB 0.25 + 0.02 (10% of its one Standard dyno's 5 GB: "Log volume follows
  // what runs") and 10 GB out 0.90 = $148.85 like-for-like, as migrate has it.
  expect(answer.blocks[0].text!.text).toContain('Heroku $100.00/mo now; AWS $');
  expect(answer.blocks[0].text!.text).toContain('–$148.85/mo in three tiers');
  expect(shown).toContain('RDS PostgreSQL db.t4g.medium Single-AZ');
  expect(shown).toContain('_(staging)_');
  expect(shown).not.toContain('db.m6g');
  expect(shown).not.toContain('NAT gateway × 2');
});

test('an app the token cannot see gets a plain message that names no other app (issue #18: it listed them)', async () => {
  await harness.command('estimate app=nope');
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as { text: string };
  expect(answer.text).toContain('There is no app by that name that you can see (`nope`)');
  expect(answer.text).not.toContain('shop-api');
});

test('an app made after the list of apps was read is not called missing without saying when the list was read', async () => {
  await harness.command('estimate app=shop-api');
  await harness.settle();
  heroku.world.addApp('shop-new', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  await harness.command('estimate app=shop-new');
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as { text: string };
  expect(answer.text).toContain('There is no app by that name that you can see (`shop-new`)');
  expect(answer.text).toMatch(
    /The list of apps is as of \d{4}-\d\d-\d\d \d\d:\d\d UTC \(cached\): an app made since then is found after the next read of Heroku, within the hour\./,
  );
  expect(answer.text).not.toContain('shop-api');
});

test('help shows how to estimate a live app, and that its prices are for leads', async () => {
  const { body } = await harness.command('help');
  expect(body.text).toContain('`app=NAME`: a live Heroku app, priced for hosting leads');
  expect(body.text).toContain('`/hosting estimate app=shop-api`');
});
