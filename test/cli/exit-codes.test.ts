/**
 * One exit-code contract for every command, as a script sees it from the built CLI: 0 when it
 * answered, 2 on a usage error (an unknown, repeated or contradictory word or option, a bad value, a
 * missing argument, an unknown command: said on stderr with an example, nothing on stdout), 1 when the
 * command was understood but could not answer (nothing connected, no prices for a region, a setting or
 * a store that cannot be used). Every command listed by --help must have a row of each kind here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../support/built-cli';

/** No credentials, no store: a directory of its own, where ./data/hosting-advisor.db does not exist. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'exit-codes-'));

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runBuiltCli(argv, { cwd: scratch, env });

const USAGE_ERRORS: string[][] = [
  ['estimate', 'web=2xstandard-2x', '--verbose'],
  ['estimate', 'web=2xstandard-2x', '--json=yes'],
  ['estimate'],
  ['estimate', 'web=2xstandrd-2x'],
  ['estimate', 'web=2xstandard-2x', 'region=ireland'],
  ['estimate', 'web=2xstandard-2x', 'staging', 'staging'],
  ['estimate', 'aws', 'web=2xm5.large', 'fargate', 'ec2'],
  ['compliance', 'hipaa', '--verbose'],
  ['compliance'],
  ['compliance', 'nist'],
  ['compliance', 'hipaa', '--format', 'pdf'],
  ['compliance', 'hipaa', 'live', 'web=2xstandard-2x'],
  ['spend', '--csv'],
  ['spend', 'azure'],
  ['spend', '7d', '30d'],
  ['parity', '--csv'],
  ['parity', 'shop', 'docs'],
  ['migrate', '--csv'],
  ['migrate', 'azure'],
  ['digest', '--dry-run', '--post'],
  ['digest'],
  ['digest', '--dry-run', '--timezone', 'Mars/Base'],
  ['digest', '--dry-run', 'weekly'],
  ['prices', '--all'],
  ['prices', 'now'],
  // Slack's commands, not the terminal's, and a word that is no command.
  ['budget'],
  ['alerts'],
  ['bogus'],
  ['help', 'bogus'],
  ['--help', 'estimat'],
];

/** Understood, but not answered: [command line, environment beyond PATH]. */
const FAILURES: [string[], NodeJS.ProcessEnv][] = [
  [['estimate', 'app=shop-api'], {}],
  [['estimate', 'web=2xstandard-2x', 'region=ap-south-1'], {}],
  [['estimate', 'web=1xstandard-1x'], { AWS_PRICING_REGION: 'eu-west-1,Ireland' }],
  [['compliance', 'hipaa', 'live'], {}],
  [['compliance', 'hipaa', 'app=shop-api'], {}],
  [['spend'], {}],
  // Nothing listens on port 1: a store that cannot be opened.
  [['spend'], { DATABASE_URL: 'postgres://bot@127.0.0.1:1/hosting' }],
  [['parity'], {}],
  [['migrate'], {}],
  // Printed, each platform saying what to set, but with no figures.
  [['digest', '--dry-run'], {}],
  // Nothing listens on port 1: the Heroku prices cannot be read (after the client's retries, ~5 s).
  [['prices', 'refresh'], { HEROKU_API_URL: 'http://127.0.0.1:1' }],
];

const ANSWERED: string[][] = [
  ['estimate', 'web=2xstandard-2x', 'postgres=standard-0'],
  ['compliance', 'hipaa'],
  ['prices'],
  ['help'],
  ['--help'],
  ['spend', '--help'],
];

describe('exit codes', () => {
  test.each(USAGE_ERRORS.map((argv) => [argv]))(
    'a usage error exits 2, said on stderr with an example: %j',
    async (argv) => {
      const { code, stdout, stderr } = await run(argv);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      // A command line to copy, or the words to write (`Example: web=2xstandard-2x`, `e.g. region=eu-west-1`).
      expect(stderr).toMatch(/npx hosting-advisor |example|e\.g\./i);
    },
  );

  test.each(FAILURES)('understood but not answered exits 1, saying why: %j %j', async (argv, env) => {
    const { code, stdout, stderr } = await run(argv, env);
    expect(code).toBe(1);
    // On stderr, or in the report on stdout that `prices refresh` prints, each failed source in it.
    expect(`${stdout}${stderr}`).toMatch(/\w/);
  });

  test.each(ANSWERED.map((argv) => [argv]))('an answer exits 0: %j', async (argv) => {
    const { code, stdout } = await run(argv);
    expect(code).toBe(0);
    expect(stdout).not.toBe('');
  });

  test('every command --help lists has a usage error and a failure above', async () => {
    const { stdout } = await run(['--help']);
    const list = stdout.slice(stdout.indexOf('Commands:'), stdout.indexOf('Examples:'));
    const commands = [...list.matchAll(/^ {2}([a-z]+)\b/gm)].map(([, name]) => name).filter((name) => name !== 'help');
    expect(commands).toEqual(['estimate', 'compliance', 'spend', 'parity', 'migrate', 'digest', 'prices']);
    for (const name of commands) {
      expect({ name, usage: USAGE_ERRORS.some(([first]) => first === name) }).toEqual({ name, usage: true });
      expect({ name, failure: FAILURES.some(([[first]]) => first === name) }).toEqual({ name, failure: true });
    }
  });
});
