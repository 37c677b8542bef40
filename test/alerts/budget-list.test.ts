import { resolve } from 'node:path';
import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';

/**
 * `/hosting budget list` with many budgets, through the signed receiver: each page fits a Slack
 * message, budgets come in natural name order (number-2 before number-10), and every budget is on
 * some page the answer points to.
 */
const { lintPayload } = require(resolve('../shared/tools/blockkit-preview/lint.js')) as {
  lintPayload: (payload: unknown, opts?: { kind?: 'message' }) => { errors: string[]; warnings: string[] };
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // 18 budgets of every kind, set in an order unlike any list's.
  const scopes = [
    'heroku team=acme-eng alert=50,80,100 forecast',
    'aws service="Amazon Relational Database Service" alert=50,80,100 forecast',
    'aws tag:cost-center=platform-engineering alert=80,100',
    'account=123456789012 alert=90',
    'heroku app=shop-api-production forecast',
    'both alert=25,50,75,100 forecast',
  ];
  for (const n of [7, 12, 3, 18, 1, 10, 5, 14, 2, 16, 8, 11, 4, 17, 6, 13, 9, 15]) {
    await h.command(`budget set number-${n} ${n * 1000}/month ${scopes[n % scopes.length]}`);
  }
  await h.settle();
  expect(await h.bot.services.store.budgets()).toHaveLength(18);
});
afterAll(() => h.close());

/** The answer sent to response_url after the placeholder. */
async function list(words = ''): Promise<{ text: string; blocks?: Array<Record<string, unknown>> }> {
  const before = h.slack.responses.length;
  const ack = await h.command(`budget list${words ? ` ${words}` : ''}`);
  await h.settle();
  const later = h.slack.responses.slice(before).at(-1);
  return (later?.body ?? ack.body) as { text: string; blocks?: Array<Record<string, unknown>> };
}

/** Every word a person reads: the blocks' text. */
const shown = (message: { text: string; blocks?: Array<Record<string, unknown>> }) =>
  JSON.stringify(message.blocks ?? message.text);

/** The budget names in the order the blocks show them. */
const namesIn = (message: { text: string; blocks?: Array<Record<string, unknown>> }) =>
  [...shown(message).matchAll(/\*(number-\d+)\*/g)].map((match) => match[1]);

test('18 budgets: the first page fits a message and Block Kit, in natural name order, and says how to see the rest', async () => {
  const first = await list();
  capture('budget-list-page-1', first);
  expect(first.text.length).toBeLessThanOrEqual(4000);
  const lint = lintPayload({ response_type: 'ephemeral', ...first }, { kind: 'message' });
  expect(lint.errors).toEqual([]);
  expect(lint.warnings).toEqual([]);
  expect(namesIn(first)).toEqual(Array.from({ length: 10 }, (_, i) => `number-${i + 1}`));
  expect(shown(first)).toContain('8 more, number-11 to number-18: `/hosting budget list 2` shows them.');
  expect(first.text).toContain('8 more, number-11 to number-18: `/hosting budget list 2` shows them.');
});

test('the page it points to has the rest, so no budget is left out', async () => {
  const second = await list('2');
  capture('budget-list-page-2', second);
  expect(second.text.length).toBeLessThanOrEqual(4000);
  expect(lintPayload({ response_type: 'ephemeral', ...second }, { kind: 'message' }).errors).toEqual([]);
  expect(namesIn(second)).toEqual(Array.from({ length: 8 }, (_, i) => `number-${i + 11}`));
  expect(shown(second)).toContain('Budgets 11–18 of 18; `/hosting budget list` shows the first 10.');
});

test('a page past the last, or a word that is no page, is named with the command to type', async () => {
  expect((await list('3')).text).toBe(
    'There are 18 budgets, on 2 pages of 10; I did not read "3". Try `/hosting budget list` or `/hosting budget list 2`.',
  );
  expect((await list('web-prod')).text).toBe(
    '`budget list` takes a page number at most; I did not read "web-prod". Try `/hosting budget list` or `/hosting budget list 2`.',
  );
});

test('the text a notification or screen reader reads carries each budget shown, in the same order', async () => {
  const first = await list();
  const names = [...first.text.matchAll(/^• (number-\d+):/gm)].map((match) => match[1]);
  expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `number-${i + 1}`));
});
