import { centsForDays } from '../../src/core/spend/rows';
import { type Harness, LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { shownText } from '../support/slack-blocks';
import {
  alertJobs,
  EC2,
  headlines,
  putDailySnapshots,
  replies,
  S3,
  scriptDaily,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * A budget on AWS and Heroku adds Cost Explorer's recorded spend to Heroku's figure, which before the
 * first daily snapshot of the month is today's run-rate. The list, App Home and the alerts say which
 * part is which, show a total only as the sum of the parts they show, and never alert on a run-rate.
 *
 * AWS: $50 a day, so 1–16 Nov make $800 (through yesterday), 76 % of $1,050 alone. Heroku: one app
 * with 2 × Standard-2X ($100 a month), $56.67 for 17 days: the two together are 81 %.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T10:00:00Z');
const localCostExplorer = useLocalCostExplorer();
const HEROKU_17_DAYS = centsForDays(10_000, 17);

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  scriptDaily(ce, () => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: '40.0000000001' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '9.9999999999' },
  ]);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '700.0', Unit: 'USD' } }));
  const world = new HerokuWorld({ seed: 4 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  heroku = await FakeHeroku.start({ world });
  h = await startAlertHarness(ce, () => NOV_17, {}, heroku);
  await h.command(`budget set both 1050/month alert=80 forecast channel=<#${COSTS}|costs>`);
  await h.settle();
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

const dollars = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);

async function budgetList() {
  const before = h.slack.responses.length;
  await h.command('budget list');
  await h.settle();
  return h.slack.responses.slice(before).at(-1)!.body as { text: string; blocks: unknown[] };
}

async function openHome(): Promise<string> {
  await h.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD.slice(1)}`, tab: 'home' });
  await h.settle();
  const view = h.slack.callsTo('views.publish').at(-1)!.body.view;
  capture('home-budget-both', { user_id: LEAD, view });
  return shownText(view as never);
}

test('before any snapshot: the list splits AWS actual from Heroku run-rate, the total their sum; no alert, though the two together pass 80 %', async () => {
  const list = await budgetList();
  capture('budget-list-both-run-rate', list);
  const shown = shownText(list as never);
  const parts = /\$([\d,.]+) so far \((\d+) %\): AWS \$([\d,.]+) actual \+ Heroku \$([\d,.]+) at today's run-rate/.exec(
    shown,
  );
  expect(parts).not.toBeNull();
  const [, total, percent, aws, herokuPart] = parts!;
  expect(dollars(aws!)).toBe(80_000);
  expect(dollars(herokuPart!)).toBe(HEROKU_17_DAYS);
  expect(dollars(total!)).toBe(dollars(aws!) + dollars(herokuPart!));
  expect(Number(percent)).toBeGreaterThanOrEqual(80);
  // The forecast adds today's apps for the month to Cost Explorer's, and says so.
  expect(shown).toContain("forecast $1,600.00 (Heroku's part at today's run-rate)");
  expect(shown).toContain('not alerted on until a snapshot covers the month');
  // The notification text says the same, not "so far at today's run-rate" of the whole.
  expect(list.text).toContain(`• both: $${total} so far of $1,050.00 (${percent} %): AWS $800.00 actual + Heroku`);

  // The hourly check reads no Heroku and alerts on no run-rate: nothing is posted.
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  expect(headlines(h, COSTS)).toEqual([]);
  // Home, from that check: the part it could read, no total, and why.
  expect(await openHome()).toContain(
    'Month to date unknown: no total: only AWS $800.00 actual could be read; Heroku spend could not be read: no daily snapshot covers it since 2026-11-01',
  );
});

test('once snapshots cover the month: the alert, its thread and Home name each part, and the total is their sum', async () => {
  await putDailySnapshots(h, 'shop-api', '2026-11', 17, 2);
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  const posted = headlines(h, COSTS);
  expect(posted.map((m) => m.text.split('\n')[0])).toEqual([
    `Budget both (AWS + Heroku, all spend, $1,050.00/month) passed 80 %: $856.67 of $1,050.00 so far this month (81 %; AWS $800.00 actual + Heroku $56.67 estimated from daily snapshots).`,
    expect.stringContaining('is forecast to reach $1,600.00 this month'),
  ]);
  const thread = replies(h, COSTS, posted[0]!.ts)[0]!.text;
  capture(
    'budget-alert-both-thread',
    h.slack.messages.filter((m) => m.channel === COSTS),
  );
  const lines = [...thread.matchAll(/• (AWS|Heroku|Total): \$([\d,.]+)/g)].map((m) => [m[1], dollars(m[2]!)]);
  expect(lines).toEqual([
    ['AWS', 80_000],
    ['Heroku', HEROKU_17_DAYS],
    ['Total', 80_000 + HEROKU_17_DAYS],
  ]);
  expect(thread).toContain('• AWS: $800.00 month to date (actual spend, from Cost Explorer)');
  expect(thread).toContain("• Heroku: $56.67 month to date (estimated from the bot's daily snapshots at list prices)");
  expect(await openHome()).toContain(
    'November to date: *$856.67* (81 %): AWS $800.00 actual + Heroku $56.67 estimated from daily snapshots',
  );
});
