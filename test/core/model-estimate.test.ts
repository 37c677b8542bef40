import { type EstimateRequest, parseEstimate } from '../../src/core/estimate';
import { type CostLine, type Estimate, estimate, herokuProcess } from '../../src/core/model';
import { toCents, usd } from '../../src/core/money';
import { type Catalog, DEFAULT_CATALOG } from '../../src/core/pricing';
import { applyOverrides, parsePricingOverrides } from '../../src/core/pricing/overrides';
import type { Workload } from '../../src/core/workload';

function request(text: string, catalog: Catalog = DEFAULT_CATALOG) {
  const result = parseEstimate(text, catalog);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.message}`);
  return result.request as Extract<EstimateRequest, { kind: 'workload' }>;
}

function estimateOf(text: string, catalog: Catalog = DEFAULT_CATALOG): Estimate {
  const r = request(text, catalog);
  return estimate(r.workload, catalog, r.options);
}

function line(lines: readonly CostLine[], item: RegExp, environment = 'production'): CostLine {
  const found = lines.filter((l) => item.test(l.item) && l.environment === environment);
  if (found.length !== 1) throw new Error(`expected one ${item} line in ${environment}, found ${found.length}`);
  return found[0];
}

const cents = (l: CostLine) => (l.monthly === null ? null : toCents(l.monthly));

describe('Heroku prices (monthly caps)', () => {
  it('prices web=2xstandard-2x postgres=standard-0 at $150.00 a month of infrastructure', () => {
    const e = estimateOf('web=2xstandard-2x postgres=standard-0');
    expect(e.heroku.infrastructure.toFixed(2)).toBe('150.00');
    expect(cents(line(e.heroku.lines, /Standard-2X dyno/))).toBe(10_000);
    expect(cents(line(e.heroku.lines, /Heroku Postgres standard-0/))).toBe(5_000);
    expect(e.heroku.unpriced).toEqual([]);
  });

  it('charges an always-on dyno its full cap and a part-time one prorated against 720 h', () => {
    const web = herokuProcess(DEFAULT_CATALOG, 'web', 1, 'standard-2x')!;
    const base: Workload = {
      origin: 'heroku',
      processes: [web],
      addOns: [],
      egressGbPerMonth: 0,
      logGbPerMonth: 0,
      environments: { staging: false, reviewApps: 0 },
      compliance: [],
    };
    const full = estimate({ ...base, processes: [{ ...web, hoursPerMonth: 744 }] }, DEFAULT_CATALOG);
    const half = estimate({ ...base, processes: [{ ...web, hoursPerMonth: 360 }] }, DEFAULT_CATALOG);
    expect(full.heroku.infrastructure.toFixed(2)).toBe('50.00');
    expect(half.heroku.infrastructure.toFixed(2)).toBe('25.00');
  });

  it('charges Eco as one $5 pool however many Eco dynos run', () => {
    expect(estimateOf('web=1xeco').heroku.infrastructure.toFixed(2)).toBe('5.00');
    expect(estimateOf('web=1xeco worker=1xeco clock=1xeco').heroku.infrastructure.toFixed(2)).toBe('5.00');
  });

  it('prices staging at one dyno per process and review apps at Basic dynos with essential-0 and mini', () => {
    const e = estimateOf(
      'web=2xstandard-2x worker=1xperformance-m postgres=premium-0 redis=premium-0 staging review=3',
    );
    const byEnvironment = (env: string) =>
      e.heroku.lines
        .filter((l) => l.environment === env && l.category !== 'ops')
        .reduce((sum, l) => sum.plus(l.monthly), usd(0))
        .toFixed(2);
    expect(byEnvironment('production')).toBe('565.00'); // 2×50 + 250 + 200 + 15
    expect(byEnvironment('staging')).toBe('365.00'); // 50 + 250 + standard-0 50 + premium-0 15
    expect(byEnvironment('review')).toBe('66.00'); // 3 × (7 + 7 + 5 + 3)
    expect(e.heroku.infrastructure.toFixed(2)).toBe('996.00');
  });
});

describe('AWS prices (hourly × 730), against the Infracost reference values', () => {
  it('prices aws web=2xm5.large at $140.16 a month of EC2', () => {
    const e = estimateOf('aws web=2xm5.large');
    const ec2 = line(e.aws.lines, /web: 2 × m5\.large/);
    expect(ec2.quantity).toBe(1460);
    expect(cents(ec2)).toBe(14_016);
  });

  it('prices a t3.medium at $30.37, an ALB at $16.43 and a NAT gateway at $32.85 each (Infracost reference values)', () => {
    const e = estimateOf('aws web=1xt3.medium');
    expect(cents(line(e.aws.lines, /t3\.medium/))).toBe(3_037);
    expect(cents(line(e.aws.lines, /^Application Load Balancer$/))).toBe(1_643);
    // One instance sits in one zone, with one NAT gateway; its load balancer spans two zones, an address in each.
    const nat = line(e.aws.lines, /^NAT gateway$/);
    expect([nat.quantity, cents(nat)]).toEqual([730, 3_285]);
    const addresses = line(e.aws.lines, /^Public IPv4 addresses \(3:/);
    expect(cents(addresses)).toBe(3 * 365);
    // Two instances spread across two zones, each with its NAT gateway: 2 + 2 addresses.
    const two = estimateOf('aws web=2xt3.medium');
    expect(line(two.aws.lines, /^NAT gateway × 2 \(one per Availability Zone\)$/).quantity).toBe(1460);
    expect(cents(line(two.aws.lines, /^Public IPv4 addresses \(4:/))).toBe(4 * 365);
  });

  it('runs an Eco or Basic web dyno as one instance in one zone, as Heroku runs it (no horizontal scaling)', () => {
    for (const [size, label] of [
      ['basic', 'Basic'],
      ['eco', 'Eco'],
    ]) {
      const e = estimateOf(`web=1x${size}`);
      for (const tier of e.tiers) {
        expect(tier.lines.filter((l) => l.category === 'compute' && /t3|t4g|m6|c6|m7/.test(l.item))).toEqual([
          expect.objectContaining({ quantity: 730 }),
        ]);
        // One instance serves: no load balancer and no NAT gateway, its own address in a public subnet.
        expect(tier.lines.filter((l) => /^(NAT gateway|Application Load Balancer|ALB)/.test(l.item))).toEqual([]);
        expect(tier.lines.filter((l) => /^Public IPv4/.test(l.item)).map((l) => [l.item, l.cents])).toEqual([
          ["Public IPv4 address (1: the instance's own, in a public subnet)", 365],
        ]);
      }
      expect(e.assumptions.join('\n')).toContain(
        `web runs 1 instance on AWS, as on Heroku: ${label} dynos run one to a process type (Heroku Dev Center, Dyno Types: no horizontal scaling)`,
      );
    }
    // A Standard web dyno still gets a second instance in a second zone.
    const standard = estimateOf('web=1xstandard-1x');
    expect(line(standard.tiers[0].lines, /^web: 2 × /).quantity).toBe(1460);
    expect(standard.tiers[0].lines.some((l) => l.item.startsWith('NAT gateway × 2'))).toBe(true);
  });

  it('adds no NAT gateway, address or logs for a workload of a database alone: nothing runs to use them', () => {
    // Before: 2 NAT gateways ($65.70) and their 2 addresses ($7.30) beside a database in a private subnet.
    for (const text of ['postgres=standard-0', 'aws rds=db.m6g.large']) {
      const e = estimateOf(text);
      const modelled = text.startsWith('aws') ? e.aws : e.tiers[0];
      expect(modelled.lines.filter((l) => /NAT|Public IPv4|CloudWatch/.test(l.item))).toEqual([]);
      expect(e.assumptions.join('\n')).toContain(
        'On AWS the estimate adds no load balancer, NAT gateway, public address, root volume or logs, as no process runs: a NAT gateway is for instances in private subnets',
      );
    }
  });

  it('prices RDS PostgreSQL db.t3.large Single-AZ at $105.85', () => {
    const e = estimateOf('aws web=1xm5.large rds=db.t3.large');
    const rds = line(e.aws.lines, /RDS PostgreSQL db\.t3\.large Single-AZ/);
    expect(cents(rds)).toBe(10_585);
    expect(rds.confidence).toBe('secondary');
  });

  it('prices a Multi-AZ class with no listed price at twice Single-AZ, marked derived', () => {
    const rds = line(estimateOf('aws web=1xm5.large rds=db.t3.large multi-az').aws.lines, /db\.t3\.large Multi-AZ/);
    expect(cents(rds)).toBe(21_170);
    expect(rds.confidence).toBe('derived');
  });

  it('adds up the whole AWS side of web=2xstandard-2x postgres=standard-0 exactly, as shown', () => {
    const e = estimateOf('web=2xstandard-2x postgres=standard-0');
    // Shown lines: 2 × t3.medium 60.74 + root volumes 3.20 + db.m6g.large 116.07 (730 × $0.159: production,
    // so not burstable) + 64 GB 7.36 + ALB 16.43 + 1 LCU 5.84 + 2 NAT gateways 65.70 + 20 GB 0.90
    // + 4 public IPv4 14.60 + logs 5.00 + 0.30 + egress 9.00
    expect(e.aws.infrastructure.toFixed(2)).toBe('305.14');
    // The verdict uses the consolidated tier: two t3.medium hold both web processes, so it is the same here.
    expect(e.verdict).toMatchObject({ tier: 'consolidated', kind: 'cheaper', cheaper: 'heroku' });
    expect(e.cheaper).toBe('heroku');
    expect(e.difference.toFixed(2)).toBe('155.14');
    // Optimised: 2 × t4g.medium at the Savings Plan rate, 1,460 × $0.024192 = $35.32 for $60.74.
    expect(e.tiers.map((t) => [t.id, t.infrastructure.toFixed(2)])).toEqual([
      ['like-for-like', '305.14'],
      ['consolidated', '305.14'],
      ['optimised', '279.72'],
    ]);
  });

  it('splits data transfer out into the 10 TB and 40 TB tiers', () => {
    const e = estimateOf('aws web=1xm5.large egress=20tb');
    const tiers = e.aws.lines.filter((l) => l.item.startsWith('Data transfer out') && l.environment === 'production');
    expect(tiers.map((l) => [l.quantity, l.monthly?.toFixed(2)])).toEqual([
      [10_240, '921.60'],
      [10_240, '870.40'],
    ]);
  });

  it('prices Fargate tasks by vCPU-hour and GB-hour', () => {
    const e = estimateOf('web=2xstandard-2x fargate');
    const vcpu = line(e.aws.lines, /Fargate task \(0\.5 vCPU, 1 GB\): vCPU/);
    const memory = line(e.aws.lines, /Fargate task \(0\.5 vCPU, 1 GB\): memory/);
    expect(vcpu.monthly?.toString()).toBe('29.5504'); // 2 tasks × 730 h × 0.5 vCPU × $0.04048
    expect(memory.monthly?.toString()).toBe('6.4897'); // 2 × 730 × 1 GB × $0.004445
  });
});

describe("the load balancer's capacity follows the traffic it serves", () => {
  // An ALB bills LCU-hours by its largest dimension, and one LCU is 1 GB an hour of processed bytes for
  // EC2 or IP targets (Elastic Load Balancing pricing). 20 TB a month out through it is 27.4 GB an hour:
  // 27.4 LCUs, not the 1 assumed for a small app ($5.84 a month, where it costs $160.00).
  it('web=2xstandard-2x egress=20000gb: 27.397 LCU average, $160.00 a month', () => {
    const e = estimateOf('web=2xstandard-2x egress=20000gb');
    for (const tier of e.tiers) {
      const lcu = line(tier.lines, /^ALB capacity/);
      expect(lcu.item).toBe('ALB capacity (27.397 LCU average)');
      expect(cents(lcu)).toBe(16_000);
    }
    expect(e.assumptions.join(' ')).toContain('27.397 LCU average');
  });

  it('keeps the 1 LCU assumed where the traffic needs less (100 GB a month is 0.14 GB an hour)', () => {
    const e = estimateOf('web=2xstandard-2x');
    expect(line(e.aws.lines, /^ALB capacity/).item).toBe('ALB capacity (1 LCU average)');
  });
});

describe('contract prices', () => {
  it('shows Shield items without an amount, never $0, and keeps them out of the totals', () => {
    const e = estimateOf('web=2xstandard-2x postgres=standard-0 hipaa');
    expect(e.heroku.infrastructure.toFixed(2)).toBe('540.00'); // 2 × Shield-S $270
    expect(e.heroku.unpriced.map((l) => l.item)).toEqual(['Shield Private Space', 'Heroku Postgres shield-0']);
    for (const l of e.heroku.unpriced) {
      expect(l.monthly).toBeNull();
      expect(l.unitPrice).toBeNull();
      expect(l.note).toMatch(/contract price: set heroku\.(space\.shield|postgres\.shield-0) in PRICING_FILE/);
    }
    expect(e.heroku.lines.some((l) => l.monthly.isZero())).toBe(false);
    expect(e.excludesUnpriced).toBe(true);
    expect(e.assumptions).toContain(
      'Heroku totals exclude 2 items without a public price (Shield Private Space in production, Heroku Postgres shield-0 in production): they are lower bounds until you set the contract prices in PRICING_FILE.',
    );
  });

  it('uses contract prices once PRICING_FILE gives them, citing the file', () => {
    const parsed = parsePricingOverrides(
      'asOf: 2026-11-01\nprices:\n  heroku.space.shield: 3000\n  heroku.postgres.shield-0: 450\n',
      'pricing.yaml',
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const catalog = applyOverrides(DEFAULT_CATALOG, parsed.overrides);
    const e = estimateOf('web=2xstandard-2x postgres=standard-0 hipaa', catalog);
    expect(e.heroku.unpriced).toEqual([]);
    expect(e.heroku.infrastructure.toFixed(2)).toBe('3990.00');
    const space = line(e.heroku.lines, /Shield Private Space/);
    expect(space).toMatchObject({ source: 'PRICING_FILE (pricing.yaml)', asOf: '2026-11-01', contractPrice: true });
    expect(e.excludesUnpriced).toBe(false);
  });

  it('shows a Heroku Postgres plan with no public list price as unpriced, not guessed', () => {
    const e = estimateOf('web=1xstandard-1x postgres=standard-9');
    expect(e.heroku.unpriced.map((l) => l.item)).toEqual(['Heroku Postgres standard-9']);
  });
});

describe('compliance on AWS', () => {
  it('adds KMS, CloudTrail, GuardDuty and AWS Backup for HIPAA, and no WAF', () => {
    const e = estimateOf('aws web=2xm5.large rds=db.m6g.large storage=100gb hipaa');
    const security = e.aws.lines.filter((l) => l.category === 'security' || l.category === 'backup');
    expect(security.map((l) => [l.item, l.monthly.toFixed(2)])).toEqual([
      ['KMS key for encrypted storage', '1.00'],
      ['KMS requests (100,000)', '0.30'],
      ['CloudTrail data events (1,000,000)', '1.00'],
      ['GuardDuty event analysis (1,000,000 events)', '4.00'],
      ['GuardDuty flow and DNS log analysis (10 GB)', '10.00'],
      ['AWS Backup of the database (100 GB)', '9.50'],
    ]);
    expect(e.assumptions.join('\n')).toMatch(/BAA in AWS Artifact \(no charge\)/);
  });

  it('adds AWS WAF on the load balancer for PCI', () => {
    const e = estimateOf('aws web=2xm5.large pci');
    const waf = e.aws.lines.filter((l) => l.item.startsWith('AWS WAF'));
    expect(waf.map((l) => l.monthly.toFixed(2))).toEqual(['5.00', '5.00', '6.00']);
  });
});

describe('TCO', () => {
  it('keeps ops apart from infrastructure: 2 h on Heroku and 10 h on AWS per environment at $100/h', () => {
    const e = estimateOf('web=2xstandard-2x postgres=standard-0 staging');
    expect(e.heroku.ops.toFixed(2)).toBe('400.00');
    expect(e.aws.ops.toFixed(2)).toBe('2000.00');
    expect(e.heroku.total.toFixed(2)).toBe(e.heroku.infrastructure.plus(400).toFixed(2));
    expect(e.withOps.cheaper).toBe('heroku');
  });

  it('applies ops-rate= from the command', () => {
    const e = estimateOf('web=2xstandard-2x ops-rate=150');
    expect(e.heroku.ops.toFixed(2)).toBe('300.00');
    expect(e.aws.ops.toFixed(2)).toBe('1500.00');
    expect(line(e.aws.lines, /Ops effort/).source).toMatch(/rate: ops-rate option/);
  });

  it('applies ops hours and rate from PRICING_FILE', () => {
    const parsed = parsePricingOverrides(
      '{"assumptions": {"opsHourlyRate": 80, "opsHoursPerEnvironment": {"aws": 4}}}',
      'pricing.json',
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const e = estimateOf('web=2xstandard-2x', applyOverrides(DEFAULT_CATALOG, parsed.overrides));
    expect(e.heroku.ops.toFixed(2)).toBe('160.00'); // default 2 h × $80
    expect(e.aws.ops.toFixed(2)).toBe('320.00'); // 4 h × $80
    expect(e.assumptions.join('\n')).toMatch(/PRICING_FILE \(pricing\.json\)/);
  });
});

describe('what a live app brings', () => {
  const web = herokuProcess(DEFAULT_CATALOG, 'web', 1, 'standard-1x')!;
  const live: Workload = {
    origin: 'heroku',
    label: 'app acme-api',
    processes: [web, { name: 'legacy', count: 1, size: 'performance-9xl', memoryGb: 2, vcpu: 1, dedicated: true }],
    addOns: [
      { service: 'papertrail', plan: 'choklad', monthlyCents: 700, contract: false, asOf: '2026-11-20' },
      { service: 'bespoke', plan: 'enterprise', monthlyCents: null, contract: true },
    ],
    egressGbPerMonth: 10,
    logGbPerMonth: 1,
    environments: { staging: false, reviewApps: 0 },
    compliance: [],
  };

  it('prices add-ons at their billed price and leaves contract add-ons without an amount', () => {
    const e = estimate(live, DEFAULT_CATALOG);
    expect(line(e.heroku.lines, /papertrail/)).toMatchObject({ asOf: '2026-11-20', category: 'add-on' });
    expect(line(e.heroku.lines, /papertrail/).monthly?.toFixed(2)).toBe('7.00');
    expect(e.heroku.unpriced.map((l) => l.item)).toContain('bespoke (enterprise)');
  });

  it('counts the same add-ons on AWS, bought directly, so they do not tilt the comparison', () => {
    const e = estimate(live, DEFAULT_CATALOG);
    expect(line(e.aws.lines, /papertrail \(choklad\), bought directly/).monthly?.toFixed(2)).toBe('7.00');
    expect(e.aws.unpriced.map((l) => l.item)).toContain('bespoke (enterprise), bought directly');
    expect(e.assumptions.join('\n')).toMatch(/Add-ons \(papertrail, bespoke\) are priced for production only/);
  });

  it('shows a size missing from the price list with no amount, and still models it on AWS from its RAM', () => {
    const e = estimate(live, DEFAULT_CATALOG);
    const unknown = e.heroku.unpriced.find((l) => l.item.startsWith('legacy'));
    expect(unknown?.note).toMatch(/not in the price list/);
    expect(e.aws.lines.some((l) => /legacy: 1 × m6i\.large/.test(l.item))).toBe(true);
  });
});

test('a typed workload without a web process sends no data out unless egress= says so, as a live app does', () => {
  // Before: `worker=1xstandard-1x` and `postgres=standard-0` each paid $9.00/mo for 100 GB out.
  for (const text of ['worker=1xstandard-1x', 'postgres=standard-0']) {
    const e = estimateOf(text);
    for (const tier of e.tiers) expect(tier.lines.filter((l) => /Data transfer out/.test(l.item))).toEqual([]);
    expect(e.assumptions.join('\n')).toMatch(/[Nn]o data transfer out.*without a web process.*`egress=100gb` sets it/);
  }
  const given = estimateOf('worker=1xstandard-1x egress=50gb');
  expect(given.tiers[0].lines.map((l) => l.item)).toContain('Data transfer out to the internet (first 10 TB: 50 GB)');
  const web = estimateOf('web=1xstandard-1x');
  expect(web.tiers[0].lines.map((l) => l.item)).toContain('Data transfer out to the internet (first 10 TB: 100 GB)');
});

describe('what the AWS figures leave out', () => {
  it('names the charges an AWS build usually has that no line prices, both ways', () => {
    for (const words of ['web=2xstandard-2x postgres=standard-0', 'aws web=2xm5.large rds=db.m6g.large']) {
      const named = estimateOf(words).assumptions.filter((a) => a.startsWith('Not in the AWS figures'));
      expect(named).toHaveLength(1);
      for (const charge of ['between Availability Zones', 'Amazon ECR', 'Secrets Manager', 'build service']) {
        expect(named[0]).toContain(charge);
      }
    }
  });
});

describe('the estimate as JSON (assumptions written when first read)', () => {
  it('keeps its keys in the order they have always had, the assumptions after excludesUnpriced, each read the same', () => {
    const e = estimateOf('web=2xstandard-2x postgres=standard-0');
    const json = JSON.parse(JSON.stringify(e));
    expect(Object.keys(json)).toEqual([
      'workload',
      'heroku',
      'aws',
      'current',
      'tiers',
      'range',
      'verdict',
      'cheaper',
      'difference',
      'withOps',
      'excludesUnpriced',
      'assumptions',
      'priceListDate',
      'priceDates',
      'awsRegion',
    ]);
    expect(json.assumptions).toEqual(e.assumptions);
    expect(json.assumptions[0]).toMatch(/^List prices in USD before tax/);
    // Written once: the same list on every read.
    expect(e.assumptions).toBe(e.assumptions);
  });
});
