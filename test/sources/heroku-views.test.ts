import type { HerokuInventory as ComplianceHerokuInventory } from '../../src/core/compliance/inventory';
import { monthStart } from '../../src/core/heroku-run-rate';
import { modelFleet } from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { weeklyCostFromSnapshots } from '../../src/core/snapshot-cost';
import { fleetAppsOf, type HerokuInventory, HerokuSource } from '../../src/sources/heroku';
import { SourceError } from '../../src/sources/source-error';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/**
 * What the source makes of an inventory: workloads, compliance facts, daily snapshots and the weekly
 * cost of what ran (from the stored snapshots, as the digest and budgets read it). A small,
 * hand-built account so every figure is known.
 */

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

const T0 = new Date('2026-01-05T10:00:00Z');
const CATALOG: Record<string, number> = { 'shield-s': 27_000, 'private-s': 22_500 };

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 17 });
  w.addTeam('acme', { type: 'enterprise' });
  w.addTeam('small', { type: 'team' });
  w.addSpace('acme-shield', { team: 'acme', shield: true });
  w.addSpace('acme-private', { team: 'acme', shield: false });
  w.addMember('acme', 'owner@example.com', { role: 'admin' });
  w.addMember('acme', 'intern@acme.example.com', { twoFactor: false });
  w.addMember('small', 'pat@small.example.com');

  w.addApp('shop-api', {
    formation: [
      { type: 'web', quantity: 2, size: 'standard-2X' },
      { type: 'worker', quantity: 1, size: 'standard-1X', withoutSizeId: true },
      { type: 'clock', quantity: 0, size: 'basic' },
    ],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
      { service: 'papertrail', plan: 'fixa', cents: 700 },
      { service: 'enterprise-search', plan: 'dedicated', contract: true },
    ],
  });
  w.addApp('acme-phi', {
    team: 'acme',
    space: 'acme-shield',
    formation: [{ type: 'web', quantity: 3, size: 'shield-S' }],
    addOns: [
      { service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA', 'PCI'] },
      { service: 'heroku-postgresql', plan: 'premium-2', cents: 35_000, compliance: null },
    ],
  });
  w.addApp('acme-web', {
    team: 'acme',
    space: 'acme-private',
    formation: [{ type: 'web', quantity: 1, size: 'private-S' }],
    addOns: [{ service: 'papertrail', plan: 'fixa', cents: 700 }],
  });
  w.addApp('acme-tools', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 1, size: 'basic' }],
    addOns: [{ service: 'partner-metrics', plan: 'custom', billed: 'none' }],
  });

  return w;
}

/** shop-api 2×5000 + 2500 + 5000 + 1500 + 700; acme-phi 3×27000 + 35000; acme-web 22500 + 700; acme-tools 700. */
const EXPECTED_MONTHLY_CENTS = 2 * 5000 + 2500 + 5000 + 1500 + 700 + 3 * 27_000 + 35_000 + 22_500 + 700 + 700;

let fake: FakeHeroku;
let store: Store;
let source: HerokuSource;
let inventory: HerokuInventory;

beforeEach(async () => {
  fake = await FakeHeroku.start({ world: world() });
  store = await openStore(tempSqliteFile(), T0);
  source = new HerokuSource({
    token: fake.token,
    apiUrl: fake.url,
    store,
    now: () => T0,
    fallbackDynoMonthlyCents: (size) => CATALOG[size],
    api: { sleep: async () => {}, backoff: { baseMs: 0, maxMs: 0 } },
  });
  inventory = (await source.inventory()).value;
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

describe('app → Workload', () => {
  it('maps formation, Postgres, Key-Value Store and the other add-ons of a known app', () => {
    expect(source.liveApp(inventory, 'shop-api').workload).toEqual({
      origin: 'heroku',
      label: 'app shop-api',
      processes: [
        { name: 'web', count: 2, size: 'standard-2x', memoryGb: 1, vcpu: 2, dedicated: false },
        { name: 'worker', count: 1, size: 'standard-1x', memoryGb: 0.5, vcpu: 1, dedicated: false },
      ],
      // What Heroku bills for each, with the day the inventory read it (T0): the price a plan the bundled
      // list lacks is given, and the date an add-on's billed price cites.
      database: {
        plan: 'standard-0',
        memoryGb: 4,
        storageGb: 64,
        highAvailability: false,
        billed: { cents: 5000, asOf: '2026-01-05' },
      },
      cache: { plan: 'premium-0', memoryGb: 0.05, highAvailability: true, billed: { cents: 1500, asOf: '2026-01-05' } },
      addOns: [
        { service: 'enterprise-search', plan: 'dedicated', monthlyCents: null, contract: true, asOf: '2026-01-05' },
        { service: 'papertrail', plan: 'fixa', monthlyCents: 700, contract: false, asOf: '2026-01-05' },
      ],
      // Heroku reports no traffic: taken as a production app's with web (100 GB out), its logs by what
      // runs (3 Standard dynos × 5 GB: docs/decisions.md, "Log volume follows what runs").
      egressGbPerMonth: 100,
      logGbPerMonth: 15,
      environments: { staging: false, reviewApps: 0 },
      compliance: [],
    });
  });

  it('premium and up is HA; a second database is a database of its own, not an add-on; names match in any case', () => {
    const workload = source.liveApp(inventory, 'ACME-PHI').workload;
    expect(workload.processes).toEqual([
      { name: 'web', count: 3, size: 'shield-s', memoryGb: 1, vcpu: 2, dedicated: true },
    ]);
    expect(workload.database).toEqual({
      plan: 'premium-2',
      memoryGb: 8,
      storageGb: 256,
      highAvailability: true,
      billed: { cents: 35000, asOf: '2026-01-05' },
    });
    // Before, the shield-0 was an add-on, kept on AWS at its Heroku price as if it could stay on Heroku.
    expect(workload.extraDatabases).toEqual([{ plan: 'shield-0', memoryGb: 4, storageGb: 64, highAvailability: true }]);
    expect(workload.addOns).toEqual([]);
  });

  it('an app in a Shield Private Space holds HIPAA data; one in a plain Private Space does not', () => {
    expect(source.liveApp(inventory, 'acme-phi').workload.compliance).toEqual(['hipaa']);
    expect(source.liveApp(inventory, 'acme-web').workload.compliance).toEqual([]);
    const fleet = modelFleet(fleetAppsOf(inventory), DEFAULT_CATALOG);
    for (const tier of fleet.tiers) {
      expect(tier.lines.filter((l) => /^CloudTrail|^GuardDuty event/.test(l.item)).map((l) => l.item)).toEqual([
        'CloudTrail data events (1,000,000)',
        'GuardDuty event analysis (1,000,000 events)',
      ]);
      // HIPAA: a backup of each of its production databases, the premium-2 and the shield-0.
      expect(tier.lines.filter((l) => l.category === 'backup').map((l) => l.item)).toEqual([
        'acme-phi: AWS Backup of the database (256 GB)',
        'acme-phi: AWS Backup of the database (64 GB)',
      ]);
    }
    expect(fleet.assumptions.join('\n')).toContain('1 app holds HIPAA-regulated data (acme-phi)');
  });

  it('an unknown app: not-found, listing the apps the token sees, closest first', () => {
    let error: unknown;
    try {
      source.liveApp(inventory, 'acme-wbe').workload;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ source: 'heroku', kind: 'not-found' });
    expect((error as SourceError).message).toBe(
      'No app named "acme-wbe" in the Heroku apps this token sees (apps you can see: acme-phi, acme-tools, acme-web, shop-api).',
    );
  });
});

describe('run-rate of the hand-built account', () => {
  it('is exact per app and in total, with contract and unpriced items apart', () => {
    const rate = source.runRate(inventory);
    expect(rate.totalMonthlyCents).toBe(EXPECTED_MONTHLY_CENTS);
    expect(Object.fromEntries(rate.apps.map((app) => [app.app, app.monthlyCents]))).toEqual({
      'acme-phi': 3 * 27_000 + 35_000,
      'acme-tools': 700,
      'acme-web': 22_500 + 700,
      'shop-api': 2 * 5000 + 2500 + 5000 + 1500 + 700,
    });
    expect(rate.contractPriced.map((item) => `${item.app} ${item.item}`).sort()).toEqual([
      'acme-phi heroku-postgresql:shield-0',
      'shop-api enterprise-search:dedicated',
    ]);
    expect(rate.unpriced).toEqual([
      {
        app: 'acme-tools',
        kind: 'addon',
        item: 'partner-metrics:custom',
        quantity: 1,
        reason: 'Heroku returned no billed price for this add-on',
      },
    ]);
  });
});

describe('compliance inventory', () => {
  it('finds the member without 2FA and the app outside a Shield space, with plan regimes', async () => {
    const facts = await source.complianceInventory(inventory);
    // The shape src/core/compliance reads: this line stops compiling if the two drift apart.
    const forChecks: ComplianceHerokuInventory = facts;
    expect(forChecks.members).toEqual([
      { email: 'owner@example.com', twoFactor: true },
      { email: 'intern@acme.example.com', team: 'acme', twoFactor: false, role: 'member' },
      { email: 'owner@example.com', team: 'acme', twoFactor: true, role: 'admin' },
      { email: 'pat@small.example.com', team: 'small', twoFactor: true, role: 'member' },
    ]);
    expect(facts.members.filter((member) => !member.twoFactor).map((member) => member.email)).toEqual([
      'intern@acme.example.com',
    ]);
    const byName = Object.fromEntries(facts.apps.map((app) => [app.name, app]));
    expect(byName['acme-web'].space).toEqual({ name: 'acme-private', shield: false });
    expect(byName['acme-phi'].space).toEqual({ name: 'acme-shield', shield: true });
    expect(byName['shop-api'].space).toBeNull();
    expect(byName['shop-api'].team).toBeUndefined();
    expect(byName['acme-phi']).toMatchObject({
      team: 'acme',
      addOns: [
        { service: 'heroku-postgresql', plan: 'premium-2', compliance: null },
        { service: 'heroku-postgresql', plan: 'shield-0', compliance: ['HIPAA', 'PCI'] },
      ],
    });
  });

  it('fetches each distinct plan once, and not again on the next call', async () => {
    const before = fake.log.length;
    await source.complianceInventory(inventory);
    const planRequests = fake.requestsTo(/^\/plans\//);
    const distinctPlans = new Set(inventory.apps.flatMap((app) => app.addOns.map((addOn) => addOn.planId)));
    expect(distinctPlans.size).toBe(7); // papertrail:fixa is on two apps
    expect(planRequests).toHaveLength(7);
    expect(new Set(planRequests.map((entry) => entry.path)).size).toBe(7);
    await source.complianceInventory(inventory);
    expect(fake.log.length).toBe(before + 7);
  });
});

describe('daily snapshots and the weekly cost of what ran', () => {
  it('one row per app per UTC day, with the prices of the day, round-tripping through the store', async () => {
    const rows = source.snapshot(inventory, '2026-01-05');
    expect(rows.map((row) => row.app)).toEqual(['acme-phi', 'acme-tools', 'acme-web', 'shop-api']);
    expect(rows[0]).toMatchObject({ day: '2026-01-05', takenAt: T0 });
    for (const row of rows) await store.putSnapshot(row);
    const stored = await store.snapshots('2026-01-05', '2026-01-06');
    expect(stored.map((row) => row.data)).toEqual(rows.map((row) => row.data));
    expect(() => source.snapshot(inventory, '2026-1-5')).toThrow(RangeError);
  });

  /** Cost of what ran on the UTC days fromDay <= d < toDay, from the snapshots stored since the month began. */
  const weeklyCost = async (fromDay: string, toDay: string) =>
    weeklyCostFromSnapshots(await store.snapshots(monthStart(fromDay), toDay), fromDay, toDay);

  it('a week at a steady formation costs 7/30 of the run-rate, exactly; a scale-up counts from its day', async () => {
    for (let day = 5; day <= 11; day++) {
      const date = `2026-01-${String(day).padStart(2, '0')}`;
      for (const row of source.snapshot(inventory, date)) await store.putSnapshot(row);
    }
    const week = await weeklyCost('2026-01-05', '2026-01-12');
    expect(week.totalThirtiethsOfCent).toBe(EXPECTED_MONTHLY_CENTS * 7);
    expect(week.totalCents).toBe(Math.floor((EXPECTED_MONTHLY_CENTS * 7 + 15) / 30));
    expect(week.daysMissing).toEqual([]);
    expect(week.excluded.map((item) => `${item.app} ${item.item} ${item.days}`).sort()).toEqual([
      'acme-phi heroku-postgresql:shield-0 7',
      'acme-tools partner-metrics:custom 7',
      'shop-api enterprise-search:dedicated 7',
    ]);

    // From the 12th, shop-api runs 4 web dynos instead of 2: two more standard-2X for 3 days.
    fake.world.setFormation('shop-api', { type: 'web', quantity: 4, size: 'standard-2X' });
    const scaled = (await source.inventory({ refresh: true })).value;
    for (const day of ['2026-01-12', '2026-01-13', '2026-01-14']) {
      for (const row of source.snapshot(scaled, day)) await store.putSnapshot(row);
    }
    const span = await weeklyCost('2026-01-08', '2026-01-15');
    expect(span.totalThirtiethsOfCent).toBe(EXPECTED_MONTHLY_CENTS * 7 + 2 * 5000 * 3);
    expect(span.daysMissing).toEqual([]);
    const missing = await weeklyCost('2026-01-12', '2026-01-19');
    expect(missing.daysMissing).toEqual(['2026-01-15', '2026-01-16', '2026-01-17', '2026-01-18']);
  });
});
