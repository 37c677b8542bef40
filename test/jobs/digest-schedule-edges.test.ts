import { WebClient } from '@slack/web-api';
import { previousRun } from '../../src/core/digest';
import { type CrashPoint, DigestRunner } from '../../src/jobs/digest-runner';
import { Jobs } from '../../src/jobs/scheduler';
import { slackDigestPoster } from '../../src/slack/digest-poster';
import { BOT_TOKEN, type Harness, LEAD, startHarness } from '../support/bot-harness';
import { tempSqliteFile } from '../support/databases';

/**
 * The scheduler's edges, with the real store (SQLite), the real runner and the recording Slack
 * server: a schedule in the hour a DST change skips, and a run left unfinished by a bot that then
 * stayed down past the grace period.
 */
const CHANNEL = 'CDIGEST01';
const LEASE = 60_000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let h: Harness;

async function start(now: Date): Promise<Harness> {
  const harness = await startHarness({ DIGEST_CHANNEL: CHANNEL, DATABASE_URL: tempSqliteFile() }, { now: () => now });
  harness.slack.tsSeconds = Math.floor(now.getTime() / 1000);
  await harness.bot.services.store.setSetting('jobs.first_start', '2026-01-01T00:00:00.000Z');
  return harness;
}

function runner(owner: string, crashAt?: CrashPoint, leaseMs = LEASE): DigestRunner {
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
  return new DigestRunner({
    services: h.bot.services,
    poster: slackDigestPoster(h.bot.services, client, quiet),
    logger: quiet,
    owner,
    leaseMs,
    ...(crashAt
      ? {
          crashAt: (point: CrashPoint) => {
            if (point === crashAt) throw new Error(`crashed ${point}`);
          },
        }
      : {}),
  });
}

const jobs = (owner = 'A', leaseMs = LEASE) =>
  new Jobs({ services: h.bot.services, runner: runner(owner, undefined, leaseMs), logger: quiet, owner });
const digestPosts = () => h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === CHANNEL);
const leadMessages = () => h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === LEAD);

afterEach(async () => {
  await h?.close();
});

describe('a schedule in the hour the clocks skip (Europe/Berlin, Sunday 28 March 2027, 02:00 → 03:00)', () => {
  const settings = { channel: CHANNEL, schedule: '30 2 * * 0', timezone: 'Europe/Berlin' };
  // 04:00 in Berlin (CEST): the 02:30 that did not exist has passed, as 03:30.
  const sunday = new Date('2027-03-28T02:00:00Z');

  test('the last run is that Sunday (as 03:30), as the next run said it would be', () => {
    const saturday = new Date('2027-03-27T12:00:00Z');
    expect(previousRun(settings.schedule, settings.timezone, sunday).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // Unchanged on ordinary days.
    expect(previousRun(settings.schedule, settings.timezone, saturday).toISOString()).toBe('2027-03-21T01:30:00.000Z');
  });

  test("that Sunday's week is posted, not lost (nor reported missed)", async () => {
    h = await start(sunday);
    const outcome = await jobs().digestIfDue(sunday, settings);
    expect(outcome).toMatchObject({ status: 'posted', week: { id: '2027-W11' } });
    expect(digestPosts()).toHaveLength(1);
    expect(leadMessages()).toHaveLength(0);
  });
});

describe('a schedule in the hour the clocks repeat (America/New_York, Sunday 1 November 2026, 01:00–02:00 twice)', () => {
  const settings = { channel: CHANNEL, schedule: '30 1 * * 0', timezone: 'America/New_York' };

  test('01:30 comes twice; the week is posted once', async () => {
    const first = new Date('2026-11-01T05:30:00Z'); // 01:30 EDT
    const second = new Date('2026-11-01T06:30:00Z'); // 01:30 EST
    h = await start(first);
    expect(await jobs().digestIfDue(first, settings)).toMatchObject({ status: 'posted', week: { id: '2026-W43' } });
    expect(await jobs('B').digestIfDue(second, settings)).toBeUndefined();
    expect(digestPosts()).toHaveLength(1);
    expect(leadMessages()).toHaveLength(0);
  });
});

describe('a run left unfinished, then the bot down past the grace period', () => {
  const MONDAY_9 = new Date('2026-11-23T09:00:00Z');
  const hours = (n: number) => new Date(MONDAY_9.getTime() + n * 3_600_000);

  test('crashed after the claim: the week is not silently lost, the leads are told once', async () => {
    h = await start(MONDAY_9);
    await expect(runner('A', 'after-claim').run(MONDAY_9, { actor: 'schedule' })).rejects.toThrow('crashed');
    await jobs('B').check(hours(26)); // Tuesday 11:00: back up, 26 hours late
    await jobs('B').check(hours(26.1));
    expect(digestPosts()).toHaveLength(0);
    const told = leadMessages();
    expect(told).toHaveLength(1);
    expect(String(told[0]!.body.text)).toContain('/hosting digest post');
    expect(await h.bot.services.store.digestRun(CHANNEL, '2026-W47')).toMatchObject({ status: 'failed' });
  });

  test('crashed between the post and the mark: the post is found and recorded, the leads are not alarmed', async () => {
    h = await start(MONDAY_9);
    await expect(runner('A', 'after-post').run(MONDAY_9, { actor: 'schedule' })).rejects.toThrow('crashed');
    await jobs('B').check(hours(26));
    expect(digestPosts()).toHaveLength(1);
    expect(leadMessages()).toHaveLength(0);
    expect(await h.bot.services.store.digestRun(CHANNEL, '2026-W47')).toMatchObject({ status: 'posted' });
  });

  test('a live run of another replica is left alone, even when it is past the grace period', async () => {
    h = await start(MONDAY_9);
    const { store } = h.bot.services;
    // Another replica claimed it 90 s ago, as the grace period ran out, and is still gathering (10-minute leases).
    await store.claimDigestRun(CHANNEL, '2026-W47', 'OTHER', hours(24), 10 * 60_000);
    await jobs('B', 10 * 60_000).check(new Date(hours(24).getTime() + 90_000));
    expect(leadMessages()).toHaveLength(0);
    expect(await store.digestRun(CHANNEL, '2026-W47')).toMatchObject({ status: 'claimed', owner: 'OTHER' });
  });
});

describe('the digest channel changed after the week was posted', () => {
  const MONDAY_9 = new Date('2026-11-23T09:00:00Z');
  const schedule = { schedule: '0 9 * * 1', timezone: 'UTC' };

  test('the leads are not told the week was missed while the bot was down', async () => {
    h = await start(MONDAY_9);
    expect(await jobs().digestIfDue(MONDAY_9, { channel: CHANNEL, ...schedule })).toMatchObject({ status: 'posted' });
    // Wednesday: a lead moves the digest to another channel; the 5-minute check runs.
    const wednesday = new Date('2026-11-25T10:00:00Z');
    expect(await jobs().digestIfDue(wednesday, { channel: 'CNEWDIGEST', ...schedule })).toBeUndefined();
    expect(leadMessages()).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === 'CNEWDIGEST')).toHaveLength(0);
  });
});
