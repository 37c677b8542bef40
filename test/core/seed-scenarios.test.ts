/**
 * The seed scenarios of the migration model, from the migration write-ups it must agree with:
 * - a small app (four dynos, one database) is a little cheaper on AWS in production alone, and reaches
 *   parity once a staging and a dev environment and the ops hours are counted;
 * - a ~$30k/month Heroku estate comes out at about half on AWS once the processes share instances (ECS).
 */
import { type EstimateRequest, parseEstimate } from '../../src/core/estimate';
import { estimate, type FleetApp, herokuCache, herokuDatabase, herokuProcess, modelFleet } from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import type { Workload } from '../../src/core/workload';

const catalog = DEFAULT_CATALOG;

function estimateOf(text: string) {
  const parsed = parseEstimate(text, catalog);
  if (!parsed.ok) throw new Error(parsed.message);
  const r = parsed.request as Extract<EstimateRequest, { kind: 'workload' }>;
  return estimate(r.workload, catalog, r.options);
}

const fixed = (tiers: readonly { infrastructure: { toFixed(n: number): string } }[]) =>
  tiers.map((t) => t.infrastructure.toFixed(2));

describe('four dynos and one database: AWS reaches parity once environments and ops are counted', () => {
  const app = 'web=2xstandard-2x worker=2xstandard-2x postgres=standard-2';

  it('in production alone, AWS is a little cheaper on infrastructure', () => {
    const e = estimateOf(app);
    // Heroku: 4 × $50 + standard-2 $200. AWS: 4 × t3.medium $121.48, db.m6g.large $116.07 (a production
    // database, so not the burstable db.t4g.large at $94.17) + 256 GB gp3 $29.44, one load balancer, two NAT
    // gateways, four addresses, logs (4 Standard dynos × 5 GB = 20 GB: "Log volume follows what runs"; the flat
    // 10 GB made it $5.30 less), 100 GB out.
    expect(e.heroku.infrastructure.toFixed(2)).toBe('400.00');
    expect(fixed(e.tiers)).toEqual(['396.46', '396.46', '345.62']);
    expect(e.verdict).toMatchObject({ kind: 'cheaper', cheaper: 'aws' });
    expect(e.verdict.difference?.toFixed(2)).toBe('3.54');
  });

  it('with a staging and a dev environment, the saving is gone: Heroku is cheaper', () => {
    const e = estimateOf(`${app} staging review=1`);
    // Staging on AWS brings its own load balancer (in two zones, so two public addresses) and NAT gateway;
    // the review app runs Basic dynos, so its instances sit in a public subnet with an address each (no load
    // balancer or NAT gateway: $53.60 less than before). On Heroku only dynos and data.
    expect(e.heroku.infrastructure.toFixed(2)).toBe('569.00');
    // Staging's database stays on the burstable db.t4g.medium (non-production), review's on db.t4g.micro.
    expect(fixed(e.tiers)).toEqual(['634.87', '634.87', '545.91']);
    expect(e.verdict).toMatchObject({ kind: 'cheaper', cheaper: 'heroku' });
    expect(e.verdict.difference?.toFixed(2)).toBe('65.87');
    // Only the optimised tier (Graviton, a Savings Plan) comes in under Heroku, by about 5%.
    const optimised = e.tiers[2].infrastructure.toNumber();
    expect(optimised).toBeLessThan(569);
    expect((569 - optimised) / 569).toBeLessThan(0.06);
  });

  it('with ops hours counted as well, Heroku is cheaper by far', () => {
    const e = estimateOf(`${app} staging review=1`);
    // 3 environments × (10 h − 2 h) × $100 = $2,400 more ops on AWS.
    expect([e.heroku.ops.toFixed(2), e.aws.ops.toFixed(2)]).toEqual(['600.00', '3000.00']);
    expect(e.withOps.cheaper).toBe('heroku');
    expect(e.withOps.difference.toFixed(2)).toBe('2465.87');
  });
});

function app(processes: [string, number, string][], database: string, cache: string, egressGb: number): Workload {
  return {
    origin: 'heroku',
    processes: processes.map(([name, count, size]) => herokuProcess(catalog, name, count, size)!),
    database: herokuDatabase(catalog, database)!,
    cache: herokuCache(catalog, cache)!,
    addOns: [],
    egressGbPerMonth: egressGb,
    logGbPerMonth: egressGb / 10,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };
}

/** 8 busy services with staging copies, 30 small services, 2 data-heavy apps: $29,540 a month on Heroku. */
function estate(): FleetApp[] {
  const apps: FleetApp[] = [];
  for (let i = 0; i < 8; i++) {
    apps.push({
      name: `core-${i}`,
      team: 'platform',
      workload: app(
        [
          ['web', 4, 'performance-m'],
          ['worker', 2, 'performance-m'],
        ],
        'premium-2',
        'premium-2',
        100,
      ),
    });
    apps.push({
      name: `core-${i}-staging`,
      team: 'platform',
      workload: app(
        [
          ['web', 1, 'standard-2x'],
          ['worker', 1, 'standard-2x'],
        ],
        'standard-0',
        'premium-0',
        10,
      ),
    });
  }
  for (let i = 0; i < 30; i++)
    apps.push({
      name: `svc-${i}`,
      team: 'product',
      workload: app(
        [
          ['web', 2, 'standard-2x'],
          ['worker', 1, 'standard-1x'],
        ],
        'standard-0',
        'mini',
        100,
      ),
    });
  for (let i = 0; i < 2; i++)
    apps.push({
      name: `big-${i}`,
      team: 'data',
      workload: app(
        [
          ['web', 3, 'performance-l'],
          ['worker', 2, 'performance-l'],
        ],
        'premium-4',
        'premium-3',
        100,
      ),
    });
  return apps;
}

describe('a ~$30k/month Heroku estate: the consolidated AWS tier lands around half', () => {
  const fleet = modelFleet(estate(), catalog);

  it('costs $29,540.00 a month on Heroku and about half on AWS once processes share instances', () => {
    // 8 × (6 × $250 + $350 + $60) + 8 × ($100 + $50 + $15) + 30 × ($125 + $50 + $3) + 2 × (5 × $500 + $1,200 + $100).
    expect(fleet.current.infrastructure.toFixed(2)).toBe('29540.00');
    // Production databases on non-burstable classes: 8 premium-2 on db.m6g.large Multi-AZ (8 × 730 × $0.318 =
    // $1,857.12) and 30 standard-0 on db.m6g.large (30 × 730 × $0.159 = $3,482.10); the staging copies stay
    // on db.t4g.medium. Optimised runs the caches on Valkey, 20% below Redis OSS.
    expect(fixed(fleet.tiers)).toEqual(['19116.05', '16957.27', '13740.95']);
    const share = fleet.tiers[1].infrastructure.toNumber() / fleet.current.infrastructure.toNumber();
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.6);
    expect(fleet.verdict).toMatchObject({ tier: 'consolidated', kind: 'cheaper', cheaper: 'aws' });
  });

  it('says what moving costs once and how soon the saving pays it back', () => {
    // Each of the 48 apps: 4 h, 2 process types × 2 h, the production layout 4 h, a Postgres on a plan over
    // 20 GB by a rehearsed cut-over 8 h, a Key-Value Store 2 h: 22 h, at $100/h. The flat rule (16 h an app,
    // 8 h a database) made it 24 h an app, $115,200.00.
    expect(fleet.oneOff.total.toFixed(2)).toBe('105600.00');
    expect(fleet.differences.map((d) => d.monthly.toFixed(2))).toEqual(['10423.95', '12582.73', '15799.05']);
    // $105,600 / $12,582.73 a month = 8.39: 9 months.
    expect(fleet.paybackMonths).toBe(9);
  });

  it('names the busy Performance-M services as the largest driver', () => {
    expect(fleet.drivers[0]).toBe(
      '8 apps with 6 Performance-M dynos, Postgres premium-2 and a premium-2 Key-Value Store are cheaper on AWS by $9,401.12/mo: $15,280.00/mo on Heroku, $5,878.88/mo as their own AWS resources like-for-like.',
    );
  });
});
