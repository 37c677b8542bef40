import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['digest', ...argv],
    { DATABASE_URL: tempSqliteFile() },
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
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Weekly hosting digest: Mon \d+/);
    expect(stdout).toContain('WARNING: No AWS figures this week: AWS spend is off');
    expect(stdout).toContain('WARNING: No Heroku figures this week: Heroku spend is off');
    expect(stdout).toContain('weeks Monday to Sunday in Europe/Berlin');
    expect(stdout).not.toContain(':warning:');
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
