import { takeHerokuSnapshot } from '../../src/jobs/heroku-snapshot';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { describePostgres, freshPostgresUrl, tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/**
 * The daily snapshot and an app the token never reads (a collaborator app with restricted access:
 * 403 on its formation, every day). The real bot against the local Heroku and the recording Slack,
 * on SQLite and (with TEST_DATABASE_URL) PostgreSQL; the job is run the way the scheduler runs it,
 * one UTC day at a time. shop-api runs 2 × Standard-2X ($100 a month: $3.33⅓ a day); acme-tools, in
 * team acme, 1 × Standard-2X. "Now" is Monday 23 Nov 2026, 09:00 UTC.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const noon = (day: string) => new Date(`${day}T12:00:00Z`);
const days = (from: string, to: string) => {
  const all: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000)
    all.push(new Date(ms).toISOString().slice(0, 10));
  return all;
};

let heroku: FakeHeroku;
let h: Harness;
let warnings: string[];
const logger = {
  warn: (line: string) => warnings.push(line),
  error: (line: string) => warnings.push(line),
};

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 7 });
  w.addTeam('acme');
  w.addApp('shop-api', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }] });
  w.addApp('acme-tools', { team: 'acme', formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  return w;
}

const refuseAcmeTools = () =>
  heroku.inject({
    path: `/apps/${heroku.world.app('acme-tools').id}/formation`,
    times: Infinity,
    fault: { type: 'forbidden' },
  });

/** Each day's snapshot, taken at noon of that day, as the scheduler would. */
async function snapshotDays(list: readonly string[]) {
  const outcomes = [];
  for (const day of list) outcomes.push(await takeHerokuSnapshot(h.bot.services, 'replica-a', noon(day), logger));
  return outcomes;
}

type Body = { text?: string; blocks?: { text?: { text: string }; elements?: { text?: string }[] }[] };
const shown = (body: Body) =>
  [
    ...(body.blocks ?? []).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ')),
    body.text ?? '',
  ].join('\n');

async function answer(command: string, name?: string): Promise<string> {
  const before = h.slack.responses.length;
  expect((await h.command(command, { user_id: LEAD })).status).toBe(200);
  await h.settle();
  const body = h.slack.responses.slice(before).at(-1)?.body as Body;
  if (name) capture(name, body);
  return shown(body);
}

/** The same tests on each store: `database` gives a fresh one; `kind` names the captures. */
function onStore(kind: string, database: () => Promise<string | undefined>) {
  beforeEach(async (): Promise<void> => {
    const url = await database();
    if (!url) return;
    // A Heroku of its own for each test: the second adds an app.
    heroku = await FakeHeroku.start({ world: world() });
    warnings = [];
    h = await startHarness(
      { DATABASE_URL: url, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url },
      { now: () => NOW },
    );
  });
  afterEach(async () => {
    await h?.close();
    await heroku?.close();
    h = undefined as unknown as Harness;
    heroku = undefined as unknown as FakeHeroku;
  });
  test('an app never read holds no day back: the day is written for the others, the run names it, and the figures say whose cost they lack', async () => {
    refuseAcmeTools();
    const outcomes = await snapshotDays(days('2026-11-09', '2026-11-23'));
    expect(outcomes).toEqual(Array(15).fill({ apps: 1, leftOut: ['acme-tools'] }));
    const store = h.bot.services.store;
    expect((await store.snapshots('2026-11-09', '2026-11-24')).map((row) => row.app)).toEqual(
      Array(15).fill('shop-api'),
    );
    const run = await store.snapshotRun('2026-11-22');
    expect(run).toMatchObject({ status: 'posted', apps: 1 });
    expect(run?.error).toBeUndefined();
    expect(run?.leftOut).toEqual([
      { day: '2026-11-22', app: 'acme-tools', team: 'acme', reason: expect.stringContaining('acme-tools') },
    ]);
    const reason = run!.leftOut![0]!.reason;
    expect(reason).toMatch(/403|permission|access/i);
    // The log says what was written and whom it left out, with Heroku's answer.
    expect(warnings[0]).toBe(
      `the daily Heroku snapshot for 2026-11-09 was taken for 1 app; 1 Heroku app could not be read (acme-tools) and is left out: no stored snapshot has it, so the day is whole without it, and the figures made from it name it. ${reason}`,
    );
    expect(warnings.join('\n')).not.toContain(heroku.token);

    // Spend from snapshots: shop-api's seven days, $23.33, compared with the week before, and
    // acme-tools named as not counted, with Heroku's answer.
    const spend = await answer('spend heroku 7d', `never-read-spend-${kind}`);
    expect(spend).toContain('$23.33');
    expect(spend).toContain(
      `acme-tools is not in this total (its cost is not included): it has never been readable: ${reason}`,
    );
    expect(spend).not.toMatch(/days covered/);
    // The digest's weeks (W46 and W47, both from snapshots), compared, with the same words.
    const digest = await answer('digest', `never-read-digest-${kind}`);
    expect(digest).toContain('*Heroku* last week: *$23.33*');
    expect(digest).toContain(
      `acme-tools is not in these figures (its cost is not included): it has never been readable: ${reason}`,
    );
    // A budget on all Heroku spend: month to date from the same snapshots, and the same words.
    await answer('budget set everything 500/month heroku');
    const budgets = await answer('budget list', `never-read-budgets-${kind}`);
    expect(budgets).toContain("acme-tools is not in this budget's Heroku figures (its cost is not included)");
  });

  test('an app read at last is counted from that day: a period that mixes says so and is not compared; refused again, it holds the day back', async () => {
    refuseAcmeTools();
    await snapshotDays(days('2026-11-09', '2026-11-18'));
    heroku.clearFaults();
    expect(await snapshotDays(days('2026-11-19', '2026-11-22'))).toEqual(Array(4).fill({ apps: 2 }));
    const reason = (await h.bot.services.store.snapshotRun('2026-11-18'))!.leftOut![0]!.reason;
    // 16–22 Nov: shop-api 7 days ($23.33) and acme-tools from the 19th, 4 days ($6.67).
    const spend = await answer('spend heroku 7d', `read-since-spend-${kind}`);
    expect(spend).toContain('$30.00');
    expect(spend).toContain(
      `acme-tools is in this total only from 2026-11-19, when it was first read (its cost before then is not included): until then it had never been readable: ${reason}`,
    );
    expect(spend).toContain(
      'not compared with 9 – 15 Nov 2026: acme-tools is not in the figures up to 2026-11-18, when it had never been read, so a change would show its cost as a rise.',
    );
    expect(spend).not.toMatch(/\+\$6\.67/);
    const digest = await answer('digest');
    expect(digest).toContain(
      'not compared with the week before (acme-tools is not in the figures up to 2026-11-18, when it had never been read)',
    );
    expect(digest).toContain('acme-tools is in these figures only from 2026-11-19, when it was first read');
    // Now in the snapshots, acme-tools refused again holds the day back, as any app read before.
    refuseAcmeTools();
    expect(await snapshotDays(['2026-11-23'])).toEqual([{ notRead: ['acme-tools'] }]);
  });

  test('an app read yesterday and refused today still holds the day back; an app never read beside it does not change that', async () => {
    expect(await snapshotDays(['2026-11-21'])).toEqual([{ apps: 2 }]);
    refuseAcmeTools();
    heroku.world.addApp('newcomer', { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
    heroku.inject({
      path: `/apps/${heroku.world.app('newcomer').id}/formation`,
      times: Infinity,
      fault: { type: 'forbidden' },
    });
    expect(await snapshotDays(['2026-11-22'])).toEqual([{ notRead: ['acme-tools'] }]);
    const store = h.bot.services.store;
    expect(await store.snapshots('2026-11-22', '2026-11-23')).toEqual([]);
    const run = await store.snapshotRun('2026-11-22');
    expect(run?.status).toBe('failed');
    // The failed run names the app that held it back, not the one that could not have.
    expect(run?.error).toContain('not taken: 1 Heroku app could not be read (acme-tools), and a day without it');
    expect(run?.error).not.toContain('newcomer');
    expect(run?.leftOut).toBeUndefined();
    expect(warnings.join('\n')).toContain('the daily Heroku snapshot for 2026-11-22 was not taken');
  });
}

describe('on SQLite', () => onStore('SQLite', async () => tempSqliteFile()));
describePostgres('on PostgreSQL', () => onStore('PostgreSQL', freshPostgresUrl));
