import { BUDGET_FIELDS } from '../../src/slack/alerts/budget-form';
import { DELETE_BUDGET } from '../../src/slack/alerts/budgets-home';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { alertJobs, putDailySnapshots, selectValue, submitBudgetForm, textValue } from './support';

/**
 * Budgets on App Home through the signed receiver: the list with where each stood at the last check,
 * Delete for leads (others get the guide and nothing changes), and the form's save showing the new
 * budget at once. What is asserted is what Slack was asked to show (views.publish).
 */
const NOV_17 = new Date('2026-11-17T10:00:00Z');
let h: Harness;

beforeEach(async () => {
  h = await startHarness({}, { now: () => NOV_17 });
  // Team acme-eng: 6 × Standard-2X, $10 a day, every day of November so far.
  await putDailySnapshots(h, 'api-prod', '2026-11', 17, 6);
  for (const text of [
    'budget set acme 400/month team=acme-eng alert=50,80 forecast channel=<#C0ACME|acme>',
    'budget set api 150/month app=api-prod',
  ]) {
    await h.command(text);
    await h.settle();
  }
});
afterEach(async () => h.close());

type Accessory = { action_id?: string; value?: string; confirm?: { text: { text: string } } };
type Block = { block_id?: string; text?: { text: string }; elements?: { text: string }[]; accessory?: Accessory };
const homes = (user: string) =>
  h.slack
    .callsTo('views.publish')
    .filter((call) => call.body.user_id === user)
    .map((call) => call.body.view as { type: 'home'; blocks: Block[] });
const lastHome = (user = LEAD) => homes(user).at(-1)!;
const text = (view: { blocks: Block[] }) =>
  view.blocks.map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text).join(' ')).join('\n');

async function openHome(user = LEAD) {
  await h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
  await h.settle();
  return lastHome(user);
}

async function pressDelete(name: string, user = LEAD) {
  await h.interaction({
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'view', view_id: 'VHOME0001' },
    view: { id: 'VHOME0001', type: 'home', callback_id: '', hash: 'h1' },
    actions: [{ type: 'button', action_id: DELETE_BUDGET, block_id: 'home_budget_x', value: name, action_ts: '1.1' }],
  });
  await h.settle();
}

test('Home lists each budget; after the hourly check, with where it stands', async () => {
  const before = text(await openHome());
  expect(before).toContain('*Budgets* (2), checked every hour against cached figures');
  expect(before).toContain(
    '*acme* · Heroku, team acme-eng, $400.00/month, alerts at 50, 80 % and on forecast → <#C0ACME>\n_Not checked yet: the hourly budget check fills this in._',
  );
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  const view = await openHome();
  capture('budgets-home', { user_id: LEAD, view });
  const shown = text(view);
  expect(shown).toContain('*acme* · Heroku, team acme-eng, $400.00/month');
  expect(shown).toContain('November to date: *$170.00* (42 %) · forecast $300.00 (estimated)');
  // No channel of its own, no route, no alerts or digest channel: its alerts go nowhere, and Home says so.
  expect(shown).toContain(
    '*api* · Heroku, app api-prod, $150.00/month, alerts at 50, 80, 100 % → :warning: *nowhere*: no alerts channel is set, so its alerts are not posted (`/hosting alerts channel=#…`)',
  );
  expect(shown).toContain('November to date: *$170.00* (113 %)');
  expect(shown).toContain(
    "Figures from the budget check of Tue 17 Nov 2026, 10:00 UTC: Heroku from the bot's daily snapshots at list prices, through today; forecasts are estimates.",
  );
  const deletes = view.blocks.filter((b) => b.accessory?.action_id === DELETE_BUDGET);
  expect(deletes.map((b) => b.accessory!.value)).toEqual(['acme', 'api']);
  expect(deletes[0]!.accessory!.confirm!.text.text).toContain('Budget acme will send no more alerts');
});

test('a budget without a channel of its own shows the channel its alerts go to', async () => {
  await h.command('alerts route team=acme-eng channel=<#C0TEAM|team>');
  await h.command('alerts channel=<#C0COSTS|costs>');
  await h.command('budget set team 900/month team=acme-eng');
  await h.settle();
  const shown = text(await openHome());
  expect(shown).toContain('*api* · Heroku, app api-prod, $150.00/month, alerts at 50, 80, 100 % → <#C0COSTS>\n');
  expect(shown).toContain('*team* · Heroku, team acme-eng, $900.00/month, alerts at 50, 80, 100 % → <#C0TEAM>\n');
  expect(shown).toContain('→ <#C0ACME>');
  expect(shown).not.toContain('nowhere');
});

test('a budget changed after the last check shows no figures from its old definition', async () => {
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  expect(text(await openHome())).toContain('November to date: *$170.00* (42 %)');
  // Now it watches an app with no snapshots: the $170.00 of team acme-eng is not its spend.
  await h.command('budget set acme 400/month app=web-new channel=<#C0ACME|acme>');
  await h.settle();
  const shown = text(await openHome());
  expect(shown).toContain(
    '*acme* · Heroku, app web-new, $400.00/month, alerts at 50, 80, 100 % → <#C0ACME>\n_Not checked yet: the hourly budget check fills this in._',
  );
  expect(shown).toContain('November to date: *$170.00* (113 %)');
  expect(shown.match(/November to date/g)).toHaveLength(1);
});

test('a lead deletes a budget from Home: gone from the store and the list, kept in the audit log', async () => {
  await pressDelete('api');
  expect((await h.bot.services.store.budgets()).map((b) => b.name)).toEqual(['acme']);
  const shown = text(lastHome());
  expect(shown).toContain('Deleted budget api. It sends no more alerts.');
  expect(shown).toContain('*Budgets* (1)');
  expect(shown).not.toContain('*api* ·');
  expect(await h.bot.services.store.auditLog()).toContainEqual(
    expect.objectContaining({ actor: LEAD, action: 'budget-delete', detail: 'deleted budget api' }),
  );
});

test('anyone else pressing Delete gets the guide and nothing is deleted', async () => {
  await pressDelete('api', NOT_LEAD);
  expect((await h.bot.services.store.budgets()).map((b) => b.name)).toEqual(['acme', 'api']);
  const shown = text(lastHome(NOT_LEAD));
  expect(shown).not.toContain('Budgets');
  expect(shown).not.toContain('Deleted');
});

test('saving the form shows the new budget on Home with what was saved', async () => {
  const ack = await submitBudgetForm(h, {
    [BUDGET_FIELDS.name]: textValue('rds'),
    [BUDGET_FIELDS.amount]: textValue('$1,200'),
    [BUDGET_FIELDS.platform]: selectValue('both'),
    [BUDGET_FIELDS.scopeKind]: selectValue('service'),
    [BUDGET_FIELDS.scopeValue]: textValue('Amazon Relational Database Service'),
    [BUDGET_FIELDS.levels]: textValue('90'),
    [BUDGET_FIELDS.forecast]: { value: { type: 'checkboxes', selected_options: [] } },
    [BUDGET_FIELDS.channel]: { value: { type: 'conversations_select', selected_conversation: null } },
  });
  expect(ack.body).toBe('');
  const shown = text(lastHome());
  expect(shown).toContain(
    'Saved budget rds: AWS, service Amazon Relational Database Service, $1,200.00/month, alerts at 90 %. The next hourly check fills in its figures.',
  );
  expect(shown).toContain('*Budgets* (3)');
  expect(shown).toContain('*rds* · AWS, service Amazon Relational Database Service, $1,200.00/month');
});

test('with more budgets than Home shows: natural name order, and the page of the list that has the rest', async () => {
  for (const n of [12, 3, 17, 1, 10, 5, 14, 2, 16, 8, 11, 4, 15, 6, 13, 9, 7]) {
    await h.command(`budget set number-${n} ${n}00/month heroku`);
  }
  await h.settle();
  const view = await openHome();
  capture('budgets-home-many', { user_id: LEAD, view });
  const shown = text(view);
  const names = view.blocks.filter((b) => b.accessory?.action_id === DELETE_BUDGET).map((b) => b.accessory!.value);
  // acme, api and number-1 … number-13: 15 of 19.
  expect(names).toEqual(['acme', 'api', ...Array.from({ length: 13 }, (_, i) => `number-${i + 1}`)]);
  expect(shown).toContain('4 more, number-14 to number-17: `/hosting budget list 2` lists from number-9.');
});
