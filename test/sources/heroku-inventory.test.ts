import { inspect } from 'node:util';
import { HerokuSource, type HerokuSourceOptions } from '../../src/sources/heroku';
import { SourceError } from '../../src/sources/source-error';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { recordSentRequests } from '../support/client-requests';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, generateWorld, type HerokuWorld } from '../support/fake-heroku';

/**
 * HerokuSource.inventory against the fake over real HTTP with the real heroku-client: paging,
 * retries, rate limits, budgets, caching and every failure turned into plain words.
 */

/** List prices the (other engineer's) catalog would give for sizes whose API cost is null. */
const CATALOG: Record<string, number> = {
  'private-s': 22_500,
  'private-m': 45_000,
  'private-l': 90_000,
  'shield-s': 27_000,
  'shield-m': 54_000,
  'shield-l': 108_000,
};

const T0 = new Date('2026-01-05T10:00:00Z');

// heroku-client re-reads SSL_CERT_FILE and every file in SSL_CERT_DIR, synchronously, for each
// request (lib/request.js getCerts): ~5 ms a request with a full /etc/ssl/certs. The fake is plain
// HTTP, so certificates are irrelevant here; jest gives each test file its own copy of process.env.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

interface Harness {
  fake: FakeHeroku;
  store: Store;
  source: HerokuSource;
  sleeps: number[];
  clock: { now: Date };
}

const open: Harness[] = [];
/** Recordings of the requests a test's client sent, stopped after it. */
const stops: (() => void)[] = [];

async function harness(
  world: HerokuWorld,
  options: Partial<HerokuSourceOptions> = {},
  fakeOptions: Parameters<typeof FakeHeroku.start>[0] = {},
): Promise<Harness> {
  const fake = await FakeHeroku.start({ world, ...fakeOptions });
  const store = await openStore(tempSqliteFile(), T0);
  const sleeps: number[] = [];
  const clock = { now: T0 };
  const source = new HerokuSource({
    token: fake.token,
    apiUrl: fake.url,
    store,
    now: () => clock.now,
    fallbackDynoMonthlyCents: (size) => CATALOG[size],
    ...options,
    api: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      backoff: { baseMs: 0, maxMs: 0 },
      ...options.api,
    },
  });
  const h = { fake, store, source, sleeps, clock };
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const h of open.splice(0)) {
    await h.fake.close();
    await h.store.close();
  }
});

/** The run-rate computed straight from the seeded wire data, independently of the source. */
function expectedFromWorld(world: HerokuWorld) {
  let totalCents = 0;
  let contract = 0;
  let unpriced = 0;
  for (const app of world.apps) {
    for (const formation of world.formations.get(app.id) ?? []) {
      if (formation.quantity === 0) continue;
      // Heroku names a Shield space's dynos by their Private sizes and bills them as the Shield ones.
      const named = formation.dyno_size.name.toLowerCase();
      const billed = app.space?.shield ? named.replace(/^private-/, 'shield-') : named;
      const size = world.dynoSizes.find((s) => s.name.toLowerCase() === billed);
      if (!size) throw new Error('seed uses an unknown size');
      const unit = size.cost?.cents ?? CATALOG[size.name.toLowerCase()];
      if (unit === undefined) unpriced += 1;
      else totalCents += unit * formation.quantity;
    }
  }
  for (const addOn of world.addOns) {
    if (addOn.state === 'deprovisioned') continue;
    if (addOn.billed_price === null) unpriced += 1;
    else if (addOn.billed_price.contract) contract += 1;
    else totalCents += addOn.billed_price.cents;
  }
  return { totalCents, contract, unpriced };
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError, but it succeeded');
}

describe('inventory of a large account (1,050 apps: personal + 2 teams), paged, with a 429 on page 7', () => {
  const world = generateWorld({
    personalApps: 350,
    teams: [
      { name: 'acme', apps: 400, type: 'enterprise' },
      { name: 'globex', apps: 300, type: 'team' },
    ],
    seed: 2026,
  });
  let h: Harness;
  let result: Awaited<ReturnType<HerokuSource['inventory']>>;

  beforeAll(async () => {
    h = await harness(world, { api: { pageSize: 100 } });
    h.fake.inject({ path: '/apps', skip: 6, times: 1, fault: { type: 'rate-limit' } });
    result = await h.source.inventory();
    open.splice(open.indexOf(h), 1);
    // 1,062 requests through real HTTP: on a machine busy with other test files this takes longer
    // than jest's default hook timeout (no time is asserted).
  }, 120_000);
  afterAll(async () => {
    await h.fake.close();
    await h.store.close();
  });

  it('counts every app exactly once', () => {
    expect(world.apps.length).toBe(1050);
    const ids = result.value.apps.map((app) => app.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(world.apps.map((app) => app.id).sort());
    expect(result.value.apps.filter((app) => app.team === null)).toHaveLength(350);
    expect(result.value.apps.filter((app) => app.team?.name === 'acme')).toHaveLength(400);
    expect(result.fromCache).toBe(false);
  });

  it('retried page 7 alone: 11 pages, 12 requests, the same Range twice, never back to page 1', () => {
    const apps = h.fake.requestsTo('/apps');
    expect(apps.map((entry) => entry.status)).toEqual([206, 206, 206, 206, 206, 206, 429, 206, 206, 206, 206, 200]);
    expect(apps).toHaveLength(12);
    expect(apps[6].range).toBe(apps[7].range);
    expect(apps.filter((entry) => entry.range === 'id ..; max=100')).toHaveLength(1);
    expect(new Set(apps.map((entry) => entry.range)).size).toBe(11);
    // The 429 was waited out through the injected sleep: at least one token's refill time.
    expect(h.sleeps).toContain(800);
    expect(h.source.api.stats.throttled).toBe(1);
  });

  it('prices the run-rate exactly, matching an independent sum of the seed', () => {
    const expected = expectedFromWorld(world);
    const rate = h.source.runRate(result.value);
    expect(rate.totalMonthlyCents).toBe(expected.totalCents);
    expect(rate.apps.reduce((sum, app) => sum + app.monthlyCents, 0)).toBe(expected.totalCents);
    expect(rate.contractPriced).toHaveLength(expected.contract);
    expect(rate.unpriced).toHaveLength(expected.unpriced);
    expect(expected.contract).toBeGreaterThan(10);
    expect(expected.unpriced).toBeGreaterThan(0);
  });

  it('flags contract-priced add-ons, never as $0 and never in the total', () => {
    const rate = h.source.runRate(result.value);
    const shieldDb = rate.contractPriced.filter((item) => item.item === 'heroku-postgresql:shield-0');
    expect(shieldDb.length).toBeGreaterThan(0);
    expect(rate.contractPriced.every((item) => item.reason.startsWith('contract price'))).toBe(true);
    const pricedItems = rate.apps.flatMap((app) => app.lines.map((line) => `${line.app}|${line.item}`));
    for (const item of rate.contractPriced) expect(pricedItems).not.toContain(`${item.app}|${item.item}`);
    // Catalog fallback for sizes the API leaves unpriced, and the sizes it had no price for.
    const shieldDyno = result.value.apps.flatMap((app) => app.formation).find((f) => f.size === 'shield-s');
    expect(shieldDyno).toMatchObject({ monthlyCents: 27_000, priceFrom: 'catalog', memoryGb: 1 });
    expect(rate.unpriced.some((item) => item.item.endsWith('performance-l-ram'))).toBe(true);
  });

  it('matches dyno sizes by id or, when the formation has none, by name in any case', () => {
    const noId = [...world.formations.values()].flat().filter((f) => f.dyno_size.id === undefined);
    expect(noId.length).toBeGreaterThan(0);
    const sample = noId[0];
    const app = result.value.apps.find((candidate) => candidate.id === (sample.app as { id: string }).id);
    const formation = app?.formation.find((f) => f.type === sample.type);
    expect(formation?.sizeName).toBe(sample.dyno_size.name);
    expect(formation?.size).toBe(sample.dyno_size.name.toLowerCase());
    expect(formation?.memoryGb).not.toBeNull();
  });

  it('reads team members with an email Range, spaces with the shield flag, and the account', () => {
    const memberRequests = h.fake.requestsTo(/^\/teams\/[^/]+\/members$/);
    expect(memberRequests).toHaveLength(2);
    for (const entry of memberRequests) expect(entry.range).toMatch(/^email /);
    expect(result.value.members.filter((m) => !m.twoFactor).map((m) => m.email)).toEqual(['dev1@acme.example.com']);
    expect(result.value.spaces.find((space) => space.name === 'acme-shield')?.shield).toBe(true);
    expect(result.value.account).toEqual({ id: world.account.id, email: 'owner@example.com', twoFactor: true });
  });

  it('spends N + a handful of requests, counts every one in the store, and sends the real headers', async () => {
    const inventoryRequests = h.fake.log.length;
    // 1,050 formations + 12 app pages (one retried) + add-on pages + account, teams, dyno sizes, spaces,
    // pipeline couplings, 2 member lists.
    const addOnPages = Math.ceil(world.addOns.length / 100);
    expect(inventoryRequests).toBe(1050 + 12 + addOnPages + 1 + 1 + 1 + 1 + 1 + 2);
    expect(result.value.requests).toBe(inventoryRequests);
    expect(await h.store.requestCount('heroku', '2026-01')).toBe(inventoryRequests);
    expect(h.fake.log.every((entry) => entry.auth === 'basic' && entry.tokenValid)).toBe(true);
    expect(h.fake.log.every((entry) => entry.accept === 'application/vnd.heroku+json; version=3')).toBe(true);
    expect(h.fake.schemaViolations).toEqual([]);
  });
});

describe('inventory failures, in plain words', () => {
  const world = () =>
    generateWorld({ personalApps: 30, teams: [{ name: 'acme', apps: 20, type: 'enterprise' }], seed: 5 });

  it('recovers from a burst of 5xx on one request', async () => {
    const h = await harness(world());
    const burst = h.fake.inject({ path: '/addons', times: 3, fault: { type: 'status', status: 503 } });
    const result = await h.source.inventory();
    expect(burst.hits).toBe(3);
    expect(result.value.apps).toHaveLength(50);
    expect(h.fake.requestsTo('/addons').map((entry) => entry.status)).toEqual([503, 503, 503, 200]);
  });

  it('gives up on a 5xx that does not stop: unavailable, after the bounded attempts', async () => {
    const h = await harness(world(), { api: { maxAttempts: 3 } });
    h.fake.inject({ path: '/dyno-sizes', times: Infinity, fault: { type: 'status', status: 502 } });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/Heroku's API answered 502 for GET \/dyno-sizes \(3 attempts\)/);
    expect(h.fake.requestsTo('/dyno-sizes')).toHaveLength(3);
  });

  it('a revoked token: auth, how to fix it, and never the token', async () => {
    const h = await harness(world());
    h.fake.revokeToken();
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('auth');
    expect(error.source).toBe('heroku');
    expect(error.message).toContain('Heroku rejected HEROKU_API_TOKEN (revoked or expired)');
    expect(error.message).toContain('heroku authorizations:create');
    const everything = `${error.message} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(h.fake.token);
    expect(everything).not.toContain(Buffer.from(`:${h.fake.token}`).toString('base64'));
    // 401 is not retried.
    expect(h.fake.log.filter((entry) => entry.status === 401).length).toBeLessThanOrEqual(3);
  });

  it('redacts the token even if an error body echoes it', async () => {
    const h = await harness(world());
    h.fake.inject({
      path: '/account',
      fault: { type: 'status', status: 403, id: 'forbidden', message: `token ${h.fake.token} may not do this` },
    });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(h.fake.token);
  });

  it('malformed JSON: bad-response, not retried', async () => {
    const h = await harness(world());
    h.fake.inject({ path: '/dyno-sizes', fault: { type: 'malformed-json' } });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('not valid JSON');
    expect(h.fake.requestsTo('/dyno-sizes')).toHaveLength(1);
  });

  it('a connection dropped mid-body is retried instead of hanging', async () => {
    const h = await harness(world());
    const app = h.fake.world.apps[3];
    h.fake.inject({ path: `/apps/${app.id}/formation`, fault: { type: 'drop', when: 'mid-body' } });
    const result = await h.source.inventory();
    expect(result.value.apps).toHaveLength(50);
    expect(h.fake.requestsTo(`/apps/${app.id}/formation`)).toHaveLength(2);
  });

  it('a slow answer times out and is retried; one that never comes is a timeout', async () => {
    // A real deadline of 1 s, on the slowed path only: the requests meant to succeed keep the production
    // 30 s, so a loaded machine that makes one of them wait a second for the CPU does not cut it off.
    // Each step below slows one path at a time; `slowPath` says which.
    let slowPath = '/account';
    const timeoutMs = (path: string) => (path === slowPath ? 1_000 : 30_000);
    const h = await harness(generateWorld({ personalApps: 3, seed: 5 }), { api: { timeoutMs, maxAttempts: 2 } });
    const sent = recordSentRequests(h.fake.url);
    stops.push(sent.stop);
    const timedOut = { method: 'GET', path: '/account', answered: false, ended: true };
    h.fake.inject({ path: '/account', fault: { type: 'slow', ms: 5_000 } });
    const ok = await h.source.inventory();
    expect(ok.value.account.email).toBe('owner@example.com');
    // Counted where the client sends them: the fake's log misses an attempt ended before it arrived.
    expect(sent.to('/account')).toStrictEqual([timedOut, { ...timedOut, answered: true }]);
    expect(h.fake.requestsTo('/account').length).toBeLessThanOrEqual(2);

    slowPath = '/dyno-sizes';
    const dynoSizesBefore = sent.to('/dyno-sizes').length;
    const reachedBefore = h.fake.requestsTo('/dyno-sizes').length;
    h.fake.inject({ path: '/dyno-sizes', times: Infinity, fault: { type: 'slow', ms: 5_000 } });
    const stale = await h.source.inventory({ refresh: true });
    expect(stale.fromCache).toBe(true);
    const error = stale.staleBecause as SourceError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 1 s for GET \/dyno-sizes \(2 attempts\)/);
    const dynoSizes = { ...timedOut, path: '/dyno-sizes' };
    expect(sent.to('/dyno-sizes').slice(dynoSizesBefore)).toStrictEqual([dynoSizes, dynoSizes]);
    expect(h.fake.requestsTo('/dyno-sizes').length - reachedBefore).toBeLessThanOrEqual(2);
  });

  it('honours Retry-After, and fails plainly when it is too long to wait', async () => {
    const h = await harness(world());
    h.fake.inject({ path: '/account', fault: { type: 'rate-limit', retryAfterSeconds: 7 } });
    await h.source.inventory();
    expect(h.sleeps).toContain(7000);

    h.fake.inject({ path: '/teams', fault: { type: 'rate-limit', retryAfterSeconds: 3600 } });
    const stale = await h.source.inventory({ refresh: true });
    const error = stale.staleBecause as SourceError;
    expect(h.sleeps).not.toContain(3_600_000);
    expect(error.kind).toBe('throttled');
    expect(error.message).toContain("Heroku's API rate limit was reached on GET /teams");
    expect(error.message).toContain('4,500 API requests');
    expect(error.message).toContain('try again after 11:00 UTC');
  });

  it('throttled after every retry: says the rate limit and when to retry', async () => {
    const h = await harness(world(), { api: { maxAttempts: 2 } });
    h.fake.inject({ path: '/spaces', times: Infinity, fault: { type: 'rate-limit' } });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(
      /rate limit was reached on GET \/spaces \(2 attempts\).*Try again in a minute or two/,
    );
  });

  it('slows down when RateLimit-Remaining runs low, instead of running into 429s', async () => {
    const w = world();
    const h = await harness(w, {}, { rateLimit: { remaining: 25 } });
    // Time passes only through the source's sleep: each wait refills the fake's pool.
    const paced: number[] = [];
    const source = new HerokuSource({
      token: h.fake.token,
      apiUrl: h.fake.url,
      store: h.store,
      now: () => T0,
      fallbackDynoMonthlyCents: (size) => CATALOG[size],
      api: {
        rateLimitReserve: 10,
        sleep: async (ms) => {
          paced.push(ms);
          h.fake.advanceClock(ms);
        },
      },
    });
    const result = await source.inventory();
    expect(result.value.apps).toHaveLength(50);
    expect(h.fake.log.length).toBeGreaterThan(25);
    expect(h.fake.log.filter((entry) => entry.status === 429)).toEqual([]);
    expect(source.api.stats.paced).toBeGreaterThan(0);
    expect(paced.every((ms) => ms === 800)).toBe(true);
  });

  it('stays inside the request budget: refuses before spending the formation requests', async () => {
    const h = await harness(world(), { requestBudget: 40 });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/would need about \d+ Heroku API requests \(50 apps need one formation request each/);
    expect(error.message).toContain('budget of 40');
    expect(h.fake.requestsTo(/\/formation$/)).toEqual([]);
  });

  it('stale cache is returned, labelled, when Heroku fails; fresh cache costs no request', async () => {
    const h = await harness(world());
    const first = await h.source.inventory();
    expect(first.fromCache).toBe(false);
    const requests = h.fake.log.length;

    h.clock.now = new Date(T0.getTime() + 30 * 60_000);
    const cached = await h.source.inventory();
    expect(cached).toMatchObject({ fromCache: true, asOf: T0 });
    expect(cached.staleBecause).toBeUndefined();
    expect(h.fake.log.length).toBe(requests);

    h.clock.now = new Date(T0.getTime() + 2 * 3_600_000);
    h.fake.revokeToken();
    const stale = await h.source.inventory();
    expect(stale.fromCache).toBe(true);
    expect(stale.asOf).toEqual(T0);
    expect(stale.staleBecause?.kind).toBe('auth');
    expect(stale.value.apps).toHaveLength(50);
    expect(h.fake.log.length).toBeGreaterThan(requests);
  });

  it('without a cache, the failure is thrown', async () => {
    const h = await harness(world());
    h.fake.inject({ path: '/account', times: Infinity, fault: { type: 'forbidden' } });
    const error = await failure(h.source.inventory());
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('Heroku refused GET /account (403 Forbidden)');
  });

  it('an app deleted between the listing and its formation is left out, not an error', async () => {
    const h = await harness(world());
    const gone = h.fake.world.apps[0];
    h.fake.inject({ path: `/apps/${gone.id}/formation`, fault: { type: 'status', status: 404, id: 'not_found' } });
    const result = await h.source.inventory();
    expect(result.value.apps).toHaveLength(49);
    expect(result.value.apps.map((app) => app.id)).not.toContain(gone.id);
  });
});

describe('inventory scope: HEROKU_TEAMS', () => {
  const world = () =>
    generateWorld({
      personalApps: 12,
      teams: [
        { name: 'acme', apps: 15, type: 'enterprise' },
        { name: 'globex', apps: 9, type: 'team' },
      ],
      seed: 9,
    });

  it('only the named teams: their apps, add-ons, spaces and members; no personal apps', async () => {
    const h = await harness(world(), { teams: ['ACME'] });
    const result = await h.source.inventory();
    expect(result.value.scope).toEqual(['ACME']);
    expect(result.value.apps).toHaveLength(15);
    expect(result.value.apps.every((app) => app.team?.name === 'acme')).toBe(true);
    expect(result.value.members.every((member) => member.team.name === 'acme')).toBe(true);
    expect(result.value.spaces.map((space) => space.name).sort()).toEqual(['acme-private', 'acme-shield']);
    expect(h.fake.requestsTo('/apps')).toEqual([]);
    const expectedAddOns = h.fake.world.addOns.filter(
      (addOn) => addOn.state !== 'deprovisioned' && h.fake.world.app(addOn.app.id).team?.name === 'acme',
    );
    expect(result.value.apps.flatMap((app) => app.addOns)).toHaveLength(expectedAddOns.length);
  });

  it('a team the token does not see: not-found, naming the teams it does see', async () => {
    const h = await harness(world());
    const error = await failure(h.source.inventory({ teams: ['initech'] }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('"initech"');
    expect(error.message).toContain('teams it sees: acme, globex');
  });

  it('members of a team the token may not list are a labelled gap, not "nobody"', async () => {
    const h = await harness(world());
    h.fake.inject({ path: /\/teams\/[^/]+\/members$/, fault: { type: 'forbidden' } });
    const result = await h.source.inventory();
    expect(result.value.gaps).toHaveLength(1);
    expect(result.value.gaps[0].what).toMatch(/^members of team (acme|globex)$/);
  });
});
