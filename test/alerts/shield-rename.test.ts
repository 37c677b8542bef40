import type { Harness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type CeRequestBody, costAndUsagePage, type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { alertJobs, byServiceAndUsage, scriptDaily, startAlertHarness, useLocalCostExplorer } from './support';

/**
 * Before Shield sizes were read (src/sources/heroku/shield-size.ts), the snapshot job stored a Shield
 * space's dynos as the Platform API names them: `private-m` at the Private-M price ($450). Heroku
 * billed them as Shield-M ($540) all along. The first digest after the upgrade compares a week of
 * such rows with a week whose later days the job now stores as `shield-m` at $540: that is the same
 * two dynos, so no "web dynos went from 2 × Private-M to 2 × Shield-M" and no jump in the week's cost.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'CDIGEST01';
/** The day the upgraded job first read the space as Shield. */
const UPGRADE = '2026-11-18';

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
const localCostExplorer = useLocalCostExplorer();

const days = (start: string, end: string) => {
  const list: string[] = [];
  for (let d = start; d < end; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
    list.push(d);
  return list;
};

/** As the snapshot job stored a Shield app's dynos before the fix: its Private size, at the Private price. */
const storedBeforeTheFix = (quantity: number) => ({
  v: 1,
  team: 'acme-health',
  items: [
    {
      kind: 'dyno',
      key: 'dyno:web:private-m',
      item: 'web: private-m',
      quantity,
      unitMonthlyCents: 45000,
      contract: false,
    },
  ],
});

function scriptAws() {
  const byServiceOnly = (input: CeRequestBody) => input.GroupBy?.length === 1 && input.GroupBy[0]?.Key === 'SERVICE';
  ce.reply('GetCostAndUsage', reply.ok(costAndUsagePage({ metric: 'UnblendedCost', groupBy: [], days: [] })), {
    match: (input) => !byServiceAndUsage(input) || byServiceOnly(input),
  });
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '0', Unit: 'USD' } }));
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  scriptDaily(ce, () => []);
}

async function startWith(webDynosNow: number, upgrade = UPGRADE) {
  ce = localCostExplorer();
  ce.reset();
  scriptAws();
  const world = new HerokuWorld({ seed: 11 });
  world.addTeam('acme-health');
  world.addSpace('health-shield', { team: 'acme-health', shield: true });
  world.addApp('records-api', {
    team: 'acme-health',
    space: 'health-shield',
    formation: [{ type: 'web', quantity: webDynosNow, size: 'shield-M' }],
    addOns: [],
  });
  heroku = await FakeHeroku.start({ world });
  h = await startAlertHarness(ce, () => NOW, { DIGEST_CHANNEL: CHANNEL }, heroku);
  const store = h.bot.services.store;
  for (const day of days('2026-10-20', upgrade))
    await store.putSnapshot({ day, app: 'records-api', data: storedBeforeTheFix(2), takenAt: NOW });
  // From the upgrade on, the rows the snapshot job writes now, from the same app read from Heroku.
  const source = h.bot.services.sources.heroku!;
  const inventory = await source.inventory({ refresh: true });
  for (const day of days(upgrade, '2026-11-24')) await store.putSnapshots(source.snapshot(inventory.value, day));
}

afterEach(async () => {
  await h.close();
  await heroku.close();
});

async function postedDigest(name: string) {
  await h.command('digest post');
  await h.settle();
  const posted = h.slack.callsTo('chat.postMessage').find((call) => call.body.channel === CHANNEL)!;
  capture(name, posted.body);
  const blocks = posted.body.blocks as { text?: { text: string }; fields?: { text: string }[] }[];
  return blocks
    .map((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)].join('\n'))
    .join('\n');
}

test('a Shield app stored as Private-M before the upgrade and as Shield-M since is the same two dynos at the Shield price', async () => {
  await startWith(2);
  const text = await postedDigest('digest-shield-rename');
  // 2 × $540 / 30 a day, both weeks: no jump, no change named, the month at the price Heroku billed.
  expect(text).toContain('*Heroku* last week: *$252.00* estimated, $0.00 (+0.0%) on the week before');
  expect(text).toContain('*November to date* (1–22 Nov)\n$792.00');
  expect(text).toContain('• Heroku: no formation, add-on or app changes in these two weeks');
  expect(text).not.toMatch(/Private-M|Biggest changes/);
});

test('a real scaling on the day of the upgrade is said as the Shield dynos it changed, priced at the Shield price', async () => {
  await startWith(3);
  const text = await postedDigest('digest-shield-rename-scaled');
  expect(text).toContain(
    '• Heroku records-api: web dynos went from 2 × Shield-M to 3 × Shield-M (+$540.00/month, +$18.00/day), on Wed 18 Nov',
  );
  // Week before 7 × $36; last week 2 × $36 and 5 × $54.
  expect(text).toContain('*Heroku* last week: *$342.00* estimated, +$90.00 (+35.7%) on the week before');
  expect(text).not.toMatch(/Private-M/);
});

test('the day the upgraded job first stores the Shield size, the daily scan finds no anomaly in a repricing ($30 → $36 a day)', async () => {
  await startWith(2, '2026-11-23');
  const result = await alertJobs(h, 'replica-a').scanAnomalies(NOW);
  expect(result.found.map((found) => found.subject)).toEqual([]);
});
