import { type EstimateRequest, parseEstimate, renderEstimateText } from '../../src/core/estimate';
import { estimate } from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';

function answer(text: string): string {
  const result = parseEstimate(text, DEFAULT_CATALOG);
  if (!result.ok) throw new Error(result.message);
  const r = result.request as Extract<EstimateRequest, { kind: 'workload' }>;
  return renderEstimateText(estimate(r.workload, DEFAULT_CATALOG, r.options));
}

describe('the plain-text estimate', () => {
  const text = answer('web=2xstandard-2x postgres=standard-0');

  it('gives both platforms monthly totals, infrastructure and TCO apart', () => {
    expect(text).toContain('Heroku as it runs: $150.00/mo infrastructure, $350.00/mo with ops (TCO), estimated');
    expect(text).toContain(
      'AWS (us-east-1), like-for-like tier (modelled): $305.14/mo infrastructure, $1,305.14/mo with ops (TCO), estimated',
    );
    expect(text).toContain(
      'AWS (us-east-1), consolidated tier (modelled): $305.14/mo infrastructure, $1,305.14/mo with ops (TCO), estimated',
    );
    expect(text).not.toMatch(/\(with ops\): .* infrastructure/);
    expect(text).toContain('  Ops (TCO): $200.00/mo, estimated (2 h per environment × 1 environment × $100.00/h)');
    expect(text).toContain('  Total with ops: $350.00/mo, estimated');
  });

  it('itemises each line with quantity, unit price and monthly figure, and cites its source', () => {
    expect(text).toContain('    web: Standard-2X dyno: 2 × $50.00/month = $100.00/mo, estimated [1]');
    expect(text).toContain('    web: 2 × t3.medium: 1,460 × $0.0416/hour = $60.74/mo, estimated [3]');
    expect(text).toMatch(/\[1\] Heroku's published dyno prices \(Heroku CLI price list\), as of 2026-08-04/);
  });

  it('labels every monthly amount "/mo, estimated" and every other amount with its unit', () => {
    const amounts = [...text.matchAll(/\$[\d,]+(?:\.\d+)?(\/mo, estimated|\/[A-Za-z0-9 -]+| per [A-Za-z-]+)?/g)];
    expect(amounts.filter((m) => m[1] === '/mo, estimated').length).toBeGreaterThan(15);
    for (const m of amounts) expect([m[0], m[1] !== undefined]).toEqual([m[0], true]);
  });

  it('says which is cheaper and by how much, shows the price-list date and the assumptions', () => {
    expect(text).toContain(
      'AWS (modelled): $279.72/mo to $305.14/mo infrastructure across three tiers (like-for-like $305.14/mo, consolidated $305.14/mo, optimised $279.72/mo); Heroku as it runs: $150.00/mo.',
    );
    // One verdict for infrastructure and ops together (issue #15: two verdict sentences could disagree).
    expect(text).toContain(
      "Heroku is cheaper: by $155.14/mo on infrastructure and by $955.14/mo with ops, against AWS's consolidated tier.",
    );
    expect(text.match(/^.*\bis cheaper\b.*\$.*$/gm)).toHaveLength(1);
    // The oldest and newest dates of the sources its lines cite (the public IPv4 charge, 2024-02-01), not the
    // newest date anywhere in the catalog (2026-12-05), which no line here was priced from.
    expect(text).toContain(
      'amounts are per month, estimated; prices from the sources listed, dated 2024-02-01 to 2026-10-02.',
    );
    expect(text).toMatch(/Assumptions:\n {2}- List prices in USD/);
    expect(text).toContain("the cheapest x86-64 instance with the dyno's RAM plus 1.5 GiB headroom");
  });

  it('flags contract-priced items with no amount and says the totals leave them out', () => {
    const hipaa = answer('web=2xstandard-2x postgres=standard-0 hipaa');
    expect(hipaa).toContain(
      '    Shield Private Space: 1 month, no amount (contract price: set heroku.space.shield in PRICING_FILE)',
    );
    expect(hipaa).toContain(
      'Not in these totals: 2 items without a public price (contract prices); each line above says how to add it.',
    );
    // Heroku's lower bound already costs more than AWS's whole total: AWS is cheaper by at least the gap.
    expect(hipaa).toContain('AWS is cheaper on infrastructure by at least $212.48/mo');
    expect(hipaa).toContain("Heroku's total leaves out 2 items without a public price (listed below)");
    // The lead line marks the side as it runs as a lower bound too, as it does a modelled tier.
    expect(hipaa).toMatch(/; Heroku as it runs: ≥ \$540\.00\/mo\./);
    expect(hipaa).toContain(
      'Missing: Heroku: Shield Private Space (production) has no public price; set heroku.space.shield in PRICING_FILE (leads), or ask your account executive.',
    );
    expect(hipaa).not.toMatch(/Heroku is cheaper/);
    expect(hipaa).not.toMatch(/Shield Private Space.*\$0\.00/);
  });

  it('marks the range of tiers as a lower bound when a tier leaves an item out, as the Slack header does', () => {
    // The optimised tier runs Fir dynos, whose space fee has no public price: "optimised ≥ $670.00/mo".
    const fir = answer('aws web=2xm5.large rds=db.m6g.large multi-az storage=100gb');
    expect(fir).toContain(
      'Heroku (modelled): ≥ $670.00/mo to $1,350.00/mo infrastructure across three tiers (like-for-like $1,350.00/mo, consolidated $1,050.00/mo, optimised ≥ $670.00/mo); AWS as it runs: $516.27/mo.',
    );
  });

  it('marks derived and unconfirmed figures', () => {
    expect(answer('aws web=1xm5.large rds=db.t3.large multi-az')).toMatch(
      /RDS PostgreSQL db\.t3\.large Multi-AZ: .* \(derived\)/,
    );
    expect(answer('aws web=1xm5.large rds=db.r6g.large')).toMatch(/db\.r6g\.large Single-AZ: .* \(unconfirmed\)/);
    expect(answer('web=1xprivate-l-ram')).toMatch(
      /Private-L-RAM dyno: .* \(conflicting figures: Heroku's figures conflict/,
    );
  });

  it('starts every sentence of the assumptions with a capital, the tiers named as their sentences begin', () => {
    // Before: "… shared per environment. consolidated: ECS on EC2: … one per app. optimised: Consolidated, …".
    for (const workload of ['web=2xstandard-2x postgres=standard-0', 'aws web=2xm5.large rds=db.m6g.large multi-az']) {
      const assumptions = answer(workload).split('Assumptions:\n')[1].split('\nSources:')[0];
      expect(assumptions.match(/\. [a-z][^.]*/g) ?? []).toEqual([]);
    }
    expect(answer('web=2xstandard-2x')).toContain(
      'Tiers for AWS: Like-for-like: One EC2 instance per dyno (web on at least two in production, but one for an Eco or Basic dyno, which Heroku runs one to a process type), each database and cache on its own RDS instance and ElastiCache node; load balancer, NAT gateways and logs shared per environment where a process runs (an app of Eco or Basic dynos uses neither load balancer nor NAT gateway: its instances sit in a public subnet, each with its own address). Consolidated: ECS on EC2',
    );
  });

  it('writes the egress and log volumes as the lines do, with thousands separated', () => {
    // `egress=1,500gb` is read since commas are; the lines say "1,500 GB", the assumption said "1500 GB".
    const text = answer('web=2xstandard-2x egress=1,500gb logs=2,000gb');
    expect(text).toContain('Data transfer out to the internet (first 10 TB: 1,500 GB)');
    expect(text).toContain(
      "CloudWatch Logs for 2,000 GB a month kept 1 month, data transfer out for 1,500 GB a month of egress (AWS's free 100 GB a month is one per account, across all its services and Regions, so it is not subtracted: an account already in use spends it).",
    );
  });

  it('groups lines by environment', () => {
    const staged = answer('web=1xstandard-2x staging review=2');
    expect(staged.indexOf('  staging\n')).toBeGreaterThan(staged.indexOf('  production\n'));
    expect(staged).toContain('  review\n');
  });
});
