import { runCli } from '../../src/cli/run-cli';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { addMultiPipeline, parityWorld } from '../support/parity-world';

/**
 * `npx hosting-advisor parity [pipeline] [--json]` against the local Heroku server (pipelines,
 * couplings, apps, formation, add-ons, buildpack installations and config vars, each checked
 * against the Platform API schema fixture), through the real heroku-client.
 */

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

let heroku: FakeHeroku;
beforeEach(async () => {
  heroku = await FakeHeroku.start({ world: parityWorld() });
});
afterEach(() => heroku.close());

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const database = tempSqliteFile();
  const code = await runCli(
    ['parity', ...args],
    { DATABASE_URL: database, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url, ...env },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), database };
}

test('shop: exactly its four risks with why, the share to the cent, what matching costs; audited', async () => {
  const { code, out, err, database } = await cli(['shop']);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(heroku.schemaViolations).toEqual([]);
  expect(out.match(/^ {4}(RISK|COST CHOICE): .*$/gm)).toEqual([
    '    RISK: stack: heroku-22 in staging, heroku-24 in production',
    '    RISK: process worker: not running in staging; 2 × Standard-2X in production',
    '    RISK: add-on Heroku Key-Value Store premium-0: in production only (sets HEROKU_REDIS_URL)',
    '    RISK: config vars set only in staging: FEATURE_BETA_CHECKOUT',
  ]);
  expect(out.match(/^ {6}why: .*$/gm)).toHaveLength(4);
  expect(out).toContain("Staging costs $162.34/mo, 58.5% of production's $277.34/mo.");
  expect(out).toContain('Removing the risks of shop-staging would add $65.00/mo.');
  expect(out).toMatch(/\+ add worker: 1 × Standard-2X: \$50\.00\/mo \(.*2026-08-04\)/);
  expect(out).toContain('A full copy of production would add $115.00/mo to staging.');
  expect(out).toMatch(
    /^Staging against production, read from the Heroku Platform API as of \d{4}-\d\d-\d\d \d\d:\d\d UTC; figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d\.$/m,
  );
  expect(out).not.toContain('`');
  expect(out).not.toContain('docs');
  const store = await openStore(database);
  try {
    expect(await store.auditLog()).toEqual([
      expect.objectContaining({ actor: 'cli', action: 'parity', detail: 'shop' }),
    ]);
  } finally {
    await store.close();
  }
});

test('--json: amounts as decimal strings exact to the cent, each difference classed with its why', async () => {
  const { code, out } = await cli(['--json']);
  expect(code).toBe(0);
  const json = JSON.parse(out);
  expect(json).toMatchObject({
    currency: 'USD',
    period: 'month',
    // The dates of the sources the amounts came from, not the catalog's newest date.
    prices: expect.stringMatching(
      /^estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d$/,
    ),
    priceDates: { oldest: '2026-08-04', newest: '2026-10-02' },
    // Papertrail is at the price Heroku bills, dated by the day it was read.
    billedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
  });
  expect(json.pipelines.map((p: { pipeline: string }) => p.pipeline)).toEqual(['docs', 'lonely', 'shop']);
  const shop = json.pipelines[2];
  expect(shop.staging.monthly).toBe('162.34');
  expect(shop.production.monthly).toBe('277.34');
  expect(shop.stagingSharePercent).toBe('58.5');
  expect(shop.fullCopyAdds).toBe('115.00');
  expect(shop.pairs[0].differences.map((d: { class: string; topic: string }) => `${d.class}:${d.topic}`)).toEqual([
    'risk:stack',
    'risk:process',
    'risk:add-on',
    'risk:config-vars',
  ]);
  expect(shop.pairs[0].toMatch.monthly).toBe('65.00');
  expect(shop.pairs[0].toMatch.lines.map((l: { monthly: string }) => l.monthly)).toEqual(['50.00', '15.00']);
  // Every total shown is the sum of its lines.
  for (const side of [shop.staging, shop.production]) {
    const cents = side.apps[0].lines.reduce(
      (n: number, l: { monthly: string }) => n + Math.round(Number(l.monthly) * 100),
      0,
    );
    expect((cents / 100).toFixed(2)).toBe(side.monthly);
  }
  expect(json.pipelines[0]).toMatchObject({ pipeline: 'docs', status: 'compared', stagingSharePercent: '100.0' });
  expect(json.pipelines[0].pairs[0].differences).toEqual([]);
  expect(json.pipelines[1]).toMatchObject({ pipeline: 'lonely', status: 'no-staging', pairs: [] });
});

test('docs: a matching pipeline says so in one line (the notes for every pipeline follow apart)', async () => {
  const { out } = await cli(['docs']);
  const [, , ...answer] = out.split('\n');
  expect(answer.filter((line) => line !== '' && !line.startsWith('Note: '))).toEqual([
    "Pipeline docs: staging matches production (stack, region, space, buildpacks, process types, dyno classes, add-ons and config var names). Staging costs $12.00/mo, 100.0% of production's $12.00/mo. Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02.",
  ]);
});

test('an unknown pipeline gets the list of pipelines, exit 1', async () => {
  const { code, out, err } = await cli(['warehouse']);
  expect(code).toBe(1);
  expect(out).toBe('');
  expect(err).toBe(
    'No pipeline is called warehouse. Pipelines this token sees: docs, lonely, shop. For example: npx hosting-advisor parity docs, or npx hosting-advisor parity for all of them.',
  );
});

test('a token that cannot read config vars: the answer says the names were not compared', async () => {
  heroku.inject({ path: /\/config-vars$/, times: Infinity, fault: { type: 'forbidden' } });
  const { code, out } = await cli(['shop']);
  expect(code).toBe(0);
  expect(out).not.toContain('config vars set only');
  expect(out).toContain('Note: Config var names of shop-staging were not compared: Heroku refused to list them (403)');
  expect(out).toContain('Note: Config var names of shop-production were not compared');
});

test('several apps in a stage are each compared; an app the token cannot read is named with why', async () => {
  const hidden = addMultiPipeline(heroku);
  const { out } = await cli(['multi']);
  expect(out).toContain('admin-staging against admin: 0 risks, 0 cost choices');
  expect(out).toContain('api-staging against api: 1 risk, 0 cost choices');
  expect(out).toContain(
    'RISK: process web: Standard (Standard-2X) in staging, Performance (Performance-M) in production',
  );
  expect(out).toContain(`staging app ${hidden.id} could not be read: Heroku answered 403 Forbidden`);
  expect(out).toContain('Several apps in a stage');
  // The unread staging app costs something nobody could read: the figures say they leave it out.
  expect(out).toContain(
    "Staging costs $75.00/mo, 27.3% of production's $275.00/mo, counting only the apps this token can read.",
  );
  expect(out).toContain(
    'A full copy of production would add $200.00/mo to staging, counting only the apps this token can read.',
  );
});

test('several apps in a stage named stage first (staging-api, staging-admin) are paired by what follows the stage', async () => {
  const w = heroku.world;
  w.addApp('api', { formation: [{ type: 'web', quantity: 1, size: 'performance-M' }] });
  w.addApp('admin', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addApp('staging-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  w.addApp('staging-admin', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addPipeline('duo', { staging: ['staging-api', 'staging-admin'], production: ['api', 'admin'] });
  const { out } = await cli(['duo']);
  expect(out).toContain('staging-api against api: 1 risk, 0 cost choices');
  expect(out).toContain('staging-admin against admin: 0 risks, 0 cost choices');
  expect(out).not.toContain('has no staging app of its own');
});

test('identical apps beside one the token cannot read: not called a match', async () => {
  const w = heroku.world;
  w.addApp('wiki', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  w.addApp('wiki-staging', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  const hidden = w.addApp('wiki-worker-staging', {});
  w.addPipeline('wiki', { staging: ['wiki-staging', 'wiki-worker-staging'], production: ['wiki'] });
  heroku.inject({ path: `/apps/${hidden.id}`, times: Infinity, fault: { type: 'forbidden' } });
  const { out } = await cli(['wiki']);
  expect(out).not.toContain('staging matches production');
  expect(out).toContain('wiki-staging against wiki: 0 risks, 0 cost choices');
  expect(out).toContain(`staging app ${hidden.id} could not be read`);
});

test('a pipeline with only review apps says it has neither staging nor production, not "nothing to compare production with"', async () => {
  heroku.world.addApp('ideas-pr-1', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  heroku.world.addPipeline('ideas', { review: ['ideas-pr-1'] });
  const { code, out } = await cli(['ideas']);
  expect(code).toBe(0);
  expect(out).toContain(
    'Pipeline ideas has neither a staging nor a production app this token can read, so there is nothing to compare. Couple them with heroku pipelines:add ideas --stage production and heroku pipelines:add ideas --stage staging.',
  );
  expect(out).not.toContain('compare production with');
  const json = JSON.parse((await cli(['ideas', '--json'])).out);
  expect(json.pipelines[0]).toMatchObject({ pipeline: 'ideas', status: 'no-apps', pairs: [] });
});

test("two Postgres databases in production: staging's one is held against the HA primary, not the follower", async () => {
  const w = heroku.world;
  w.addApp('crm-staging', { addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }] });
  w.addApp('crm', {
    addOns: [
      { service: 'heroku-postgresql', plan: 'premium-0', cents: 20000 },
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
    ],
  });
  w.addPipeline('crm', { staging: ['crm-staging'], production: ['crm'] });
  const { code, out } = await cli(['crm']);
  expect(code).toBe(0);
  expect(out.match(/^ {4}(RISK|COST CHOICE): .*$/gm)).toEqual([
    '    RISK: Heroku Postgres: standard-0 in staging, premium-0 in production',
    '    RISK: add-on Heroku Postgres standard-0: in production only (sets HEROKU_POSTGRESQL_URL)',
  ]);
  expect(out).toContain('Removing the risks of crm-staging would add $200.00/mo.');
  expect(out).toMatch(/\+ Heroku Postgres: standard-0 → premium-0: \$150\.00\/mo/);
  expect(out).toMatch(/\+ add Heroku Postgres standard-0: \$50\.00\/mo/);
});

test('no pipelines: says so and how to make one, exit 0', async () => {
  await heroku.close();
  heroku = await FakeHeroku.start({ world: new HerokuWorld({ seed: 3 }) });
  const { code, out } = await cli([]);
  expect(code).toBe(0);
  expect(out).toContain('This Heroku token sees no pipelines');
  expect(out).toContain('heroku pipelines:create shop --app shop-production --stage production');
  const json = JSON.parse((await cli(['--json'])).out);
  expect(json.pipelines).toEqual([]);
});

test('without HEROKU_API_TOKEN: says what to set; bad options and words get an example', async () => {
  const off = await cli([], { HEROKU_API_TOKEN: '' });
  expect(off.code).toBe(1);
  expect(off.err).toContain('set HEROKU_API_TOKEN');
  const option = await cli(['--csv']);
  expect(option.code).toBe(2);
  expect(option.err).toBe(
    'Unknown option "--csv". Options: --json. For example: npx hosting-advisor parity shop --json',
  );
  const words = await cli(['shop', 'docs']);
  expect(words.code).toBe(2);
  expect(words.err).toContain('For example: npx hosting-advisor parity shop.');
});

test('--help lists parity', async () => {
  const out: string[] = [];
  await runCli(['--help'], {}, { out: (text) => out.push(text), err: () => {} });
  expect(out.join('\n')).toContain('parity [pipeline] [--json]');
});

test('the digest preview in a terminal has the parity line of shop only', async () => {
  const out: string[] = [];
  await runCli(
    ['digest', '--dry-run'],
    { DATABASE_URL: tempSqliteFile(), HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url },
    { out: (text) => out.push(text), err: () => {} },
  );
  const [, parity] = /\n\nStaging parity:\n([^\n]*(?:\n[^\n]+)*)/.exec(out.join('\n')) ?? [];
  expect(parity).toBe(
    'shop: 4 risks (stack, process types, add-ons, config var names); staging costs 58.5% of production ($162.34 of $277.34 a month at list prices)',
  );
});

/** Pipeline `pay`: staging on the Common Runtime, production in a Shield Space on a contract-priced Shield Postgres. */
function addShieldPipeline() {
  const w = heroku.world;
  w.addTeam('acme');
  w.addSpace('acme-shield', { team: 'acme', shield: true });
  w.addApp('pay-staging', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  w.addApp('pay', {
    team: 'acme',
    space: 'acme-shield',
    formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'shield-0', contract: true }],
  });
  w.addPipeline('pay', { staging: ['pay-staging'], production: ['pay'] }, 'acme');
}

test('production with a contract-priced item: its total, the share and a full copy say they leave it out', async () => {
  addShieldPipeline();
  const { code, out } = await cli(['pay']);
  expect(code).toBe(0);
  // $1,080.00 is the two Shield-M dynos; the Shield Postgres has no list price, so production costs more.
  expect(out).toContain(
    "Staging costs $100.00/mo, 9.3% of production's ≥ $1,080.00/mo, counting only the items priced (not counted: 1 production item without a public price).",
  );
  expect(out).toContain(
    'A full copy of production would add $980.00/mo to staging, counting only the items priced (not counted: 1 production item without a public price).',
  );
  expect(out).toContain('pay $1,080.00/mo = web: 2 × Shield-M $1,080.00 (not counted: Heroku Postgres shield-0)');

  const json = JSON.parse((await cli(['pay', '--json'])).out);
  expect(json.pipelines[0].production).toMatchObject({ monthly: '1080.00', unpricedItems: 1 });
  expect(json.pipelines[0].staging).toMatchObject({ monthly: '100.00', unpricedItems: 0 });
});

test('staging larger than production: a full copy would cost less, not "add $0.00"', async () => {
  const w = heroku.world;
  w.addApp('big-staging', { formation: [{ type: 'web', quantity: 3, size: 'performance-L' }] });
  w.addApp('big', { formation: [{ type: 'web', quantity: 1, size: 'performance-M' }] });
  w.addPipeline('big', { staging: ['big-staging'], production: ['big'] });
  const { out } = await cli(['big']);
  expect(out).toContain("Staging costs $1,500.00/mo, 600.0% of production's $250.00/mo.");
  expect(out).toContain('A full copy of production would cost $1,250.00/mo less than staging does now.');
  expect(out).not.toContain('would add $0.00/mo');
});

test('a pipeline in a Shield space: its dynos, named Private-S and Private-M by the API, are priced and shown as Shield ones', async () => {
  heroku.world.addTeam('vaultco');
  heroku.world.addSpace('vault-shield', { team: 'vaultco', shield: true });
  heroku.world.addApp('vault-staging', {
    team: 'vaultco',
    space: 'vault-shield',
    formation: [{ type: 'web', quantity: 1, size: 'shield-S' }],
  });
  heroku.world.addApp('vault-production', {
    team: 'vaultco',
    space: 'vault-shield',
    formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
  });
  heroku.world.addPipeline('vault', { staging: ['vault-staging'], production: ['vault-production'] });
  const { code, out } = await cli(['vault']);
  expect(code).toBe(0);
  // Heroku's list prices: Shield-S $270, Shield-M $540 a month (Private-S $225, Private-M $450).
  expect(out).toContain("Staging costs $270.00/mo, 25.0% of production's $1,080.00/mo.");
  expect(out).toContain('Shield-M');
  expect(out).not.toMatch(/Private-[SM]/i);
});

test('pipelines and apps in the order people count: part-2 before part-10', async () => {
  const w = heroku.world;
  for (const n of [10, 2, 1]) {
    w.addApp(`part-${n}-stg`, { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
    w.addApp(`part-${n}`, { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
    w.addPipeline(`part-${n}`, { staging: [`part-${n}-stg`], production: [`part-${n}`] });
  }
  w.addApp('mono-10-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addApp('mono-2-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addApp('mono', { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  w.addPipeline('mono', { staging: ['mono-10-staging', 'mono-2-staging'], production: ['mono'] });
  const all = await cli([]);
  expect(all.out.match(/^Pipeline part-\d+/gm)).toEqual(['Pipeline part-1', 'Pipeline part-2', 'Pipeline part-10']);
  const mono = await cli(['mono']);
  expect(mono.out.match(/^ {2}mono-\d+-staging against/gm)).toEqual([
    '  mono-2-staging against',
    '  mono-10-staging against',
  ]);
});

test("each pipeline's figures are dated by the prices it used, the report's basis by all of them; text and --json agree", async () => {
  // multi prices only dynos (Heroku's dyno list, 2026-08-04); shop also Postgres and Key-Value Store
  // (2026-10-02) and Papertrail at the price Heroku bills.
  addMultiPipeline(heroku);
  const { out } = await cli([]);
  expect(out).toMatch(
    /^Staging against production, read from the Heroku Platform API as of .*; figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d\.$/m,
  );
  expect(out).toContain(
    'Pipeline multi: staging against production (figures a month, estimated at Heroku list prices from sources dated 2026-08-04)\n',
  );
  expect(out).toMatch(
    /^Pipeline shop: staging against production \(figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read \d{4}-\d\d-\d\d\)$/m,
  );
  // A matching pipeline's one line dates its figures too: docs has no billed add-on.
  expect(out).toContain(
    "Staging costs $12.00/mo, 100.0% of production's $12.00/mo. Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02.",
  );

  const json = JSON.parse((await cli(['--json'])).out);
  const byName = Object.fromEntries(json.pipelines.map((p: { pipeline: string }) => [p.pipeline, p]));
  expect(json.priceDates).toEqual({ oldest: '2026-08-04', newest: '2026-10-02' });
  expect(byName.multi).toMatchObject({
    prices: 'estimated at Heroku list prices from sources dated 2026-08-04',
    priceDates: { oldest: '2026-08-04', newest: '2026-08-04' },
  });
  expect(byName.multi).not.toHaveProperty('billedOn');
  expect(byName.shop).toMatchObject({
    priceDates: { oldest: '2026-08-04', newest: '2026-10-02' },
    billedOn: json.billedOn,
  });
});

test("staging attached to production's own Postgres: the riskiest difference, counted once (billed to production), and its own copy is what matching costs", async () => {
  const w = heroku.world;
  w.addApp('blog-production', {
    formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  w.addApp('blog-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  const database = w.addOns.find((addOn) => addOn.app.name === 'blog-production');
  w.attachAddOn(String(database?.name), 'blog-staging');
  w.addPipeline('blog', { staging: ['blog-staging'], production: ['blog-production'] });

  const { code, out, err } = await cli(['blog']);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(heroku.schemaViolations).toEqual([]);
  expect(out.match(/^ {4}(RISK|COST CHOICE): .*$/gm)).toEqual([
    "    RISK: add-on Heroku Postgres standard-0: staging uses production's own, attached from blog-production (sets HEROKU_POSTGRESQL_URL)",
  ]);
  expect(out).toContain("why: Staging reads and writes production's data");
  // Before: staging $75.00, 100.0% of production, the one database counted in both stages.
  expect(out).toContain("Staging costs $25.00/mo, 33.3% of production's $75.00/mo.");
  expect(out).toContain(
    'blog-staging $25.00/mo = web: 1 × Standard-1X $25.00 + Heroku Postgres standard-0 (attached from blog-production) $0.00',
  );
  expect(out).toContain('Removing the risks of blog-staging would add $50.00/mo.');
  expect(out).toMatch(
    /\+ own Heroku Postgres standard-0 for staging, instead of production's: \$50\.00\/mo \(bundled list/,
  );

  const json = JSON.parse((await cli(['blog', '--json'])).out);
  const line = json.pipelines[0].staging.apps[0].lines[1];
  expect(line).toMatchObject({
    monthly: '0.00',
    note: 'billed to blog-production, which owns it; counted there, not here',
  });
  expect(json.pipelines[0].pairs[0].differences[0]).toMatchObject({ class: 'risk', topic: 'shared-add-on' });
});

test("a staging app on another production app's add-on (several in production) is the same risk, named by its owner", async () => {
  const w = heroku.world;
  w.addApp('duo-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addApp('duo-admin', {
    formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  w.addApp('duo-api-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.attachAddOn(String(w.addOns.find((addOn) => addOn.app.name === 'duo-admin')?.name), 'duo-api-staging');
  w.addPipeline('duo', { staging: ['duo-api-staging'], production: ['duo-api', 'duo-admin'] });

  const { code, out } = await cli(['duo']);
  expect(code).toBe(0);
  expect(out).toContain(
    "RISK: add-on Heroku Postgres standard-0: staging uses production's own, attached from duo-admin (sets HEROKU_POSTGRESQL_URL)",
  );
  // Not also 'in staging only': it is production's add-on.
  expect(out.match(/^ {4}RISK: .*$/gm)).toHaveLength(1);
  expect(out).toContain("Staging costs $25.00/mo, 25.0% of production's $100.00/mo.");
  expect(out).toContain(
    'duo-api-staging $25.00/mo = web: 1 × Standard-1X $25.00 + Heroku Postgres standard-0 (attached from duo-admin) $0.00',
  );
});
