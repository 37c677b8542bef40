import { standard2xSnapshot } from '../alerts/support';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import {
  costAndUsagePage,
  type FakeCostExplorer,
  reply,
  scriptNoCredits,
  startFakeCostExplorer,
} from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { setProcessEnv } from '../support/process-env';
import { expectWithinSlackLimits } from '../support/slack-blocks';

/**
 * The digest preview for the largest account a lead would realistically run it on: 300 Heroku apps
 * in 20 teams, most of them changed in the digest week, and 40 AWS services that each moved. Through
 * the real receiver, it must keep within Slack's limits with a notification text under 4,000
 * characters, and still add up: the modelled range and the month's forecast as the small digest does.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const APPS = 300;
const SERVICES = 40;
const day = (offset: number) => new Date(Date.UTC(2026, 9, 26 + offset)).toISOString().slice(0, 10);
const appName = (i: number) => `svc-${String(i).padStart(3, '0')}`;

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
let restoreEnv = () => {};

/** Each service costs $(i+1)/day, and 50 % more in the digest week (16–22 Nov). */
function scriptAws() {
  const days = Array.from({ length: 28 }, (_, i) => ({
    day: day(i),
    groups: Array.from({ length: SERVICES }, (_, s) => ({
      keys: [`Amazon Service ${s + 1}`],
      amount: String(day(i) >= '2026-11-16' ? (s + 1) * 1.5 : s + 1),
    })),
  }));
  const byService = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
  ce.pages('GetCostAndUsage', [costAndUsagePage({ metric: 'UnblendedCost', groupBy: byService, days })], {
    match: (input) => input.Granularity === 'DAILY' && input.GroupBy?.[0]?.Key !== 'RECORD_TYPE',
  });
  scriptNoCredits(ce);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '5000', Unit: 'USD' }, ForecastResultsByTime: [] }));
  ce.pages(
    'GetCostAndUsage',
    [
      {
        ResultsByTime: [
          { TimePeriod: { Start: '2026-11-16', End: '2026-11-23' }, Total: {}, Groups: [], Estimated: false },
        ],
        GroupDefinitions: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        DimensionValueAttributes: [],
      },
    ],
    { match: (input) => input.Granularity === 'MONTHLY' },
  );
}

/** Every app ran 3 × standard-2x until the digest week; then two thirds scaled to 2 and the rest to 4. */
async function seedSnapshots() {
  for (let a = 0; a < APPS; a++) {
    for (let i = -3; i < 28; i++) {
      const quantity = day(i) < '2026-11-16' ? 3 : a % 3 === 0 ? 4 : 2;
      await h.bot.services.store.putSnapshot({
        day: day(i),
        app: appName(a),
        takenAt: NOW,
        data: { ...standard2xSnapshot(quantity), team: `team-${a % 20}` },
      });
    }
  }
}

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  const world = new HerokuWorld({ seed: 11 });
  for (let t = 0; t < 20; t++) world.addTeam(`team-${t}`, { type: 'team' });
  for (let a = 0; a < APPS; a++) {
    const quantity = a % 3 === 0 ? 4 : 2;
    world.addApp(appName(a), {
      team: `team-${a % 20}`,
      formation: [{ type: 'web', quantity, size: 'standard-2X' }],
      addOns: [],
    });
  }
  heroku = await FakeHeroku.start({ world });
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIDLARGEDIGEST',
    AWS_SECRET_ACCESS_KEY: 'largest-digest-secret',
    AWS_MAX_ATTEMPTS: '1',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
  };
  restoreEnv = setProcessEnv(env);
  h = await startHarness(
    { ...env, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url, DIGEST_CHANNEL: 'CDIGEST01' },
    { now: () => NOW },
  );
  h.slack.tsSeconds = Math.floor(NOW.getTime() / 1000);
  await seedSnapshots();
  scriptAws();
}, 120_000);

afterAll(async () => {
  await h.close();
  await ce.close();
  await heroku.close();
  restoreEnv();
});

test('300 apps and 40 services: within Slack limits, a notification under 4,000 characters, movers grouped', async () => {
  const before = h.slack.responses.length;
  const ack = await h.command('digest', { user_id: LEAD });
  expect(ack.status).toBe(200);
  await h.settle();
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
  const answer = h.slack.responses.slice(before).at(-1)?.body as any;
  capture('digest-largest', answer);
  expectWithinSlackLimits(answer, 50);
  expect(answer.text.length).toBeLessThan(4000);
  const shown: string = answer.blocks
    // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
    .flatMap((b: any) => [b.text?.text ?? '', ...(b.fields ?? []).map((f: any) => f.text)])
    .join('\n');
  // AWS: $820/day × 7 = $5,740 the week before, 1.5 × in the digest week.
  expect(shown).toContain('*AWS* last week: *$8,610.00* actual, +$2,870.00 (+50.0%) on the week before');
  // Heroku: 100 apps at 4 dynos and 200 at 2 (800 dynos) at $50/30 a day each: 7 × $1,333.33.
  expect(shown).toMatch(/\*Heroku\* last week: \*\$9,333\.3\d\*/);
  // 300 apps that changed alike are grouped, not listed one by one.
  expect(shown).not.toContain(appName(150));
  expect(shown).toMatch(/\d+ apps/);
  // So is "why it changed": one line per change made alike, the largest in total first.
  expect(shown).toContain(
    '• Heroku 200 apps (svc-001, svc-002, svc-004 and 197 more), each: web dynos went from 3 × Standard-2X to 2 × Standard-2X (-$50.00/month, -$1.67/day), on Mon 16 Nov\n' +
      '• Heroku 100 apps (svc-000, svc-003, svc-006 and 97 more), each: web dynos went from 3 × Standard-2X to 4 × Standard-2X (+$50.00/month, +$1.67/day), on Mon 16 Nov\n',
  );
});
