import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';

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
