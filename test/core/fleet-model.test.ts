import { type FleetApp, modelFleet } from '../../src/core/model';
import { DEFAULT_CATALOG, type PricingOverrides } from '../../src/core/pricing';
import { applyOverrides, parsePricingOverrides } from '../../src/core/pricing/overrides';
import type { Workload } from '../../src/core/workload';
import { herokuWorkload } from '../support/heroku-workloads';

const catalog = DEFAULT_CATALOG;

function parsed(text: string): PricingOverrides {
  const result = parsePricingOverrides(text, 'prices.yml');
  if (!result.ok) throw new Error(result.message);
  return result.overrides;
}

const workload = (
  processes: [string, number, string][],
  database?: string,
  cache?: string,
  compliance: Workload['compliance'] = [],
): Workload => herokuWorkload(processes, database, cache, { compliance });

const tiny = (n: number): FleetApp[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `tiny-${String(i + 1).padStart(2, '0')}`,
    team: 'growth',
    workload: workload([['web', 1, 'basic']], undefined, 'mini'),
  }));

/** Apps that can scale out (Standard-1X web): behind the shared load balancer, out through NAT gateways. */
const small = (n: number): FleetApp[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `small-${String(i + 1).padStart(2, '0')}`,
    team: 'growth',
    workload: workload([['web', 1, 'standard-1x']], undefined, 'mini'),
  }));

const itemsOf = <L extends { item: string; environment: string }>(
  lines: readonly L[],
  pattern: RegExp,
  environment = 'production',
) => lines.filter((l) => l.environment === environment && pattern.test(l.item));

describe('a fleet of small apps on AWS', () => {
  const fleet = modelFleet(tiny(20), catalog);

  it('gives apps of Basic dynos no load balancer or NAT gateway: each instance in a public subnet, its address its own', () => {
    for (const tier of fleet.tiers) {
      expect(itemsOf(tier.lines, /Load Balancer|ALB|NAT gateway/)).toEqual([]);
    }
    const [like, consolidated] = fleet.tiers;
    expect(itemsOf(like.lines, /Public IPv4/).map((l) => [l.item, l.monthly?.toFixed(2)])).toEqual(
      tiny(20).map((app) => [`${app.name}: Public IPv4 address (1: the instance's own, in a public subnet)`, '3.65']),
    );
    // Packed, the shared instances' addresses, in one zone (no spare for a second).
    expect(itemsOf(consolidated.lines, /Public IPv4|spare/).map((l) => l.item)).toEqual([
      'Public IPv4 addresses (2: one for each instance, in a public subnet)',
    ]);
  });

  it('counts the load balancer, NAT gateways and addresses once, not once per app', () => {
    for (const tier of modelFleet(small(20), catalog).tiers) {
      expect(itemsOf(tier.lines, /^Application Load Balancer/).map((l) => l.item)).toEqual([
        'Application Load Balancer with 20 host rules',
      ]);
      const nat = itemsOf(tier.lines, /^NAT gateway ×/);
      expect(nat.map((l) => [l.item, l.quantity])).toEqual([['NAT gateway × 2 (one per Availability Zone)', 1460]]);
      expect(itemsOf(tier.lines, /^Public IPv4/).map((l) => l.quantity)).toEqual([4 * 730]);
    }
  });

  it('gives like-for-like, consolidated and optimised totals exact to the cent', () => {
    expect(fleet.current.infrastructure.toFixed(2)).toBe('200.00'); // 20 × (Basic $7 + mini $3)
    expect(fleet.tiers.map((t) => [t.id, t.infrastructure.toFixed(2)])).toEqual([
      // A Basic web dyno runs one instance, as on Heroku (no horizontal scaling), in a public subnet: 20 lines
      // of 1 × t3.small at $15.18 303.60 + 20 root volumes 32.00 + 20 × cache.t4g.micro 233.60 + 20 addresses
      // 73.00 (was 800.73 with an ALB, 20 LCU, 2 NAT gateways, their data and 4 addresses)
      ['like-for-like', '642.20'],
      // 2 × m6i.large 140.16 + 2 root volumes 3.20 + one shared cache.t4g.micro 11.68 + 2 addresses 7.30
      // (was 386.57)
      ['consolidated', '162.34'],
      // 2 × m6g.large at 28% below on-demand 80.94 + the shared node on Valkey, 730 × $0.0128 = 9.34 + the
      // same root volumes and addresses (was 325.01)
      ['optimised', '100.78'],
    ]);
    expect(fleet.verdict).toMatchObject({ tier: 'consolidated', kind: 'cheaper', cheaper: 'aws' });
    expect(fleet.verdict.difference?.toFixed(2)).toBe('37.66');
  });

  it('names, once, the charges an AWS build usually has that no line prices', () => {
    const named = fleet.assumptions.filter((a) => a.startsWith('Not in the AWS figures'));
    expect(named).toHaveLength(1);
    expect(named[0]).toContain('between Availability Zones');
    expect(named[0]).toContain('Amazon ECR');
  });

  it('adds nothing to the shared lines for the 21st app but its traffic', () => {
    const more = modelFleet(small(21), catalog);
    const fixed = (f: typeof fleet) =>
      f.tiers[0].lines
        .filter((l) => /^(Application Load Balancer|NAT gateway ×|Public IPv4)/.test(l.item))
        .map((l) => l.cents);
    expect(fixed(more)).toEqual(fixed(modelFleet(small(20), catalog)));
    expect(fixed(more)).toHaveLength(3);
  });

  it('names the largest drivers in words', () => {
    expect(fleet.drivers[0]).toBe(
      '20 apps with one Basic dyno and a mini Key-Value Store are cheaper on Heroku by $410.20/mo: $200.00/mo on Heroku, $610.20/mo as their own AWS resources like-for-like.',
    );
    // Their Basic dynos and Key-Value Stores are in that group's figures: no second driver counts them again.
    expect(fleet.drivers.filter((d) => / cheaper on (Heroku|AWS) by /.test(d))).toEqual([fleet.drivers[0]]);
    // Only the root volumes are shared: no load balancer or NAT gateway, each app's address its own.
    expect(fleet.drivers).toContain(
      'Shared AWS infrastructure (root volumes, logs, data transfer) adds $32.00/mo once, whatever the app count.',
    );
  });

  it('splits per-app lines from shared ones so the per-app figures and the shared figure add up to the total', () => {
    const owned = fleet.units.reduce((sum, app) => sum + Math.round(app.likeForLike.toNumber() * 100), 0);
    expect(owned + Math.round(fleet.sharedLikeForLike.toNumber() * 100)).toBe(
      Math.round(fleet.tiers[0].infrastructure.toNumber() * 100),
    );
  });

  it('gives each app the lines that carry its name, and only those (apps whose names start alike too)', () => {
    const apps = [...tiny(12), { ...tiny(1)[0]!, name: 'tiny-01-staging' }, { ...tiny(1)[0]!, name: 'tiny-1' }];
    const model = modelFleet(apps, catalog);
    const cents = (lines: readonly { item: string; cents: number }[], app: string) =>
      lines.filter((line) => line.item.startsWith(`${app}: `)).reduce((sum, line) => sum + line.cents, 0);
    for (const unit of model.units) {
      expect(Math.round(unit.current.toNumber() * 100)).toBe(cents(model.current.lines, unit.name));
      expect(Math.round(unit.likeForLike.toNumber() * 100)).toBe(cents(model.tiers[0].lines, unit.name));
      expect(unit.current.toNumber()).toBeGreaterThan(0);
    }
  });

  it('gives staging apps their own shared set: one load balancer and one NAT gateway', () => {
    const staged = modelFleet(
      [...tiny(2), { name: 'shop-staging', workload: workload([['web', 1, 'standard-2x']], 'standard-0') }],
      catalog,
    );
    const lines = staged.tiers[0].lines;
    expect(itemsOf(lines, /^(Application Load Balancer|NAT gateway)(?! data)/, 'staging').map((l) => l.item)).toEqual([
      'Application Load Balancer',
      'NAT gateway',
    ]);
    expect(itemsOf(lines, /^shop-staging: web/, 'staging').map((l) => l.item)).toEqual([
      'shop-staging: web: 1 × t3.medium',
    ]);
  });
});

describe('a busy web app behind the shared load balancer', () => {
  // One LCU is 1 GB an hour processed (Elastic Load Balancing pricing): an app sending 20 TB a month
  // out needs 27.397 LCUs; twenty small apps at the assumed 1 LCU each add 20 more.
  it("counts the LCUs its traffic needs, beside the small apps' assumed one each", () => {
    const busy: FleetApp = {
      name: 'media',
      workload: { ...workload([['web', 2, 'standard-2x']]), egressGbPerMonth: 20_000 },
    };
    const fleet = modelFleet([...small(20), busy], catalog);
    for (const tier of fleet.tiers) {
      expect(itemsOf(tier.lines, /^ALB capacity/).map((l) => [l.item, l.monthly?.toFixed(2)])).toEqual([
        ['ALB capacity (47.397 LCU average)', '276.80'],
      ]);
    }
  });
});

describe('an environment where no process runs', () => {
  // shop-staging is scaled to 0 and holds only its database: RDS in a private subnet needs no NAT gateway.
  const fleet = modelFleet(
    [
      { name: 'shop', workload: workload([['web', 2, 'standard-2x']], 'standard-0') },
      { name: 'shop-staging', workload: workload([], 'standard-0', 'premium-0') },
    ],
    catalog,
  );

  it('has its databases and caches but no NAT gateway, NAT data, address or logs, in every tier', () => {
    for (const tier of fleet.tiers) {
      const staging = tier.lines.filter((l) => l.environment === 'staging').map((l) => l.item);
      expect([tier.id, staging.filter((item) => /NAT|Public IPv4|CloudWatch|Load Balancer/.test(item))]).toEqual([
        tier.id,
        [],
      ]);
      expect(staging).toContain('shop-staging: RDS PostgreSQL db.t4g.medium Single-AZ');
      expect(itemsOf(tier.lines, /^NAT gateway ×/).map((l) => l.item)).toEqual([
        'NAT gateway × 2 (one per Availability Zone)',
      ]);
    }
  });

  it('says why, where it explains the shared infrastructure', () => {
    expect(fleet.assumptions).toContain(
      'No process runs in staging (its apps are scaled to 0 or hold only data), so AWS has no NAT gateway, public address or logs there: a NAT gateway is for instances in private subnets to reach the internet (Amazon VPC User Guide, NAT gateways), and RDS and ElastiCache in private subnets need none.',
    );
    const shared = fleet.assumptions.findIndex((a) => a.startsWith('Shared once per environment on AWS'));
    expect(fleet.assumptions[shared]).toContain('(none of these where no process runs)');
    expect(fleet.assumptions[shared + 1]).toMatch(/^No process runs in staging/);
  });
});

describe('a pipeline with staging and open review apps', () => {
  // One app, its staging copy and 30 review apps a pull request each, every one with its own database.
  const review = (n: number): FleetApp => ({
    name: `shop-pr-${100 + n}`,
    team: 'shop',
    workload: workload([['web', 1, 'basic']], 'essential-0'),
  });
  const fleet = modelFleet(
    [
      { name: 'shop', team: 'shop', workload: workload([['web', 2, 'standard-2x']], 'standard-0') },
      { name: 'shop-staging', team: 'shop', workload: workload([['web', 1, 'standard-1x']], 'essential-0') },
      ...Array.from({ length: 30 }, (_, n) => review(n)),
    ],
    catalog,
  );

  it('prices moving the apps and their data, not each review app the pipeline makes again for every pull request', () => {
    expect(fleet.units.filter((u) => u.environment === 'review')).toHaveLength(30);
    // shop and shop-staging at $100/h: 2 × 4 h base, 2 process types × 2 h, both on the production layout
    // (Standard dynos) × 4 h, essential-0 (1 GB plan) by dump and restore 4 h, standard-0 (64 GB plan) by a
    // rehearsed cut-over 8 h. 32 h, where the flat rule made it 48 h; the review apps come back from the pipeline.
    expect(fleet.oneOff.lines.map((l) => [l.item, l.monthly.toFixed(2)])).toEqual([
      [
        'Moving 2 apps (4 h each: image build, deploy pipeline, config vars into Parameter Store, DNS cut-over)',
        '800.00',
      ],
      [
        'Their 2 running process types (2 h each: an ECS service or instance setup, health check, scaling, alarms)',
        '400.00',
      ],
      [
        '2 apps on the production layout (4 h each: private subnets, a load balancer target group and host rule, a TLS certificate)',
        '800.00',
      ],
      [
        'Copying 1 Postgres database on plans of at most 20 GB by dump and restore (4 h each: pg:backups capture, pg_restore into RDS, check, switch)',
        '400.00',
      ],
      [
        'Moving 1 Postgres database on larger plans by a rehearsed cut-over (8 h each: a trial restore to time it, then the cut-over in a planned window)',
        '800.00',
      ],
    ]);
    expect(fleet.oneOff.total.toFixed(2)).toBe('3200.00');
    expect(fleet.assumptions.join('\n')).toContain(
      '30 review apps are not moved one by one: the pipeline makes them again on AWS',
    );
  });
});

describe('production and staging databases of one pipeline on AWS', () => {
  // The same standard-0 plan in both: production's must not burst (AWS recommends T classes only for
  // non-production servers); staging's may, as in one estimate.
  const fleet = modelFleet(
    [
      { name: 'shop', team: 'shop', workload: workload([['web', 2, 'standard-2x']], 'standard-0') },
      { name: 'shop-staging', team: 'shop', workload: workload([['web', 1, 'standard-2x']], 'standard-0') },
      { name: 'shop-pr-7', team: 'shop', workload: workload([['web', 1, 'basic']], 'essential-0') },
    ],
    catalog,
  );

  it('puts the production database on db.m6g.large in every tier, and staging and review ones on db.t4g', () => {
    for (const tier of fleet.tiers) {
      const databases = tier.lines
        .filter((l) => l.category === 'database' && l.item.includes('RDS PostgreSQL'))
        .map((l) => [l.environment, l.item, l.cents]);
      expect([tier.id, databases]).toEqual([
        tier.id,
        [
          // 730 h × $0.159 = $116.07; × $0.065 = $47.45; × $0.016 = $11.68.
          ['production', 'shop: RDS PostgreSQL db.m6g.large Single-AZ', 11607],
          ['staging', 'shop-staging: RDS PostgreSQL db.t4g.medium Single-AZ', 4745],
          ['review', 'shop-pr-7: RDS PostgreSQL db.t4g.micro Single-AZ', 1168],
        ],
      ]);
    }
  });

  it('states the rule once, with its source, and each choice with its reason', () => {
    const rule = fleet.assumptions.filter((a) => a.startsWith('Production databases are on non-burstable'));
    expect(rule).toEqual([
      'Production databases are on non-burstable RDS classes (db.m/db.r): AWS recommends T classes only for development, test or other non-production servers (Amazon RDS User Guide, DB instance class types); staging and review databases, and Essential plans (shared on Heroku), stay on burstable db.t4g.',
    ]);
    expect(fleet.assumptions).toEqual(
      expect.arrayContaining([
        "Heroku Postgres standard-0 (4 GB) → RDS PostgreSQL db.m6g.large Single-AZ with 64 GB gp3 storage (the plan's limit: the most its data can be, as its size is not known here): the cheapest non-burstable RDS class with at least the plan's RAM.",
        "Heroku Postgres standard-0 (4 GB) → RDS PostgreSQL db.t4g.medium Single-AZ with 64 GB gp3 storage (the plan's limit: the most its data can be, as its size is not known here): the cheapest RDS class with at least the plan's RAM (a staging database may be burstable).",
        // An Essential plan holds less than RDS allocates at least: that, not the plan, sets the storage.
        "Heroku Postgres essential-0 (RAM not published) → RDS PostgreSQL db.t4g.micro Single-AZ with 20 GB gp3 storage (RDS's smallest allocation): the cheapest RDS class, as the plan publishes no RAM (a review database may be burstable).",
      ]),
    );
  });
});

describe('a fleet with apps in a Shield Private Space (HIPAA) on AWS', () => {
  const hipaa: Workload['compliance'] = ['hipaa'];
  const apps: FleetApp[] = [
    { name: 'care-api', workload: workload([['web', 1, 'shield-m']], 'shield-0', undefined, hipaa) },
    { name: 'care-jobs', workload: workload([['worker', 1, 'shield-s']], 'shield-0', undefined, hipaa) },
    { name: 'shop', workload: workload([['web', 1, 'standard-2x']], 'standard-0') },
    { name: 'blog', workload: workload([['web', 1, 'standard-1x']]) },
    { name: 'mailer', workload: workload([['worker', 1, 'standard-1x']]) },
  ];
  const fleet = modelFleet(apps, catalog);
  const compliance = (lines: readonly { item: string; category: string; cents?: number }[]) =>
    lines.filter((l) => l.category === 'security' || l.category === 'backup').map((l) => [l.item, l.cents]);

  it('adds the account-level services once and each regulated database backup per app, in every tier', () => {
    for (const tier of fleet.tiers)
      expect(compliance(tier.lines)).toEqual([
        // Once for the account: $16.30
        ['KMS key for encrypted storage', 100],
        ['KMS requests (100,000)', 30],
        ['CloudTrail data events (1,000,000)', 100],
        ['GuardDuty event analysis (1,000,000 events)', 400],
        ['GuardDuty flow and DNS log analysis (10 GB)', 1000],
        // Per app: 64 GB × $0.095
        ['care-api: AWS Backup of the database (64 GB)', 608],
        ['care-jobs: AWS Backup of the database (64 GB)', 608],
      ]);
  });

  it('gives every tier exact to the cent, $28.46 above the same fleet without regulated data', () => {
    const plain = modelFleet(
      apps.map((app) => ({ ...app, workload: { ...app.workload, compliance: [] } })),
      catalog,
    );
    // Three production databases on db.m6g.large, none burstable: two shield-0 Multi-AZ at 730 × $0.318 = $232.14
    // and shop's standard-0 Single-AZ at 730 × $0.159 = $116.07 ($344.56 more than on db.t4g.medium).
    expect(plain.tiers.map((t) => t.infrastructure.toFixed(2))).toEqual(['1065.23', '1022.62', '904.18']);
    expect(fleet.tiers.map((t) => t.infrastructure.toFixed(2))).toEqual(['1093.69', '1051.08', '932.64']);
    // Heroku is priced as it runs, the same either way; the Shield space and shield-0 are contract items.
    expect(fleet.current.infrastructure.toFixed(2)).toBe(plain.current.infrastructure.toFixed(2));
    expect(fleet.current.unpriced.map((l) => l.item)).toEqual([
      'Shield Private Space',
      'care-api: Heroku Postgres shield-0',
      'care-jobs: Heroku Postgres shield-0',
    ]);
  });

  it("counts the backup as the app's own and the account-level services as shared", () => {
    const plain = modelFleet(
      apps.map((app) => ({ ...app, workload: { ...app.workload, compliance: [] } })),
      catalog,
    );
    const added = fleet.units.map((u, i) => [u.name, u.likeForLike.minus(plain.units[i].likeForLike).toFixed(2)]);
    expect(added).toEqual([
      ['care-api', '6.08'],
      ['care-jobs', '6.08'],
      ['shop', '0.00'],
      ['blog', '0.00'],
      ['mailer', '0.00'],
    ]);
    expect(fleet.sharedLikeForLike.minus(plain.sharedLikeForLike).toFixed(2)).toBe('16.30');
  });

  it('names no cheaper side for a driver whose Heroku amount leaves a contract-priced item out', () => {
    // shield-0 has no public price: "Heroku Postgres is cheaper on Heroku: $0.00/mo on Heroku" was a
    // winner declared on a missing price, and so were the apps whose shape includes it.
    const unpriced = fleet.drivers.filter((d) => /Postgres/.test(d) && /cheaper on/.test(d));
    expect(unpriced).toEqual([]);
    expect(fleet.drivers.join('\n')).not.toContain('$0.00/mo on Heroku');
    // Drivers with every price known are still named: the Shield-M dyno's list price against its instance.
    expect(fleet.drivers.some((d) => d.startsWith('Shield-M dynos (1 dyno in 1 app) are cheaper on AWS'))).toBe(true);
  });

  it('names the regulated apps and the services counted once', () => {
    expect(fleet.assumptions).toContain(
      "2 apps hold HIPAA-regulated data (care-api, care-jobs): in every tier AWS adds the compliance services once for the account (CloudTrail data events, GuardDuty, a KMS key per environment with regulated data), not once per app; per app, only what is the app's own (a backup of its production database for HIPAA).",
    );
  });
});

describe('a fleet across several Private and Shield Spaces', () => {
  // Contract prices set, as a lead would in PRICING_FILE: then the Heroku total stands and a verdict is given.
  const priced = applyOverrides(
    catalog,
    parsed('prices:\n  heroku.space.shield: 3000\n  heroku.space.private: 1000\n  heroku.postgres.shield-0: 450\n'),
  );
  const inSpace = (name: string, space: string, shield: boolean, size: string): FleetApp => ({
    name,
    team: 'care',
    space: { name: space, shield },
    workload: workload([['web', 2, size]]),
  });
  const fleet = modelFleet(
    [
      inSpace('care-api', 'care-shield', true, 'shield-m'),
      inSpace('care-jobs', 'care-shield', true, 'shield-s'),
      inSpace('claims', 'claims-shield', true, 'shield-s'),
      inSpace('portal', 'care-private', false, 'private-s'),
    ],
    priced,
  );

  it('bills each space its fee once, whatever the apps in it: two Shield spaces and a Private one', () => {
    // One "Shield Private Space" line stood for all three: $3,000.00 where the account pays $7,000.00.
    const spaces = fleet.current.lines.filter((l) => l.category === 'platform').map((l) => [l.item, l.cents]);
    expect(spaces).toEqual([
      ['Private Space care-private', 100000],
      ['Shield Private Space care-shield', 300000],
      ['Shield Private Space claims-shield', 300000],
    ]);
    // 2 × $540 + 2 × $270 + 2 × $270 + 2 × $225 dynos, and the three space fees.
    expect(fleet.current.infrastructure.toFixed(2)).toBe('9610.00');
  });
});
