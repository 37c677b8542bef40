/**
 * Fault injection against Cost Explorer, end to end: signed `/hosting spend` requests through the
 * real Bolt HTTP receiver, the bot's own Cost Explorer client (built from the environment exactly as
 * in production: 3 attempts, the SDK's standard backoff, a 30 s request deadline) pointed at the
 * local Cost Explorer, and Heroku at the local Heroku. For each fault: what the user sees, how many
 * requests reached Cost Explorer, and that the next request after the fault clears succeeds.
 *
 * Nothing here is timed: "acked while Cost Explorer is slow" holds its answer behind a gate until
 * the ack is in, and Retry-After is checked as the delay the SDK reports it chose (`$metadata`).
 */
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { spendPeriod } from '../../src/core/spend/request';
import { AwsSpendSource, createCostExplorerClient } from '../../src/sources/aws';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, startHarness } from '../support/bot-harness';
import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  type FakeReply,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { Gate } from '../support/gate';
import { setProcessEnv } from '../support/process-env';
import { askAndWait, askWhileHeld, type DeferredAnswer, herokuRunRateWeek } from './support';

// heroku-client reads every certificate file on each request; the fakes are plain HTTP.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

const ACCESS_KEY = 'AKIDFAULTSAWS0001';
const SECRET = 'faults-aws-secret-access-key-0001';
const METRIC = 'UnblendedCost';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const S3 = 'Amazon Simple Storage Service';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const BY_RECORD_TYPE = [{ Type: 'DIMENSION' as const, Key: 'RECORD_TYPE' }];

/** 100.004 + 0.333 + 23.456 = 123.793 over two pages: $123.79, whichever page a fault hits. */
const AWS_TOTAL = '*Total: $123.79*';
/** shop-api 2×$50 + $25 + $50 + $15 + $12.34, acme-tools $7: the contract and unpriced add-ons are excluded. */
const HEROKU_TOTAL = herokuRunRateWeek({ 'shop-api': 20234, 'acme-tools': 700 }).total;
/** Pages of the current usage (2), its credits, the previous period's usage and credits, the forecast. */
const REQUESTS_PER_SPEND = 6;

const isCredits = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';
const isUsage = (input: CeRequestBody) => !isCredits(input);
const isSecondPage = (input: CeRequestBody) => typeof input.NextPageToken === 'string';

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 8 });
  w.addTeam('acme', { type: 'enterprise' });
  w.addApp('shop-api', {
    formation: [
      { type: 'web', quantity: 2, size: 'standard-2X' },
      { type: 'worker', quantity: 1, size: 'standard-1X' },
    ],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'heroku-redis', plan: 'premium-0', cents: 1500 },
      { service: 'papertrail', plan: 'volmar', cents: 1234 },
      { service: 'enterprise-search', plan: 'dedicated', contract: true },
    ],
  });
  w.addApp('acme-tools', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 1, size: 'basic' }],
    addOns: [{ service: 'partner-metrics', plan: 'custom', billed: 'none' }],
  });
  return w;
}

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let harness: Harness;
let restoreEnv = () => {};

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  heroku = await FakeHeroku.start({ world: world() });
  // The AWS SDK reads its endpoint and credentials from the process environment, as in production.
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
  };
  // The bot's own retry settings apply, not whatever the shell running the tests has.
  const unset = {
    AWS_MAX_ATTEMPTS: undefined,
    AWS_RETRY_MODE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
  };
  restoreEnv = setProcessEnv({ ...env, ...unset });
});

afterAll(async () => {
  await ce.close();
  await heroku.close();
  restoreEnv();
});

// A fresh bot (and store) per test: no cache and no request count carried from one fault to the next.
beforeEach(async () => {
  ce.reset();
  heroku.clearFaults();
  harness = await startHarness({
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
});

afterEach(async () => {
  await harness.close();
});

/** Scripts this week's spend: usage on two pages, a credit, last week's usage, and a forecast. */
function scriptAws() {
  const period = spendPeriod('7d', new Date());
  const day = (n: number) =>
    new Date(Date.parse(`${period.start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const starts = (start: string) => (input: CeRequestBody) => input.TimePeriod?.Start === start;
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric: METRIC,
        groupBy: BY_SERVICE,
        days: [
          {
            day: day(0),
            groups: [
              { keys: [EC2], amount: '100.004' },
              { keys: [S3], amount: '0.333' },
            ],
          },
        ],
      }),
      costAndUsagePage({
        metric: METRIC,
        groupBy: BY_SERVICE,
        days: [{ day: day(1), groups: [{ keys: [RDS], amount: '23.456' }] }],
      }),
    ],
    { match: (input) => isUsage(input) && starts(period.start)(input) },
  );
  ce.reply('GetCostAndUsage', reply.ok(creditsPage(day(0))), {
    match: (input) => isCredits(input) && starts(period.start)(input),
  });
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric: METRIC,
        groupBy: BY_SERVICE,
        days: [{ day: period.previous.start, groups: [{ keys: [EC2], amount: '100' }] }],
      }),
    ],
    { match: (input) => isUsage(input) && starts(period.previous.start)(input) },
  );
  ce.reply('GetCostAndUsage', reply.ok(costAndUsagePage({ metric: METRIC, groupBy: BY_RECORD_TYPE, days: [] })), {
    match: (input) => isCredits(input) && starts(period.previous.start)(input),
  });
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '321.987', Unit: 'USD' }, ForecastResultsByTime: [] }));
  return { period, day };
}

function creditsPage(day: string) {
  return costAndUsagePage({
    metric: METRIC,
    groupBy: BY_RECORD_TYPE,
    days: [{ day, groups: [{ keys: ['Credit'], amount: '-10.5' }] }],
  });
}

/** Adds a fault after the script, so it wins while it lasts (`times`), then the script answers again. */
function fault(answer: FakeReply, options: { times?: number; match?: (input: CeRequestBody) => boolean } = {}) {
  ce.reply('GetCostAndUsage', answer, options);
}

type Answer = DeferredAnswer;

const spend = (text: string): Promise<Answer> => askAndWait(harness, text);

/** The ack a user sees at once: within Slack's 3 seconds, saying the answer is coming. */
function expectPromptAck(answer: Answer) {
  expect(answer.ack.status).toBe(200);
  expect(answer.ack.body.text).toContain('Fetching spend');
}

/** Plain words: no stack trace, no exception class names, no secret anywhere in the answer or the log. */
function expectPlain(shown: string) {
  expect(shown).not.toMatch(/\n\s+at \S+ \(|\bat .*:\d+:\d+\)/);
  expect(shown).not.toMatch(/SourceError|TypeError|SyntaxError|undefined|\[object Object\]/);
  for (const secret of [SECRET, ACCESS_KEY, heroku.token, BOT_TOKEN, SIGNING_SECRET]) {
    expect(shown).not.toContain(secret);
    expect(harness.logs.join('\n')).not.toContain(secret);
  }
}

/** Cost Explorer requests the bot counted this month (the Details button shows them). */
function requestsThisMonth(): Promise<number> {
  return harness.bot.services.store.requestCount('cost-explorer', new Date().toISOString().slice(0, 7));
}

/** What the SDK reports for one command: its attempts and the delay it chose before the retries, in all. */
interface RetryRecord {
  attempts?: number;
  totalRetryDelay?: number;
}

/**
 * Replaces the bot's Cost Explorer source with one on the same store whose client backs off only 1 ms
 * of its own (the SDK's retry decisions unchanged) and records, per command, what the SDK reports in
 * `$metadata`: how many attempts, and how long it chose to wait before them in all.
 */
function replaceAwsRecordingRetries(): RetryRecord[] {
  const records: RetryRecord[] = [];
  const client = createCostExplorerClient({ retryDelayMs: 1 });
  const record = (metadata: RetryRecord | undefined) =>
    records.push({ attempts: metadata?.attempts, totalRetryDelay: metadata?.totalRetryDelay });
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        record((result.output as { $metadata?: RetryRecord }).$metadata);
        return result;
      } catch (error) {
        record((error as { $metadata?: RetryRecord }).$metadata);
        throw error;
      }
    },
    { step: 'initialize', name: 'recordRetries' },
  );
  harness.bot.services.sources.aws?.close();
  harness.bot.services.sources.aws = new AwsSpendSource({
    client,
    store: harness.bot.services.store,
    now: () => new Date(),
  });
  return records;
}

/**
 * How each attempt `client` made ended, one entry an attempt (recorded inside the SDK's retries, where
 * the request goes to Node's HTTP client): `answered`, or the error that ended it, as `name: message`.
 */
function recordAttemptEnds(client: CostExplorerClient): string[] {
  const ends: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        ends.push('answered');
        return result;
      } catch (error) {
        ends.push(`${(error as Error).name}: ${(error as Error).message}`);
        throw error;
      }
    },
    { step: 'deserialize', name: 'recordAttemptEnds' },
  );
  return ends;
}

/** Cost Explorer requests of `kind` that arrived and are held behind a gate, unanswered. */
const heldCe = (kind: (input: CeRequestBody) => boolean) => () =>
  ce.requests().some((request) => request.body !== undefined && kind(request.body) && request.outcome === 'pending');

describe('Cost Explorer slower than the ack deadline', () => {
  test('acked while Cost Explorer is still answering, then the full answer, exact to the cent', async () => {
    scriptAws();
    const gate = new Gate();
    fault(reply.held(gate.opened, reply.ok(creditsPage(spendPeriod('7d', new Date()).start))), {
      times: 1,
      match: isCredits,
    });
    const answer = await askWhileHeld(harness, 'spend aws', gate, heldCe(isCredits));
    expectPromptAck(answer);
    expect(answer.shown).toContain(AWS_TOTAL);
    expect(answer.shown).toContain('$123.79 before credits · $113.29 after');
    expect(answer.shown).toMatch(/Forecast for the rest of \w+ \([^)]+\): \$321\.99, cost before credits/);
    expect(ce.requests()).toHaveLength(REQUESTS_PER_SPEND);
  });

  test('past the request deadline: timed out after the bounded attempts, said plainly, Heroku still shown', async () => {
    scriptAws();
    // The production deadline is 30 s × 3 attempts; the same client with a 1 s deadline keeps this test short.
    const client = createCostExplorerClient({ requestTimeoutMs: 1_000, maxAttempts: 2, retryDelayMs: 10 });
    const attemptEnds = recordAttemptEnds(client);
    harness.bot.services.sources.aws?.close();
    harness.bot.services.sources.aws = new AwsSpendSource({
      client,
      store: harness.bot.services.store,
      now: () => new Date(),
    });
    // Cost Explorer never answers while the test runs.
    fault(reply.held(new Gate().opened, reply.ok(creditsPage(spendPeriod('7d', new Date()).start))));
    const answer = await spend('spend');
    expectPromptAck(answer);
    expect(answer.shown).toContain(
      ':warning: Could not read AWS spend: Cost Explorer did not answer in time after 2 attempts; try again in a few minutes.',
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    // The client's own deadline ended each of the 2 attempts, and Cost Explorer answered none. They are
    // counted where they were made: the deadline runs from when the SDK hands a request to Node, so on a
    // loaded machine, where the process can wait a second for the CPU, it may fire before the connection
    // opens, and that attempt never reaches the fake.
    const deadline = expect.stringMatching(/^TimeoutError: .*exceeded the configured 1000 ms requestTimeout/);
    expect(attemptEnds).toEqual([deadline, deadline]);
    expect(ce.requests().length).toBeLessThanOrEqual(attemptEnds.length);
    expect(ce.requests().filter((request) => request.outcome !== 'pending')).toEqual([]);
  });
});

describe('Cost Explorer throttling', () => {
  test('429 with Retry-After: 1 that does not clear: honoured, 3 attempts in all, then said plainly beside Heroku', async () => {
    const retries = replaceAwsRecordingRetries();
    scriptAws();
    fault(reply.tooManyRequests(1));
    const answer = await spend('spend');
    expectPromptAck(answer);
    expect(answer.shown).toContain(
      ':warning: Could not read AWS spend: Cost Explorer is throttling requests (HTTP 429) after 3 attempts; try again in a minute.',
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    const sent = ce.requests();
    expect(sent.map((request) => request.sdkAttempt)).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
    // Retry-After: 1 was what the SDK chose to wait before each of the 2 retries, not the client's own
    // 1 ms: it waits until the instant the header names, so each wait is 1 s less the moment between
    // reading the header and deciding (a millisecond or so; 250 ms allowed).
    const throttled = retries.filter((record) => record.attempts === 3);
    expect(throttled).toHaveLength(1);
    expect(throttled[0].totalRetryDelay).toBeGreaterThanOrEqual(2 * 750);
    expect(throttled[0].totalRetryDelay).toBeLessThanOrEqual(2 * 1000);

    // The throttle lifts: the next ask answers in full, and the failed attempts were counted too.
    ce.reset();
    scriptAws();
    const after = await spend('spend aws');
    expect(after.shown).toContain(AWS_TOTAL);
    expect(after.shown).not.toContain('Could not read AWS spend');
    expect(await requestsThisMonth()).toBe(3 + REQUESTS_PER_SPEND);
  });

  test('LimitExceededException twice on page 2, then an answer: recovers, exact, page 1 not fetched again', async () => {
    scriptAws();
    fault(reply.throttle(), { times: 2, match: isSecondPage });
    const answer = await spend('spend aws');
    expectPromptAck(answer);
    expect(answer.shown).toContain(AWS_TOTAL);
    expect(answer.shown).toContain('+$23.79');
    expect(answer.shown).not.toMatch(/warning|stale/i);
    const usagePages = ce.requests('GetCostAndUsage').filter((request) => request.body && isUsage(request.body));
    expect(usagePages.map((request) => [Boolean(request.body?.NextPageToken), request.outcome])).toEqual([
      [false, 200],
      [true, 400],
      [true, 400],
      [true, 200],
      [false, 200],
    ]);
    expect(await requestsThisMonth()).toBe(REQUESTS_PER_SPEND + 2);
  });
});

describe('Cost Explorer 5xx', () => {
  test('a burst of 2×502 on page 2, then success: recovers within the command, exact to the cent', async () => {
    scriptAws();
    fault(reply.serverError(502), { times: 2, match: isSecondPage });
    const answer = await spend('spend aws');
    expect(answer.shown).toContain(AWS_TOTAL);
    expect(answer.shown).toMatch(/Forecast for the rest of \w+ \([^)]+\): \$321\.99, cost before credits/);
    expect(ce.requests()).toHaveLength(REQUESTS_PER_SPEND + 2);
  });

  test('a burst of 3×503 outlasts the 3 attempts: said plainly, Heroku shown; the next ask recovers', async () => {
    scriptAws();
    fault(reply.serverError(503), { times: 3 });
    const answer = await spend('spend');
    expectPromptAck(answer);
    expect(answer.shown).toContain(
      ':warning: Could not read AWS spend: Cost Explorer is unavailable (HTTP 503, ServiceUnavailable) after 3 attempts; try again in a few minutes.',
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    expect(ce.requests()).toHaveLength(3);

    const after = await spend('spend aws');
    expect(after.shown).toContain(AWS_TOTAL);
    expect(ce.requests()).toHaveLength(3 + REQUESTS_PER_SPEND);
  });
});

describe('Cost Explorer answers the bot cannot read', () => {
  test('malformed JSON: one request, a plain error beside Heroku, no crash; the next ask recovers', async () => {
    scriptAws();
    fault(reply.malformed(), { times: 1 });
    const answer = await spend('spend');
    expectPromptAck(answer);
    expect(answer.shown).toContain(
      ':warning: Could not read AWS spend: Cost Explorer sent a response the bot could not read (GetCostAndUsage); try again later.',
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    expect(ce.requests()).toHaveLength(1);

    const after = await spend('spend aws');
    expect(after.shown).toContain(AWS_TOTAL);
  });

  test('a connection dropped before any answer, every time: retried 3 times, then said plainly', async () => {
    scriptAws();
    fault(reply.drop());
    const answer = await spend('spend');
    expectPromptAck(answer);
    expect(answer.shown).toMatch(
      /:warning: Could not read AWS spend: Could not reach Cost Explorer \(ECONNRESET\) after 3 attempts: check the network path to ce\.us-east-1\.amazonaws\.com \(or AWS_ENDPOINT_URL_COST_EXPLORER\), then try again\./,
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    expect(ce.requests().map((request) => request.outcome)).toEqual(['dropped', 'dropped', 'dropped']);
  });

  test('a connection dropped mid-answer once: retried, and the answer is whole and exact', async () => {
    scriptAws();
    fault(reply.dropMidBody(), { times: 1, match: isSecondPage });
    const answer = await spend('spend aws');
    expect(answer.shown).toContain(AWS_TOTAL);
    expect(ce.requests()).toHaveLength(REQUESTS_PER_SPEND + 1);
  });

  test('a connection dropped mid-answer every time: bounded, said plainly, no crash', async () => {
    scriptAws();
    fault(reply.dropMidBody());
    const answer = await spend('spend');
    expectPromptAck(answer);
    // A cut-off answer is a dropped connection (retried like one), not "a response the bot could not read".
    expect(answer.shown).toContain(
      ':warning: Could not read AWS spend: Could not reach Cost Explorer (ECONNRESET) after 3 attempts: check the network path',
    );
    expect(answer.shown).toContain(HEROKU_TOTAL);
    expectPlain(answer.shown);
    expect(ce.requests().map((request) => request.outcome)).toEqual(['dropped', 'dropped', 'dropped']);
  });
});

describe('Revoked or expired AWS credentials', () => {
  test.each([
    [
      'UnrecognizedClientException',
      'AWS rejected the credentials (UnrecognizedClientException): check AWS_ACCESS_KEY_ID',
    ],
    [
      'ExpiredTokenException',
      'AWS rejected the credentials because they have expired (ExpiredTokenException): refresh',
    ],
  ] as const)(
    '%s: not retried, says what to fix, Heroku still shown; recovers when the key works again',
    async (rejection, says) => {
      scriptAws();
      ce.rejectAccessKey(ACCESS_KEY, rejection);
      const answer = await spend('spend');
      expectPromptAck(answer);
      expect(answer.shown).toContain(`:warning: Could not read AWS spend: ${says}`);
      expect(answer.shown).toContain(HEROKU_TOTAL);
      expectPlain(answer.shown);
      expect(ce.requests()).toHaveLength(1);

      ce.reset();
      scriptAws();
      const after = await spend('spend aws');
      expect(after.shown).toContain(AWS_TOTAL);
    },
  );
});

describe('Stale but labelled: cached figures when Cost Explorer fails', () => {
  test('after the cache expires, a failing Cost Explorer shows the last figures, dated and marked stale', async () => {
    scriptAws();
    const first = await spend('spend aws');
    expect(first.shown).toContain(AWS_TOTAL);
    const asOf = /as of (\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC)/.exec(first.shown)?.[1];
    expect(asOf).toBeDefined();

    // Seven hours on (the cache keeps answers 6 h): the same store, the same client, a later clock.
    const later = () => new Date(Date.now() + 7 * 3_600_000);
    harness.bot.services.sources.aws?.close();
    harness.bot.services.sources.aws = new AwsSpendSource({
      client: createCostExplorerClient(),
      store: harness.bot.services.store,
      now: later,
    });
    const sentBefore = ce.requests().length;
    fault(reply.serverError(503));
    ce.reply('GetCostForecast', reply.serverError(503));
    const stale = await spend('spend aws');
    expectPromptAck(stale);
    expect(stale.shown).toContain(AWS_TOTAL);
    expect(stale.shown).toContain(
      `as of ${asOf} — stale: could not refresh (Cost Explorer is unavailable (HTTP 503, ServiceUnavailable) after 3 attempts; try again in a few minutes.)`,
    );
    expect(stale.shown).toMatch(
      /Forecast for the rest of .*: \$321\.99, cost before credits, as of .* — stale: could not refresh \(Cost Explorer is unavailable/,
    );
    expect(stale.shown).not.toContain('Could not read AWS spend');
    expectPlain(stale.shown);
    // Bounded: 3 attempts for each call the answer needs (this week, last week, the forecast); within a
    // call, the first failure sends the rest (the credits query) straight to the cache.
    expect(ce.requests().length - sentBefore).toBe(9);

    ce.reset();
    scriptAws();
    const fresh = await spend('spend aws');
    expect(fresh.shown).toContain(AWS_TOTAL);
    expect(fresh.shown).not.toContain('stale');
  });
});
