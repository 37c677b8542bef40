import { BUDGET_FIELDS, budgetFormView } from '../../src/slack/alerts/budget-form';
import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku } from '../support/fake-heroku';
import { Gate } from '../support/gate';
import { commandAnswer, selectValue, sendBudgetForm, teamAndPersonalApp, textValue } from './support';

/**
 * The App Home form refuses a Heroku app or team the token does not see, as `/hosting budget set`
 * does, on the field, with a name it does see as the example, and saves nothing. Slack closes the
 * form after 3 seconds, so it checks against the last list of apps read and never waits on Heroku:
 * with no list read yet it saves, and says the name was not checked.
 */
let heroku: FakeHeroku;
let h: Harness;

beforeEach(async () => {
  heroku = await FakeHeroku.start({ world: teamAndPersonalApp() });
  h = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

const form = (kind: 'app' | 'team', value: string) => ({
  [BUDGET_FIELDS.name]: textValue('watch'),
  [BUDGET_FIELDS.amount]: textValue('100'),
  [BUDGET_FIELDS.platform]: selectValue('heroku'),
  [BUDGET_FIELDS.scopeKind]: selectValue(kind),
  [BUDGET_FIELDS.scopeValue]: textValue(value),
  [BUDGET_FIELDS.levels]: textValue('80,100'),
});

/** The submission's ack, taken while every Heroku request is held unanswered: the form must not wait on one. */
async function submitWhileHerokuHangs(state: Record<string, Record<string, unknown>>) {
  const gate = new Gate();
  heroku.inject({ times: Number.POSITIVE_INFINITY, fault: { type: 'held', until: gate.opened } });
  const asked = heroku.requestsTo(/./).length;
  const ack = await sendBudgetForm(h, state);
  const askedBeforeAck = heroku.requestsTo(/./).length - asked;
  gate.open();
  await h.settle();
  return { ack, askedBeforeAck };
}

/** Reads the list of apps once, as `/hosting budget set` (or Home, or the hourly snapshot) does. */
const readListOnce = () => commandAnswer(h, 'budget set seen 100/month app=blog');

test.each([
  [
    'app',
    'shop-apl',
    'There is no Heroku app named shop-apl among those this token sees: it sees blog, shop-api; e.g. app=blog.',
  ],
  [
    'team',
    'acme',
    'There is no Heroku team named acme among those this token sees: it sees acme-eng; e.g. team=acme-eng.',
  ],
])(
  'a %s Heroku does not have (%s): the error is on the field, with a name it has; nothing saved',
  async (kind, value, said) => {
    await readListOnce();
    const before = await h.bot.services.store.budgets();
    const state = form(kind as 'app' | 'team', value);
    const { ack, askedBeforeAck } = await submitWhileHerokuHangs(state);
    capture(`budget-form-unknown-${kind}`, { ...ack.body, view: { ...budgetFormView(), state: { values: state } } });
    expect(askedBeforeAck).toBe(0);
    expect(ack.body.response_action).toBe('errors');
    expect(Object.keys(ack.body.errors)).toEqual([BUDGET_FIELDS.scopeValue]);
    expect(ack.body.errors[BUDGET_FIELDS.scopeValue]).toContain(said);
    expect(await h.bot.services.store.budgets()).toEqual(before);
  },
);

test('an app and a team Heroku has are saved from the form without asking Heroku', async () => {
  await readListOnce();
  const app = await submitWhileHerokuHangs(form('app', 'shop-api'));
  expect(app.askedBeforeAck).toBe(0);
  expect(app.ack.body).toBe('');
  const team = await submitWhileHerokuHangs({ ...form('team', 'acme-eng'), [BUDGET_FIELDS.name]: textValue('eng') });
  expect(team.ack.body).toBe('');
  expect((await h.bot.services.store.budgets()).map((b) => `${b.name} ${b.scope.kind}`).sort()).toEqual([
    'eng team',
    'seen app',
    'watch app',
  ]);
});

test('no list of apps read yet: saved at once, and Home says the name was not checked and how to check it', async () => {
  const { ack, askedBeforeAck } = await submitWhileHerokuHangs(form('app', 'shop-apl'));
  expect(askedBeforeAck).toBe(0);
  expect(ack.body).toBe('');
  expect((await h.bot.services.store.budgets()).map((b) => b.name)).toEqual(['watch']);
  const home = JSON.stringify(h.slack.callsTo('views.publish').at(-1)?.body.view);
  expect(home).toContain('Saved budget watch: Heroku, app shop-apl');
  expect(home).toContain(
    'App shop-apl was not checked against Heroku: no list of Heroku apps has been read here yet, and this form cannot wait for one.',
  );
});
