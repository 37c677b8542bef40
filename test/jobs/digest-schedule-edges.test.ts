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
