import { type FleetApp, modelFleet } from '../../src/core/model';
import { logGbFor } from '../../src/core/model/log-volume';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { applyOverrides, parsePricingOverrides } from '../../src/core/pricing/overrides';
import type { AddOn } from '../../src/core/workload';
import { herokuWorkload } from '../support/heroku-workloads';

// docs/decisions.md: "The one-off cost of moving scales with what each app has" and "Log volume follows
// what runs".
const catalog = DEFAULT_CATALOG;

const addOn = (service: string): AddOn => ({ service, plan: 'basic', monthlyCents: 700, contract: false });

const workload = (processes: [string, number, string][], database?: string, cache?: string, addOns: AddOn[] = []) =>
  herokuWorkload(processes, database, cache, { addOns });

const hours = (app: FleetApp) => modelFleet([app], catalog).oneOff.lines.map((l) => [l.item, l.quantity]);

describe('the one-off cost of moving scales with what each app has', () => {
  it('a hobby app (one Basic dyno, no data add-on) is 6 h, not the flat 16 h', () => {
    const fleet = modelFleet([{ name: 'blog', workload: workload([['web', 1, 'basic']]) }], catalog);
    expect(fleet.oneOff.lines.map((l) => [l.item, l.monthly.toFixed(2)])).toEqual([
      [
        'Moving 1 app (4 h each: image build, deploy pipeline, config vars into Parameter Store, DNS cut-over)',
        '400.00',
      ],
      [
        'Their 1 running process type (2 h each: an ECS service or instance setup, health check, scaling, alarms)',
        '200.00',
      ],
    ]);
    expect(fleet.oneOff.total.toFixed(2)).toBe('600.00');
  });

  it('a typical production app (web and worker, Standard Postgres, a Key-Value Store, one add-on) stays at 24 h', () => {
    const app: FleetApp = {
      name: 'shop',
      workload: workload(
        [
          ['web', 2, 'standard-2x'],
          ['worker', 1, 'standard-2x'],
        ],
        'standard-0',
        'premium-0',
        [addOn('papertrail')],
      ),
    };
    expect(hours(app)).toEqual([
      ['Moving 1 app (4 h each: image build, deploy pipeline, config vars into Parameter Store, DNS cut-over)', 4],
      ['Their 2 running process types (2 h each: an ECS service or instance setup, health check, scaling, alarms)', 4],
      [
        '1 app on the production layout (4 h each: private subnets, a load balancer target group and host rule, a TLS certificate)',
        4,
      ],
      [
        'Moving 1 Postgres database on larger plans by a rehearsed cut-over (8 h each: a trial restore to time it, then the cut-over in a planned window)',
        8,
      ],
      ['Re-pointing 1 Key-Value Store (2 h each: the new endpoint and TLS settings; a cache starts empty)', 2],
      ["Replacing 1 other add-on (2 h each: an AWS service or the vendor's own account in its place)", 2],
    ]);
    // The flat rule gave this app 16 h + 8 h for its database: the same $2,400.00.
    expect(modelFleet([app], catalog).oneOff.total.toFixed(2)).toBe('2400.00');
  });

  it('counts a Private or Shield Space once, however many apps run in it', () => {
    const space = { name: 'care-shield', shield: true };
    const fleet = modelFleet(
      [
        { name: 'care-api', team: 'care', space, workload: workload([['web', 2, 'shield-m']]) },
        { name: 'care-worker', team: 'care', space, workload: workload([['worker', 1, 'shield-m']]) },
      ],
      catalog,
    );
    const spaceLine = fleet.oneOff.lines.find((l) => l.item.startsWith('Rebuilding'));
    expect([spaceLine?.item, spaceLine?.monthly.toFixed(2)]).toEqual([
      'Rebuilding 1 Private or Shield Space as a VPC (16 h each: subnets, peering or VPN, trusted IP ranges, once for all its apps)',
      '1600.00',
    ]);
    // 2 × 4 + 2 × 2 + 2 × 4 + 16 = 36 h.
    expect(fleet.oneOff.total.toFixed(2)).toBe('3600.00');
    const shown = fleet.oneOff.lines.reduce((n, l) => n + l.cents, 0);
    expect(shown).toBe(360000);
  });

  it('takes each part from PRICING_FILE, and names the assumption in each line’s source', () => {
    const parsed = parsePricingOverrides('assumptions:\n  migrationHoursBasePerApp: 10\n', 'prices.yml');
    if (!parsed.ok) throw new Error(parsed.message);
    const priced = applyOverrides(catalog, parsed.overrides);
    const fleet = modelFleet([{ name: 'blog', workload: workload([['web', 1, 'basic']]) }], priced);
    expect(fleet.oneOff.total.toFixed(2)).toBe('1200.00');
    expect(fleet.oneOff.lines[0].source).toMatch(/^Hours: .*\(migrationHoursBasePerApp\); rate: /);
    expect(fleet.assumptions.join('\n')).toContain('One-off, by what each app has, at the ops rate: 10 h per app');
    // The worked examples in the rule follow the hours in force: 30 and 12 h here, 24 and 6 h by default.
    expect(fleet.assumptions.join('\n')).toContain('one add-on is 30 h; a hobby app of one Basic dyno 12 h.');
    const byDefault = modelFleet([{ name: 'blog', workload: workload([['web', 1, 'basic']]) }], catalog);
    expect(byDefault.assumptions.join('\n')).toContain('one add-on is 24 h; a hobby app of one Basic dyno 6 h.');
  });
});

describe('log volume follows what runs', () => {
  it('a Basic dyno logs 0.5 GB, a Standard dyno 5 GB, nothing where nothing runs', () => {
    expect(logGbFor(workload([['web', 1, 'basic']]).processes, catalog)).toBe(0.5);
    expect(logGbFor(workload([['web', 2, 'standard-2x']]).processes, catalog)).toBe(10);
    expect(
      logGbFor(
        workload([
          ['web', 1, 'basic'],
          ['worker', 3, 'performance-m'],
        ]).processes,
        catalog,
      ),
    ).toBe(15.5);
    expect(logGbFor(workload([['web', 0, 'standard-2x']]).processes, catalog)).toBe(0);
  });

  it("a lead's flat logGbPerMonth in PRICING_FILE replaces the rule, as before it", () => {
    const parsed = parsePricingOverrides('assumptions:\n  logGbPerMonth: 12\n', 'prices.yml');
    if (!parsed.ok) throw new Error(parsed.message);
    const priced = applyOverrides(catalog, parsed.overrides);
    expect(logGbFor(workload([['web', 1, 'basic']]).processes, priced)).toBe(12);
    expect(logGbFor(workload([['web', 0, 'basic']]).processes, priced)).toBe(0);
  });
});
