import { type EstimateRequest, parseEstimate } from '../../src/core/estimate';
import { type Estimate, estimate } from '../../src/core/model';
import { formatUsd } from '../../src/core/money';
import { DEFAULT_CATALOG } from '../../src/core/pricing';

const catalog = DEFAULT_CATALOG;

function estimateOf(text: string): Estimate {
  const result = parseEstimate(text, catalog);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.message}`);
  const r = result.request as Extract<EstimateRequest, { kind: 'workload' }>;
  return estimate(r.workload, catalog, r.options);
}

/** The one compute line of `worker`, as shown: item and monthly figure. */
function computeLine(e: Estimate, platform: 'heroku' | 'aws', tier = 'like-for-like') {
  const lines =
    platform === e.current ? e[platform].lines : (e.tiers.find((t) => t.id === tier)?.lines ?? e[platform].lines);
  const line = lines.find(
    (l) => l.environment === 'production' && l.category === 'compute' && /^worker: /.test(l.item),
  );
  return line && `${line.item} = ${formatUsd(line.monthly)}`;
}

describe('sizing rules, Heroku dyno → EC2 instance (RAM + 1.5 GiB headroom, sustained CPU, x86 unless asked)', () => {
  it.each([
    // AWS's Heroku migration guidance: Standard-1X → t3.small, Standard-2X → t3.medium, Performance-M → m5.large
    // (m6i.large is the same price, newer generation).
    ['worker=1xstandard-1x', 'worker: 1 × t3.small = $15.18'],
    ['worker=1xbasic', 'worker: 1 × t3.small = $15.18'],
    ['worker=1xstandard-2x', 'worker: 1 × t3.medium = $30.37'],
    ['worker=1xperformance-m', 'worker: 1 × m6i.large = $70.08'],
    // Performance-L: 14 GB and 8 dedicated vCPU (Compute 50x): the vCPUs decide, not only the RAM.
    ['worker=1xperformance-l', 'worker: 1 × m6i.2xlarge = $280.32'],
    ['worker=1xperformance-l-ram', 'worker: 1 × r6i.xlarge = $183.96'],
    ['worker=1xperformance-xl', 'worker: 1 × r6i.2xlarge = $367.92'],
    ['worker=1xperformance-2xl', 'worker: 1 × r6i.4xlarge = $735.84'],
  ])('%s → %s', (text, expected) => {
    expect(computeLine(estimateOf(text), 'aws')).toBe(expected);
  });

  it('puts a shared dyno on a burstable instance only where the baseline covers its share, and says so', () => {
    const e = estimateOf('worker=1xstandard-2x');
    expect(e.assumptions.join('\n')).toContain(
      "worker: standard-2x (1 GB, 0.4 vCPU sustained share) → EC2 t3.medium (4 GB, 2 vCPU): the cheapest x86-64 instance with the dyno's RAM plus 1.5 GiB headroom (4 GB) where its baseline of 0.4 vCPU covers the dyno's 0.4 vCPU.",
    );
  });

  it('never puts a dedicated Performance dyno on a burstable instance whose baseline would not cover it', () => {
    const e = estimateOf('worker=3xperformance-m');
    expect(computeLine(e, 'aws')).toBe('worker: 3 × m6i.large = $210.24');
  });

  it('uses Graviton only when asked (arm)', () => {
    expect(computeLine(estimateOf('worker=1xstandard-2x arm'), 'aws')).toBe('worker: 1 × t4g.medium = $24.53');
    expect(computeLine(estimateOf('worker=1xperformance-m arm'), 'aws')).toBe('worker: 1 × m6g.large = $56.21');
  });
});

describe('sizing rules, EC2 instance → Heroku dynos (RAM − 1.5 GiB, CPU, several smaller dynos, Fir)', () => {
  it.each([
    // [workload, like-for-like, consolidated, optimised]
    [
      'aws worker=1xt3.micro',
      'worker: Standard-1X dyno = $25.00',
      'worker: Standard-1X dyno = $25.00',
      'worker: Standard-1X dyno = $25.00',
    ],
    [
      'aws worker=1xt3.small',
      'worker: Standard-2X dyno = $50.00',
      'worker: Standard-2X dyno = $50.00',
      'worker: Standard-2X dyno = $50.00',
    ],
    // 2.5 GB: one Performance-M, or three Standard-2X at a fifth of the price of the old Performance-L.
    [
      'aws worker=1xt3.medium',
      'worker: Performance-M dyno = $250.00',
      'worker: Standard-2X dyno = $150.00',
      'worker: dyno-1c-4gb dyno = $80.00',
    ],
    [
      'aws worker=1xm5.large',
      'worker: Performance-L dyno = $500.00',
      'worker: Standard-2X dyno = $350.00',
      'worker: dyno-2c-8gb dyno = $160.00',
    ],
    [
      'aws worker=1xc5.large',
      'worker: Performance-M dyno = $250.00',
      'worker: Performance-M dyno = $250.00',
      'worker: dyno-2c-4gb dyno = $150.00',
    ],
    // The large Performance sizes for the big instances.
    [
      'aws worker=1xm5.xlarge',
      'worker: Performance-L-RAM dyno = $500.00',
      'worker: Performance-L-RAM dyno = $500.00',
      'worker: dyno-4c-16gb dyno = $320.00',
    ],
    [
      'aws worker=1xm5.2xlarge',
      'worker: Performance-XL dyno = $750.00',
      'worker: Performance-XL dyno = $750.00',
      'worker: dyno-8c-32gb dyno = $640.00',
    ],
    [
      'aws worker=1xm6i.4xlarge',
      'worker: Performance-2XL dyno = $1,500.00',
      'worker: Performance-2XL dyno = $1,500.00',
      'worker: dyno-16c-64gb dyno = $1,000.00',
    ],
  ])('%s → %s | %s | %s', (text, likeForLike, consolidated, optimised) => {
    const e = estimateOf(text);
    expect(computeLine(e, 'heroku', 'like-for-like')).toBe(likeForLike);
    expect(computeLine(e, 'heroku', 'consolidated')).toBe(consolidated);
    expect(computeLine(e, 'heroku', 'optimised')).toBe(optimised);
  });

  it('counts the dynos of a set per instance and says which rule made it', () => {
    const e = estimateOf('aws worker=2xm5.large');
    const consolidated = e.tiers.find((t) => t.id === 'consolidated')!;
    expect(consolidated.lines.find((l) => /^worker: /.test(l.item))).toMatchObject({ quantity: 14 });
    expect(e.assumptions.join('\n')).toContain(
      'worker: m5.large (8 GB, 2 vCPU) → one Performance-L: the cheapest single dyno with 6.5 GB and 2 vCPU sustained.',
    );
  });

  it('prices Fir sizes with their space fee left out as a contract item, so the optimised tier says it is incomplete', () => {
    const optimised = estimateOf('aws worker=1xm5.large').tiers.find((t) => t.id === 'optimised')!;
    expect(optimised.unpriced.map((l) => [l.item, l.priceKey])).toEqual([['Fir-generation space', 'heroku.space.fir']]);
  });
});
