/**
 * Cost Explorer requests a day for the alert checks: 20 budgets checked every hour (BUDGETS_SCHEDULE's
 * default) and the daily anomaly scan, against the local Cost Explorer, counted on the wire. Two days:
 * one when the weekly digest ran first that morning (its cached forecast is reused), one without; then
 * with a linked-account budget; then with account and tag routes, the day the scan finds a new AWS
 * anomaly (routing asks once per routed dimension; the tag keys are skipped only when account routes
 * claim every new anomaly, and here the routed account's cost does not rise) and the day after, that
 * anomaly still going.
 */
import { randomUUID } from 'node:crypto';
import { LogLevel } from '@slack/bolt';
import { ALERTS_CHANNEL_KEY, saveRoutes } from '../src/answers/alert-settings';
import { gatherDigest } from '../src/answers/digest';
import type { Budget, BudgetScope } from '../src/core/alerts/budget';
import { createLogger } from '../src/logger';
import { startBot } from '../src/server';
import { tempSqliteFile } from '../test/support/databases';
import {
  type CeRequestBody,
  costAndUsagePage,
  type DayGroups,
  type FakeCostExplorer,
  nextDay,
  reply,
} from '../test/support/fake-cost-explorer';
import { FakeSlack } from '../test/support/fake-slack';
import { awsEnv, startBenchCostExplorer } from './fake-aws';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';

/** 20 budgets of every kind a team would set: all spend, per service, per account, per Heroku team and app. */
function twentyBudgets(): Budget[] {
  const scopes: [Budget['platform'], BudgetScope, boolean][] = [
    ['aws', { kind: 'all' }, true],
    ['both', { kind: 'all' }, true],
    ['heroku', { kind: 'all' }, true],
    ...Array.from({ length: 9 }, (_, i): [Budget['platform'], BudgetScope, boolean] => [
      'aws',
      { kind: 'service', value: i % 2 ? RDS : EC2 },
      i % 2 === 0,
    ]),
    ...Array.from({ length: 4 }, (_, i): [Budget['platform'], BudgetScope, boolean] => [
      'heroku',
      { kind: 'team', value: `team-${i}` },
      true,
    ]),
    ...Array.from({ length: 4 }, (_, i): [Budget['platform'], BudgetScope, boolean] => [
      'heroku',
      { kind: 'app', value: `app-${i}` },
      false,
    ]),
  ];
  return scopes.map(([platform, scope, forecast], i) => ({
    id: randomUUID(),
    name: `budget-${i + 1}`,
    amountCents: 100_000_00,
    platform,
    scope,
    thresholds: [50, 80, 100],
    forecast,
    channel: 'CBENCHALERT',
  }));
}

/** From `spike` on, the daily request by service and usage type has EC2 at $120 a day against its usual $40. */
function scriptEc2Spike(ce: FakeCostExplorer, spike: string) {
  ce.reply(
    'GetCostAndUsage',
    (info) => {
      const input = info.input as CeRequestBody;
      const days: DayGroups[] = [];
      for (let day = String(input.TimePeriod?.Start); day < String(input.TimePeriod?.End); day = nextDay(day))
        days.push({
          day,
          groups: [
            { keys: [EC2, 'BoxUsage:m5.large'], amount: day >= spike ? '120.00' : '40.00' },
            { keys: [RDS, 'InstanceUsage:db.m5.large'], amount: '10.00' },
          ],
        });
      const groupBy = (input.GroupBy ?? []) as { Type: 'DIMENSION'; Key: string }[];
      return reply.ok(costAndUsagePage({ metric: 'UnblendedCost', groupBy, days }));
    },
    { match: (input) => input.GroupBy?.[0]?.Key === 'SERVICE' && input.GroupBy[1]?.Key === 'USAGE_TYPE' },
  );
}

export async function alertRequests(print: (name: string, value: string) => void): Promise<void> {
  const slack = await new FakeSlack().start();
  const ce = await startBenchCostExplorer();
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  const saved = { ...process.env };
  Object.assign(process.env, awsEnv(ce));
  let clock = new Date('2026-11-16T00:30:00Z');
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-bench-alerts',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
      ...awsEnv(ce),
    },
    { jobs: false, retries: 0, now: () => clock, logger: createLogger(LogLevel.ERROR, []) },
  );
  try {
    const budgets = twentyBudgets();
    for (const budget of budgets) await bot.services.store.putBudget(budget, 'UBENCH', clock);
    const accountBudget: Budget = {
      ...budgets[3]!,
      id: randomUUID(),
      scope: { kind: 'account', value: '123456789012' },
    };
    /** One day: checks every hour, the scan due at 07:00 (its checks each hour), the digest (if any) at 06:05; only the alert checks' requests count. */
    const day = async (date: string, withDigest: boolean) => {
      const byOperation = new Map<string, number>();
      const counted = async (work: () => Promise<unknown>) => {
        const before = ce.requests().length;
        await work();
        for (const request of ce.requests().slice(before)) {
          const operation = request.operation ?? '?';
          byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
        }
      };
      for (let hour = 0; hour < 24; hour++) {
        clock = new Date(`${date}T${String(hour).padStart(2, '0')}:05:00Z`);
        if (withDigest && hour === 6) await gatherDigest(bot.services, { now: clock });
        await counted(() => bot.alerts.scanAnomaliesIfDue(clock));
        await counted(() => bot.alerts.checkBudgets(clock));
      }
      const total = [...byOperation.values()].reduce((sum, count) => sum + count, 0);
      const detail = [...byOperation].map(([operation, count]) => `${count} ${operation}`).join(', ');
      return `${total} (${detail}; $${(total * 0.01).toFixed(2)})`;
    };
    const mix = `${budgets.length} budgets (all spend, per service, per Heroku team and app) checked hourly + anomaly scan`;
    print(
      `cost_explorer_requests_per_day_alert_checks (${mix}, digest ran that morning)`,
      await day('2026-11-16', true),
    );
    print(`cost_explorer_requests_per_day_alert_checks (${mix}, no digest that day)`, await day('2026-11-17', false));
    await bot.services.store.putBudget(accountBudget, 'UBENCH', clock);
    print(
      `cost_explorer_requests_per_day_alert_checks (the same + 1 budget on a linked account)`,
      await day('2026-11-18', false),
    );
    // Routes by account and by one tag key: two routed dimensions. EC2 rises on 18 Nov and stays up.
    await saveRoutes(bot.services, {
      team: {},
      account: { '123456789012': 'CBENCHROUTE' },
      tag: { 'team=web': 'CBENCHWEB' },
    });
    await bot.services.store.setSetting(ALERTS_CHANNEL_KEY, 'CBENCHALERT');
    scriptEc2Spike(ce, '2026-11-18');
    print(
      `cost_explorer_requests_per_day_alert_checks (the same + account and tag routes, a day the scan finds a new AWS anomaly)`,
      await day('2026-11-19', false),
    );
    print(
      `cost_explorer_requests_per_day_alert_checks (the same, the next day: that anomaly still going, not announced again)`,
      await day('2026-11-20', false),
    );
  } finally {
    await bot.stop();
    await ce.close();
    await slack.stop();
    process.env = saved;
  }
}
