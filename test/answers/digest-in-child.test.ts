import { gatherDigest } from '../../src/answers/digest';
import { gatherDigestInChild } from '../../src/answers/digest-in-child';
import type { Digest } from '../../src/core/digest';
import { Decimal } from '../../src/core/money';
import { type Harness, startHarness } from '../support/bot-harness';
import { childProcesses } from '../support/child-processes';
import { Gate, waitUntil } from '../support/gate';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';

/**
 * The bot gathers the digest in a process of its own (src/digest-process.ts) so that its CPU stays
 * off the thread that acks Slack. What a lead sees must not change: the same digest as gathering it
 * in the bot's process, the failures in the bot's log, and a process that fails said plainly.
 */
const NOW = new Date();

/** Today's snapshot of shop-api: 2 × Standard-2X at $50.00 a month. */
const snapshotOf = (now: Date) => ({
  day: now.toISOString().slice(0, 10),
  app: 'shop-api',
  takenAt: now,
  data: {
    v: 1,
    team: 'acme',
    items: [
      { kind: 'dyno', key: 'dyno:web:standard-2x', item: 'web: standard-2x', quantity: 2, unitMonthlyCents: 5000 },
    ],
  },
});

let live: LiveAccounts;
let h: Harness;

beforeAll(async () => {
  live = await startLiveAccounts();
  h = await startHarness({ ...live.awsEnv, HEROKU_API_TOKEN: live.heroku.token, HEROKU_API_URL: live.heroku.url });
  await h.bot.services.store.putSnapshot(snapshotOf(NOW));
});

afterAll(async () => {
  await h.close();
  await live.close();
});

const childPids = () => childProcesses('digest-process.js');

test('the digest from its own process is the one the bot would gather itself, money and dates included', async () => {
  const options = { now: NOW, explain: true, timezone: 'Europe/Berlin' };
  // Both read what the first gather cached (a Cost Explorer request costs $0.01), so both say "cached".
  await gatherDigest(h.bot.services, options);
  const here = await gatherDigest(h.bot.services, options);
  const there = await gatherDigestInChild(h.bot.services, options);

  // The month's running count of Cost Explorer requests includes each gather's own.
  const month = (digest: Digest) => ({
    ...digest,
    about: digest.about.map((line) => line.replace(/; \d+ this month/, '')),
  });
  expect(month(there)).toEqual(month(here));
  // The one request each gather makes is the usage by instance type; the forecast, answered, was cached by the first.
  expect(there.about.join('\n')).toMatch(/Cost Explorer requests for this digest: 1 \(\$0\.01 at \$0\.01 each\)/);
  expect(there.week.timezone).toBe('Europe/Berlin');
  expect(there.why).toBeDefined();
  expect(there.heroku.status).toBe('ok');
  expect(there.aws.status).toBe('ok');
  if (there.heroku.status !== 'ok') throw new Error('unreachable');
  expect(there.heroku.lastWeek).toBeInstanceOf(Decimal);
  expect(there.generatedAt).toBeInstanceOf(Date);
});

test('the Shield Postgres and Space fee today’s run-rate leaves out are counted, said, and weigh on the verdict', async () => {
  const digest = await gatherDigestInChild(h.bot.services, { now: NOW });
  if (digest.heroku.status !== 'ok') throw new Error(`Heroku: ${digest.heroku.status}`);
  expect(digest.heroku.runRate).toBe(true);
  // phi-api's shield-0 and the acme-shield Space fee are contract-priced: never $0, never counted.
  expect(digest.heroku.notCounted).toBe(2);
  expect(digest.heroku.basis).toContain('2 contract-priced or unpriced items not counted (never as $0)');
  expect(digest.verdict).toContain('Heroku’s figures leave out 2 contract-priced or unpriced items');
});

test('a revoked Heroku token: the cached inventory, labelled, the plan facts read before, and no process left', async () => {
  live.heroku.inject({ times: Number.POSITIVE_INFINITY, fault: { type: 'unauthorized' } });
  let here: Digest;
  let there: Digest;
  try {
    here = await gatherDigest(h.bot.services, { now: NOW, force: true });
    there = await gatherDigestInChild(h.bot.services, { now: NOW, force: true });
  } finally {
    live.heroku.clearFaults();
  }
  if (there.heroku.status !== 'ok') throw new Error(`Heroku: ${there.heroku.status}`);
  expect(there.heroku.basis.join('\n')).toMatch(/Heroku apps read as of .* — stale: could not refresh \(.*token/i);
  // The add-on plans' compliance facts come from the store's cache, as the bot's own process has them.
  expect(there.posture).toEqual(here.posture);
  expect(there.posture.map((line) => line.summary).join('\n')).not.toMatch(/incomplete read/);
  let polls = 0;
  while (childPids().length > 0 && polls++ < 4000) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(childPids()).toEqual([]);
});

test('a SIGTERM to every process (a dyno restarting) does not cut the digest short: the bot decides when it stops', async () => {
  const gate = new Gate();
  live.heroku.inject({ times: Number.POSITIVE_INFINITY, fault: { type: 'held', until: gate.opened } });
  const seenBefore = live.heroku.log.length;
  try {
    const digest = gatherDigestInChild(h.bot.services, { now: NOW, force: true });
    // The process is asking Heroku (and held there) when the signal comes.
    await waitUntil(() => live.heroku.log.length > seenBefore, 'the digest process to ask Heroku');
    for (const pid of childPids()) process.kill(Number(pid), 'SIGTERM');
    gate.open();
    const answer = await digest;
    expect(answer.heroku.status).toBe('ok');
    expect(answer.heroku.status === 'ok' && answer.heroku.basis.join('\n')).not.toMatch(/stale/);
  } finally {
    live.heroku.clearFaults();
    gate.open();
  }
});

test('a digest process that cannot start its work is reported plainly, not hung', async () => {
  const services = { ...h.bot.services, config: { ...h.bot.services.config, PRICING_FILE: '/nonexistent/prices.yml' } };
  await expect(gatherDigestInChild(services, { now: NOW })).rejects.toThrow(/prices\.yml/);
});

test('with an in-memory store, which no other process can open, the digest is gathered in the bot’s process', async () => {
  const memory = await startHarness({
    DATABASE_URL: ':memory:',
    HEROKU_API_TOKEN: live.heroku.token,
    HEROKU_API_URL: live.heroku.url,
  });
  try {
    await memory.bot.services.store.putSnapshot(snapshotOf(new Date(NOW.getTime() - 14 * 86_400_000)));
    const digest = await gatherDigestInChild(memory.bot.services, { now: NOW });
    if (digest.heroku.status !== 'ok') throw new Error(`Heroku: ${digest.heroku.status}`);
    // Only this process's store holds the snapshot of a day before last week (last week's Monday is 7–13 days back); without it the figures would be a run-rate.
    expect(digest.heroku.basis.join('\n')).toMatch(/estimated\* from daily formation snapshots/);
  } finally {
    await memory.close();
  }
});
