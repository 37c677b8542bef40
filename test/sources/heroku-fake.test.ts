import Heroku from 'heroku-client';
import { FakeHeroku, generateWorld, HerokuWorld, validateHerokuResource } from '../support/fake-heroku';
import { Gate, waitUntil } from '../support/gate';

/**
 * The fake must speak Heroku's wire protocol and serve schema-valid resources, or every test built
 * on it proves nothing. These tests use the real heroku-client and check the fake against the
 * official schema fixture (shared/fixtures/heroku/platform-api-schema.json).
 */

function smallWorld(): HerokuWorld {
  const world = new HerokuWorld({ seed: 3 });
  world.addTeam('acme', { type: 'enterprise' });
  world.addSpace('acme-shield', { team: 'acme', shield: true });
  world.addMember('acme', 'zed@acme.example.com', { twoFactor: false });
  world.addMember('acme', 'amy@acme.example.com');
  world.addApp('acme-phi', {
    team: 'acme',
    space: 'acme-shield',
    formation: [{ type: 'web', quantity: 2, size: 'shield-S' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'shield-0', contract: true, compliance: ['HIPAA', 'PCI'] }],
  });
  world.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 1, size: 'standard-2X', withoutSizeId: true }],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'partner-metrics', plan: 'custom', billed: 'none' },
    ],
  });
  world.addInvoice('01/01/2026', '01/31/2026', { charges: 12_345, credits: 345 });
  world.addTeamInvoice('acme', '01/01/2026', '01/31/2026', {
    addons: 25_000,
    database: 5000,
    platform: 70_000,
    credits: 0,
  });
  world.addTeamUsage('acme', '2026-01', { dynos: 12.5, data: 34.89, partner: 12.34 }, [
    { app_name: 'acme-phi', dynos: 12.5, data: 34.89, partner: 12.34 },
  ]);
  return world;
}

describe('fake Heroku: schema conformance', () => {
  let fake: FakeHeroku;
  let hk: Heroku;

  beforeAll(async () => {
    fake = await FakeHeroku.start({ world: smallWorld() });
    hk = new Heroku({ token: fake.token, host: fake.url });
  });
  afterAll(() => fake.close());

  const teamId = () => fake.world.team('acme').id;
  const cases: [string, string, () => string][] = [
    ['account', 'account', () => '/account'],
    ['team', 'team', () => '/teams'],
    ['app', 'app', () => '/apps'],
    ['formation', 'formation', () => `/apps/${fake.world.app('acme-phi').id}/formation`],
    ['add-on', 'add-on', () => '/addons'],
    ['dyno-size', 'dyno-size', () => '/dyno-sizes'],
    ['space', 'space', () => '/spaces'],
    ['team-member', 'team-member', () => '/teams/acme/members'],
    ['plan', 'plan', () => `/plans/${fake.world.plans[0].id}`],
    ['invoice', 'invoice', () => '/account/invoices'],
    ['team-invoice', 'team-invoice', () => '/teams/acme/invoices'],
    ['team-monthly-usage', 'team-monthly-usage', () => `/teams/${teamId()}/usage/monthly?start=2026-01`],
  ];

  it.each(cases)('%s responses validate against the schema fixture', async (_name, definition, pathFor) => {
    const path = pathFor();
    const headers: Record<string, string> = path.endsWith('/members') ? { Range: 'email ..; max=1000' } : {};
    const body = await hk.get(path, { headers });
    const items = Array.isArray(body) ? body : [body];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(validateHerokuResource(definition, item)).toEqual([]);
  });

  it('records no schema violation for anything it served', () => {
    expect(fake.schemaViolations).toEqual([]);
  });

  it('the validator rejects what the schema forbids (so the checks above can fail)', () => {
    const world = smallWorld();
    const app = { ...world.app('shop-api') };
    expect(validateHerokuResource('app', app)).toEqual([]);
    const { stack: _stack, ...missing } = app;
    expect(validateHerokuResource('app', missing)).toContain('app.stack: missing (strictProperties)');
    expect(validateHerokuResource('app', { ...app, name: 'Not_Valid' })[0]).toMatch(/app\.name: .* does not match/);
    expect(validateHerokuResource('app', { ...app, extra: 1 })).toContain('app.extra: not in the schema');
    const size = world.dynoSizes[1];
    expect(validateHerokuResource('dyno-size', { ...size, cost: { cents: 'seven', unit: 'month' } })).toContain(
      'dyno-size.cost.cents: expected integer, got string',
    );
    const addOn = world.addOns[0];
    expect(validateHerokuResource('add-on', { ...addOn, state: 'sleeping' })[0]).toMatch(/add-on\.state/);
    const member = world.members.get(world.team('acme').id)?.[0];
    expect(validateHerokuResource('team-member', { ...member, two_factor_authentication: 'no' })).toContain(
      'team-member.two_factor_authentication: expected boolean, got string',
    );
    expect(validateHerokuResource('space', { ...world.spaces[0], shield: null })).toContain(
      'space.shield: expected boolean, got null',
    );
    expect(validateHerokuResource('formation', { ...world.formations.get(app.id)?.[0], quantity: 1.5 })).toContain(
      'formation.quantity: expected integer, got number',
    );
  });

  it('a response the schema forbids and a request it has no link for are both caught', async () => {
    const own = await FakeHeroku.start({ world: smallWorld() });
    try {
      const client = new Heroku({ token: own.token, host: own.url });
      await client.get('/apps');
      expect(own.schemaViolations).toEqual([]);
      own.world.app('shop-api').region = 'mars';
      Object.assign(own.world.app('acme-phi'), { owner_email: 'phi@acme.example.com' });
      await client.get('/apps');
      expect(own.schemaViolations).toContain('app.region: expected object, got string');
      expect(own.schemaViolations).toContain('app.owner_email: not in the schema');
      own.schemaViolations.length = 0;
      await expect(client.get('/apps/shop-api/dynos-sizes')).rejects.toMatchObject({ statusCode: 404 });
      expect(own.schemaViolations).toEqual([
        'GET /apps/shop-api/dynos-sizes: no link of the schema has this method and path',
      ]);
    } finally {
      await own.close();
    }
  });

  it('generated worlds validate too', () => {
    const world = generateWorld({ personalApps: 40, teams: [{ name: 'acme', apps: 40 }], seed: 11 });
    const problems = [
      ...world.apps.flatMap((app) => validateHerokuResource('app', app)),
      ...[...world.formations.values()].flat().flatMap((f) => validateHerokuResource('formation', f)),
      ...world.addOns.flatMap((addOn) => validateHerokuResource('add-on', addOn)),
      ...world.dynoSizes.flatMap((size) => validateHerokuResource('dyno-size', size)),
      ...world.spaces.flatMap((space) => validateHerokuResource('space', space)),
      ...[...world.members.values()].flat().flatMap((member) => validateHerokuResource('team-member', member)),
      ...world.plans.flatMap((plan) => validateHerokuResource('plan', plan)),
    ];
    expect(problems).toEqual([]);
  });
});

describe('fake Heroku: wire protocol', () => {
  let fake: FakeHeroku;

  beforeEach(async () => {
    fake = await FakeHeroku.start({ world: generateWorld({ personalApps: 25, teams: [{ name: 'acme', apps: 5 }] }) });
  });
  afterEach(() => fake.close());

  it('accepts heroku-client Basic `:token` and Bearer, and rejects anything else with 401 unauthorized', async () => {
    const basic = new Heroku({ token: fake.token, host: fake.url });
    await expect(basic.get('/account')).resolves.toMatchObject({ email: 'owner@example.com' });
    const bearer = new Heroku({ host: fake.url, headers: { Authorization: `Bearer ${fake.token}` } });
    await expect(bearer.get('/account')).resolves.toMatchObject({ email: 'owner@example.com' });
    expect(fake.log.map((entry) => entry.auth)).toEqual(['basic', 'bearer']);

    const wrong = new Heroku({ token: 'HRKU-not-the-token', host: fake.url });
    await expect(wrong.get('/account')).rejects.toMatchObject({ statusCode: 401, body: { id: 'unauthorized' } });
    fake.revokeToken();
    await expect(basic.get('/account')).rejects.toMatchObject({ statusCode: 401, body: { id: 'unauthorized' } });
    expect(JSON.stringify(fake.log)).not.toContain(fake.token);
  });

  it('a held request is answered in full once its gate opens (and not before)', async () => {
    const gate = new Gate();
    fake.inject({ path: '/account', fault: { type: 'held', until: gate.opened } });
    const account = new Heroku({ token: fake.token, host: fake.url }).get('/account');
    await waitUntil(() => fake.log.length === 1, 'the request');
    expect(fake.log[0].fault).toBe('held');
    expect(fake.log[0].status).toBeUndefined();
    gate.open();
    await expect(account).resolves.toMatchObject({ email: 'owner@example.com' });
    expect(fake.log[0].status).toBe(200);
  });

  it('requires the version 3 Accept header', async () => {
    const hk = new Heroku({ token: fake.token, host: fake.url, headers: { Accept: 'application/json' } });
    await expect(hk.get('/account')).rejects.toMatchObject({ statusCode: 400 });
  });

  it('pages with 206 + Next-Range honouring max, and heroku-client follows it to the full list', async () => {
    const hk = new Heroku({ token: fake.token, host: fake.url });
    const ranges: (string | undefined)[] = [];
    const statuses: number[] = [];
    const apps = await hk.get('/apps', {
      headers: { Range: 'id ..; max=7' },
      middleware: ((res: { statusCode: number; headers: Record<string, string> }, next: () => void) => {
        statuses.push(res.statusCode);
        ranges.push(res.headers['next-range']);
        next();
      }) as never,
    });
    expect(apps).toHaveLength(30);
    expect(new Set(apps.map((app: { id: string }) => app.id)).size).toBe(30);
    expect(statuses).toEqual([206, 206, 206, 206, 200]);
    expect(ranges[0]).toMatch(/^id \][0-9a-f-]{36}\.\.; max=7$/);
    expect(fake.log.map((entry) => entry.range)).toEqual(['id ..; max=7', ...ranges.slice(0, 4)]);
  });

  it('sorts team members by email only: the default `id` range is refused, `email` is served', async () => {
    const hk = new Heroku({ token: fake.token, host: fake.url });
    await expect(hk.get('/teams/acme/members')).rejects.toMatchObject({ statusCode: 416 });
    const members = await hk.get('/teams/acme/members', { headers: { Range: 'email ..; max=2' } });
    const emails = members.map((member: { email: string }) => member.email);
    expect(emails).toEqual([...emails].sort());
    expect(emails).toHaveLength(5);
  });

  it('sends RateLimit-Remaining on every response and answers 429 rate_limit when the pool is empty', async () => {
    const hk = new Heroku({ token: fake.token, host: fake.url });
    fake.setRateLimitRemaining(2);
    const seen: string[] = [];
    const middleware = ((res: { headers: Record<string, string> }, next: () => void) => {
      seen.push(res.headers['ratelimit-remaining']);
      next();
    }) as never;
    await hk.get('/account', { middleware });
    await hk.get('/account', { middleware });
    await expect(hk.get('/account', { middleware })).rejects.toMatchObject({
      statusCode: 429,
      body: { id: 'rate_limit' },
    });
    expect(seen).toEqual(['1', '0', '0']);
    fake.advanceClock(60_000); // 75 tokens a minute
    await hk.get('/account', { middleware });
    expect(Number(seen[3])).toBe(74);
  });

  it('injects faults on the matching request only, counting hits', async () => {
    const hk = new Heroku({ token: fake.token, host: fake.url });
    const fault = fake.inject({ path: '/account', skip: 1, times: 2, fault: { type: 'status', status: 503 } });
    await hk.get('/account');
    await expect(hk.get('/account')).rejects.toMatchObject({ statusCode: 503 });
    await expect(hk.get('/account')).rejects.toMatchObject({ statusCode: 503 });
    await hk.get('/account');
    await hk.get('/dyno-sizes');
    expect(fault).toMatchObject({ seen: 4, hits: 2 });
    expect(fake.log.map((entry) => entry.status)).toEqual([200, 503, 503, 200, 200]);
  });
});
