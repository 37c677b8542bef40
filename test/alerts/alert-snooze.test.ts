import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { alertJobs, headlines, replies, standard2xSnapshot } from './support';

/**
 * Snooze from an anomaly message, end to end: a lead snoozes Heroku app api-prod for a week; a new
 * spike inside the week is not posted, one after it is. Who snoozed is said in the thread and kept
 * in the audit log; anyone else is refused and the snooze stays as the lead set it.
 */
const COSTS = 'C0COSTS';
const at = (day: string) => new Date(`${day}T07:00:00Z`);
let clock = at('2026-11-17');
let h: Harness;

/** api-prod's formation each day (Standard-2X, $50 a month each), as the daily snapshots recorded it. */
async function ran(from: string, to: string, quantity: number) {
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    await h.bot.services.store.putSnapshot({
      day: d,
      app: 'api-prod',
      data: standard2xSnapshot(quantity),
      takenAt: clock,
    });
  }
}

beforeEach(async () => {
  clock = at('2026-11-17');
  h = await startHarness({ ALERTS_CHANNEL: COSTS }, { now: () => clock });
  h.slack.tsSeconds = Math.floor(clock.getTime() / 1000);
  await ran('2026-10-20', '2026-11-16', 2);
  await ran('2026-11-17', '2026-11-17', 6);
});
afterEach(async () => h.close());

async function scan(day: string) {
  clock = at(day);
  return alertJobs(h, 'replica-a').scanAnomalies(clock);
}

async function press(actionId: string, user: string) {
  const [summary] = headlines(h, COSTS);
  const [detail] = replies(h, COSTS, summary!.ts);
  await h.interaction({
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'message', message_ts: detail!.ts, channel_id: COSTS, is_ephemeral: false },
    channel: { id: COSTS, name: 'costs' },
    message: { type: 'message', ts: detail!.ts, thread_ts: summary!.ts, text: detail!.text },
    response_url: `${h.slack.url}/respond/snooze-${user}`,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'alert_actions',
        value: 'heroku-app:api-prod@2026-11-17',
        text: { type: 'plain_text', text: 'Snooze' },
        action_ts: '1.2',
      },
    ],
  });
  await h.settle();
  return h.slack.responses.filter((r) => r.path.endsWith(`snooze-${user}`)).map((r) => String(r.body.text));
}

test('Snooze 1 week: a spike inside the week is held, one after it is posted; said in the thread and audited', async () => {
  await scan('2026-11-17');
  expect(headlines(h, COSTS)).toHaveLength(1);

  expect(await press('alert_snooze_day', NOT_LEAD)).toEqual([
    expect.stringContaining('Sorry, only hosting leads can act on cost alerts'),
  ]);
  expect(await h.bot.services.store.snoozedUntil('heroku-app:api-prod')).toBeUndefined();

  await press('alert_snooze_week', LEAD);
  const [summary] = headlines(h, COSTS);
  expect(replies(h, COSTS, summary!.ts).map((m) => m.text)).toContain(
    `<@${LEAD}> snoozed alerts for Heroku app api-prod until 2026-11-24 07:00 UTC.`,
  );
  expect(await h.bot.services.store.auditLog()).toContainEqual(
    expect.objectContaining({ actor: LEAD, action: 'alert-snooze', detail: 'heroku-app:api-prod@2026-11-17' }),
  );

  // Back to 2 dynos, then 8 on 20 Nov: a new spike, inside the week, so not posted.
  await ran('2026-11-18', '2026-11-19', 2);
  await ran('2026-11-20', '2026-11-20', 8);
  const held = await scan('2026-11-20');
  expect(held.posted).toEqual([]);
  expect(headlines(h, COSTS)).toHaveLength(1);

  // Back to 2, then 8 again on 25 Nov, after the snooze: posted, once.
  await ran('2026-11-21', '2026-11-24', 2);
  await ran('2026-11-25', '2026-11-25', 8);
  await scan('2026-11-25');
  await scan('2026-11-25');
  const posted = headlines(h, COSTS);
  expect(posted).toHaveLength(2);
  expect(posted[1]!.text).toContain('1 cost anomaly found on 2026-11-25');
  expect(replies(h, COSTS, posted[1]!.ts)[0]!.text).toContain(
    'api-prod: web dynos went from 2 × Standard-2X to 8 × Standard-2X',
  );
});

test('Snooze 1 week on a scale-up that stays: not announced again when the week ends, as it would not have been unsnoozed', async () => {
  await scan('2026-11-17');
  await press('alert_snooze_week', LEAD);
  // api-prod stays at 6 dynos: the same episode every day, through the snooze and past its end (24 Nov 07:00).
  for (const day of [
    '2026-11-18',
    '2026-11-19',
    '2026-11-20',
    '2026-11-21',
    '2026-11-22',
    '2026-11-23',
    '2026-11-24',
    '2026-11-25',
  ]) {
    await ran(day, day, 6);
    await scan(day);
  }
  // Before: '1 cost anomaly found on 2026-11-24 …' with 'no formation or add-on change between 2026-11-23 and 2026-11-24'.
  expect(headlines(h, COSTS).map((m) => m.text)).toEqual([expect.stringContaining('found on 2026-11-17')]);
  expect(await h.bot.services.store.alert('heroku-app:api-prod@2026-11-17')).toMatchObject({ lastDay: '2026-11-25' });
});
