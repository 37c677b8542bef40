import { randomUUID } from 'node:crypto';
import { type Harness, LEAD } from '../support/bot-harness';
import { capture } from '../support/capture';
import { costAndUsagePage, type FakeCostExplorer, reply, scriptNoCredits } from '../support/fake-cost-explorer';
import { shownText } from '../support/slack-blocks';
import {
  alertJobs,
  headlines,
  replies,
  scriptDaily,
  startAlertHarness,
  submitBudgetForm,
  textValue,
  useLocalCostExplorer,
} from './support';

/**
 * Slack markup in the words of a setting, through the signed receiver. With escaping on, Slack sends
 * `@alice` as `<@U123>`, `#costs` as `<#C…|costs>` and `@here` as `<!here>`: stored as it arrived,
 * a filter would match no spend, ever. It is refused, naming the value, with an example; and a value
 * stored before that was refused is shown as text wherever it is quoted back, never as a mention.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T10:00:00Z');
let ce: FakeCostExplorer;
let h: Harness;
const localCostExplorer = useLocalCostExplorer();

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  scriptDaily(ce, () => []);
  h = await startAlertHarness(ce, () => NOV_17);
});
afterEach(async () => h.close());

/** Everything the person reads: the ack's text and each answer after it (its blocks when it has them). */
async function say(text: string): Promise<string> {
  const before = h.slack.responses.length;
  const ack = await h.command(text);
  await h.settle();
  return [String(ack.body?.text ?? ''), ...h.slack.responses.slice(before).map((r) => shownText(r.body))].join('\n');
}

test.each([
  [
    'budget set owned 2000/month heroku tag:owner=<@U0ALICE>',
    '"tag:owner=‹@U0ALICE›" holds a mention of a person (Slack turns @name into one), not the words you typed, so it would match nothing. For a tag that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), e.g. tag:owner=%40alice; if it does not, leave the @ out, e.g. tag:owner=alice.',
  ],
  [
    'budget set owned 2000/month tag:team=<#C0WEB|web>',
    '"tag:team=‹#C0WEB|web›" holds a link to a channel (Slack turns #name into one)',
  ],
  [
    'budget set owned 2000/month tag:owner=<!here>',
    '"tag:owner=‹!here›" holds an @here mention, not the words you typed, so it would match nothing. For a tag that begins with @, write the @ as %40',
  ],
  [
    'budget set owned 2000/month tag:team=<!subteam^S0PLATFORM>',
    '"tag:team=‹!subteam^S0PLATFORM›" holds a mention of a user group, not the words you typed, so it would match nothing. For a tag that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), e.g. tag:owner=%40alice',
  ],
  [
    'budget set owned 2000/month service="Amazon <!channel> RDS"',
    'holds an @channel mention, not the words you typed, so it would match nothing. Write the value as plain text, with no @ or # in front and no < or > (Slack then leaves it as typed), e.g. service="Amazon Relational Database Service".',
  ],
  ['budget set owned 2000/month tag:owner=a&lt;b', '"tag:owner=a&lt;b" holds an angle bracket (< or >)'],
])('`/hosting %s` is refused with the value named and an example; nothing is saved', async (text, error) => {
  const said = await say(text);
  expect(said).toContain('Nothing was saved:');
  expect(said).toContain(error);
  expect(said).not.toMatch(/<[@#!]/);
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('an alerts route by a tag Slack turned into a mention is refused, with the route example; nothing is saved', async () => {
  const said = await say(`alerts route tag:owner=<@U0ALICE> channel=<#${COSTS}|costs>`);
  expect(said).toBe(
    'Nothing was changed: "tag:owner=‹@U0ALICE›" holds a mention of a person (Slack turns @name into one), not the words you typed, so it would match nothing. For a tag that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), e.g. tag:owner=%40alice; if it does not, leave the @ out, e.g. tag:owner=alice. Example: `/hosting alerts route team=acme-eng channel=#eng-costs`',
  );
  expect(await h.bot.services.store.getSetting('alerts.routes')).toBeUndefined();
});

/**
 * The forms that reach the bot as typed (Slack's escaping turns only a mention into markup): `%40` for
 * the at sign, and the App Home form's field, which Slack sends as plain text.
 */
test('a tag value that begins with @, written with %40, is watched as @alice; the reply and the list say so', async () => {
  const said = await say('budget set owned 2000/month tag:owner=%40alice');
  capture('budget-set-at-sign', h.slack.responses.at(-1)!.body);
  expect(said).toContain('tag owner=@alice');
  const [budget] = await h.bot.services.store.budgets();
  expect(budget?.scope).toEqual({ kind: 'tag', key: 'owner', value: '@alice' });
  const before = h.slack.responses.length;
  await h.command('budget list');
  await h.settle();
  expect(shownText(h.slack.responses.slice(before).at(-1)!.body)).toContain('AWS, tag owner=@alice, $2,000.00/month');
});

test('an alerts route by a tag value written with %40 routes the tag as @alice', async () => {
  const said = await say(`alerts route tag:owner=%40alice channel=<#${COSTS}|costs>`);
  expect(said).toContain('tag owner=@alice');
  expect(JSON.parse((await h.bot.services.store.getSetting('alerts.routes'))!).tag).toEqual({ 'owner=@alice': COSTS });
});

test('`/hosting spend by tag:%40owner` groups AWS by the tag key @owner; a key Slack made a mention is refused', async () => {
  const byOwner = [{ Type: 'TAG' as const, Key: '@owner' }];
  ce.reply(
    'GetCostAndUsage',
    reply.ok(
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: byOwner,
        days: [{ day: '2026-11-16', groups: [{ keys: ['@owner$@alice'], amount: '12.50' }] }],
      }),
    ),
    { match: (input) => JSON.stringify(input.GroupBy) === JSON.stringify(byOwner) },
  );
  scriptNoCredits(ce);
  const answered = await say('spend aws by tag:%40owner');
  expect(answered).toContain('@alice');
  const grouped = ce.requests('GetCostAndUsage').map((r) => JSON.stringify(r.body?.GroupBy ?? []));
  expect(grouped).toContain(JSON.stringify([{ Type: 'TAG', Key: '@owner' }]));
  capture('spend-by-at-sign-key', h.slack.responses.at(-1)!.body);
  const refused = await say('spend aws by tag:<@U0OWNER>');
  expect(refused).toContain(
    '`tag:‹@U0OWNER›` holds a mention of a person (Slack turns @name into one), not the tag key you typed. For a key that begins with @, write the @ as %40, which Slack leaves as typed (no AWS tag holds a %, so it is read as @), like `tag:%40owner`.',
  );
});

test('the App Home form takes @alice as typed (Slack sends a field as plain text), and %40alice the same', async () => {
  for (const [name, typed] of [
    ['typed', 'owner=@alice'],
    ['escaped', 'owner=%40alice'],
  ]) {
    await submitBudgetForm(h, {
      budget_name: textValue(name!),
      budget_amount: textValue('2000'),
      budget_scope_kind: { value: { type: 'static_select', selected_option: { value: 'tag' } } },
      budget_scope_value: textValue(typed!),
    });
  }
  const scopes = (await h.bot.services.store.budgets()).map((budget) => [budget.name, budget.scope]);
  expect(scopes).toEqual([
    ['escaped', { kind: 'tag', key: 'owner', value: '@alice' }],
    ['typed', { kind: 'tag', key: 'owner', value: '@alice' }],
  ]);
});

test('the App Home form refuses the same value on its field', async () => {
  const ack = await submitBudgetForm(h, {
    budget_name: textValue('owned'),
    budget_amount: textValue('2000'),
    budget_scope_kind: { value: { type: 'static_select', selected_option: { value: 'tag' } } },
    budget_scope_value: textValue('owner=<!here>'),
  });
  expect(JSON.stringify(ack.body)).toContain('holds an @here mention');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

/** A budget saved before such values were refused, as the store holds it. */
async function legacyBudget(scope: { kind: 'tag'; key: string; value: string } | { kind: 'service'; value: string }) {
  await h.bot.services.store.putBudget(
    {
      id: randomUUID(),
      name: 'owned',
      amountCents: 100_00,
      platform: 'aws',
      scope,
      thresholds: [50],
      forecast: false,
      channel: COSTS,
    },
    LEAD,
    NOV_17,
  );
}

test('a budget stored with markup before is listed as text: no @here, no mention', async () => {
  await legacyBudget({ kind: 'tag', key: 'owner', value: '<!here>' });
  const before = h.slack.responses.length;
  await h.command('budget list');
  await h.settle();
  const list = h.slack.responses.slice(before).at(-1)!.body;
  expect(shownText(list)).toContain('AWS, tag owner=‹!here›, $100.00/month');
  expect(JSON.stringify(list)).not.toContain('<!here>');
});

test("an alert about such a budget notifies with text that mentions no one: the message's text, not only its blocks", async () => {
  // Cost Explorer names a service with what the legacy budget holds, so its spend crosses 50 %.
  const service = 'Amazon <!here> Service';
  ce.reset();
  scriptDaily(ce, () => [{ keys: [service, 'Requests'], amount: '10' }]);
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '0', Unit: 'USD' } }));
  await legacyBudget({ kind: 'service', value: service });
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  const [headline] = headlines(h, COSTS);
  expect(headline?.text).toContain('Budget owned (AWS, service Amazon ‹!here› Service, $100.00/month) passed 50 %');
  const posts = h.slack.callsTo('chat.postMessage').map((call) => call.body);
  expect(posts.length).toBeGreaterThan(0);
  for (const post of posts) expect(JSON.stringify(post)).not.toContain('<!here>');
  expect(replies(h, COSTS, headline!.ts)).toHaveLength(1);
});

test('when Slack refuses that alert, what the leads are told privately quotes it as text too', async () => {
  const service = 'Amazon <!here> Service';
  ce.reset();
  scriptDaily(ce, () => [{ keys: [service, 'Requests'], amount: '10' }]);
  await legacyBudget({ kind: 'service', value: service });
  h.slack.answer('chat.postMessage', (body) =>
    body.channel === COSTS ? { ok: false, error: 'not_in_channel' } : h.slack.accept(body),
  );
  await alertJobs(h, 'replica-a').checkBudgets(NOV_17);
  const told = h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === LEAD);
  expect(told).toHaveLength(1);
  expect(String(told[0]!.body.text)).toContain('> Budget owned (AWS, service Amazon ‹!here› Service, $100.00/month)');
});

test('a route stored with markup before is listed by `/hosting alerts` as text', async () => {
  await h.bot.services.store.setSetting('alerts.routes', JSON.stringify({ tag: { 'owner=<!here>': COSTS } }));
  const said = await say('alerts');
  expect(said).toContain(`tag owner=‹!here› → <#${COSTS}>`);
  expect(said).not.toContain('<!here>');
});
