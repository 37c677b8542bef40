import {
  type CeRequestBody,
  costAndUsagePage,
  type FakeCostExplorer,
  type FakeRequestInfo,
  reply,
  startFakeCostExplorer,
} from './fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from './fake-heroku';
import { setProcessEnv } from './process-env';

/**
 * A small live estate for the live paths (`compliance … live`, `… app=NAME`, `estimate app=NAME`):
 * on Heroku, team acme with `phi-api` in a Shield space on Shield plans and `shop-api` in the Common
 * Runtime, and two members, bo without two-factor; on AWS, four services with spend a few days ago and
 * Cost Explorer's forecast of $17.00 a day (a test of a refused forecast scripts its own reply).
 */
function liveWorld(): HerokuWorld {
  const w = new HerokuWorld({ seed: 21 });
  w.addTeam('acme', { type: 'enterprise' });
  w.addSpace('acme-shield', { team: 'acme', shield: true });
  const shieldPostgres = {
    service: 'heroku-postgresql',
    plan: 'shield-0',
    contract: true,
    compliance: ['HIPAA' as const],
  };
  w.addApp('phi-api', { team: 'acme', space: 'acme-shield', addOns: [shieldPostgres] });
  w.setFormation('phi-api', { type: 'web', quantity: 2, size: 'shield-M' });
  // 2 × $50 + $50 = $150.00 a month; the free add-on adds nothing.
  w.addApp('shop-api', {
    team: 'acme',
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'papertrail', plan: 'choklad', cents: 0 },
    ],
  });
  w.addMember('acme', 'ana@acme.example', { twoFactor: true, role: 'admin' });
  w.addMember('acme', 'bo@acme.example', { twoFactor: false });
  return w;
}

const SERVICES_IN_USE = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Elastic Container Service',
  'AWS Key Management Service',
  'AWS CloudTrail',
];

export interface LiveAccounts {
  heroku: FakeHeroku;
  ce: FakeCostExplorer;
  /** AWS credentials and the Cost Explorer endpoint, also set in the process environment (the SDK reads it). */
  awsEnv: Record<string, string>;
  close(): Promise<void>;
}

/** The estate's forecast a day: its four services at $4.25 each, as on the day they ran. */
const FORECAST_CENTS_A_DAY = 1700;

/**
 * GetCostForecast as Cost Explorer answers a MONTHLY request (ce-service-2.json's
 * GetCostForecastResponse): one ForecastResult per month the period touches, each with its mean and
 * the prediction interval the request asked for, and the Total of the whole period, amounts as the
 * long decimal strings Cost Explorer sends. $17.00 a day, ±20 % for the interval.
 */
export function liveForecast(info: FakeRequestInfo) {
  const { Start = '', End = '' } = info.input.TimePeriod ?? {};
  const months: { start: string; end: string; days: number }[] = [];
  for (let day = Start; day < End; ) {
    const next = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const monthEnd = next.toISOString().slice(0, 10);
    const end = [monthEnd, End].sort()[0]!;
    months.push({ start: day, end, days: (Date.parse(end) - Date.parse(day)) / 86_400_000 });
    day = end;
  }
  const amount = (cents: number) => (cents / 100).toFixed(10);
  const results = months.map((month) => ({
    TimePeriod: { Start: month.start, End: month.end },
    MeanValue: amount(month.days * FORECAST_CENTS_A_DAY),
    PredictionIntervalLowerBound: amount(month.days * FORECAST_CENTS_A_DAY * 0.8),
    PredictionIntervalUpperBound: amount(month.days * FORECAST_CENTS_A_DAY * 1.2),
  }));
  const total = months.reduce((sum, month) => sum + month.days * FORECAST_CENTS_A_DAY, 0);
  return reply.ok({ Total: { Amount: amount(total), Unit: 'USD' }, ForecastResultsByTime: results });
}

const isCredits = (input: CeRequestBody) => input.GroupBy?.[0]?.Key === 'RECORD_TYPE';

/** Starts the local Heroku and Cost Explorer with the live estate (AWS: `servicesInUse` at $4.25 a day each); `close` stops them and restores the environment. */
export async function startLiveAccounts(servicesInUse: readonly string[] = SERVICES_IN_USE): Promise<LiveAccounts> {
  const ce = await startFakeCostExplorer();
  const heroku = await FakeHeroku.start({ world: liveWorld() });
  const metric = 'UnblendedCost';
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const groups = servicesInUse.map((service) => ({ keys: [service], amount: '4.25' }));
  const byService = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
  ce.pages(
    'GetCostAndUsage',
    [costAndUsagePage({ metric, groupBy: byService, days: [{ day: threeDaysAgo, groups }] })],
    {
      match: (input) => !isCredits(input),
    },
  );
  const byRecordType = [{ Type: 'DIMENSION' as const, Key: 'RECORD_TYPE' }];
  ce.pages('GetCostAndUsage', [costAndUsagePage({ metric, groupBy: byRecordType, days: [] })], { match: isCredits });
  ce.reply('GetCostForecast', liveForecast);
  const awsEnv = {
    AWS_ACCESS_KEY_ID: 'AKIDLIVETEST',
    AWS_SECRET_ACCESS_KEY: 'live-test-secret',
    AWS_MAX_ATTEMPTS: '1',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
  };
  const restore = setProcessEnv(awsEnv);
  return {
    heroku,
    ce,
    awsEnv,
    async close() {
      restore();
      await Promise.all([heroku.close(), ce.close()]);
    },
  };
}
