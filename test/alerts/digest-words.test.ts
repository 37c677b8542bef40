import type { Harness } from '../support/bot-harness';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { scriptDaily, scriptDigestCosts, startAlertHarness, useLocalCostExplorer } from './support';

/**
 * The digest's words as a lead reads them, when an AWS service's own name begins with "AWS" and
 * Cost Explorer refuses the forecast: each said once ("AWS CloudTrail", "no forecast: …"), not
 * "AWS AWS CloudTrail" and "no forecast: no forecast: …".
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'CDIGEST01';
const CLOUDTRAIL = 'AWS CloudTrail';
const trail = (day: string) => (day >= '2026-11-16' ? '3' : '2');

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
const localCostExplorer = useLocalCostExplorer();

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  scriptDigestCosts(ce, (day) => [{ keys: [CLOUDTRAIL], amount: trail(day) }], reply.accessDenied('GetCostForecast'));
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
