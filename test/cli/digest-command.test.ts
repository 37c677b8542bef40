import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

async function run(...argv: string[]) {
  return runWith(argv);
}

async function runWith(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['digest', ...argv],
    { DATABASE_URL: tempSqliteFile(), ...env },
    {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npx hosting-advisor digest --dry-run', () => {
  test('without credentials: the digest skeleton, each platform saying what to set, nothing posted', async () => {
    const { code, stdout } = await run('--dry-run', '--timezone', 'Europe/Berlin');
    // Printed, but with no figures on either platform: not an answer a script may take for one.
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Weekly hosting digest: Mon \d+/);
    expect(stdout).toContain('WARNING: No AWS figures this week: AWS spend is off');
    expect(stdout).toContain('WARNING: No Heroku figures this week: Heroku spend is off');
    expect(stdout).toContain('weeks Monday to Sunday in Europe/Berlin');
    expect(stdout).not.toContain(':warning:');
  });

  test('a platform that could not be read: the digest saying so, and exit 1', async () => {
    // Nothing listens on port 1; the token is only shaped like one.
    const env = { HEROKU_API_TOKEN: 'HRKU-0123456789abcdef0123456789abcdef', HEROKU_API_URL: 'http://127.0.0.1:1' };
    const { code, stdout } = await runWith(['--dry-run'], env);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "WARNING: No Heroku figures this week: could not read Heroku and no daily snapshots are stored: Heroku's API could not be reached (ECONNREFUSED)",
    );
  });

  test('refuses to post', async () => {
    expect((await run()).stderr).toContain('only previews the digest');
  });

  test.each([
    [['--dry-run', '--timezone', 'Mars/Base'], '"Mars/Base" is not an IANA time zone'],
    [['--dry-run', '--timezone'], '--timezone needs a value'],
    [['--dry-run', '--timezone='], '--timezone needs a value'],
    [['--dry-run', 'weekly'], 'I don\'t know "weekly" here'],
  ])('%j names what was wrong, with a correct example', async (argv, reason) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toContain('For example: npx hosting-advisor digest --dry-run --timezone Europe/Berlin');
  });
});

describe('digest --dry-run in its first week (no daily snapshots yet)', () => {
  let heroku: FakeHeroku;
  beforeAll(async () => {
    const world = new HerokuWorld({ seed: 5 });
    world.addApp('shop-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
    heroku = await FakeHeroku.start({ world });
  });
  afterAll(() => heroku.close());

  test("Heroku's run-rate week is not compared with a week it has no figures for, and month to date is inclusive dates", async () => {
    const env = { HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
    const { stdout } = await runWith(['--dry-run'], env);
    // One Standard-2X at $50.00 a month: 7/30 of it.
    expect(stdout).toContain(
      "$11.67 last week (estimated): run-rate: today's apps for 7 days; not compared with the week before (no daily snapshots yet)",
    );
    expect(stdout).not.toContain('no spend the week before');
    const today = new Date().toISOString().slice(0, 10);
    const monthStart = `${today.slice(0, 7)}-01`;
    const mtd = stdout.split('\n').find((line) => line.startsWith('Month to date'))!;
    if (today === monthStart) expect(mtd).toContain('no whole day yet');
    else
      expect(mtd).toMatch(
        new RegExp(`^Month to date \\(${today.slice(0, 7)}, ${monthStart} to \\d{4}-\\d{2}-\\d{2}\\): `),
      );
    expect(stdout).not.toContain('exclusive');
  });
});
