import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';
import { type AddOnSpec, FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/**
 * `estimate app=NAME` and `compliance … app=NAME` on live apps of one kind each: a staging or review
 * app is read as that environment, by the rule `migrate` reads it with (its pipeline stage, else its name), and the answer
 * says so, so the three answers agree on the app; add-ons without a monthly price say why.
 */

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

/** One app with the formation of a small production app: web 1 × Standard-2X and a standard-0. */
function world(app: string, addOns: AddOnSpec[]): HerokuWorld {
  const w = new HerokuWorld({ seed: 5 });
  w.addApp(app, {
    formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }, ...addOns],
  });
  return w;
}

const started: FakeHeroku[] = [];
afterAll(() => Promise.all(started.map((heroku) => heroku.close())));

async function herokuWith(app: string, addOns: AddOnSpec[] = []): Promise<FakeHeroku> {
  const heroku = await FakeHeroku.start({ world: world(app, addOns) });
  started.push(heroku);
  return heroku;
}

async function cli(heroku: FakeHeroku, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_URL: tempSqliteFile(), HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
  const code = await runCli(args, env, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The lines of one section of the estimate text, from its heading to the next blank line. */
function section(out: string, heading: string): string {
  const start = out.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = out.indexOf('\n\n', start);
  return out.slice(start, end < 0 ? undefined : end);
}

test('a staging app is estimated as staging, as `migrate` models it, and the answer says why', async () => {
  const heroku = await herokuWith('shop-api-staging');
  const estimate = await cli(heroku, ['estimate', 'app=shop-api-staging']);
  expect(estimate.err).toBe('');
  expect(estimate.code).toBe(0);
  expect(estimate.out).toMatch(/^Note: .*read as staging: its name ends in -staging\.$/m);

  const aws = section(estimate.out, 'AWS (us-east-1), like-for-like tier (modelled)');
  expect(aws).toContain('\n  staging\n');
  expect(aws).not.toContain('\n  production\n');
  // One web instance in one zone with one NAT gateway, and a burstable database, as for staging.
  expect(aws).toContain('web: 1 × t3.medium: 730 × $0.0416/hour = $30.37/mo');
  expect(aws).toContain('RDS PostgreSQL db.t4g.medium Single-AZ');
  expect(aws).not.toContain('db.m6g');
  expect(aws).toContain('NAT gateway: 730 × $0.045/hour = $32.85/mo');
  // A staging app's share (10%) of a production app's traffic: 2 GB through NAT, 10 GB out, and of the logs its
  // one Standard dyno writes (5 GB: "Log volume follows what runs"), 0.5 GB.
  expect(aws).toContain('NAT gateway data processed (2 GB)');
  expect(aws).toContain('(first 10 TB: 10 GB)');
  expect(aws).toContain('CloudWatch Logs ingestion (0.5 GB)');
  expect(section(estimate.out, 'Heroku as it runs: $100.00/mo infrastructure')).toContain('\n  staging\n');

  // The same app in `migrate`: the same like-for-like total.
  const migrate = await cli(heroku, ['migrate', 'heroku']);
  expect(migrate.code).toBe(0);
  const migrated = /^ {2}Total, AWS like-for-like: (\$[\d,.]+)\/mo$/m.exec(migrate.out)![1];
  expect(aws).toContain(`Infrastructure: ${migrated}/mo`);
});

test('a staging app in a Shield space has every line in staging: the space fee and the HIPAA services too', async () => {
  const w = new HerokuWorld({ seed: 6 });
  w.addTeam('acme', { type: 'enterprise' });
  w.addSpace('acme-shield', { team: 'acme', shield: true });
  w.addApp('phi-api-staging', {
    team: 'acme',
    space: 'acme-shield',
    formation: [{ type: 'web', quantity: 1, size: 'shield-M' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA'] }],
  });
  const heroku = await FakeHeroku.start({ world: w });
  started.push(heroku);
  const { code, out } = await cli(heroku, ['estimate', 'app=phi-api-staging']);
  expect(code).toBe(0);
  const herokuSide = section(out, 'Heroku as it runs: $540.00/mo infrastructure');
  expect(herokuSide).toMatch(/\n {2}staging\n(?: {4}.*\n)* {4}Shield Private Space: 1 month, no amount/);
  const aws = section(out, 'AWS (us-east-1), like-for-like tier (modelled)');
  expect(aws).toContain('CloudTrail data events (1,000,000)');
  expect(aws).toContain('KMS key for encrypted storage');
  for (const side of [herokuSide, aws]) expect(side).not.toContain('\n  production\n');
  expect(out).toContain('Missing: Heroku: Shield Private Space (staging) has no public price');
});

test('an app that runs no dynos is said to, and is taken to log nothing (as in `migrate`)', async () => {
  const w = new HerokuWorld({ seed: 7 });
  w.addApp('shop-archive', { addOns: [{ service: 'heroku-postgresql', plan: 'essential-0', cents: 500 }] });
  w.addApp('shop-jobs', {
    formation: [{ type: 'worker', quantity: 0, size: 'standard-1X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'essential-0', cents: 500 }],
  });
  const heroku = await FakeHeroku.start({ world: w });
  started.push(heroku);
  for (const app of ['shop-archive', 'shop-jobs']) {
    const { code, out } = await cli(heroku, ['estimate', `app=${app}`]);
    expect(code).toBe(0);
    expect(out).toContain(
      `  - ${app} runs no dynos (its formation is empty or scaled to 0): only its add-ons are priced, and it is taken to send and log nothing.`,
    );
    expect(out).not.toContain('CloudWatch Logs ingestion');
    // Nothing runs, so nothing reaches the internet: no NAT gateway (it was $32.85/mo, with an address).
    // No NAT gateway line (the tiers' descriptions still name NAT gateways in their rule).
    expect(out).not.toMatch(/^ {4}NAT gateway[^\n]*= \$/m);
    expect(out).not.toContain('Public IPv4');
    expect(out).toContain(
      'On AWS the estimate adds no load balancer, NAT gateway, public address, root volume or logs, as no process runs: a NAT gateway is for instances in private subnets to reach the internet (Amazon VPC User Guide, NAT gateways)',
    );
  }
  const migrate = await cli(heroku, ['migrate', 'heroku']);
  expect(migrate.code).toBe(0);
  expect(migrate.out).not.toContain('Logs (CloudWatch)');
});

test('`compliance … app=NAME` checks a staging app’s AWS side as the estimate models it', async () => {
  const heroku = await herokuWith('shop-api-staging');
  const { code, out } = await cli(heroku, ['compliance', 'hipaa', 'app=shop-api-staging']);
  expect(code).toBe(0);
  expect(out).toContain('RDS for PostgreSQL is HIPAA-eligible: db.t4g.medium.');
  expect(out).not.toContain('db.m6g');
});

test('a review app is read as review, and a production app says why it was read as production', async () => {
  const review = await cli(await herokuWith('shop-api-pr-12'), ['estimate', 'app=shop-api-pr-12']);
  expect(review.code).toBe(0);
  expect(review.out).toMatch(/^Note: .*read as review: its name ends in -pr-12\.$/m);
  expect(section(review.out, 'AWS (us-east-1), like-for-like tier (modelled)')).toContain('\n  review\n');

  const production = await cli(await herokuWith('shop-api'), ['estimate', 'app=shop-api', '--json']);
  expect(production.code).toBe(0);
  expect(JSON.parse(production.out).live).toMatchObject({
    app: 'shop-api',
    environment: 'production',
    readAs: expect.stringMatching(/^read as production: its name has no /),
  });
});

test('an add-on Heroku bills by usage, or gives no price for, is left out for that reason, not as a contract price', async () => {
  const heroku = await herokuWith('shop-api', [
    { service: 'metered-search', plan: 'usage', cents: 3, unit: 'hour' },
    { service: 'quiet-logs', plan: 'basic', billed: 'none' },
    { service: 'enterprise-search', plan: 'dedicated', contract: true },
  ]);
  const { code, out } = await cli(heroku, ['estimate', 'app=shop-api']);
  expect(code).toBe(0);
  const heading = section(out, 'Heroku as it runs: $100.00/mo infrastructure');
  expect(heading).toContain('metered-search (usage): 1 month, no amount (billed per hour, not per month) [');
  expect(heading).toContain('quiet-logs (basic): 1 month, no amount (Heroku gives no billed price for it) [');
  expect(heading).toContain(
    'enterprise-search (dedicated): 1 month, no amount (contract price: billed under your contract, not listed) [',
  );
  expect(out).toContain(
    'Missing: Heroku: metered-search (usage) (production) has no monthly price; billed per hour, not per month.',
  );
  expect(out).toContain(
    'Missing: Heroku: quiet-logs (basic) (production) has no monthly price; Heroku gives no billed price for it.',
  );
  // Only the contract-priced add-on is said to have no public price.
  expect(out.match(/^Missing: .*has no public price/gm)).toEqual([
    'Missing: Heroku: enterprise-search (dedicated) (production) has no public price',
    'Missing: AWS: enterprise-search (dedicated), bought directly (production) has no public price',
  ]);
  // The three add-ons are left out of AWS's total too, bought directly at what Heroku bills: they add the
  // same to both sides, so the verdict stands on the difference of the totals shown ($305.14 consolidated
  // less $100.00), and says why. It read "No verdict: Heroku and AWS leave items … out", as if AWS's items
  // were others than Heroku's.
  const infrastructure = (heading: string) =>
    Number(new RegExp(`^${heading}: \\$([\\d,.]+)/mo infrastructure`, 'm').exec(out)![1].replace(/,/g, ''));
  const gap =
    infrastructure('AWS \\(us-east-1\\), consolidated tier \\(modelled\\)') - infrastructure('Heroku as it runs');
  expect(gap.toFixed(2)).toBe('202.49');
  expect(out).toContain(
    "Heroku is cheaper: by $202.49/mo on infrastructure and by $1,002.49/mo with ops, against AWS's consolidated tier. The 3 add-ons without a price in both totals are bought directly on AWS, taken to cost what Heroku bills for them, so they add the same to both and leave the difference as it is.",
  );
  expect(out).not.toContain('No verdict');
  const json = JSON.parse((await cli(heroku, ['estimate', 'app=shop-api', '--json'])).out);
  expect(json.verdict).toMatchObject({ kind: 'cheaper', cheaper: 'heroku', difference: '202.49', alike: 3 });
  // Each kind named for what it is: a contract price, and two Heroku bills other than by the month.
  expect(heading).toContain(
    'Not in these totals: 1 item without a public price (a contract price) and 2 items without a monthly price; each line above says how to add it.',
  );
});

test('an app made after the list of apps was read: the CLI says when the list was read, for estimate and compliance', async () => {
  const heroku = await herokuWith('shop-api');
  const database = tempSqliteFile();
  const env = { DATABASE_URL: database, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
  const run = async (args: string[]) => {
    const err: string[] = [];
    const code = await runCli(args, env, { out: () => {}, err: (text) => err.push(text) });
    return { code, err: err.join('\n') };
  };
  expect((await run(['estimate', 'app=shop-api'])).code).toBe(0);
  heroku.world.addApp('shop-new', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
  for (const args of [
    ['estimate', 'app=shop-new'],
    ['compliance', 'hipaa', 'app=shop-new'],
  ]) {
    const { code, err } = await run(args);
    expect(code).toBe(1);
    expect(err).toContain('There is no app named "shop-new" among the Heroku apps this token sees');
    expect(err).toMatch(
      /The list of apps is as of .* UTC \(cached\): an app made since then is found after the next read/,
    );
  }
});

test('an app with a second Postgres and a second Key-Value Store: each is priced at its plan on Heroku and is its own RDS instance and cache on AWS', async () => {
  // Before: the smaller of each was an add-on "bought directly" on AWS at its Heroku price.
  const heroku = await herokuWith('shop-api', [
    { service: 'heroku-postgresql', plan: 'standard-2', cents: 20000 },
    { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
    { service: 'heroku-redis', plan: 'premium-2', cents: 6000 },
  ]);
  const { code, out } = await cli(heroku, ['estimate', 'app=shop-api']);
  expect(code).toBe(0);
  // $50 web, $200 standard-2, $50 standard-0, $60 premium-2, $15 premium-0.
  const herokuSide = section(out, 'Heroku as it runs: $375.00/mo infrastructure');
  expect(herokuSide).toContain('Heroku Postgres standard-2: 1 × $200.00/month = $200.00/mo');
  expect(herokuSide).toContain('Heroku Postgres standard-0: 1 × $50.00/month = $50.00/mo');
  expect(herokuSide).toContain('Heroku Key-Value Store premium-0: 1 × $15.00/month = $15.00/mo');
  for (const tier of ['like-for-like', 'consolidated', 'optimised']) {
    const aws = section(out, `AWS (us-east-1), ${tier} tier (modelled)`);
    expect(aws).toContain(
      'RDS PostgreSQL db.m6g.large Single-AZ, for Heroku Postgres standard-2: 730 × $0.159/hour = $116.07/mo',
    );
    expect(aws).toContain(
      'RDS PostgreSQL db.m6g.large Single-AZ, for Heroku Postgres standard-0: 730 × $0.159/hour = $116.07/mo',
    );
    expect(aws).toContain('RDS gp3 storage (256 GB, Single-AZ, for Heroku Postgres standard-2)');
    expect(aws).not.toContain('bought directly');
  }
  expect(section(out, 'AWS (us-east-1), like-for-like tier (modelled)')).toContain(
    'ElastiCache cache.t4g.micro × 2 (primary and replica), for Key-Value Store premium-0: 1,460 × $0.016/hour = $23.36/mo',
  );
  expect(out).toContain(
    '  - 1 app has more than one Heroku Postgres or Key-Value Store: shop-api (Postgres standard-2 and standard-0;',
  );
});

test('an app with two Postgres databases of one plan: each line names its add-on, on Heroku and on AWS', async () => {
  // Before: two lines read "Heroku Postgres standard-0" on each side, and a lead could not say which was which.
  const heroku = await herokuWith('shop-api', [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }]);
  const { code, out } = await cli(heroku, ['estimate', 'app=shop-api']);
  expect(code).toBe(0);
  const names = heroku.world.addOns.filter((a) => a.app.name === 'shop-api').map((a) => a.name as string);
  expect(names).toHaveLength(2);
  const herokuSide = section(out, 'Heroku as it runs: $150.00/mo infrastructure');
  for (const name of names) {
    expect(herokuSide).toContain(`Heroku Postgres standard-0 (${name}): 1 × $50.00/month = $50.00/mo`);
    expect(section(out, 'AWS (us-east-1), like-for-like tier (modelled)')).toContain(
      `RDS PostgreSQL db.m6g.large Single-AZ, for Heroku Postgres standard-0 (${name}): 730 × $0.159/hour = $116.07/mo`,
    );
  }
});

test("an add-on's billed price cites the day the Platform API gave it, not the bundled list's date", async () => {
  const heroku = await herokuWith('shop-api', [{ service: 'papertrail', plan: 'volmar', cents: 1400 }]);
  const { code, out } = await cli(heroku, ['estimate', 'app=shop-api']);
  expect(code).toBe(0);
  const read = /^Note: Live Heroku app shop-api, read (\d{4}-\d\d-\d\d) /m.exec(out)![1];
  const cited = /^ {4}papertrail \(volmar\): 1 × \$14\.00\/month = \$14\.00\/mo, estimated \[(\d+)\]$/m.exec(out)![1];
  // It cited the bundled list's date (2026-12-05 on 2026-12-08): a lead would take the price for one read days before.
  expect(out).toMatch(new RegExp(`^ {2}\\[${cited}\\] Heroku Platform API: billed price, as of ${read}$`, 'm'));
});

test("an app's pipeline stage decides its environment before its name, in estimate app=NAME and migrate alike", async () => {
  const w = new HerokuWorld({ seed: 7 });
  const formation = [{ type: 'web', quantity: 1, size: 'standard-2X' }];
  const addOns: AddOnSpec[] = [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }];
  // A staging app named with no -staging mark, and an app whose name says staging but which is promoted to production.
  w.addApp('shop-preprod', { formation, addOns });
  w.addApp('shop-staging-v2', { formation, addOns });
  w.addApp('blog-staging', { formation, addOns });
  w.addPipeline('shop', { staging: ['shop-preprod'], production: ['shop-staging-v2'] });
  const heroku = await FakeHeroku.start({ world: w });
  started.push(heroku);

  const preprod = await cli(heroku, ['estimate', 'app=shop-preprod']);
  expect(preprod.code).toBe(0);
  expect(preprod.out).toMatch(/^Note: .*read as staging: it is in its pipeline's staging stage\.$/m);
  const preprodAws = section(preprod.out, 'AWS (us-east-1), like-for-like tier (modelled)');
  expect(preprodAws).toContain('\n  staging\n');
  expect(preprodAws).toContain('web: 1 × t3.medium: 730 × $0.0416/hour = $30.37/mo');

  const promoted = await cli(heroku, ['estimate', 'app=shop-staging-v2']);
  expect(promoted.out).toMatch(/^Note: .*read as production: it is in its pipeline's production stage\.$/m);
  expect(section(promoted.out, 'AWS (us-east-1), like-for-like tier (modelled)')).toContain('\n  production\n');

  // In no pipeline: the name rule, as before.
  const blog = await cli(heroku, ['estimate', 'app=blog-staging']);
  expect(blog.out).toMatch(/^Note: .*read as staging: its name ends in -staging\.$/m);

  // migrate reads each app the same way.
  const migrate = JSON.parse((await cli(heroku, ['migrate', 'heroku', '--json'])).out);
  const units = migrate.units as { name: string; environment: string }[];
  const appsIn = (environment: string) =>
    units
      .filter((unit) => unit.environment === environment)
      .map((unit) => unit.name)
      .sort();
  const appsByEnvironment = { production: appsIn('production'), staging: appsIn('staging') };
  expect(appsByEnvironment).toEqual({ production: ['shop-staging-v2'], staging: ['blog-staging', 'shop-preprod'] });
});
