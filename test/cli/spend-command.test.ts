import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';

/** `npx hosting-advisor spend` where nothing asked for is connected: a script must not read that as spend. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['spend', ...argv],
    { DATABASE_URL: tempSqliteFile() },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('spend with no platform connected', () => {
  test('exits 1 and says on stderr which variables to set', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AWS spend is off: set AWS credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(stderr).toContain('Heroku spend is off: set HEROKU_API_TOKEN');
  });

  test('one platform asked for and off: exits 1 too', async () => {
    const { code, stdout, stderr } = await run('aws', '30d', 'by', 'service');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AWS spend is off');
  });

  test('--json: the same statuses on stdout for a script to read, and exit 1', async () => {
    const { code, stdout } = await run('heroku', '--json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { platforms: { platform: string; status: string; problem: string }[] };
    expect(json.platforms).toEqual([
      expect.objectContaining({
        platform: 'heroku',
        status: 'off',
        problem: expect.stringContaining('HEROKU_API_TOKEN'),
      }),
    ]);
  });
});
