import { WebClient } from '@slack/web-api';
import { DigestRunner } from '../../src/jobs/digest-runner';
import { slackDigestPoster } from '../../src/slack/digest-poster';
import { BOT_TOKEN, type Harness, startHarness } from '../support/bot-harness';
import { describePostgres, freshPostgresUrl } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { Gate, waitUntil } from '../support/gate';

/**
 * Two replicas on one PostgreSQL database, with a real clock and a short lease, while Heroku is
 * slow: Heroku holds a request of the first replica's gather until the test lets it go, so gathering
 * takes longer than the lease. Replica B comes along after the lease would have run out. Whatever
 * happens, the channel gets one digest.
 */

// heroku-client reads every certificate file on each request; the fake is plain HTTP.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

const CHANNEL = 'CFENCE001';
// The heartbeat renews every third of it: a lease of 3 s is lost only when no renewal gets through for
// 2 s (a 1 s lease was lost to a loaded machine: 2 runs in 7 at load average ~11).
const LEASE_MS = 3_000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let heroku: FakeHeroku;
let a: Harness;
let b: Harness;

beforeEach(async () => {
  const world = new HerokuWorld({ seed: 3 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  heroku = await FakeHeroku.start({ world });
});
afterEach(async () => {
  await a?.close();
  await b?.close();
  await heroku.close();
});

async function replicas() {
  const url = (await freshPostgresUrl())!;
  const env = {
    DATABASE_URL: url,
    DIGEST_CHANNEL: CHANNEL,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  };
  a = await startHarness(env, { instanceId: 'A' });
  b = await startHarness(env, { instanceId: 'B' });
}

function runner(harness: Harness, owner: string, options: { heartbeatMs?: number } = {}) {
  return new DigestRunner({
    services: harness.bot.services,
    poster: slackDigestPoster(
      harness.bot.services,
      new WebClient(BOT_TOKEN, { slackApiUrl: harness.slack.apiUrl, retryConfig: { retries: 0 } }),
      quiet,
    ),
    logger: quiet,
    owner,
    leaseMs: LEASE_MS,
    ...options,
  });
}

/**
 * Heroku holds the next request, the first replica's gather, until `open()`: its gather outlasts the
 * lease for as long as the test needs, not for a fixed 2.5 s the other replica had to finish inside.
 */
function holdGather() {
  const gate = new Gate();
  heroku.inject({ fault: { type: 'held', until: gate.opened } });
  return {
    held: () => heroku.log.some((request) => request.fault === 'held'),
    open: () => gate.open(),
  };
}

const digestPosts = () =>
  [...a.slack.callsTo('chat.postMessage'), ...b.slack.callsTo('chat.postMessage')].filter(
    (call) => call.body.channel === CHANNEL,
  );

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('a lease that runs out during a slow gather', () => {
  test('the heartbeat keeps it: the second replica leaves the run alone, one post', async () => {
    await replicas();
    const gather = holdGather();
    const first = runner(a, 'A').run(new Date());
    await waitUntil(gather.held, "A's gather held by Heroku");
    await sleep(LEASE_MS + 300);
    const second = await runner(b, 'B').run(new Date());
    expect(second.status).toBe('busy');
    gather.open();
    expect(await first).toMatchObject({ status: 'posted' });
    expect(digestPosts()).toHaveLength(1);
  });

  test('a stalled owner is taken over, and the fence stops its late post: one post', async () => {
    await replicas();
    const gather = holdGather();
    // A's heartbeat never comes in time, as in a long pause of its process.
    const first = runner(a, 'A', { heartbeatMs: 60_000 }).run(new Date());
    await waitUntil(gather.held, "A's gather held by Heroku");
    await sleep(LEASE_MS + 300);
    const second = await runner(b, 'B').run(new Date());
    expect(second).toMatchObject({ status: 'posted' });
    // A finishes gathering after B posted: it finds the run no longer its own and does not post.
    gather.open();
    expect(await first).toMatchObject({ status: 'busy' });
    expect(digestPosts()).toHaveLength(1);
    const run = await a.bot.services.store.digestRun(CHANNEL, second.status === 'posted' ? second.week.id : '');
    expect(run).toMatchObject({ status: 'posted', owner: 'B' });
  });
});
