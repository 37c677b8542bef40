import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { firstOfMonth, utcDay } from '../../src/core/utc-days';
import { tempSqliteFile } from '../support/databases';
import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { setProcessEnv } from '../support/process-env';

/** Two team apps (one a staging app) and a personal blog: $230.00 a month at list prices. */
function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 3 });
  w.addTeam('shop', { type: 'team' });
  w.addApp('shop-api', {
    team: 'shop',
    formation: [
      { type: 'web', quantity: 2, size: 'standard-2X' },
      { type: 'worker', quantity: 1, size: 'standard-1X' },
    ],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
    ],
  });
  w.addApp('shop-api-staging', {
    team: 'shop',
    formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'essential-0', cents: 500 }],
  });
  w.addApp('blog', {
    formation: [{ type: 'web', quantity: 1, size: 'basic' }],
    addOns: [{ service: 'heroku-redis', plan: 'mini', cents: 300 }],
  });
  return w;
}

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const CACHE = 'Amazon ElastiCache';

let heroku: FakeHeroku;
let ce: FakeCostExplorer;
let restoreEnv = () => {};

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: world() });
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await heroku.close();
  await ce.close();
  restoreEnv();
});

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['migrate', ...argv],
    { DATABASE_URL: tempSqliteFile(), ...env },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const herokuEnv = () => ({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });

/** Sums `$1,234.56` amounts of the rows between a heading and its `Total, …:` line. */
function sectionsOf(text: string): { heading: string; rows: number[]; total: number }[] {
  const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
  const found: { heading: string; rows: number[]; total: number }[] = [];
  let current: { heading: string; rows: number[] } | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) current = { heading: line, rows: [] };
    const row = /^ {4}.*: (-?\$[\d,]+\.\d\d)(\/mo| once)$/.exec(line);
    if (row && current) current.rows.push(cents(row[1]));
    const total = /^ {2}Total, .*: (-?\$[\d,]+\.\d\d)(\/mo| once)$/.exec(line);
    if (total && current) found.push({ ...current, total: cents(total[1]) });
  }
  return found;
}

describe('npx hosting-advisor migrate heroku', () => {
  test('--json: the direction, the current monthly total and the three tiers, exact to the cent', async () => {
    const { code, stdout, stderr } = await run(['heroku', '--json'], herokuEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      direction: 'heroku-to-aws',
      currency: 'USD',
      // shop-api 2 × $50 + $25 + standard-0 $50 + premium-0 $15; staging $25 + essential-0 $5; blog $7 + mini $3.
      current: { platform: 'heroku', monthly: '230.00' },
      tiers: [
        // shop-api's web → 2 instances (t3.medium × 2), blog's Basic web → 1 t3.small (Basic dynos do not scale
        // out, so one, as on Heroku), worker t3.small; staging t3.small;
        // RDS db.m6g.large for production's standard-0 (not burstable: 730 × $0.159 = $116.07) and db.t4g.micro
        // for staging's essential-0; cache.t4g.micro × 2 (premium-0 has a replica) and × 1; one ALB per environment, two NAT
        // gateways and one staging NAT, 7 public addresses (the staging load balancer spans two zones), logs; 200 GB egress.
        // blog runs only a Basic dyno: its instance in a public subnet with its own address ($3.65), no share of
        // the load balancer's capacity ($5.84) or the NAT gateways' data ($0.90): $3.09 less than before.
        { id: 'like-for-like', monthly: '482.14' },
        // The two small caches of production share one cache.t4g.micro pair: $11.68 less.
        { id: 'consolidated', monthly: '470.46' },
        // Graviton and a 1-year Compute Savings Plan on the instances; the shared cache pair on Valkey,
        // 1,460 h × $0.0128 = $18.69 instead of $23.36 on Redis OSS.
        { id: 'optimised', monthly: '421.32' },
      ],
      verdict: { tier: 'consolidated', kind: 'cheaper', cheaper: 'heroku', difference: '240.46' },
      differences: [
        { tier: 'like-for-like', monthly: '-252.14' },
        { tier: 'consolidated', monthly: '-240.46' },
        { tier: 'optimised', monthly: '-191.32' },
      ],
      // By what each app has, at $100/h: 3 apps × 4 h, 4 running process types × 2 h, shop-api and its staging
      // app on the production layout × 4 h, essential-0 by dump and restore 4 h, standard-0 by a rehearsed
      // cut-over 8 h, 2 Key-Value Stores × 2 h: 44 h. The flat rule (16 h an app, 8 a database) made it 64 h.
      oneOff: { total: '4400.00' },
      teams: [
        { team: 'shop', apps: 2, current: '220.00' },
        { team: null, apps: 1, current: '10.00' },
      ],
    });
    expect(json).not.toHaveProperty('paybackMonths');
    // The dates of the sources its lines were priced from, as the text's "List prices from sources dated …".
    expect(json.priceDates).toEqual({ oldest: expect.any(String), newest: expect.any(String) });
    const { stdout: text } = await run(['heroku'], herokuEnv());
    expect(text).toContain(`List prices from sources dated ${json.priceDates.oldest} to ${json.priceDates.newest}`);
    for (const amount of [json.current.monthly, ...json.tiers.map((t: { monthly: string }) => t.monthly)])
      expect(amount).toMatch(/^\d+\.\d\d$/);
    // Every total is the sum of its lines as shown.
    const cents = (s: string) => Math.round(Number(s) * 100);
    for (const part of [json.current, ...json.tiers]) {
      const sum = part.lines.reduce((n: number, l: { monthly: string }) => n + cents(l.monthly), 0);
      expect(sum).toBe(cents(part.monthly));
    }
    const units = json.units.reduce((n: number, u: { likeForLike: string }) => n + cents(u.likeForLike), 0);
    expect(units + cents(json.shared.likeForLike)).toBe(cents(json.tiers[0].monthly));
  });

  test('text: per team and per app, shared infrastructure, tiers, one-off, drivers; every total foots', async () => {
    const { code, stdout } = await run(['heroku'], herokuEnv());
    expect(code).toBe(0);
    expect(stdout).toContain('Migrate: the Heroku account (3 apps) modelled on AWS');
    expect(stdout).toContain('On the consolidated tier, Heroku is cheaper on infrastructure by $240.46/mo.');
    expect(stdout).toContain(
      'Each month, moving to AWS: like-for-like costs $252.14/mo more; consolidated costs $240.46/mo more; optimised costs $191.32/mo more.',
    );
    expect(stdout).toContain('    shop (2 apps): $220.00/mo');
    expect(stdout).toContain('    shop-api-staging: $30.00/mo');
    expect(stdout).toContain(
      'Shared AWS infrastructure (load balancers, NAT gateways, public addresses, root volumes, logs, data transfer): $199.76/mo',
    );
    expect(stdout).toContain('  Total, One-off: $4,400.00 once');
    // A lead reads each part of the one-off, with its hours.
    expect(stdout).toContain(
      '    1 Postgres database on larger plans by a rehearsed cut-over (8 h each: a trial restore to time it, then the cut-over in a planned window): $800.00 once'.replace(
        '    1',
        '    Moving 1',
      ),
    );
    expect(stdout).toContain(
      'Standard-1X dynos (2 dynos in 2 apps) are cheaper on AWS by $19.64/mo: $50.00/mo on Heroku, $30.36/mo as their own AWS resources like-for-like.',
    );
    // blog's Basic web dyno is one t3.small ($15.18), as Heroku runs it one to a process type, with the rule said.
    expect(stdout).toContain('one for an Eco or Basic dyno, which Heroku runs one to a process type');
    // Each tier's assumption starts as a sentence does (it read "  - consolidated: ECS on EC2: …").
    expect(stdout).toContain('  - Consolidated: ECS on EC2: the processes packed onto shared instances');
    expect(stdout).not.toMatch(/^ {2}- (like-for-like|consolidated|optimised):/m);
    const sections = sectionsOf(stdout);
    expect(sections.length).toBeGreaterThanOrEqual(8);
    for (const s of sections) expect([s.heading, s.rows.reduce((a, b) => a + b, 0)]).toEqual([s.heading, s.total]);
  });

  test('without HEROKU_API_TOKEN it says what to set, and prints no figures', async () => {
    const { code, stdout, stderr } = await run(['heroku'], {});
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Heroku spend is off: set HEROKU_API_TOKEN');
  });

  test('with no word and nothing connected it says what to set for either account', async () => {
    const restore = setProcessEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    try {
      const { code, stdout, stderr } = await run([], {});
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('neither account is connected');
      expect(stderr).toContain('Heroku spend is off: set HEROKU_API_TOKEN');
      expect(stderr).toContain('AWS spend is off: set AWS credentials');
    } finally {
      restore();
    }
  });

  test('a word it does not know gets an example, exit 2', async () => {
    const { code, stderr } = await run(['azure'], herokuEnv());
    expect(code).toBe(2);
    expect(stderr).toContain('`azure`');
    expect(stderr).toContain('npx hosting-advisor migrate heroku');
  });
});

describe('npx hosting-advisor migrate heroku, with an app of two Postgres and two Key-Value Stores and a staging app scaled to 0', () => {
  // Before: shop-api's standard-0 and premium-0 (the smaller of each) were "add-ons bought directly" on AWS at
  // their Heroku price ($65.00), and the staging environment, where no dyno runs, paid a NAT gateway, its
  // data and address ($36.59): AWS like-for-like $556.22/mo, one-off $6,400.00 (2 databases of 3).
  let data: FakeHeroku;
  beforeAll(async () => {
    const w = new HerokuWorld({ seed: 9 });
    w.addTeam('shop', { type: 'team' });
    w.addApp('shop-api', {
      team: 'shop',
      formation: [
        { type: 'web', quantity: 2, size: 'standard-2X' },
        { type: 'worker', quantity: 1, size: 'standard-1X' },
      ],
      addOns: [
        { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
        { service: 'heroku-postgresql', plan: 'standard-2', cents: 20000 },
        { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
        { service: 'heroku-redis', plan: 'premium-2', cents: 6000 },
        { service: 'papertrail', plan: 'fixa', cents: 700 },
      ],
    });
    w.addApp('shop-api-staging', {
      team: 'shop',
      formation: [{ type: 'web', quantity: 0, size: 'standard-1X' }],
      addOns: [
        { service: 'heroku-postgresql', plan: 'essential-0', cents: 500 },
        { service: 'heroku-redis', plan: 'mini', cents: 300 },
      ],
    });
    w.addApp('blog', { formation: [{ type: 'web', quantity: 1, size: 'basic' }] });
    data = await FakeHeroku.start({ world: w });
  });
  afterAll(() => data.close());

  const env = () => ({ HEROKU_API_TOKEN: data.token, HEROKU_API_URL: data.url });
  type Line = { item: string; environment: string; monthly: string };
  const cents = (s: string) => Math.round(Number(s) * 100);

  test('--json: both databases are RDS instances and both caches ElastiCache in every tier, nothing of them stays on Heroku', async () => {
    const { code, stdout } = await run(['heroku', '--json'], env());
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // Heroku: shop-api 2 × $50 + $25 + standard-2 $200 + standard-0 $50 + premium-2 $60 + premium-0 $15 + papertrail $7;
    // staging essential-0 $5 + mini $3; blog $7.
    expect(json.current.monthly).toBe('472.00');
    expect(
      json.current.lines
        .filter((l: Line) => l.item.startsWith('shop-api: Heroku'))
        .map((l: Line) => [l.item, l.monthly]),
    ).toEqual([
      ['shop-api: Heroku Postgres standard-2', '200.00'],
      ['shop-api: Heroku Postgres standard-0', '50.00'],
      ['shop-api: Heroku Key-Value Store premium-2', '60.00'],
      ['shop-api: Heroku Key-Value Store premium-0', '15.00'],
    ]);
    for (const tier of json.tiers) {
      const databases = tier.lines
        .filter((l: Line) => l.item.startsWith('shop-api: RDS'))
        .map((l: Line) => [l.item, l.monthly]);
      // Production and a Standard plan: non-burstable db.m6g.large (8 GiB) for both, each with its plan's storage.
      expect([tier.id, databases]).toEqual([
        tier.id,
        [
          ['shop-api: RDS PostgreSQL db.m6g.large Single-AZ, for Heroku Postgres standard-2', '116.07'],
          ['shop-api: RDS gp3 storage (256 GB, Single-AZ, for Heroku Postgres standard-2)', '29.44'],
          ['shop-api: RDS PostgreSQL db.m6g.large Single-AZ, for Heroku Postgres standard-0', '116.07'],
          ['shop-api: RDS gp3 storage (64 GB, Single-AZ, for Heroku Postgres standard-0)', '7.36'],
        ],
      ]);
      // No Heroku data store is "bought directly": only the marketplace add-on is.
      expect(
        tier.lines.filter((l: Line) => l.item.endsWith('bought directly')).map((l: Line) => [l.item, l.monthly]),
      ).toEqual([['shop-api: papertrail (fixa), bought directly', '7.00']]);
      // Every total is the sum of its lines as shown.
      expect(tier.lines.reduce((n: number, l: Line) => n + cents(l.monthly), 0)).toBe(cents(tier.monthly));
    }
    const caches = (id: string) =>
      json.tiers
        .find((t: { id: string }) => t.id === id)
        .lines.filter((l: Line) => l.environment === 'production' && /ElastiCache/.test(l.item))
        .map((l: Line) => [l.item, l.monthly]);
    // Both HA plans with a replica each, like-for-like on their own nodes ...
    expect(caches('like-for-like')).toEqual([
      ['shop-api: ElastiCache cache.t4g.micro × 2 (primary and replica), for Key-Value Store premium-2', '23.36'],
      ['shop-api: ElastiCache cache.t4g.micro × 2 (primary and replica), for Key-Value Store premium-0', '23.36'],
    ]);
    // ... and, small (50 MB and 250 MB), sharing one node pair in the consolidated tiers, as small caches do.
    expect(caches('consolidated')).toEqual([
      ['ElastiCache cache.t4g.micro × 2 (primary and replica) shared by 2 caches of 1 app', '23.36'],
    ]);
    expect(json.tiers.map((t: { id: string; monthly: string }) => [t.id, t.monthly])).toEqual([
      ['like-for-like', '579.16'],
      ['consolidated', '555.80'],
      ['optimised', '510.67'],
    ]);
    // By what each app has, at $100/h: 3 apps × 4 h, 3 running process types × 2 h (staging runs none),
    // shop-api on the production layout 4 h, standard-0 and standard-2 by a rehearsed cut-over 2 × 8 h,
    // essential-0 by dump and restore 4 h, 3 Key-Value Stores × 2 h, papertrail 2 h: 50 h (the flat rule: 72 h).
    expect(json.oneOff.total).toBe('5000.00');
  });

  test('--json: staging, where no dyno runs, has its databases and caches but no NAT gateway, address or logs', async () => {
    const { stdout } = await run(['heroku', '--json'], env());
    const json = JSON.parse(stdout);
    for (const tier of json.tiers) {
      const staging = tier.lines.filter((l: Line) => l.environment === 'staging').map((l: Line) => l.item);
      expect(staging.some((item: string) => /NAT|Public IPv4|CloudWatch|Load Balancer/.test(item))).toBe(false);
      expect(staging).toEqual(expect.arrayContaining(['shop-api-staging: RDS PostgreSQL db.t4g.micro Single-AZ']));
      // Production, where processes run, keeps its two NAT gateways.
      expect(tier.lines.map((l: Line) => l.item)).toContain('NAT gateway × 2 (one per Availability Zone)');
    }
  });

  test('text: a lead reads which apps have several data stores, the one-off for each database, and why staging has no NAT', async () => {
    const { code, stdout } = await run(['heroku'], env());
    expect(code).toBe(0);
    expect(stdout).toContain(
      '    Moving 2 Postgres databases on larger plans by a rehearsed cut-over (8 h each: a trial restore to time it, then the cut-over in a planned window): $1,600.00 once',
    );
    expect(stdout).toContain(
      '    Copying 1 Postgres database on plans of at most 20 GB by dump and restore (4 h each: pg:backups capture, pg_restore into RDS, check, switch): $400.00 once',
    );
    expect(stdout).toContain(
      "    Replacing 1 other add-on (2 h each: an AWS service or the vendor's own account in its place): $200.00 once",
    );
    expect(stdout).toContain(
      '  - 1 app has more than one Heroku Postgres or Key-Value Store: shop-api (Postgres standard-2 and standard-0; Key-Value Store premium-2 and premium-0). None can stay on Heroku when the app moves, so each Postgres is its own RDS instance',
    );
    expect(stdout).toContain("Heroku's Platform API does not say which Postgres add-on is a follower");
    expect(stdout).toContain(
      '  - No process runs in staging (its apps are scaled to 0 or hold only data), so AWS has no NAT gateway, public address or logs there: a NAT gateway is for instances in private subnets to reach the internet (Amazon VPC User Guide, NAT gateways)',
    );
    expect(stdout).toContain(
      'Heroku Postgres standard-2 (8 GB) → RDS PostgreSQL db.m6g.large Single-AZ with 256 GB gp3 storage',
    );
    const sections = sectionsOf(stdout);
    for (const s of sections) expect([s.heading, s.rows.reduce((a, b) => a + b, 0)]).toEqual([s.heading, s.total]);
  });
});

describe('npx hosting-advisor migrate heroku, with an app in a Shield Private Space', () => {
  let shielded: FakeHeroku;
  beforeAll(async () => {
    const w = new HerokuWorld({ seed: 5 });
    w.addTeam('care', { type: 'enterprise' });
    w.addSpace('care-shield', { team: 'care', shield: true });
    w.addApp('care-api', {
      team: 'care',
      space: 'care-shield',
      formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
      addOns: [{ service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA'] }],
    });
    shielded = await FakeHeroku.start({ world: w });
  });
  afterAll(() => shielded.close());

  test("Heroku's priced lines alone cost more: AWS is cheaper by at least the difference, and the move pays back within whole months", async () => {
    const { code, stdout } = await run(['heroku'], {
      HEROKU_API_TOKEN: shielded.token,
      HEROKU_API_URL: shielded.url,
    });
    expect(code).toBe(0);
    // The Shield space and shield-0 have no public price, so Heroku's $1,080.00 (2 × Shield-M) is a
    // lower bound; it already costs more than AWS's consolidated tier, and the missing items only add.
    const [, saving] = /AWS is cheaper on infrastructure by at least (\$[\d,]+\.\d\d)\/mo\./.exec(stdout) ?? [];
    expect(saving).toBeDefined();
    expect(stdout).toContain(`consolidated saves at least ${saving}/mo`);
    expect(stdout).toContain('Missing: Heroku: Shield Private Space care-shield (production) has no public price');
    // One-off at $100/h: 4 h for the app, 2 h for its web process, 4 h for the production layout, 8 h for
    // shield-0 (a rehearsed cut-over) and 16 h for rebuilding the Shield space as a VPC: 34 h. At least that
    // saving a month pays it back within ⌈3,400 ÷ saving⌉.
    const months = Math.ceil(3400 / Number(saving.replace(/[$,]/g, '')));
    expect(stdout).toContain(
      `One-off cost of moving: $3,400.00 (engineering hours and data copied; apart from every monthly figure); the consolidated tier's monthly saving of at least ${saving} pays it back within ${months} month${months === 1 ? '' : 's'} ($3,400.00 ÷ ${saving}, rounded up).`,
    );
    expect(stdout).not.toContain('does not pay back');
    const json = JSON.parse(
      (await run(['heroku', '--json'], { HEROKU_API_TOKEN: shielded.token, HEROKU_API_URL: shielded.url })).stdout,
    );
    expect(json.verdict).toMatchObject({
      kind: 'cheaper',
      cheaper: 'aws',
      atLeast: true,
      difference: saving.replace(/[$,]/g, ''),
    });
    expect(json.paybackWithinMonths).toBe(months);
    expect(json).not.toHaveProperty('paybackMonths');
  });
});

describe('npx hosting-advisor migrate heroku: a team, an app or the account-wide row that leaves items out is a lower bound', () => {
  // Before, "care (2 apps): $1,105.00/mo" read as exact beside a footer that flagged the shield-0 database,
  // the contract add-on and the Shield space fee; --json gave the teams and apps no sign of them either.
  let mixed: FakeHeroku;
  beforeAll(async () => {
    const w = new HerokuWorld({ seed: 7 });
    w.addTeam('care', { type: 'enterprise' });
    w.addTeam('shop', { type: 'team' });
    w.addSpace('care-shield', { team: 'care', shield: true });
    w.addApp('care-api', {
      team: 'care',
      space: 'care-shield',
      formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
      addOns: [
        { service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA'] },
        { service: 'enterprise-search', plan: 'dedicated', contract: true },
      ],
    });
    w.addApp('care-site', { team: 'care', formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
    w.addApp('shop-api', { team: 'shop', formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
    mixed = await FakeHeroku.start({ world: w });
  });
  afterAll(() => mixed.close());
  const env = () => ({ HEROKU_API_TOKEN: mixed.token, HEROKU_API_URL: mixed.url });
  const cents = (s: string) => Math.round(Number(s) * 100);

  test('text: the rows with items left out say ≥ and how many of what kind, the others stay exact; every section still foots', async () => {
    const { code, stdout } = await run(['heroku'], env());
    expect(code).toBe(0);
    // care-api: 2 × Shield-M $540; shield-0, enterprise-search and the Shield space fee have no public price.
    // The space is care's, so care's figure leaves its fee out too; no account-wide row is left.
    expect(stdout).toContain('    care (2 apps): ≥ $1,105.00/mo (3 items without a public price)');
    expect(stdout).toContain('    shop (1 app): $100.00/mo\n');
    expect(stdout).not.toContain('Account-wide');
    // By app, the space is a row of its own: its apps share it.
    expect(stdout).toContain(
      '    Shield Private Space care-shield (team care: care-api): ≥ $0.00/mo (1 item without a public price)',
    );
    expect(stdout).toContain('  Total, Heroku: ≥ $1,205.00/mo (3 items without a public price)');
    expect(stdout).toContain('    care-api: ≥ $1,080.00/mo (2 items without a public price)');
    expect(stdout).toContain('    care-site: $25.00/mo\n');
    // On AWS the contract add-on is bought directly, still without a price; the database has one there.
    expect(stdout).toMatch(/\n {4}care \(2 apps\): ≥ \$[\d,]+\.\d\d\/mo \(1 item without a public price\)\n/);
    expect(stdout).toMatch(/\n {4}care-api: ≥ \$[\d,]+\.\d\d\/mo \(1 item without a public price\)\n/);
    expect(stdout).toMatch(
      /\n {4}Add-ons, bought directly from their providers: ≥ \$0\.00\/mo \(1 item without a public price\)\n/,
    );
    const money = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
    const figure = /: (≥ )?(\$[\d,]+\.\d\d)(\/mo| once)( \((\d+) items? without a public price\))?$/;
    let rows = { cents: 0, unpriced: 0 };
    let checked = 0;
    for (const line of stdout.split('\n')) {
      const found = figure.exec(line);
      if (/^ {4}\S/.test(line) && found) {
        rows.cents += money(found[2]);
        rows.unpriced += Number(found[5] ?? 0);
        // A lower bound always says how many items it leaves out, and only then.
        expect(Boolean(found[1])).toBe(Boolean(found[4]));
      } else if (/^ {2}Total, /.test(line) && found) {
        expect([line, rows]).toEqual([line, { cents: money(found[2]), unpriced: Number(found[5] ?? 0) }]);
        checked += 1;
      }
      if (/^\S/.test(line)) rows = { cents: 0, unpriced: 0 };
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  test('text: a row names its items left out by kind, as the estimate does: an add-on billed by usage has no monthly price, not no public price', async () => {
    const w = new HerokuWorld({ seed: 11 });
    w.addTeam('care', { type: 'enterprise' });
    w.addApp('care-api', {
      team: 'care',
      formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }],
      addOns: [
        { service: 'enterprise-search', plan: 'dedicated', contract: true },
        { service: 'metered-search', plan: 'usage', cents: 3, unit: 'hour' },
      ],
    });
    const heroku = await FakeHeroku.start({ world: w });
    try {
      const { code, stdout } = await run(['heroku'], { HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
      expect(code).toBe(0);
      expect(stdout).toContain(
        '    care (1 app): ≥ $25.00/mo (1 item without a public price and 1 without a monthly price)\n',
      );
      expect(stdout).toContain(
        '  Total, Heroku: ≥ $25.00/mo (1 item without a public price and 1 without a monthly price)\n',
      );
      expect(stdout).not.toMatch(/items? left out\)/);
    } finally {
      await heroku.close();
    }
  });

  test('--json: each team, app and the shared part count the items they leave out; counts and amounts foot', async () => {
    const { code, stdout } = await run(['heroku', '--json'], env());
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const byName = Object.fromEntries(json.teams.map((t: { team: string }) => [t.team, t]));
    expect(byName.care).toMatchObject({ current: '1105.00', unpricedItems: { current: 3, likeForLike: 1 } });
    expect(byName.shop).toMatchObject({ current: '100.00', unpricedItems: { current: 0, likeForLike: 0 } });
    const apps = Object.fromEntries(json.units.map((u: { name: string }) => [u.name, u]));
    expect(apps['care-api']).toMatchObject({ current: '1080.00', unpricedItems: { current: 2, likeForLike: 1 } });
    expect(apps['care-site'].unpricedItems).toEqual({ current: 0, likeForLike: 0 });
    expect(json.shared.unpricedItems).toEqual({ current: 0, likeForLike: 0 });
    expect(json.spaces).toEqual([
      {
        item: 'Shield Private Space care-shield',
        team: 'care',
        apps: ['care-api'],
        current: '0.00',
        unpricedItems: 1,
      },
    ]);
    type Counted = { current: string; likeForLike: string; unpricedItems: { current: number; likeForLike: number } };
    // A space's fee is in its team's figures, and beside the apps as a part of its own.
    const spaces = json.spaces.map((space: { current: string; unpricedItems: number }) => ({
      current: space.current,
      likeForLike: '0.00',
      unpricedItems: { current: space.unpricedItems, likeForLike: 0 },
    }));
    for (const parts of [[...json.units, ...spaces] as Counted[], json.teams as Counted[]]) {
      const all = [...parts, json.shared as Counted];
      expect(all.reduce((n, p) => n + p.unpricedItems.current, 0)).toBe(json.current.unpriced.length);
      expect(all.reduce((n, p) => n + p.unpricedItems.likeForLike, 0)).toBe(json.tiers[0].unpriced.length);
      expect(all.reduce((n, p) => n + cents(p.current), 0)).toBe(cents(json.current.monthly));
      expect(all.reduce((n, p) => n + cents(p.likeForLike), 0)).toBe(cents(json.tiers[0].monthly));
    }
  });
});

describe('npx hosting-advisor migrate heroku, with apps in several Private Spaces priced by PRICING_FILE', () => {
  let spaced: FakeHeroku;
  beforeAll(async () => {
    const w = new HerokuWorld({ seed: 6 });
    w.addTeam('care', { type: 'enterprise' });
    w.addSpace('care-shield-us', { team: 'care', shield: true });
    w.addSpace('care-shield-eu', { team: 'care', shield: true });
    w.addSpace('care-private', { team: 'care', shield: false });
    const shieldPostgres = {
      service: 'heroku-postgresql',
      plan: 'shield-0',
      contract: true,
      compliance: ['HIPAA' as const],
    };
    w.addApp('care-api', {
      team: 'care',
      space: 'care-shield-us',
      formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
      addOns: [shieldPostgres],
    });
    w.addApp('care-eu-api', {
      team: 'care',
      space: 'care-shield-eu',
      formation: [{ type: 'web', quantity: 2, size: 'shield-M' }],
      addOns: [shieldPostgres],
    });
    w.addApp('care-web', {
      team: 'care',
      space: 'care-private',
      formation: [{ type: 'web', quantity: 2, size: 'private-M' }],
    });
    spaced = await FakeHeroku.start({ world: w });
  });
  afterAll(() => spaced.close());

  test('each space is billed its own fee, Shield and Private alike, in the total the verdict uses', async () => {
    const file = path.join(path.dirname(tempSqliteFile()), 'prices.yml');
    fs.writeFileSync(
      file,
      'asOf: 2026-11-01\nprices:\n  heroku.space.shield: 3000\n  heroku.space.private: 1000\n  heroku.postgres.shield-0: 450\n',
    );
    const env = { HEROKU_API_TOKEN: spaced.token, HEROKU_API_URL: spaced.url, PRICING_FILE: file };
    const { code, stdout } = await run(['heroku', '--json'], env);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // Dynos: 4 × Shield-M $540 + 2 × Private-M $450; 2 × shield-0 $450; spaces: 2 × $3,000 Shield + $1,000 Private.
    expect(json.current.monthly).toBe('10960.00');
    expect(
      json.current.lines
        .filter((l: { item: string }) => /Space/.test(l.item))
        .map((l: { item: string; monthly: string }) => [l.item, l.monthly]),
    ).toEqual([
      ['Private Space care-private', '1000.00'],
      ['Shield Private Space care-shield-eu', '3000.00'],
      ['Shield Private Space care-shield-us', '3000.00'],
    ]);
    expect(json.current.unpriced).toEqual([]);
    const { stdout: text } = await run(['heroku'], env);
    expect(text).toContain('Heroku as it runs: $10,960.00/mo.');
    // Each space's fee is care's, the team that owns the spaces; by app, each space is a row of its own.
    expect(text).toContain('    care (3 apps): $10,960.00/mo');
    expect(text).not.toContain('Account-wide');
    expect(text).toContain('    Shield Private Space care-shield-us (team care: care-api): $3,000.00/mo');
    expect(text).toContain('    Private Space care-private (team care: care-web): $1,000.00/mo');
    // How the payback is reckoned: the one-off over the consolidated tier's monthly saving, in whole months.
    // The two shield-0 databases run on db.m6g.large Multi-AZ (730 × $0.318 = $232.14 each), production.
    expect(text).toContain(
      "the consolidated tier's monthly saving pays it back in 1 month ($9,400.00 ÷ $9,847.89 saved a month, rounded up).",
    );
  });
});

/** Which of `migrate aws`'s Cost Explorer requests a page answers, and last calendar month's span. */
const isHours = (input: CeRequestBody) => input.GroupBy?.[1]?.Key === 'INSTANCE_TYPE';
const isCost = (input: CeRequestBody) => input.GroupBy?.[1]?.Key === 'USAGE_TYPE';
const isMultiAz = (input: CeRequestBody) =>
  (input.Filter?.And ?? []).some((e) => e.Dimensions?.Key === 'DEPLOYMENT_OPTION');
const isStorage = (input: CeRequestBody) => input.GroupBy?.length === 1 && input.GroupBy[0]?.Key === 'USAGE_TYPE';
const thisMonth = firstOfMonth(utcDay(new Date()));
const start = firstOfMonth(thisMonth, -1);
const hours = (Date.parse(`${thisMonth}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 3_600_000;

describe('npx hosting-advisor migrate aws', () => {
  function monthly(groups: { keys: string[]; quantity: string; unit: string }[]) {
    return {
      GroupDefinitions: [],
      ResultsByTime: [
        {
          TimePeriod: { Start: start, End: thisMonth },
          Total: {},
          Groups: groups.map((g) => ({
            Keys: g.keys,
            Metrics: { UsageQuantity: { Amount: g.quantity, Unit: g.unit } },
          })),
          Estimated: false,
        },
      ],
      DimensionValueAttributes: [],
    };
  }

  // The SDK reads its endpoint and credentials from the process; the configuration from the CLI's env.
  const awsEnv = () => ({
    AWS_ACCESS_KEY_ID: 'AKIDMIGRATETEST',
    AWS_SECRET_ACCESS_KEY: 'migrate-test-secret',
    AWS_MAX_ATTEMPTS: '1',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
  });

  beforeAll(() => {
    restoreEnv = setProcessEnv(awsEnv());
    ce.pages(
      'GetCostAndUsage',
      [
        monthly([
          { keys: [EC2, 't3.medium'], quantity: String(2 * hours), unit: 'Hrs' },
          { keys: [EC2, 'm5.large'], quantity: String(hours), unit: 'Hrs' },
          { keys: [RDS, 'db.t4g.medium'], quantity: String(hours), unit: 'Hrs' },
          { keys: [CACHE, 'cache.t4g.micro'], quantity: String(hours), unit: 'Hrs' },
        ]),
      ],
      { match: isHours },
    );
    ce.pages('GetCostAndUsage', [monthly([])], { match: isMultiAz });
    ce.pages('GetCostAndUsage', [monthly([{ keys: ['RDS:GP3-Storage'], quantity: '50', unit: 'GB-Mo' }])], {
      match: isStorage,
    });
    const groupBy = [
      { Type: 'DIMENSION' as const, Key: 'SERVICE' },
      { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
    ];
    // Two days of the bill on two pages: amounts add exactly before any rounding.
    ce.pages(
      'GetCostAndUsage',
      [
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy,
          days: [
            {
              day: start,
              groups: [
                { keys: [EC2, 'BoxUsage:t3.medium'], amount: '29.952' },
                { keys: [EC2, 'BoxUsage:m5.large'], amount: '34.56' },
                { keys: ['EC2 - Other', 'NatGateway-Hours'], amount: '16.2' },
                { keys: [RDS, 'InstanceUsage:db.t4g.medium'], amount: '23.4' },
              ],
            },
          ],
        }),
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy,
          days: [
            {
              day: start,
              groups: [
                { keys: [EC2, 'BoxUsage:t3.medium'], amount: '29.952' },
                { keys: [EC2, 'BoxUsage:m5.large'], amount: '34.56' },
                { keys: ['EC2 - Other', 'NatGateway-Hours'], amount: '16.2' },
                { keys: [RDS, 'InstanceUsage:db.t4g.medium'], amount: '23.4' },
                { keys: [RDS, 'RDS:GP3-Storage'], amount: '5.75' },
                { keys: [CACHE, 'NodeUsage:cache.t4g.micro'], amount: '11.68' },
                { keys: ['Amazon Elastic Load Balancing', 'LoadBalancerUsage'], amount: '16.425' },
                { keys: ['Amazon Simple Storage Service', 'TimedStorage-ByteHrs'], amount: '12.345' },
              ],
            },
          ],
        }),
      ],
      { match: isCost },
    );
  });

  test('--json: the AWS bill by service and usage type modelled as dynos and data stores, in three tiers', async () => {
    const { code, stdout, stderr } = await run(['aws', '--json'], awsEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      direction: 'aws-to-heroku',
      // 59.904 + 69.12 + 46.80 + 11.68 as billed; NAT 32.40, load balancer 16.425, RDS storage 5.75; S3 12.345 stays.
      current: { platform: 'aws', monthly: '254.43' },
      tiers: [
        // 2 × Performance-M, Performance-L, standard-0, premium-3; S3 stays at $12.35.
        { id: 'like-for-like', monthly: '1162.35' },
        // 6 × Standard-2X (3 per t3.medium), 7 × Standard-2X for the m5.large.
        { id: 'consolidated', monthly: '812.35' },
        // Fir sizes (2 × dyno-1c-4gb, one dyno-2c-8gb); their space fee has no public price.
        { id: 'optimised', monthly: '482.35' },
      ],
      verdict: { tier: 'consolidated', kind: 'cheaper', cheaper: 'aws', difference: '557.92' },
    });
    expect(json.tiers[2].unpriced).toEqual([
      expect.objectContaining({ item: 'Fir-generation space', priceKey: 'heroku.space.fir' }),
    ]);
    // Heroku's optimised tier leaves the space fee out and already costs $227.92 more without it: a bound.
    expect(json.differences[2]).toEqual({ tier: 'optimised', monthly: '-227.92', partial: true, atLeast: true });
    const text = await run(['aws'], awsEnv());
    expect(text.stdout).toContain('optimised costs at least $227.92/mo more');
    expect(text.stdout).not.toContain('optimised: no figure');
    expect(json.current.lines.map((l: { item: string; monthly: string }) => [l.item, l.monthly])).toEqual([
      ['EC2 m5.large: 1 running, as billed', '69.12'],
      ['EC2 t3.medium: 2 running, as billed', '59.90'],
      ['ElastiCache cache.t4g.micro: 1 running, as billed', '11.68'],
      ['RDS db.t4g.medium: 1 running, as billed', '46.80'],
      ['What Heroku includes: load balancing', '16.43'],
      ['What Heroku includes: NAT gateways', '32.40'],
      ['What Heroku includes: RDS storage, I/O and backups', '5.75'],
      ['Stays on AWS: Amazon Simple Storage Service', '12.35'],
    ]);
    // 2 instance types × 16 h + 1 database × 8 h at $100/h, and 50 GB copied out of AWS at $0.09/GB.
    expect(json.oneOff.total).toBe('4004.50');
  });

  test('text: the bill is named in words a finance reader knows; the exact Cost Explorer metric only in the assumptions', async () => {
    const { code, stdout } = await run(['aws'], awsEnv());
    expect(code).toBe(0);
    expect(stdout).toContain(
      'AWS as billed (AWS Cost Explorer, cost before credits (2026-11-01 to 2026-11-30), as of ',
    );
    expect(stdout.split('\n').filter((line) => line.includes('UnblendedCost'))).toEqual([
      expect.stringMatching(/^ {2}- AWS as billed .*\(Cost Explorer, UnblendedCost, by service and usage type/),
    ]);
  });

  test('without AWS credentials it says what to set', async () => {
    const restore = setProcessEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    try {
      const { code, stdout, stderr } = await run(['aws'], {});
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('AWS spend is off: set AWS credentials');
    } finally {
      restore();
    }
  });
});

describe('npx hosting-advisor migrate aws, with a small cache whose Heroku plan has no public price', () => {
  // cache.t4g.small (1.37 GiB) needs Key-Value Store premium-7 (7 GB; premium-5 holds 1 GB), which has no
  // public price: Heroku's total is then a lower bound, and before, no verdict was given at all.
  let small: FakeCostExplorer;

  /** A month's bill: `instances` as Cost Explorer's instance-hours, `cost` by service and usage type. */
  function bill(instances: [string, string, number][], cost: [string, string, string][]) {
    const page = (groups: { Keys: string[]; Metrics: Record<string, { Amount: string; Unit: string }> }[]) => ({
      GroupDefinitions: [],
      ResultsByTime: [{ TimePeriod: { Start: start, End: thisMonth }, Total: {}, Groups: groups, Estimated: false }],
      DimensionValueAttributes: [],
    });
    small.pages(
      'GetCostAndUsage',
      [
        page(
          instances.map(([service, type, count]) => ({
            Keys: [service, type],
            Metrics: { UsageQuantity: { Amount: String(count * hours), Unit: 'Hrs' } },
          })),
        ),
      ],
      { match: isHours },
    );
    small.pages('GetCostAndUsage', [page([])], { match: isMultiAz });
    small.pages('GetCostAndUsage', [page([])], { match: isStorage });
    small.pages(
      'GetCostAndUsage',
      [
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: [
            { Type: 'DIMENSION' as const, Key: 'SERVICE' },
            { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
          ],
          days: [{ day: start, groups: cost.map(([service, usage, amount]) => ({ keys: [service, usage], amount })) }],
        }),
      ],
      { match: isCost },
    );
  }

  const env = () => ({
    AWS_ACCESS_KEY_ID: 'AKIDMIGRATETEST',
    AWS_SECRET_ACCESS_KEY: 'migrate-test-secret',
    AWS_MAX_ATTEMPTS: '1',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: small.endpoint,
  });
  let restore = () => {};
  beforeEach(async () => {
    small = await startFakeCostExplorer();
    restore = setProcessEnv(env());
  });
  afterEach(async () => {
    restore();
    await small.close();
  });

  test("Heroku's lower bound already costs more: AWS is cheaper by at least the difference, in text and --json", async () => {
    bill(
      [
        [EC2, 'm5.large', 2],
        [CACHE, 'cache.t4g.small', 1],
      ],
      [
        [EC2, 'BoxUsage:m5.large', '140.16'],
        [CACHE, 'NodeUsage:cache.t4g.small', '23.36'],
      ],
    );
    const { code, stdout } = await run(['aws'], env());
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /On the consolidated tier, AWS is cheaper on infrastructure by at least \$[\d,]+\.\d\d\/mo\./,
    );
    expect(stdout).toContain(
      // premium-7 has a list price, just not in the bundled list: the answer does not call it unpublished.
      "At least, because Heroku's total leaves items without a price in the bundled list out, and they can only add to it:",
    );
    // premium-7 is a list price Heroku publishes (anyone can provision it), not a contract price: the
    // answer sends the lead to the price refresh, which reads Heroku's plan list, not to an account executive.
    expect(stdout).toContain(
      "Missing: Heroku: ElastiCache cache.t4g.small: Heroku Key-Value Store premium-7 (production) has a list price (Heroku Elements and the Platform API) that the bundled list has no trusted copy of; a lead's price refresh (prices refresh) reads it from Heroku, or set heroku.kvs.premium-7 in PRICING_FILE.",
    );
    expect(stdout).not.toContain('account executive');
    expect(stdout).not.toContain('No verdict');

    const json = JSON.parse((await run(['aws', '--json'], env())).stdout);
    const consolidated = json.tiers.find((t: { id: string }) => t.id === 'consolidated');
    const cents = (s: string) => Math.round(Number(s) * 100);
    // At least: Heroku's priced lines less AWS as billed, to the cent, exactly the figures shown.
    expect(json.verdict).toMatchObject({ kind: 'cheaper', cheaper: 'aws', atLeast: true });
    expect(cents(json.verdict.difference)).toBe(cents(consolidated.monthly) - cents(json.current.monthly));
    expect(consolidated.unpriced.map((l: { priceKey: string }) => l.priceKey)).toEqual(['heroku.kvs.premium-7']);
  });

  test("Heroku's lower bound costs less: no verdict, and what the missing plan would have to cost under for Heroku to win", async () => {
    // A costly bill on the same small fleet: the m5.large instances billed at a high rate.
    bill(
      [
        [EC2, 'm5.large', 2],
        [CACHE, 'cache.t4g.small', 1],
      ],
      [
        [EC2, 'BoxUsage:m5.large', '4000.00'],
        [CACHE, 'NodeUsage:cache.t4g.small', '23.36'],
      ],
    );
    const json = JSON.parse((await run(['aws', '--json'], env())).stdout);
    const consolidated = json.tiers.find((t: { id: string }) => t.id === 'consolidated');
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(json.verdict).toMatchObject({ kind: 'incomplete', breakEven: { platform: 'heroku' } });
    expect(cents(json.verdict.breakEven.under)).toBe(cents(json.current.monthly) - cents(consolidated.monthly));
    const { stdout } = await run(['aws'], env());
    expect(stdout).toContain(
      `Heroku is the cheaper only if that item costs less than $${Number(json.verdict.breakEven.under).toLocaleString('en-US', { minimumFractionDigits: 2 })}/mo; otherwise AWS is.`,
    );
  });
});

describe('npx hosting-advisor migrate heroku, with a Key-Value Store plan the bundled list has no price for', () => {
  test('it is priced as Heroku bills it, cited with the day the API said so, and the verdict is whole', async () => {
    // premium-5 has a list price the bundled list lacks; Heroku's API says what it bills for this one.
    const w = new HerokuWorld({ seed: 5 });
    w.addApp('cache-api', {
      formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
      addOns: [{ service: 'heroku-redis', plan: 'premium-5', cents: 75000 }],
    });
    const own = await FakeHeroku.start({ world: w });
    try {
      const env = { HEROKU_API_TOKEN: own.token, HEROKU_API_URL: own.url };
      const { code, stdout } = await run(['heroku'], env);
      expect(code).toBe(0);
      // 2 × $50.00 + $750.00 billed. Before: "cache-api: ≥ $100.00/mo (1 item without a price in the bundled list)",
      // and the lead was sent to run a price refresh for a price the inventory had just read.
      expect(stdout).toContain('    cache-api: $850.00/mo\n');
      expect(stdout).not.toContain('premium-5 (production) has a list price');
      expect(stdout).not.toContain('No verdict');
      const json = JSON.parse((await run(['heroku', '--json'], env)).stdout);
      expect(json.current.monthly).toBe('850.00');
      expect(json.current.unpriced).toEqual([]);
      const read = /as of (\d{4}-\d\d-\d\d) /.exec(json.source)![1];
      const line = json.current.lines.find(
        (l: { item: string }) => l.item === 'cache-api: Heroku Key-Value Store premium-5',
      );
      expect(line).toMatchObject({
        monthly: '750.00',
        source: 'Heroku Platform API: billed price (the bundled list has no price for this plan)',
        asOf: read,
        confidence: 'primary',
      });
      expect(json.verdict).not.toHaveProperty('atLeast');
    } finally {
      await own.close();
    }
  });
});
