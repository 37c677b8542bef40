import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AwsSpendSource, type AwsSpendSourceOptions } from '../../src/sources/aws/aws-spend-source';
import { type CostExplorerClientOptions, createCostExplorerClient } from '../../src/sources/aws/cost-explorer-client';
import { CostExplorerClientInChild } from '../../src/sources/aws/cost-explorer-in-child';
import { SourceError } from '../../src/sources/source-error';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempSqliteFile } from '../support/databases';
import {
  costAndUsagePage,
  type FakeCostExplorer,
  type FakeReply,
  reply,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { setProcessEnv } from '../support/process-env';

const QUERY = { start: '2026-03-01', end: '2026-03-02', groupBy: 'service' as const };
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const clock = new Date('2026-03-10T12:00:00Z');

let ce: FakeCostExplorer;
let store: Store;
let clients: CostExplorerClient[];

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(async () => {
  ce.reset();
  clients = [];
  store = await openStore(tempSqliteFile());
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await store.close();
});

let makeClient: (options: CostExplorerClientOptions) => CostExplorerClient = createCostExplorerClient;

function source(client: CostExplorerClientOptions = {}, options: Partial<AwsSpendSourceOptions> = {}) {
  const sdk = makeClient({
    endpoint: ce.endpoint,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
    maxAttempts: 1,
    ...client,
  });
  clients.push(sdk);
  return new AwsSpendSource({ client: sdk, store, now: () => clock, ...options });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    const sourceError = error as SourceError;
    expect(sourceError.source).toBe('aws');
    expect(sourceError.message).not.toContain(SECRET);
    expect(sourceError.message).not.toContain(ACCESS_KEY);
    return sourceError;
  }
  throw new Error('expected a SourceError, but the call succeeded');
}

/** QUERY's day: $0.42 of AWS Lambda. */
const SPEND_PAGE = costAndUsagePage({
  metric: 'UnblendedCost',
  groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
  days: [{ day: '2026-03-01', groups: [{ keys: ['AWS Lambda'], amount: '0.42' }] }],
});

function scriptSpend() {
  ce.pages('GetCostAndUsage', [SPEND_PAGE]);
}

// The bot sends from a process of its own (src/sources/aws/cost-explorer-in-child.ts); the CLI and the
// digest's process send directly. A failure reads the same either way.
describe.each([
  ['sent by the SDK client in this process', createCostExplorerClient],
  [
    "sent from the bot's Cost Explorer process",
    (options: CostExplorerClientOptions) => new CostExplorerClientInChild(options),
  ],
])('%s', (_how, factory) => {
  beforeAll(() => {
    makeClient = factory;
  });

  describe('throttling', () => {
    test('LimitExceededException is retried by the SDK, then reported as throttling', async () => {
      ce.reply('GetCostAndUsage', reply.throttle());
      const error = await failure(source({ maxAttempts: 3, retryDelayMs: 1 }).dailyCost(QUERY));
      expect(error.kind).toBe('throttled');
      expect(error.message).toBe(
        'Cost Explorer is throttling requests (LimitExceededException) after 3 attempts; try again in a minute.',
      );
      expect(ce.requests().map((r) => r.sdkAttempt)).toEqual([
        'attempt=1; max=3',
        'attempt=2; max=3',
        'attempt=3; max=3',
      ]);
    });

    test('a throttle that clears within the attempts is invisible to the caller', async () => {
      scriptSpend();
      ce.reply('GetCostAndUsage', reply.throttle(), { times: 2 });
      const { value, staleBecause } = await source({ maxAttempts: 3, retryDelayMs: 1 }).dailyCost(QUERY);
      expect(value.total).toBe('0.42');
      expect(staleBecause).toBeUndefined();
      expect(ce.requests().map((r) => r.outcome)).toEqual([400, 400, 200, 200]);
    });

    test('HTTP 429 is throttling too', async () => {
      ce.reply('GetCostAndUsage', reply.tooManyRequests());
      const error = await failure(source({ maxAttempts: 2, retryDelayMs: 1 }).dailyCost(QUERY));
      expect(error.kind).toBe('throttled');
      expect(error.message).toMatch(/^Cost Explorer is throttling requests \(HTTP 429\) after 2 attempts; try again/);
      expect(ce.requests()).toHaveLength(2);
    });
  });

  describe('service and network failures', () => {
    test.each([500, 502, 503])('HTTP %i is retried, then reported as unavailable', async (status) => {
      ce.reply('GetCostAndUsage', reply.serverError(status));
      const error = await failure(source({ maxAttempts: 2, retryDelayMs: 1 }).dailyCost(QUERY));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(
        new RegExp(`^Cost Explorer is unavailable \\(HTTP ${status}.*try again in a few minutes`),
      );
      expect(ce.requests()).toHaveLength(2);
    });

    test('a burst of 5xx that ends within the attempts succeeds', async () => {
      scriptSpend();
      ce.reply('GetCostAndUsage', reply.serverError(503), { times: 2 });
      const { value } = await source({ maxAttempts: 3, retryDelayMs: 1 }).dailyCost(QUERY);
      expect(value.total).toBe('0.42');
    });

    test('a slow answer past the request timeout is a timeout', async () => {
      ce.reply('GetCostAndUsage', reply.slow(2_000, reply.ok({})));
      const error = await failure(source({ requestTimeoutMs: 50 }).dailyCost(QUERY));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('Cost Explorer did not answer in time; try again in a few minutes.');
    });

    test('a slow answer within the timeout is fine', async () => {
      // Every answer 200 ms late against a 10 s deadline, with no retry to hide a timeout: a deadline that
      // ended requests sooner than asked (100 ms fails it) fails this; a process that waits a second or two
      // for the CPU does not, as it could with 20 ms against 1 s.
      ce.reply('GetCostAndUsage', reply.slow(200, reply.ok(SPEND_PAGE)));
      const { value } = await source({ requestTimeoutMs: 10_000 }).dailyCost(QUERY);
      expect(value.total).toBe('0.42');
      // The usage and the credits, each answered on its one attempt.
      expect(ce.requests().map((r) => r.outcome)).toStrictEqual([200, 200]);
    });

    test('a dropped connection is retried, then reported as unavailable', async () => {
      ce.reply('GetCostAndUsage', reply.drop());
      const error = await failure(source({ maxAttempts: 2, retryDelayMs: 1 }).dailyCost(QUERY));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/^Could not reach Cost Explorer .*check the network path/);
      expect(ce.requests().map((r) => r.outcome)).toEqual(['dropped', 'dropped']);
    });

    test('nothing listening is unavailable', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const error = await failure(source({ endpoint: `http://127.0.0.1:${port}` }).dailyCost(QUERY));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/ECONNREFUSED/);
    });
  });

  describe('bad responses', () => {
    test('a body that is not JSON', async () => {
      ce.reply('GetCostAndUsage', reply.malformed());
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/^Cost Explorer sent a response the bot could not read \(GetCostAndUsage\)/);
    });

    test('JSON that fits the model but not the sense: an Amount that is not a number', async () => {
      ce.reply(
        'GetCostAndUsage',
        reply.ok(
          costAndUsagePage({
            metric: 'UnblendedCost',
            groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
            days: [{ day: '2026-03-01', groups: [{ keys: ['AWS Lambda'], amount: 'twelve' }] }],
          }),
        ),
      );
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/Amount is not a decimal number/);
      // Nothing unusable is cached: the next call asks again.
      await failure(source().dailyCost(QUERY));
      expect(ce.requests()).toHaveLength(2);
    });

    test('a group without the requested metric', async () => {
      ce.reply('GetCostAndUsage', (info) =>
        reply.ok(
          costAndUsagePage({
            metric: (info.input.Metrics as string[])[0] === 'UnblendedCost' ? 'BlendedCost' : 'UnblendedCost',
            groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
            days: [{ day: '2026-03-01', groups: [{ keys: ['AWS Lambda'], amount: '1' }] }],
          }),
        ),
      );
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/a group has no UnblendedCost/);
      // Refused before caching: the next call asks again instead of replaying the bad answer.
      await failure(source().dailyCost(QUERY));
      expect(ce.requests()).toHaveLength(2);
    });

    test('a page token that comes back again is stopped, not paid for forever', async () => {
      ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [], NextPageToken: 'same-token' }));
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/the same page token came back twice/);
      expect(ce.requests()).toHaveLength(2);
    });

    test('paging stops at maxPages', async () => {
      const page = costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        days: [],
      });
      ce.pages('GetCostAndUsage', [page, page, page, page]);
      const error = await failure(source({}, { maxPages: 3 }).dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/more than 3 pages; ask for a shorter period/);
      expect(ce.requests()).toHaveLength(3);
    });

    test('a request the service refuses is reported as our bug, with AWS saying which parameter', async () => {
      // An empty list of credit record types makes an invalid filter: the fake (like AWS) refuses it.
      const error = await failure(source({}, { creditRecordTypes: [] }).dailyCost(QUERY));
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/^Cost Explorer refused the bot's GetCostAndUsage request \(ValidationException: /);
      expect(error.message).toMatch(/Values: at least one value/);
      expect(error.message).toMatch(/This is a bug in Hosting Advisor/);
    });
  });

  describe('credentials and permissions', () => {
    test('AccessDeniedException names the IAM permission needed', async () => {
      ce.reply('GetCostAndUsage', reply.accessDenied('GetCostAndUsage'));
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('permission');
      expect(error.message).toMatch(
        /^AWS denied ce:GetCostAndUsage: the IAM policy .* needs ce:GetCostAndUsage and ce:GetCostForecast/,
      );
      expect(error.message).not.toMatch(/arn:aws:iam/);
    });

    test.each([
      [
        'UnrecognizedClientException',
        /^AWS rejected the credentials \(UnrecognizedClientException\): check AWS_ACCESS_KEY_ID/,
      ],
      [
        'InvalidSignatureException',
        /^AWS rejected the credentials \(InvalidSignatureException\): check AWS_ACCESS_KEY_ID/,
      ],
      ['ExpiredTokenException', /^AWS rejected the credentials because they have expired .*AWS_SESSION_TOKEN/],
    ] as const)('%s is an auth failure with a way to fix it', async (rejection, message) => {
      ce.rejectAccessKey(ACCESS_KEY, rejection);
      const error = await failure(source({ maxAttempts: 3, retryDelayMs: 1 }).dailyCost(QUERY));
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/or the IAM role the bot runs as/);
      // Bad credentials are not retried.
      expect(ce.requests()).toHaveLength(1);
    });

    test('no credentials at all: nothing is sent or counted', async () => {
      // An environment where the SDK's default chain finds nothing: no keys, no profile or its
      // files, no instance metadata. The bot's process has the environment the bot had.
      const restore = setProcessEnv({
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      try {
        const spend = source({ credentials: undefined });
        const error = await failure(spend.dailyCost(QUERY));
        expect(error.kind).toBe('auth');
        expect(error.message).toBe(
          'No AWS credentials were found for Cost Explorer: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run the bot with an IAM role.',
        );
        expect(ce.requests()).toHaveLength(0);
        expect((await spend.requestsThisMonth()).requests).toBe(0);
      } finally {
        restore();
      }
    });
  });

  describe('data Cost Explorer does not have', () => {
    test.each<[string, FakeReply, RegExp]>([
      ['DataUnavailableException', reply.dataUnavailable(), /^Cost Explorer has no data for that period yet/],
      ['BillExpirationException', reply.error('BillExpirationException'), /^Cost Explorer no longer has data/],
    ])('%s is not-found', async (_name, answer, message) => {
      ce.reply('GetCostAndUsage', answer);
      const error = await failure(source().dailyCost(QUERY));
      expect(error.kind).toBe('not-found');
      expect(error.message).toMatch(message);
    });
  });
});
