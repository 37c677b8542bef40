import { DEFAULT_CATALOG, type PricingOverrides, priceOf } from '../../src/core/pricing';
import { applyOverrides, PRICING_FILE_EXAMPLE, parsePricingOverrides } from '../../src/core/pricing/overrides';

function parsed(text: string, fileName = 'pricing.yaml'): PricingOverrides {
  const result = parsePricingOverrides(text, fileName);
  if (!result.ok) throw new Error(result.message);
  return result.overrides;
}

function problems(text: string, fileName = 'pricing.yaml'): string[] {
  const result = parsePricingOverrides(text, fileName);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  expect(result.message).toContain(`PRICING_FILE ${fileName}`);
  return result.problems;
}

describe('PRICING_FILE overrides', () => {
  it('reads YAML with flat and nested price keys, and cites the file on every overridden entry', () => {
    const overrides = parsed(`
asOf: 2026-12-20
prices:
  aws.ec2.m5.large: 0.085
  heroku:
    dyno:
      performance-m: 200
`);
    const catalog = applyOverrides(DEFAULT_CATALOG, overrides);
    const m5 = priceOf(catalog, 'aws.ec2.m5.large');
    expect(m5.unitPrice?.toString()).toBe('0.085');
    expect(m5).toMatchObject({ source: 'PRICING_FILE (pricing.yaml)', asOf: '2026-12-20' });
    expect(priceOf(catalog, 'heroku.dyno.performance-m').unitPrice?.toString()).toBe('200');
    expect(priceOf(catalog, 'aws.ec2.m6i.large').source).toMatch(/Karpenter/);
    expect(catalog.priceListDate).toBe('2026-12-20');
  });

  it('reads JSON, which is YAML, and leaves the original catalog untouched', () => {
    const catalog = applyOverrides(
      DEFAULT_CATALOG,
      parsed('{"prices": {"heroku.space.shield": 3000}, "assumptions": {"egressGbPerMonth": 500}}', 'pricing.json'),
    );
    expect(priceOf(catalog, 'heroku.space.shield')).toMatchObject({
      source: 'PRICING_FILE (pricing.json)',
      contract: true,
    });
    expect(priceOf(catalog, 'heroku.space.shield').unitPrice?.toString()).toBe('3000');
    expect(catalog.assumptions.egressGbPerMonth).toBe(500);
    expect(catalog.assumptionSources.egressGbPerMonth).toBe('PRICING_FILE (pricing.json)');
    expect(priceOf(DEFAULT_CATALOG, 'heroku.space.shield').unitPrice).toBeNull();
    expect(DEFAULT_CATALOG.assumptions.egressGbPerMonth).toBe(100);
  });

  it('dates overrides without asOf like the price list they amend', () => {
    const catalog = applyOverrides(DEFAULT_CATALOG, parsed('prices:\n  aws.nat.hour: 0.04\n'));
    expect(priceOf(catalog, 'aws.nat.hour').asOf).toBe(DEFAULT_CATALOG.priceListDate);
  });

  it('merges ops hours per platform and converts the ops rate to exact money', () => {
    const catalog = applyOverrides(
      DEFAULT_CATALOG,
      parsed('assumptions:\n  opsHourlyRate: 120.5\n  opsHoursPerEnvironment: { aws: 12 }\n'),
    );
    expect(catalog.assumptions.opsHoursPerEnvironment).toEqual({ heroku: 2, aws: 12 });
    expect(catalog.assumptions.opsHourlyRate.toString()).toBe('120.5');
  });

  it('accepts an empty file and the documented example', () => {
    expect(parsed('').prices.size).toBe(0);
    expect(parsed(PRICING_FILE_EXAMPLE).prices.get('heroku.space.shield')?.toString()).toBe('3000');
  });

  it('names the field that is not a number, and shows a correct example', () => {
    expect(problems('prices:\n  aws.ec2.m5.large: abc\n')).toEqual([
      'prices.aws.ec2.m5.large: expected a number, e.g. aws.ec2.m5.large: 0.096 ($ per hour)',
    ]);
    expect(problems('{"prices": {"aws": {"ec2": {"m5.large": "cheap"}}}}', 'p.json')[0]).toMatch(
      /^prices\.aws\.ec2\.m5\.large: expected a number/,
    );
  });

  it('says to drop the dollar sign and commas', () => {
    expect(problems('prices:\n  heroku.space.shield: "$3,000"\n')[0]).toBe(
      'prices.heroku.space.shield: expected a number without "$" or commas, e.g. heroku.space.shield: 3000 ($ per month)',
    );
  });

  it('refuses negative prices', () => {
    expect(problems('prices:\n  aws.nat.hour: -1\n')[0]).toMatch(/^prices\.aws\.nat\.hour: must be 0 or more/);
  });

  it('suggests the closest price key for a typo', () => {
    expect(problems('prices:\n  aws.ec2.m5.larg: 0.09\n')).toEqual([
      'prices.aws.ec2.m5.larg: no such price; did you mean aws.ec2.m5.large?',
    ]);
  });

  it('names unknown sections and assumptions, with the closest', () => {
    expect(problems('price:\n  aws.nat.hour: 0.04\n')).toEqual(['price: unknown setting; did you mean prices?']);
    expect(problems('assumptions:\n  opsHourlyRat: 90\n')).toEqual([
      'assumptions.opsHourlyRat: unknown setting; did you mean assumptions.opsHourlyRate?',
    ]);
    expect(problems('assumptions:\n  opsHoursPerEnvironment: { gcp: 3 }\n')[0]).toMatch(
      /^assumptions\.opsHoursPerEnvironment\.gcp: unknown setting; expected one of heroku, aws/,
    );
  });

  it('checks assumption ranges and the date format', () => {
    expect(problems('assumptions:\n  nonProductionTrafficShare: 2\n')[0]).toMatch(
      /^assumptions\.nonProductionTrafficShare: must be a fraction between 0 and 1/,
    );
    expect(problems('asOf: last tuesday\n')[0]).toBe('asOf: expected a date like 2026-11-01');
  });

  it('lists every problem at once', () => {
    const found = problems('prices:\n  aws.nat.hour: x\n  aws.alb.hour: -2\nassumptions:\n  egressGbPerMonth: lots\n');
    expect(found).toHaveLength(3);
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'assumptions.egressGbPerMonth',
      'prices.aws.alb.hour',
      'prices.aws.nat.hour',
    ]);
  });

  it('reports YAML syntax errors with their position, and a file that is not a mapping', () => {
    expect(problems('prices:\n  aws.nat.hour: [0.04\n')[0]).toMatch(/^not valid YAML or JSON: .*line \d+/);
    expect(problems('- 1\n- 2\n')[0]).toBe('(top level): expected a mapping with prices: and/or assumptions:');
  });
});
