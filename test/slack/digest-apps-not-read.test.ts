import { runCli } from '../../src/cli/run-cli';
import { takeHerokuSnapshot } from '../../src/jobs/heroku-snapshot';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { standard2xSnapshot } from '../support/snapshots';

/**
 * An app the token cannot read, seen from the weekly digest and the daily snapshot: the real
 * receiver, the bot's own Heroku source against the local Heroku (403 on one app's formation, or on
 * a team's member list), the recording Slack. The week is W47 (16–22 Nov 2026); "now" is Monday 09:00.
 * AWS is not connected: only Heroku's section is looked at.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const SUNDAY = new Date('2026-11-22T12:00:00Z');

let heroku: FakeHeroku;
let h: Harness;

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 11 });
  w.addTeam('acme');
  // The team's one member has two-factor: read, the HIPAA two-factor check is met.
  w.addMember('acme', 'ana@acme.example', { twoFactor: true, role: 'member' });
  w.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  w.addApp('acme-tools', { team: 'acme', formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  return w;
}

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: world() });
});
afterAll(() => heroku.close());

// A bot of its own for each test: no inventory cached from the one before.
beforeEach(async () => {
  heroku.clearFaults();
  h = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url }, { now: () => NOW });
});
afterEach(() => h.close());

const refuseAcmeTools = () =>
  heroku.inject({
    path: `/apps/${heroku.world.app('acme-tools').id}/formation`,
    times: Infinity,
    fault: { type: 'forbidden' },
  });

type Body = { text: string; blocks?: { text?: { text: string }; elements?: { text?: string }[] }[] };
const shown = (body: Body) =>
  (body.blocks ?? []).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ')).join('\n');

async function digestPreview(name?: string): Promise<string> {
  const before = h.slack.responses.length;
  const ack = await h.command('digest', { user_id: LEAD });
  expect(ack.status).toBe(200);
  await h.settle();
  const answer = h.slack.responses.slice(before).at(-1)?.body as Body;
  if (name) capture(name, answer);
  return `${shown(answer)}\n${answer.text}`;
}

/** Both apps every day from 1 Nov to `lastDay` (inclusive): shop-api 2 × $50, acme-tools 1 × $50 a month. */
async function seedWholeDays(lastDay: string) {
  const rows = [];
  for (let day = new Date('2026-10-26T00:00:00Z'); day.toISOString().slice(0, 10) <= lastDay; ) {
    const iso = day.toISOString().slice(0, 10);
    rows.push({ day: iso, app: 'shop-api', takenAt: NOW, data: standard2xSnapshot(2, null) });
    rows.push({ day: iso, app: 'acme-tools', takenAt: NOW, data: standard2xSnapshot(1, 'acme') });
    day = new Date(day.getTime() + 86_400_000);
  }
  await h.bot.services.store.putSnapshots(rows);
}

test('run-rate digest: the app left out is named beside the figures, which are the other apps alone; no AWS model', async () => {
  refuseAcmeTools();
  const text = await digestPreview('digest-app-not-read');
  // shop-api alone: 7 × 2 × $50 / 30 = $23.33 (with acme-tools it would be $35.00).
  expect(text).toContain('*Heroku* last week: *$23.33*');
  expect(text).not.toContain('$35.00');
  expect(text).toContain(
    ':warning: 1 Heroku app could not be read, so it is not in these run-rate figures (its cost is not included): acme-tools. And the account is not modelled on AWS this week: a model without it would show its cost as a saving.',
  );
  expect(text).not.toContain('On AWS (modelled)');
  expect(text).not.toContain(heroku.world.app('acme-tools').id);
  // The compliance posture counts what was read, and says the read was incomplete.
  expect(text).toMatch(/HIPAA[^\n]*Heroku: \d+ met, \d+ gaps?, \d+ to verify \(incomplete read\)/);

  // The terminal's digest says it once, beside the figures, and not again among how they were made.
  const out: string[] = [];
  const env = { DATABASE_URL: tempSqliteFile(), HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
  expect(await runCli(['digest', '--dry-run'], env, { out: (line) => out.push(line), err: () => {} })).toBe(0);
  const terminal = out.join('\n');
  expect(terminal).toContain('1 Heroku app could not be read, so it is not in these run-rate figures');
  expect(terminal.match(/a model without it would show its cost as a saving/g)).toHaveLength(1);
});

test('the daily snapshot skips a day with an app missing (retried an hour on), so the week is not compared rather than shown as a drop', async () => {
  // Both apps every day up to Saturday 21 Nov; Sunday's snapshot is taken while acme-tools is unreadable.
  await seedWholeDays('2026-11-21');
  refuseAcmeTools();
  const warnings: string[] = [];
  const logger = { warn: (line: string) => warnings.push(line), error: (line: string) => warnings.push(line) };
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', SUNDAY, logger)).toEqual({ notRead: ['acme-tools'] });
  const store = h.bot.services.store;
  expect(await store.snapshots('2026-11-22', '2026-11-23')).toEqual([]);
  const run = await store.snapshotRun('2026-11-22');
  expect(run?.status).toBe('failed');
  expect(run?.error).toContain('1 Heroku app could not be read (acme-tools)');
  expect(warnings.join('\n')).toContain(
    'the daily Heroku snapshot for 2026-11-22 was not taken: 1 Heroku app could not be read (acme-tools)',
  );
  expect(warnings.join('\n')).not.toContain(heroku.token);
  // Within the hour it is not tried again.
  const requests = heroku.log.length;
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', new Date(SUNDAY.getTime() + 30 * 60_000), logger)).toBe(
    'taken',
  );
  expect(heroku.log.length).toBe(requests);

  const text = await digestPreview();
  // Six days of W47 (both apps, $5.00 a day) = $30.00; the week before, seven = $35.00. Compared, the
  // missing Sunday would read as a -$5.00 drop: it is said instead, and no change is shown.
  expect(text).toContain('*Heroku* last week: *$30.00* estimated');
  expect(text).toMatch(/not compared[^\n]*no snapshot/);
  expect(text).not.toContain('-$5.00');
  expect(text).toContain('1 Heroku app could not be read today (acme-tools), so the account is not modelled on AWS');

  // An hour on, acme-tools readable again: the day is taken whole.
  heroku.clearFaults();
  const later = new Date(SUNDAY.getTime() + 61 * 60_000);
  await h.bot.services.sources.heroku!.inventory({ refresh: true });
  expect(await takeHerokuSnapshot(h.bot.services, 'replica-a', later, logger)).toEqual({ apps: 2 });
  expect((await store.snapshots('2026-11-22', '2026-11-23')).map((row) => row.app).sort()).toEqual([
    'acme-tools',
    'shop-api',
  ]);
});

test("a team whose members cannot be read: the digest's posture never counts two-factor as met for it", async () => {
  const whole = await digestPreview();
  const hipaa = (text: string) => /HIPAA[^\n]*Heroku: (\d+) met[^\n]*/.exec(text);
  expect(hipaa(whole)?.[0]).not.toContain('incomplete read');
  h.close();
  h = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url }, { now: () => NOW });
  heroku.inject({ path: /^\/teams\/[^/]+\/members$/, times: Infinity, fault: { type: 'forbidden' } });
  const unread = await digestPreview();
  expect(hipaa(unread)?.[0]).toContain('(incomplete read)');
  // Read, ana has two-factor and her role is plain: two-factor and roles are met. Not read, they are
  // to verify (the token owner alone, with two-factor, must not stand for the team).
  expect(Number(hipaa(whole)?.[1])).toBe(2);
  expect(Number(hipaa(unread)?.[1])).toBe(0);
});
