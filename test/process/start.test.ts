import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempSqliteFile } from '../support/databases';
import { FakeSlack } from '../support/fake-slack';

const entry = path.resolve(__dirname, '../../dist/index.js');

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: tempSqliteFile(), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('starting the bot with bad configuration', () => {
  const secret = 'not-hex-but-very-secret-value-123';
  const run = () =>
    start({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret-999',
      SLACK_SIGNING_SECRET: secret,
      PORT: 'eighty',
      DIGEST_SCHEDULE: 'every monday',
      DIGEST_TIMEZONE: 'Mars/Olympus',
      HOSTING_LEADS: 'U123ABC,bob',
    });

  test('exits non-zero with one message naming every bad variable and how to fix it', () => {
    const result = run();
    expect(result.status).toBe(1);
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'PORT',
      'DIGEST_SCHEDULE',
      'DIGEST_TIMEZONE',
      'HOSTING_LEADS',
    ]) {
      expect(result.stderr).toContain(`✖ ${name}:`);
    }
    expect(result.stderr).toContain('such as "0 9 * * 1"');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('never prints a secret value', () => {
    const result = run();
    expect(result.stderr + result.stdout).not.toContain('user-token-secret-999');
    expect(result.stderr + result.stdout).not.toContain(secret);
  });

  test('missing Slack credentials are named, with where to find them', () => {
    const result = start({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN: is required to run the bot');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET: is required in HTTP mode');
  });
});

describe('starting the bot with a DATABASE_URL that names no store it can open', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123' };

  test.each([
    ['another database', 'mysql://app:db-password-771@db.internal/hosting'],
    ['a misspelt scheme', 'postgress://app:db-password-771@db.internal/hosting'],
    ['a PostgreSQL URL that is not a URL', 'postgres://app:db-password-771@db.internal:fivefourthreetwo/hosting'],
  ])('%s: refused before anything is opened, naming the variable with an example, never the password', (_, url) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'database-url-'));
    try {
      const result = spawnSync(process.execPath, [entry], {
        cwd,
        env: { PATH: process.env.PATH ?? '', PORT: '0', ...slack, DATABASE_URL: url },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('✖ DATABASE_URL: must be');
      expect(result.stderr).toContain('postgres://user:password@host:5432/');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr + result.stdout).not.toContain('db-password-771');
      // Nothing was taken for a SQLite file path (a directory named after the URL, password and all).
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('starting in Socket Mode with an app-level token Slack refuses', () => {
  let slack: FakeSlack;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    slack = await new FakeSlack().start();
  });
  afterEach(async () => {
    // A bot that never gave up (it asked slack.com instead) must not outlive the test.
    if (child?.exitCode === null) child.kill('SIGKILL');
    await slack.stop();
  });

  test('asks the Slack of SLACK_API_URL, then exits 1 naming SLACK_APP_TOKEN and how to make one, never its value', async () => {
    slack.answer('apps.connections.open', { ok: false, error: 'invalid_auth' });
    const appToken = 'xapp-1-A111-revoked-s3cr3t-app-token';
    const bot = spawn(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        DATABASE_URL: tempSqliteFile(),
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_APP_TOKEN: appToken,
        SLACK_API_URL: slack.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = bot;
    let output = '';
    bot.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => bot.on('exit', resolve));

    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(status).toBe(1);
    expect(output).toContain('✖ SLACK_APP_TOKEN: Slack refused it (invalid_auth)');
    expect(output).toContain('connections:write');
    expect(output).not.toContain('revoked-s3cr3t');
  });
});
