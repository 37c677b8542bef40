import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import {
  costAndUsagePage,
  type FakeCostExplorer,
  nextDay,
  reply,
  scriptNoCredits,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { setProcessEnv } from '../support/process-env';

/**
 * A Sydney digest at 09:00 on Monday 23 Nov 2026 (22:00 UTC on Sunday 22 Nov): the week is over
 * where the digest's weeks are, but its Sunday is not over in UTC, the day Cost Explorer counts.
 * Every figure counts Monday to Saturday (test/core/digest-content.test.ts); so must what the
 * digest asks Cost Explorer for the AWS workload it models on Heroku and the services in use.
 */
const NOW = new Date('2026-11-22T22:00:00Z');
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDWEEKEDGETEST',
  AWS_SECRET_ACCESS_KEY: 'week-edge-test-secret',
  AWS_MAX_ATTEMPTS: '1',
  AWS_REGION: 'us-east-1',
};
const day = (offset: number) => new Date(Date.UTC(2026, 9, 26 + offset)).toISOString().slice(0, 10);

let ce: FakeCostExplorer;
let h: Harness;
let restoreEnv = () => {};

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  const env = { ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint };
  restoreEnv = setProcessEnv(env);
  h = await startHarness(
    { ...env, DIGEST_TIMEZONE: 'Australia/Sydney', DIGEST_CHANNEL: 'CEDGE0001' },
    { now: () => NOW },
  );
  h.slack.tsSeconds = Math.floor(NOW.getTime() / 1000);
  // EC2 at $24/day to Saturday; Sunday so far, 22 hours of it: $22.
  ce.pages(
    'GetCostAndUsage',
    [
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        days: Array.from({ length: 28 }, (_, i) => ({
          day: day(i),
          groups: [{ keys: [EC2], amount: day(i) === '2026-11-22' ? '22' : '24' }],
        })),
      }),
    ],
    { match: (input) => input.Granularity === 'DAILY' && input.GroupBy?.[0]?.Key === 'SERVICE' },
  );
  scriptNoCredits(ce);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '200', Unit: 'USD' }, ForecastResultsByTime: [] }));
  // Running hours as Cost Explorer counts them: 2 × m5.large, 48 hours a day, 44 of Sunday so far.
  ce.reply(
    'GetCostAndUsage',
    ({ input }) => {
      const { Start = '', End = '' } = input.TimePeriod ?? {};
      let hours = 0;
      for (let d = Start; d < End; d = nextDay(d)) hours += d === '2026-11-22' ? 44 : 48;
      return reply.ok({
        ResultsByTime: [
          {
            TimePeriod: { Start, End },
            Total: {},
            Groups: [{ Keys: [EC2, 'm5.large'], Metrics: { UsageQuantity: { Amount: String(hours), Unit: 'Hrs' } } }],
            Estimated: true,
          },
        ],
        GroupDefinitions: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        DimensionValueAttributes: [],
      });
    },
    { match: (input) => input.Granularity === 'MONTHLY' },
  );
});

afterAll(async () => {
  await h.close();
  await ce.close();
  restoreEnv();
});

test('the AWS workload modelled on Heroku is read for Monday to Saturday, the days every weekly figure counts', async () => {
  const before = h.slack.responses.length;
  const ack = await h.command('digest', { user_id: LEAD });
  expect(ack.status).toBe(200);
  await h.settle();
  const answer = h.slack.responses.slice(before).at(-1)?.body as { text: string };
  expect(answer.text).toContain('AWS: $144.00 last week, Mon–Sat');
  const usage = ce.requests('GetCostAndUsage').filter((r) => r.body?.Granularity === 'MONTHLY');
  expect(usage.map((r) => r.body?.TimePeriod)).toEqual([{ Start: '2026-11-16', End: '2026-11-22' }]);
  // The workload those six days of hours make is modelled on Heroku, as on any other Monday.
  expect(answer.text).toMatch(/on Heroku \(modelled\) \$[\d,.]+–\$[\d,.]+\/week across three tiers/);
});

test('the digest settings say a Monday 09:00 in Sydney counts Monday to Saturday, and that 11:00 counts whole weeks', async () => {
  const said = async (text: string) => {
    const before = h.slack.responses.length;
    const ack = await h.command(text, { user_id: LEAD });
    await h.settle();
    return ((h.slack.responses.slice(before).at(-1)?.body ?? ack.body) as { text: string }).text;
  };
  expect(await said('digest settings')).toContain(
    "Mondays at 09:00 Australia/Sydney; next on Mon 30 Nov 2026, 09:00 Australia/Sydney. At that time the week's Sunday is not over in UTC, the day Cost Explorer and the Heroku snapshots count, so each digest counts Monday to Saturday; scheduled on Monday at 11:00 Australia/Sydney or later, it counts whole weeks.",
  );
  const home = await homeText('home-week-edge');
  expect(home).toContain(
    '*Next digest*: Mon 30 Nov 2026, 09:00 Australia/Sydney in <#CEDGE0001>. At that time the week',
  );
  expect(home).toContain('scheduled on Monday at 11:00 Australia/Sydney or later, it counts whole weeks.');
  // Where the schedule is chosen: the settings form says it above the day and time.
  const opened = h.slack.callsTo('views.open').length;
  await h.interaction({
    type: 'block_actions',
    user: { id: LEAD, name: 'lead', team_id: 'T1' },
    trigger_id: 'trigger-settings',
    container: { type: 'view', view_id: 'VHOME0001' },
    view: { id: 'VHOME0001', type: 'home', callback_id: '', hash: 'h1' },
    actions: [
      { type: 'button', action_id: 'home_digest_settings', block_id: 'home_buttons', action_ts: '1', value: '' },
    ],
  });
  await h.settle();
  const form = h.slack.callsTo('views.open').slice(opened).at(-1)!.body as {
    view: { blocks: { text?: { text: string } }[] };
  };
  capture('digest-settings-week-edge', form);
  expect(form.view.blocks[0]?.text?.text).toContain(
    'Mondays at 09:00 Australia/Sydney in <#CEDGE0001>. At that time the week',
  );
  expect(form.view.blocks[0]?.text?.text).toContain('scheduled on Monday at 11:00 Australia/Sydney or later');
  // The zone whoever runs the bot set (DIGEST_TIMEZONE) stays in the menu, not the lead's own (Berlin).
  expect(JSON.stringify(form.view)).toMatch(/"initial_option":\{[^}]*"value":"Australia\/Sydney"/);
  const saved = await said('digest set day=mon time=11:00');
  expect(saved).toMatch(/^Saved\. .*Mondays at 11:00 Australia\/Sydney/);
  expect(saved).not.toContain('Monday to Saturday');
  expect(await homeText('home-week-edge-whole-weeks')).not.toContain('scheduled on Monday at');
});

/** The lead's App Home as published, every text in it; captured for the Block Kit preview. */
async function homeText(captureAs: string): Promise<string> {
  const before = h.slack.callsTo('views.publish').length;
  await h.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD.slice(1)}`, tab: 'home' });
  await h.settle();
  const view = h.slack.callsTo('views.publish').slice(before).at(-1)!.body.view as { blocks: unknown[] };
  capture(captureAs, view);
  return JSON.stringify(view.blocks)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)!
    .map((text) => JSON.parse(text.slice(7)) as string)
    .join('\n');
}
