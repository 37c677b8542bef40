import { compareAllPipelines, type PipelineParity, renderParityText } from '../../src/core/parity';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { HerokuApi } from '../../src/sources/heroku';
import { CONFIG_VARS_REFUSED, HerokuPipelines } from '../../src/sources/heroku/pipelines';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku } from '../support/fake-heroku';
import { addMultiPipeline, parityWorld, SECRET_VALUE_MARKER } from '../support/parity-world';

/**
 * Parity against the local Heroku server: pipelines, couplings, apps, formation, add-ons, buildpack
 * installations and config vars served as the Platform API schema describes (the fake checks each
 * resource against the fixture), read by the real heroku-client through HerokuApi.
 */

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

const T0 = new Date('2026-01-05T10:00:00Z');

let heroku: FakeHeroku;
let store: Store;

beforeEach(async () => {
  heroku = await FakeHeroku.start({ world: parityWorld() });
  store = await openStore(tempSqliteFile(), T0);
});

afterEach(async () => {
  await heroku.close();
  await store.close();
});

function reader(now = () => T0) {
  const api = new HerokuApi({ token: heroku.token, host: heroku.url, maxAttempts: 1, sleep: async () => {} });
  return new HerokuPipelines(api, { store, now });
}

async function report() {
  const read = await reader().read();
  return { read, report: compareAllPipelines(read.value.inputs, DEFAULT_CATALOG) };
}

const byName = (pipelines: PipelineParity[], name: string) => pipelines.find((p) => p.pipeline === name)!;

describe('parity from Heroku pipelines', () => {
  test('shop: exactly the worker, the Redis add-on, the stack and the extra config var name, classed as risks', async () => {
    const { read, report: r } = await report();
    expect(heroku.schemaViolations).toEqual([]);
    expect(read.value.pipelines.map((p) => p.name)).toEqual(['docs', 'lonely', 'shop']);
    const shop = byName(r.pipelines, 'shop');
    expect(shop.status).toBe('compared');
    expect(shop.pairs).toHaveLength(1);
    const [pair] = shop.pairs;
    expect(pair).toMatchObject({ staging: 'shop-staging', production: 'shop-production' });
    expect(pair.differences.map((d) => [d.class, d.topic, d.what])).toEqual([
      ['risk', 'stack', 'stack: heroku-22 in staging, heroku-24 in production'],
      ['risk', 'process', 'process worker: not running in staging; 2 × Standard-2X in production'],
      ['risk', 'add-on', 'add-on Heroku Key-Value Store premium-0: in production only (sets HEROKU_REDIS_URL)'],
      ['risk', 'config-vars', 'config vars set only in staging: FEATURE_BETA_CHECKOUT'],
    ]);
    for (const difference of pair.differences) expect(difference.why).toMatch(/^[A-Z].+\.$/);
  });

  test('shop: staging is 58.5% of production, to the cent; matching adds the worker and the store', async () => {
    const { report: all } = await report();
    const shop = byName(all.pipelines, 'shop');
    // staging: web 2 × $50 + Postgres standard-0 $50 + Papertrail $12.34 = $162.34
    // production: the same + worker 2 × $50 + Key-Value Store premium-0 $15 = $277.34
    expect(shop.stagingCents).toBe(16_234);
    expect(shop.productionCents).toBe(27_734);
    expect(shop.sharePercent).toBe('58.5');
    expect(shop.staging[0].lines.map((l) => [l.item, l.monthlyCents])).toEqual([
      ['web: 2 × Standard-2X', 10_000],
      ['Heroku Postgres standard-0', 5000],
      ['papertrail volmar', 1234],
    ]);
    expect(shop.pairs[0].toMatch.map((l) => [l.item, l.monthlyCents])).toEqual([
      ['add worker: 1 × Standard-2X', 5000],
      ['add Heroku Key-Value Store premium-0', 1500],
    ]);
    expect(shop.pairs[0].toMatchCents).toBe(6500);
    expect(shop.fullCopyCents).toBe(11_500);
    // Papertrail's billed price is dated by the day the pipelines were read.
    expect(shop.staging[0].lines[2].source).toBe(
      `Heroku Platform API billed price, read ${T0.toISOString().slice(0, 10)}`,
    );
    expect(all.billedOn).toBe(T0.toISOString().slice(0, 10));
    const text = renderParityText({ pipelines: [shop], priceDates: all.priceDates, billedOn: all.billedOn, notes: [] });
    expect(text).toContain("Staging costs $162.34/mo, 58.5% of production's $277.34/mo.");
    expect(text).toContain('Removing the risks of shop-staging would add $65.00/mo.');
    // The dates of the sources the amounts came from (Standard-2X 2026-08-04, Postgres and Key-Value
    // Store 2026-10-02; Papertrail is Heroku's billed price), not the catalog's newest date (2026-12-08).
    expect(DEFAULT_CATALOG.priceListDate).toBe('2026-12-08');
    expect(all.priceDates).toEqual({ oldest: '2026-08-04', newest: '2026-10-02' });
    expect(text).toContain(
      `estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02; other add-ons at the prices Heroku bills, read ${all.billedOn})`,
    );
  });

  test('docs: a matching pipeline says so in one line', async () => {
    const docs = byName((await report()).report.pipelines, 'docs');
    expect(docs.pairs[0].differences).toEqual([]);
    const text = renderParityText({ pipelines: [docs], notes: [] });
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toBe(
      "Pipeline docs: staging matches production (stack, region, space, buildpacks, process types, dyno classes, add-ons and config var names). Staging costs $12.00/mo, 100.0% of production's $12.00/mo. Figures a month, estimated at Heroku list prices from sources dated 2026-08-04 to 2026-10-02.",
    );
  });

  test('a pipeline without staging says what to do', async () => {
    const lonely = byName((await report()).report.pipelines, 'lonely');
    expect(lonely.status).toBe('no-staging');
    expect(renderParityText({ pipelines: [lonely], notes: [] })).toContain(
      'heroku pipelines:add lonely --stage staging',
    );
  });

  test('config var values never leave the source: not in the read, the cache or the answer', async () => {
    const { read, report: r } = await report();
    const cached = await store.cacheGet('heroku:parity:v3');
    for (const text of [JSON.stringify(read), JSON.stringify(cached), JSON.stringify(r), renderParityText(r)]) {
      expect(text).not.toContain(SECRET_VALUE_MARKER);
    }
    expect(read.value.inputs.find((p) => p.name === 'shop')?.staging[0].configVarNames).toEqual([
      'FEATURE_BETA_CHECKOUT',
      'HEROKU_POSTGRESQL_URL',
      'NODE_ENV',
      'PAPERTRAIL_URL',
      'SESSION_SECRET',
    ]);
  });

  test('a token that cannot read config vars: names are said to be unread, not "the same"', async () => {
    heroku.inject({ path: /\/config-vars$/, times: Infinity, fault: { type: 'forbidden' } });
    const shop = byName((await report()).report.pipelines, 'shop');
    expect(shop.pairs[0].differences.map((d) => d.topic)).toEqual(['stack', 'process', 'add-on']);
    expect(shop.notes).toContain(`Config var names of shop-staging were not compared: ${CONFIG_VARS_REFUSED}`);
  });

  test('several apps in one stage are each compared; apps the token cannot read are named with why', async () => {
    const hidden = addMultiPipeline(heroku);

    const multi = byName((await report()).report.pipelines, 'multi');
    expect(multi.pairs.map((p) => `${p.staging}→${p.production}`)).toEqual(['admin-staging→admin', 'api-staging→api']);
    expect(multi.pairs[0].differences).toEqual([]);
    expect(multi.pairs[1].differences).toEqual([
      {
        class: 'risk',
        topic: 'dyno-class',
        what: 'process web: Standard (Standard-2X) in staging, Performance (Performance-M) in production',
        why: expect.stringContaining('dedicated CPU'),
      },
    ]);
    expect(multi.pairs[1].toMatch).toEqual([expect.objectContaining({ monthlyCents: 20_000 })]);
    expect(multi.unreadable).toEqual([{ stage: 'staging', app: hidden.id, reason: expect.stringContaining('403') }]);
    expect(multi.notes.join('\n')).toContain('Several apps in a stage');
    // The hidden app cost one request (its info), not five.
    expect(heroku.requestsTo(new RegExp(`/apps/${hidden.id}`))).toHaveLength(1);
  });

  test('the second read comes from the cache; a failed refresh serves it labelled', async () => {
    const first = await reader().read();
    const sent = heroku.log.length;
    const again = await reader().read();
    expect(heroku.log.length).toBe(sent);
    expect(again.fromCache).toBe(true);
    heroku.inject({ path: '/pipelines', times: Infinity, fault: { type: 'status', status: 503 } });
    const stale = await reader(() => new Date(T0.getTime() + 2 * 3_600_000)).read();
    expect(stale.staleBecause?.message).toContain('503');
    expect(stale.value).toEqual(first.value);
    expect(first.value.requests).toBe(2 + 5 * 5);
  });
});
