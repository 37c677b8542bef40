/**
 * The local Cost Explorer (test/support/fake-cost-explorer.ts) as the benchmark uses it: every
 * GetCostAndUsage and GetCostForecast answered on one page, whatever the period, grouping or metric,
 * so the counts below are the bot's own requests (no paging, no retries).
 */
import {
  type CeRequestBody,
  type FakeCostExplorer,
  type FakeRequestInfo,
  nextDay,
  reply,
  startFakeCostExplorer,
} from '../test/support/fake-cost-explorer';

const SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Relational Database Service',
  'Amazon Simple Storage Service',
];

function monthAfter(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** [start, end) cut into the request's buckets (DAILY or MONTHLY, as Cost Explorer does). */
function buckets(start: string, end: string, granularity: string | undefined): { Start: string; End: string }[] {
  const out: { Start: string; End: string }[] = [];
  for (let from = start; from < end; ) {
    const next = granularity === 'MONTHLY' ? monthAfter(from) : nextDay(from);
    const to = next < end ? next : end;
    out.push({ Start: from, End: to });
    from = to;
  }
  return out;
}

function keyFor(group: { Type?: string; Key?: string }, index: number): string {
  if (group.Type === 'TAG') return `${group.Key}$bench`;
  switch (group.Key) {
    case 'SERVICE':
      return SERVICES[index % SERVICES.length];
    case 'INSTANCE_TYPE':
      return 'm5.large';
    case 'LINKED_ACCOUNT':
      return '123456789012';
    default:
      return 'bench';
  }
}

/** Any GetCostAndUsage on one page: $10 a bucket per service (credit queries: no rows), 24 h of usage. */
function costAndUsageAnswer(info: FakeRequestInfo) {
  const input = info.input as CeRequestBody;
  const groupBy = (input.GroupBy ?? []) as { Type: string; Key: string }[];
  const metrics = input.Metrics ?? ['UnblendedCost'];
  const amounts = () =>
    Object.fromEntries(
      metrics.map((metric) => [
        metric,
        metric.endsWith('Quantity') ? { Amount: '24', Unit: 'Hrs' } : { Amount: '10.00', Unit: 'USD' },
      ]),
    );
  const credits = groupBy.some((group) => group.Key === 'RECORD_TYPE');
  const rows = groupBy.length === 0 || credits ? 0 : groupBy[0].Key === 'SERVICE' ? SERVICES.length : 1;
  const periods = buckets(input.TimePeriod?.Start ?? '', input.TimePeriod?.End ?? '', input.Granularity);
  return reply.ok({
    GroupDefinitions: groupBy,
    ResultsByTime: periods.map((period) => ({
      TimePeriod: period,
      Total: groupBy.length === 0 ? amounts() : {},
      Groups: Array.from({ length: rows }, (_, row) => ({
        Keys: groupBy.map((group) => keyFor(group, row)),
        Metrics: amounts(),
      })),
      Estimated: false,
    })),
    DimensionValueAttributes: [],
  });
}

/** A started fake Cost Explorer that answers anything the bot asks; count with `ce.requests().length`. */
export async function startBenchCostExplorer(): Promise<FakeCostExplorer> {
  const ce = await startFakeCostExplorer();
  ce.reply('GetCostAndUsage', costAndUsageAnswer);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '300.00', Unit: 'USD' }, ForecastResultsByTime: [] }));
  return ce;
}

/** What the bot reads to reach the fake (the AWS SDK takes these from its environment). */
export function awsEnv(ce: FakeCostExplorer): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
  };
}
