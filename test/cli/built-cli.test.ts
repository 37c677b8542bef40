/**
 * The CLI as `npm run build` leaves it: dist/cli.js running the bundle (dist/cli-bundle.js) from the
 * code cache the build wrote, in a child process as a terminal runs it. It must answer exactly as the
 * source does, and an estimate must load no package: the AWS SDK, heroku-client, zod and the database
 * drivers load only for the commands that need them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { type BuiltRun, BUILT_CLI as CLI, runBuiltCli } from '../support/built-cli';

const ESTIMATE = ['estimate', 'web=2xstandard-2x', 'worker=1xperformance-m', 'postgres=standard-0', 'redis=premium-0'];

/**
 * A working directory of its own: the default store (./data/hosting-advisor.db) does not exist there,
 * so no stored live prices are read. The source is given that path.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'built-cli-'));

type Ran = BuiltRun;

const built = (args: string[], nodeArgs: string[] = [], cli = CLI): Promise<Ran> =>
  runBuiltCli(args, { cwd: scratch, nodeArgs, cli });

async function inProcess(args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { DATABASE_URL: path.join(scratch, 'data', 'hosting-advisor.db') },
    { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) },
  );
  return { code, stdout, stderr };
}

describe('the built CLI', () => {
  test.each([
    [ESTIMATE],
    [[...ESTIMATE, '--json']],
    [['estimate', 'aws', 'web=2xm5.large', 'rds=db.m6g.large', 'multi-az']],
    [['estimate', 'web=2xstandard-2x', 'postgres=standrad-0']],
    [['compliance', 'pci', 'aws', '--format', 'csv']],
    [['--help']],
    [['bogus']],
  ])('%j prints, byte for byte, what the source prints, with the same exit code', async (args) => {
    const [child, source] = await Promise.all([built(args), inProcess(args)]);
    expect(`${child.stdout}${child.stderr}`).not.toBe('');
    expect(child).toEqual(source);
  });

  test('an estimate loads dist/cli.js and nothing else as a module: the bundle holds the rest', async () => {
    const recorder = path.join(scratch, 'record-loaded.js');
    fs.writeFileSync(
      recorder,
      "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require('node:module')._cache))));\n",
    );
    const { code, stderr } = await built(ESTIMATE, ['--require', recorder]);
    expect(code).toBe(0);
    expect(JSON.parse(stderr)).toEqual([recorder, CLI]);
  });

  test("uses the code cache the build wrote: this Node's V8 accepts it", async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-e', `process.stdout.write(String(require(${JSON.stringify(CLI)}).loadCliBundle().cacheUsed))`],
        { cwd: scratch, env: { PATH: process.env.PATH } },
        (error, out) => (error ? reject(error) : resolve({ stdout: out })),
      ),
    );
    expect(stdout).toBe('true');
  });

  test('a damaged code cache is left unused, not trusted: the same answer instead of a V8 crash', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'damaged-cache-'));
    for (const file of ['cli.js', 'cli-bundle.js', 'cli-bundle.cache']) {
      fs.copyFileSync(path.join(path.dirname(CLI), file), path.join(copy, file));
    }
    // Bytes flipped all through it, the length kept, written after the bundle: only its checksum tells.
    const cache = path.join(copy, 'cli-bundle.cache');
    const bytes = fs.readFileSync(cache);
    for (let at = 64; at < bytes.length; at += 4096) bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    fs.writeFileSync(cache, bytes);
    const [damaged, whole] = await Promise.all([built(ESTIMATE, [], path.join(copy, 'cli.js')), built(ESTIMATE)]);
    expect(damaged).toEqual(whole);
    expect(damaged.code).toBe(0);
  });
});

describe('the last resort: an error no command expected', () => {
  test('one friendly line, no stack, and no secret, though the error quoted a DATABASE_URL password and tokens', async () => {
    // A real path: the CA file named in DATABASE_URL cannot be read, and the driver's words quote the
    // path, which here holds the URL's password, the configured Heroku token and a token-shaped name.
    const password = 'Zq8sEcReTpw41';
    const herokuToken = 'heroku-token-value-7f3a9c41';
    const tokenShaped = 'HRKU-0123456789abcdef0123';
    const caFile = `/run/secrets/${password}/${herokuToken}/${tokenShaped}.pem`;
    const url = `postgres://app:${password}@127.0.0.1:1/hosting?sslmode=verify-full&sslrootcert=${caFile}`;
    const ran = await runBuiltCli(['spend'], {
      cwd: scratch,
      env: { DATABASE_URL: url, HEROKU_API_TOKEN: herokuToken },
    });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      'hosting-advisor: the command stopped on an unexpected error: the PostgreSQL CA file /run/secrets/[redacted]/[redacted]/[redacted].pem cannot be read (ENOENT). Nothing secret is in this line; if it happens again, run the command once more and report the line.\n',
    );
    for (const secret of [password, herokuToken, tokenShaped, url]) expect(ran.stderr).not.toContain(secret);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });
});
