import { z } from 'zod';
import { HerokuApi } from '../../src/sources/heroku/heroku-api';
import { RequestBudget } from '../../src/sources/heroku/request-budget';
import { FakeHeroku } from '../support/fake-heroku';

/**
 * When one request of a read fails for good, the read is abandoned (its budget cancelled), and a sibling
 * request waiting out its back-off before a retry stops waiting: the retry would only be refused by the
 * cancelled budget. Before, the wait ran its course (up to 20 s), a timer holding the process open after
 * the answer had gone: a jest worker that ran such a test could not exit ("A worker process has failed to
 * exit gracefully"). The real client, with its real sleep, against the local Heroku.
 */
let fake: FakeHeroku;
beforeEach(async () => {
  fake = await FakeHeroku.start();
});
afterEach(() => fake.close());

test('a sibling waiting to retry when the read fails stops waiting at once (before: its whole 10 s back-off)', async () => {
  const api = new HerokuApi({ token: fake.token, host: fake.url, backoff: { baseMs: 10_000, maxMs: 10_000 } });
  // /account/x answers 503 (retried after a 10 s back-off); /teams/missing 404, which fails the read for good.
  fake.inject({ path: '/account/x', times: Number.POSITIVE_INFINITY, fault: { type: 'status', status: 503 } });
  fake.inject({ path: '/teams/missing', fault: { type: 'status', status: 404, id: 'not_found', message: 'gone' } });
  let waiting: Promise<unknown> = Promise.resolve();
  const read = new RequestBudget(10, 'a test read').run(async (budget) => {
    waiting = api.get('/account/x', z.unknown(), budget).catch((error: Error) => error);
    // Let the 503 come back first, so its back-off has begun.
    while (fake.log.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await api.get('/teams/missing', z.unknown(), budget);
  });
  await expect(read).rejects.toThrow();
  const failedAt = Date.now();
  const sibling = await waiting;
  expect(Date.now() - failedAt).toBeLessThan(2_000);
  expect(String(sibling)).toContain('abandoned after an earlier failure');
  // The 503 was not asked again: the cancelled budget refused the retry before it was sent.
  expect(fake.log.filter((r) => r.path === '/account/x')).toHaveLength(1);
});
