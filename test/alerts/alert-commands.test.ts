import { type Harness, startHarness } from '../support/bot-harness';
import { commandAnswer } from './support';

/** Bad input to every new command: a clear error with a correct example, and nothing half-saved. */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const answer = (text: string) => commandAnswer(h, text);

test.each([
  ['budget set', 'Nothing was saved', 'Example: `/hosting budget set web-prod 2000/month'],
  ['budget set web-prod', 'Give an amount a month, e.g. 2000/month', 'Example:'],
  [
    'budget set web 100.555/month',
    '"100.555/month" has 3 decimals: amounts have at most two (dollars and cents)',
    'e.g. 100.56/month',
  ],
  [
    'budget set web-prod 2000/month team=acme alert=80,abc channel=#costs',
    'is not a list of alert levels',
    'type # and pick the channel',
  ],
  ['budget set web-prod 2000/month aws app=api', 'watches Heroku only', 'Example:'],
  ['budget set web-prod 2000/month region=eu', 'is not something a budget can watch', 'Example:'],
  ['budget delete', 'Say which budget to delete, e.g. `/hosting budget delete web-prod`', ''],
  ['budget delete nope', 'There is no budget called nope', '/hosting budget list'],
  ['budget frobnicate', '`budget frobnicate` is not something I know', '/hosting budget list'],
  ['alerts channel=#costs', 'Nothing was changed', 'Example: `/hosting alerts channel=#costs`'],
  [
    'alerts route team=acme-eng',
    'Say where its alerts go',
    'Example: `/hosting alerts route team=acme-eng channel=#eng-costs`',
  ],
  ['alerts route service=S3 channel=<#C0X|x>', '"service" is not something alerts can be routed by', 'Example:'],
  ['alerts route', 'Say which team, account or tag', 'Example:'],
  ['alerts unroute', 'Say which team, account or tag', 'Example: `/hosting alerts unroute team=acme-eng`'],
  [
    'alerts unroute team=acme-eng',
    'Heroku team acme-eng has no route of its own',
    '`/hosting alerts` lists the routes',
  ],
  [
    'alerts unroute region=eu',
    'is not something alerts can be routed by',
    'Example: `/hosting alerts unroute team=acme-eng`',
  ],
  ['alerts frobnicate', 'is not something I know', '/hosting alerts route team=acme-eng channel=#eng-costs'],
])('`/hosting %s` → a clear error with an example; nothing saved', async (text, error, example) => {
  const said = await answer(text);
  expect(said).toContain(error);
  expect(said).toContain(example);
  expect(said).not.toMatch(/TypeError|at \w+ \(|Error:/);
  expect(await h.bot.services.store.budgets()).toEqual([]);
  const settings = await h.bot.services.store.settings();
  expect(Object.keys(settings).filter((key) => key.startsWith('alerts.'))).toEqual([]);
});

test.each([
  ['budget set web 100/month channel=<#C0NOPE|nope>', 'Nothing was saved: Hosting Advisor is not a member of #nope'],
  ['alerts channel=<#C0NOPE|nope>', 'Nothing was changed: Hosting Advisor is not a member of #nope'],
  [
    'alerts route team=acme-eng channel=<#C0NOPE|nope>',
    'Nothing was changed: Hosting Advisor is not a member of #nope',
  ],
])('`/hosting %s` (a channel the bot is not in) → how to invite it; nothing saved', async (text, error) => {
  h.slack.answer('conversations.info', { ok: true, channel: { id: 'C0NOPE', name: 'nope', is_member: false } });
  const said = await answer(text);
  expect(said).toContain(error);
  expect(said).toContain('type /invite @Hosting Advisor in that channel');
  expect(await h.bot.services.store.budgets()).toEqual([]);
  const settings = await h.bot.services.store.settings();
  expect(Object.keys(settings).filter((key) => key.startsWith('alerts.'))).toEqual([]);
});

test('a good budget is saved whole, listed, and deleted', async () => {
  expect(await answer('budget set web-prod $2,000/month heroku team=acme-eng alert=50,80 forecast')).toContain(
    'Saved budget web-prod: Heroku, team acme-eng, $2,000.00/month, alerts at 50, 80 % and on forecast',
  );
  expect(await answer('budget list')).toContain('*web-prod*: Heroku, team acme-eng, $2,000.00/month');
  expect(await answer('budget delete web-prod')).toContain('Deleted budget web-prod');
  expect(await h.bot.services.store.budgets()).toEqual([]);
  expect((await h.bot.services.store.auditLog()).map((e) => e.action)).toEqual([
    'budget-set',
    'budget-list',
    'budget-delete',
  ]);
});

test('`budget delete` with two names deletes neither and says to name one; `budget list` with more words lists nothing', async () => {
  await answer('budget set web-prod 2000/month');
  await answer('budget set api-prod 500/month');
  const said = await answer('budget delete web-prod api-prod');
  expect(said).toBe(
    'Nothing was deleted: `budget delete` takes one budget name, and I did not read "api-prod". Delete one at a time, e.g. `/hosting budget delete web-prod`.',
  );
  expect((await h.bot.services.store.budgets()).map((b) => b.name).sort()).toEqual(['api-prod', 'web-prod']);
  expect(await answer('budget list web-prod')).toBe(
    '`budget list` takes a page number at most; I did not read "web-prod". Try `/hosting budget list` or `/hosting budget list 2`.',
  );
});

test('a budget with nowhere to post says so when saved and listed; with an alerts channel it names it', async () => {
  const nowhere = 'no alerts channel is set, so its alerts are not posted (`/hosting alerts channel=#…`)';
  expect(await answer('budget set web-prod 2000/month heroku team=acme-eng')).toContain(
    `$2,000.00/month, alerts at 50, 80, 100 %, posted nowhere: ${nowhere}.`,
  );
  expect(await answer('budget list')).toContain(`posted nowhere: ${nowhere}.`);
  await answer('alerts channel=<#C0COSTS|costs>');
  expect(await answer('budget list')).toContain('$2,000.00/month, alerts at 50, 80, 100 %, posted to <#C0COSTS>.');
});

test('an amount without /month is kept, and the reply says plainly it was read as a month', async () => {
  const bare = await answer('budget set web-prod 2000');
  expect(bare).toContain('Saved budget web-prod: AWS + Heroku, all spend, $2,000.00/month');
  expect(bare).toContain('I read "2000" as $2,000.00 a month: every budget is monthly (write 2000/month to say so).');
  expect(await h.bot.services.store.budgets()).toEqual([expect.objectContaining({ amountCents: 2000_00 })]);
  const said = await answer('budget set web-prod $2,500/mo');
  expect(said).toContain('Updated budget web-prod');
  expect(said).not.toContain('I read');
});
