import { ADD_BUDGET, BUDGET_FIELDS, BUDGET_FORM } from '../../src/slack/alerts/budget-form';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { selectValue, submitBudgetForm, textValue } from './support';

/** The App Home budget form through the signed receiver: errors on their fields, nothing half-saved. */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const text = textValue;
const select = selectValue;

function values(over: Record<string, Record<string, unknown>> = {}) {
  return {
    [BUDGET_FIELDS.name]: text('web-prod'),
    [BUDGET_FIELDS.amount]: text('2000'),
    [BUDGET_FIELDS.platform]: select('both'),
    [BUDGET_FIELDS.scopeKind]: select('team'),
    [BUDGET_FIELDS.scopeValue]: text('acme-eng'),
    [BUDGET_FIELDS.levels]: text('50,80,100'),
    [BUDGET_FIELDS.forecast]: { value: { type: 'checkboxes', selected_options: [{ value: 'forecast' }] } },
    [BUDGET_FIELDS.channel]: { value: { type: 'conversations_select', selected_conversation: 'C0ACME' } },
    ...over,
  };
}

const submit = (state: Record<string, Record<string, unknown>>, user = LEAD) => submitBudgetForm(h, state, user);

test('the Home button opens the form for leads', async () => {
  await h.interaction({
    type: 'block_actions',
    container: { type: 'view', view_id: 'VHOME' },
    actions: [{ type: 'button', action_id: ADD_BUDGET, block_id: 'home_budgets', action_ts: '1.1' }],
  });
  await h.settle();
  const opened = h.slack.callsTo('views.open');
  expect(opened).toHaveLength(1);
  expect((opened[0]!.body.view as { callback_id: string }).callback_id).toBe(BUDGET_FORM);
});

test('a whole budget is saved, and Home says so', async () => {
  const ack = await submit(values());
  expect(ack.body).toBe('');
  expect(await h.bot.services.store.budgets()).toEqual([
    expect.objectContaining({
      name: 'web-prod',
      amountCents: 200_000,
      platform: 'heroku',
      scope: { kind: 'team', value: 'acme-eng' },
      forecast: true,
      channel: 'C0ACME',
    }),
  ]);
  // Home is published again with what was saved (the form was opened there).
  expect(JSON.stringify(h.slack.callsTo('views.publish').at(-1)?.body.view)).toContain(
    'Saved budget web-prod: Heroku, team acme-eng, $2,000.00/month',
  );
});

test.each([
  [{ [BUDGET_FIELDS.name]: text('Web Prod!') }, BUDGET_FIELDS.name, 'e.g. web-prod'],
  [{ [BUDGET_FIELDS.amount]: text('lots') }, BUDGET_FIELDS.amount, 'e.g. 2000/month'],
  [{ [BUDGET_FIELDS.levels]: text('50,abc') }, BUDGET_FIELDS.levels, 'e.g. alert=50,80,100'],
  [
    { [BUDGET_FIELDS.scopeKind]: select('account'), [BUDGET_FIELDS.scopeValue]: text('12') },
    BUDGET_FIELDS.scopeValue,
    'e.g. account=123456789012',
  ],
  [
    { [BUDGET_FIELDS.scopeKind]: select('tag'), [BUDGET_FIELDS.scopeValue]: text('novalue') },
    BUDGET_FIELDS.scopeValue,
    'tag:team=web',
  ],
  [{ [BUDGET_FIELDS.platform]: select('aws') }, BUDGET_FIELDS.platform, 'watches Heroku only'],
  // "acme-eng" typed but Watches left at All spend: saving would watch every dollar, not the team.
  [{ [BUDGET_FIELDS.scopeKind]: select('all') }, BUDGET_FIELDS.scopeValue, 'pick what "acme-eng" is under Watches'],
])('bad field %#: the error is on its field with an example; nothing saved', async (over, field, example) => {
  const ack = await submit(values(over));
  expect(ack.body.response_action).toBe('errors');
  expect(Object.keys(ack.body.errors)).toEqual([field]);
  expect(ack.body.errors[field]).toContain(example);
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test("a platform the scope rules out: the error names the form's choices, not the command's words", async () => {
  const heroku = await submit(values({ [BUDGET_FIELDS.platform]: select('aws') }));
  expect(heroku.body.errors[BUDGET_FIELDS.platform]).toBe(
    'A Heroku team budget watches Heroku only: pick Heroku or AWS + Heroku under Platform.',
  );
  const aws = await submit(
    values({
      [BUDGET_FIELDS.platform]: select('heroku'),
      [BUDGET_FIELDS.scopeKind]: select('service'),
      [BUDGET_FIELDS.scopeValue]: text('Amazon Relational Database Service'),
    }),
  );
  expect(aws.body.errors[BUDGET_FIELDS.platform]).toBe(
    'An AWS service budget watches AWS only: pick AWS or AWS + Heroku under Platform.',
  );
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

// The errors' examples are the command's words (service="…", tag:KEY=VALUE, alert=…): typed into the
// form as shown, they save what they say, not a service or tag key that never matches any spend.
test.each([
  [
    'service',
    'service="Amazon Relational Database Service"',
    { kind: 'service', value: 'Amazon Relational Database Service' },
  ],
  ['service', '"Amazon Relational Database Service"', { kind: 'service', value: 'Amazon Relational Database Service' }],
  ['tag', 'tag:team=web', { kind: 'tag', key: 'team', value: 'web' }],
  ['team', 'team=acme-eng', { kind: 'team', value: 'acme-eng' }],
  ['account', 'account=123456789012', { kind: 'account', value: '123456789012' }],
])('%s typed as the error example shows (%s) is saved as meant', async (kind, typed, scope) => {
  const ack = await submit(
    values({
      [BUDGET_FIELDS.scopeKind]: select(kind),
      [BUDGET_FIELDS.scopeValue]: text(typed),
      [BUDGET_FIELDS.levels]: text('alert=50,80,100'),
    }),
  );
  expect(ack.body).toBe('');
  expect(await h.bot.services.store.budgets()).toEqual([expect.objectContaining({ scope, thresholds: [50, 80, 100] })]);
});

test('markup typed in a field is refused on its field, quoted as text: no mention, no link', async () => {
  // No service is named with < or >: saved, the budget would match no spend.
  const ack = await submit(
    values({
      [BUDGET_FIELDS.scopeKind]: select('service'),
      [BUDGET_FIELDS.scopeValue]: text('<!channel> <https://evil.example|Amazon S3>'),
    }),
  );
  expect(ack.body.errors[BUDGET_FIELDS.scopeValue]).toContain(
    '"service=‹!channel› ‹https://evil.example|Amazon S3›" holds an @channel mention, not the words you typed',
  );
  expect(JSON.stringify(ack.body)).not.toContain('<!channel>');
  expect(JSON.stringify(ack.body)).not.toContain('<https://evil.example');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('an amount too large for any budget says it is too large, not that it must be more than $0', async () => {
  const ack = await submit(values({ [BUDGET_FIELDS.amount]: text('99999999999999999999') }));
  expect(ack.body.errors[BUDGET_FIELDS.amount]).toContain('is more than $100,000,000 a month');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('every wrong field is named at once, the channel too, with the words as typed; nothing saved', async () => {
  h.slack.answer('conversations.info', { ok: true, channel: { id: 'C0ACME', name: 'acme', is_member: false } });
  const ack = await submit(
    values({
      [BUDGET_FIELDS.name]: text('web_prod'),
      [BUDGET_FIELDS.amount]: text('lots'),
      [BUDGET_FIELDS.levels]: text('50,abc'),
      [BUDGET_FIELDS.scopeKind]: select('account'),
      [BUDGET_FIELDS.scopeValue]: text('12'),
    }),
  );
  expect(ack.body.response_action).toBe('errors');
  expect(ack.body.errors).toEqual({
    [BUDGET_FIELDS.name]: expect.stringContaining('"web_prod" is not a budget name'),
    [BUDGET_FIELDS.amount]: expect.stringContaining('"lots" is not a monthly amount'),
    [BUDGET_FIELDS.levels]: expect.stringContaining('"50,abc" is not a list of alert levels'),
    [BUDGET_FIELDS.scopeValue]: expect.stringContaining('"12" is not an AWS account ID'),
    [BUDGET_FIELDS.channel]: expect.stringContaining('Hosting Advisor is not a member of #acme'),
  });
  expect(await h.bot.services.store.budgets()).toEqual([]);
  expect(await h.bot.services.store.auditLog()).toEqual([]);
});

test('a channel the bot is not in is refused on the channel field; nothing saved', async () => {
  h.slack.answer('conversations.info', { ok: true, channel: { id: 'C0ACME', name: 'acme', is_member: false } });
  const ack = await submit(values());
  expect(ack.body.errors[BUDGET_FIELDS.channel]).toContain('/invite @Hosting Advisor');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('others cannot save a budget', async () => {
  const ack = await submit(values(), NOT_LEAD);
  expect(ack.body.response_action).toBe('errors');
  expect(await h.bot.services.store.budgets()).toEqual([]);
});
