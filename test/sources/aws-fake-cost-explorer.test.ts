/**
 * The fake Cost Explorer checks requests against the official model; these tests prove it does, so
 * the source tests that pass against it mean something.
 */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  costAndUsagePage,
  documentedRules,
  type FakeCostExplorer,
  loadCeModel,
  reply,
  startFakeCostExplorer,
  validateRequest,
} from '../support/fake-cost-explorer';
import { Gate, waitUntil } from '../support/gate';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const valid = {
  TimePeriod: { Start: '2026-03-01', End: '2026-03-04' },
  Granularity: 'DAILY',
  Metrics: ['UnblendedCost'],
  GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
  Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
};

let ce: FakeCostExplorer;
let clients: CostExplorerClient[];

beforeAll(async () => {
  ce = await startFakeCostExplorer();
});
afterAll(async () => {
  await ce.close();
});
beforeEach(() => {
  ce.reset();
  clients = [];
});
afterEach(() => {
  for (const client of clients) client.destroy();
});

function client(region = 'us-east-1'): CostExplorerClient {
  const sdk = new CostExplorerClient({ region, endpoint: ce.endpoint, credentials, maxAttempts: 1 });
  clients.push(sdk);
  return sdk;
}

describe('request validation against ce-service-2.json', () => {
  test('the model is the official botocore Cost Explorer model', () => {
    const model = loadCeModel();
    expect(model.metadata).toMatchObject({
      targetPrefix: 'AWSInsightsIndexService',
      protocol: 'json',
      jsonVersion: '1.1',
      signingName: 'ce',
    });
    expect(model.shapes.GetCostAndUsageRequest.required).toEqual(['TimePeriod', 'Granularity', 'Metrics']);
  });

  test('the documented rules are read from the model text', () => {
    const rules = documentedRules();
    expect(rules.costAndUsageMetrics).toEqual([
      'AmortizedCost',
      'BlendedCost',
      'NetAmortizedCost',
      'NetUnblendedCost',
      'NormalizedUsageAmount',
      'UnblendedCost',
      'UsageQuantity',
    ]);
    expect(rules.groupByDimensions).toEqual(expect.arrayContaining(['SERVICE', 'LINKED_ACCOUNT', 'RECORD_TYPE']));
    expect(rules.groupByDimensions).not.toContain('DEPLOYMENT_OPTION');
    expect(rules.forecastMetrics).toEqual([
      'AMORTIZED_COST',
      'BLENDED_COST',
      'NET_AMORTIZED_COST',
      'NET_UNBLENDED_COST',
      'UNBLENDED_COST',
    ]);
    expect(rules.forecastGranularities).toEqual(['DAILY', 'MONTHLY']);
    expect(rules.dimensionMatchOptions).toEqual(['EQUALS', 'CASE_SENSITIVE']);
    expect(rules.maxGroupBy).toBe(2);
  });

  test('a valid request has no problems', () => {
    expect(validateRequest('GetCostAndUsage', valid)).toEqual([]);
    expect(
      validateRequest('GetCostForecast', {
        TimePeriod: { Start: '2026-03-10', End: '2026-04-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: 80,
      }),
    ).toEqual([]);
  });

  test.each<[string, string, Record<string, unknown>, RegExp]>([
    ['missing required member', 'GetCostAndUsage', { ...valid, Granularity: undefined }, /\$\.Granularity: required/],
    [
      'enum value',
      'GetCostAndUsage',
      { ...valid, Granularity: 'WEEKLY' },
      /"WEEKLY" is not one of DAILY, MONTHLY, HOURLY/,
    ],
    [
      'date format',
      'GetCostAndUsage',
      { ...valid, TimePeriod: { Start: '2026/03/01', End: '2026-03-04' } },
      /does not match/,
    ],
    [
      'calendar date',
      'GetCostAndUsage',
      { ...valid, TimePeriod: { Start: '2026-02-30', End: '2026-03-04' } },
      /"2026-02-30" is not a date/,
    ],
    [
      'Start before End',
      'GetCostAndUsage',
      { ...valid, TimePeriod: { Start: '2026-03-04', End: '2026-03-04' } },
      /Start date should be before end date/,
    ],
    [
      'unknown member',
      'GetCostAndUsage',
      { ...valid, Metric: 'UnblendedCost' },
      /\$\.Metric: not a member of GetCostAndUsageRequest/,
    ],
    [
      'forecast enum in GetCostAndUsage',
      'GetCostAndUsage',
      { ...valid, Metrics: ['UNBLENDED_COST'] },
      /"UNBLENDED_COST" is not one of AmortizedCost/,
    ],
    [
      'three groups',
      'GetCostAndUsage',
      {
        ...valid,
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'AZ' },
          { Type: 'TAG', Key: 'team' },
        ],
      },
      /at most 2 groups/,
    ],
    [
      'undocumented group-by dimension',
      'GetCostAndUsage',
      { ...valid, GroupBy: [{ Type: 'DIMENSION', Key: 'DEPLOYMENT_OPTION' }] },
      /cannot group by DEPLOYMENT_OPTION/,
    ],
    [
      'two roots in one Expression',
      'GetCostAndUsage',
      { ...valid, Filter: { Not: valid.Filter.Not, Dimensions: { Key: 'SERVICE', Values: ['x'] } } },
      /more than one root/,
    ],
    [
      'dimension outside the enum',
      'GetCostAndUsage',
      { ...valid, Filter: { Dimensions: { Key: 'COLOUR', Values: ['x'] } } },
      /"COLOUR" is not one of AZ/,
    ],
    [
      'a match option GetCostAndUsage does not take',
      'GetCostAndUsage',
      { ...valid, Filter: { Dimensions: { Key: 'SERVICE', Values: ['x'], MatchOptions: ['STARTS_WITH'] } } },
      /STARTS_WITH is not supported here/,
    ],
    [
      'cost metric name in GetCostForecast',
      'GetCostForecast',
      { TimePeriod: valid.TimePeriod, Metric: 'UnblendedCost', Granularity: 'MONTHLY' },
      /"UnblendedCost" is not one of BLENDED_COST/,
    ],
    [
      'HOURLY forecast',
      'GetCostForecast',
      { TimePeriod: valid.TimePeriod, Metric: 'UNBLENDED_COST', Granularity: 'HOURLY' },
      /supports only DAILY and MONTHLY/,
    ],
    [
      'prediction interval out of range',
      'GetCostForecast',
      { TimePeriod: valid.TimePeriod, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY', PredictionIntervalLevel: 50 },
      /PredictionIntervalLevel: below 51/,
    ],
  ])('rejects %s', (_name, operation, body, problem) => {
    const problems = validateRequest(operation, JSON.parse(JSON.stringify(body)));
    expect(problems.join('\n')).toMatch(problem);
  });

  test('an undocumented group-by dimension can be allowed on purpose', () => {
    const body = { ...valid, GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] };
    expect(validateRequest('GetCostAndUsage', body)).not.toEqual([]);
    expect(validateRequest('GetCostAndUsage', body, undefined, { allowUndocumentedGroupBy: ['REGION'] })).toEqual([]);
  });
});

describe('the wire', () => {
  test('an invalid request sent by the real SDK gets 400 ValidationException naming the problem', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    const bad = { ...valid, Granularity: 'WEEKLY' } as unknown as GetCostAndUsageCommandInput;
    await expect(client().send(new GetCostAndUsageCommand(bad))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/\$\.Granularity: "WEEKLY" is not one of/),
      $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    });
    const [logged] = ce.requests();
    expect(logged.problems).toEqual([expect.stringMatching(/Granularity/)]);
    expect(logged.errorName).toBe('ValidationException');
  });

  test('logs the target, the parsed body and the signing scope of a valid request', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    await client().send(new GetCostAndUsageCommand(valid as GetCostAndUsageCommandInput));
    const [logged] = ce.requests('GetCostAndUsage');
    expect(logged).toMatchObject({
      method: 'POST',
      path: '/',
      target: 'AWSInsightsIndexService.GetCostAndUsage',
      contentType: 'application/x-amz-json-1.1',
      body: valid,
      accessKeyId: 'AKIDTEST',
      signingRegion: 'us-east-1',
      signingService: 'ce',
      outcome: 200,
    });
  });

  test('a request signed for another region is refused', async () => {
    ce.reply('GetCostAndUsage', reply.ok({ ResultsByTime: [] }));
    await expect(
      client('eu-west-1').send(new GetCostAndUsageCommand(valid as GetCostAndUsageCommandInput)),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  test('an unsigned request is refused', async () => {
    const response = await fetch(ce.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSInsightsIndexService.GetCostAndUsage',
      },
      body: JSON.stringify(valid),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      Message: 'Missing Authentication Token',
    });
  });

  test('an unknown operation is refused', async () => {
    const response = await fetch(ce.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSInsightsIndexService.GetEverything',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  test('nothing scripted is a loud failure, not an empty answer', async () => {
    await expect(client().send(new GetCostAndUsageCommand(valid as GetCostAndUsageCommandInput))).rejects.toMatchObject(
      { name: 'FakeNotScriptedException' },
    );
    expect(ce.unhandled).toHaveLength(1);
  });

  test('the newest matching route wins and a route with times retires', async () => {
    ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '1', Unit: 'USD' } }));
    ce.reply('GetCostForecast', reply.dataUnavailable(), { times: 1 });
    const forecast = new GetCostForecastCommand({
      TimePeriod: { Start: '2026-03-10', End: '2026-04-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    });
    await expect(client().send(forecast)).rejects.toMatchObject({ name: 'DataUnavailableException' });
    await expect(client().send(forecast)).resolves.toMatchObject({ Total: { Amount: '1', Unit: 'USD' } });
  });

  test('a held reply is pending until its gate opens, then answered as scripted', async () => {
    const gate = new Gate();
    ce.reply('GetCostForecast', reply.held(gate.opened, reply.ok({ Total: { Amount: '2', Unit: 'USD' } })));
    const answer = client().send(
      new GetCostForecastCommand({
        TimePeriod: { Start: '2026-03-10', End: '2026-04-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
      }),
    );
    await waitUntil(() => ce.requests().length === 1, 'the request');
    expect(ce.requests()[0].outcome).toBe('pending');
    gate.open();
    await expect(answer).resolves.toMatchObject({ Total: { Amount: '2', Unit: 'USD' } });
    expect(ce.requests()[0].outcome).toBe(200);
  });
});

describe('paging', () => {
  const page = costAndUsagePage({ metric: 'UnblendedCost', groupBy: [], days: [] });

  test('a token the fake did not issue is InvalidNextTokenException', async () => {
    ce.pages('GetCostAndUsage', [page, page]);
    const input = { ...valid, NextPageToken: 'made-up' } as GetCostAndUsageCommandInput;
    await expect(client().send(new GetCostAndUsageCommand(input))).rejects.toMatchObject({
      name: 'InvalidNextTokenException',
    });
  });

  test('changing a parameter between pages is RequestChangedException', async () => {
    ce.pages('GetCostAndUsage', [page, page]);
    const first = await client().send(new GetCostAndUsageCommand(valid as GetCostAndUsageCommandInput));
    expect(first.NextPageToken).toEqual(expect.any(String));
    const changed = {
      ...valid,
      Metrics: ['AmortizedCost'],
      NextPageToken: first.NextPageToken,
    } as GetCostAndUsageCommandInput;
    await expect(client().send(new GetCostAndUsageCommand(changed))).rejects.toMatchObject({
      name: 'RequestChangedException',
    });
    const same = { ...valid, NextPageToken: first.NextPageToken } as GetCostAndUsageCommandInput;
    const second = await client().send(new GetCostAndUsageCommand(same));
    expect(second.NextPageToken).toBeUndefined();
  });
});

describe('scripting is checked too', () => {
  test('a success body that breaks the output shape is refused when scripted', () => {
    expect(() =>
      ce.reply(
        'GetCostAndUsage',
        reply.ok({ ResultsByTime: [{ Total: { UnblendedCost: { Amount: 12.5, Unit: 'USD' } } }] }),
      ),
    ).toThrow(/Amount: expected a string/);
  });

  test('an error the operation cannot return is refused when scripted', () => {
    expect(() => ce.reply('GetCostForecast', reply.error('BillExpirationException'))).toThrow(
      /GetCostForecast cannot fail with BillExpirationException/,
    );
    expect(() => ce.reply('GetCostAndUsage', reply.error('BillExpirationException'))).not.toThrow();
  });

  test('pages issue their own tokens', () => {
    const page = costAndUsagePage({ metric: 'UnblendedCost', groupBy: [], days: [] });
    expect(() => ce.pages('GetCostAndUsage', [{ ...page, NextPageToken: 'x' }])).toThrow(/issues NextPageToken itself/);
  });
});
