import type { Harness } from '../support/bot-harness';
import { costAndUsagePage, type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { byServiceAndUsage, scriptDaily, startAlertHarness, useLocalCostExplorer } from './support';

/**
 * The digest's words as a lead reads them, when an AWS service's own name begins with "AWS" and
 * Cost Explorer refuses the forecast: each said once ("AWS CloudTrail", "no forecast: …"), not
 * "AWS AWS CloudTrail" and "no forecast: no forecast: …".
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'CDIGEST01';
const CLOUDTRAIL = 'AWS CloudTrail';
const BY_SERVICE = [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }];
const trail = (day: string) => (day >= '2026-11-16' ? '3' : '2');

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
const localCostExplorer = useLocalCostExplorer();

function days(start: string, end: string): string[] {
  const list: string[] = [];
  for (let d = start; d < end; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
    list.push(d);
  return list;
}

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  const byServiceOnly = (input: { GroupBy?: { Key?: string }[] }) =>
    input.GroupBy?.length === 1 && input.GroupBy[0]?.Key === 'SERVICE';
  ce.reply(
    'GetCostAndUsage',
    (info) =>
      reply.ok(
        costAndUsagePage({
          metric: 'UnblendedCost',
          groupBy: BY_SERVICE,
          days: days(String(info.input.TimePeriod?.Start), String(info.input.TimePeriod?.End)).map((day) => ({
            day,
            groups: [{ keys: [CLOUDTRAIL], amount: trail(day) }],
          })),
        }),
      ),
    { match: byServiceOnly },
  );
  ce.reply('GetCostAndUsage', reply.ok(costAndUsagePage({ metric: 'UnblendedCost', groupBy: [], days: [] })), {
    match: (input) => !byServiceOnly(input) && !byServiceAndUsage(input),
  });
  ce.reply('GetCostForecast', reply.accessDenied('GetCostForecast'));
  scriptDaily(ce, (day) => [{ keys: [CLOUDTRAIL, 'USE1-DataEventsRecorded'], amount: trail(day) }]);
  const world = new HerokuWorld({ seed: 7 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }], addOns: [] });
  heroku = await FakeHeroku.start({ world });
  h = await startAlertHarness(ce, () => NOW, { DIGEST_CHANNEL: CHANNEL }, heroku);
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

test('an AWS service named "AWS …" and a refused forecast are each said once in the posted digest', async () => {
  await h.bot.alerts.checkBudgets(NOW);
  await h.command('digest post');
  await h.settle();
  const posted = h.slack.callsTo('chat.postMessage').find((call) => call.body.channel === CHANNEL)!;
  const shown = JSON.stringify(posted.body.blocks);
  expect(shown).toContain(
    '• AWS CloudTrail / USE1-DataEventsRecorded: $21.00 last week against $14.00 the week before (+$7.00)',
  );
  expect(shown).not.toContain('AWS AWS');
  expect(shown).toContain('no forecast: AWS denied ce:GetCostForecast');
  expect(shown).not.toMatch(/no forecast: no forecast/);
});
