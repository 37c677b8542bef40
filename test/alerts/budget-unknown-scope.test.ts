import { type Harness, startHarness } from '../support/bot-harness';
import { FakeHeroku } from '../support/fake-heroku';
import { commandAnswer, teamAndPersonalApp } from './support';

/**
 * A budget on a Heroku app or team the token does not see would watch nothing: never an alert, and
 * "could not be read" in every list. With Heroku connected, `/hosting budget set` refuses a name
 * it does not see, naming the ones it does, and saves nothing; a name it sees is saved as before.
 */
let heroku: FakeHeroku;
let h: Harness;

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: teamAndPersonalApp() });
  h = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});
afterAll(async () => {
  await h.close();
  await heroku.close();
});

const answer = (text: string) => commandAnswer(h, text);

test.each([
  [
    'budget set web 100/month app=shop-apl',
    'Nothing was saved: There is no Heroku app named shop-apl among those this token sees: it sees blog, shop-api; e.g. app=blog.',
  ],
  [
    'budget set web 100/month team=acme',
    'Nothing was saved: There is no Heroku team named acme among those this token sees: it sees acme-eng; e.g. team=acme-eng.',
  ],
])('`/hosting %s` → refused with the names Heroku has; nothing saved', async (text, said) => {
  expect(await answer(text)).toContain(said);
  expect(await h.bot.services.store.budgets()).toEqual([]);
});

test('an app and a team the token sees are saved', async () => {
  expect(await answer('budget set api 100/month app=shop-api')).toContain('Saved budget api: Heroku, app shop-api');
  expect(await answer('budget set eng 100/month team=acme-eng')).toContain('Saved budget eng: Heroku, team acme-eng');
  expect((await h.bot.services.store.budgets()).map((budget) => budget.name).sort()).toEqual(['api', 'eng']);
});
