import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { type RunningBot, startBot } from '../../src/server';
import { tempSqliteFile } from '../support/databases';
import { costAndUsagePage, type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { FakeSlack } from '../support/fake-slack';
import { waitUntil } from '../support/gate';
import { setProcessEnv } from '../support/process-env';
import { secretForms } from './support';

// As in the other live-Heroku tests.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;
// heroku-client loads this on its first request; the bot's start-up job makes that request just
// after beforeAll, between hooks, where jest refuses to load modules. Load it now.
require('heroku-client/lib/url');

/**
 * No secret reaches a log line, stdout or stderr, in any form (as is, URL-encoded, base64 as in a
 * Basic auth header), whatever happens: answers, Heroku and AWS succeeding and failing, requests
 * with bad signatures, bad configuration; in process at LOG_LEVEL=debug with the bot's own logger,
 * and in the built process (`node dist/index.js`).
 *
 * The values are shaped like the real ones, but only the bot token matches a token pattern the
 * logger redacts anyway; the others (a hex signing secret, a UUID-style Heroku token, an AWS secret
 * key) are protected only by the bot knowing they are secrets.
 */

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-5550001111-5550002222-s3cr3tB0tT0kenValue9',
  SLACK_SIGNING_SECRET: '7c1e5a0f93d24b68a1e0c4f2b9d8e7a6',
  HEROKU_API_TOKEN: '4b2d9e17-8c3a-4f6e-9a01-c5d7e3b2f8a4',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYz9Secret42',
};
/** Not a secret on its own, but nothing the bot should print either. */
const AWS_ACCESS_KEY_ID = 'ASIAQSECRETSTEST0042';
const LEAD = 'ULEAD0001';

/** Every form of every secret, with the variable it belongs to. */
function forbidden(secrets: Record<string, string>): { name: string; form: string }[] {
  return Object.entries(secrets).flatMap(([name, value]) => secretForms(value).map((form) => ({ name, form })));
}

function leaksIn(text: string, secrets: Record<string, string> = { ...SECRETS, AWS_ACCESS_KEY_ID }): string[] {
  return forbidden(secrets)
    .filter(({ form }) => text.includes(form))
    .map(({ name, form }) => {
      const at = text.indexOf(form);
      return `${name} (as ${JSON.stringify(form)}) in: ${JSON.stringify(text.slice(Math.max(0, at - 200), at + 100))}`;
    });
}

// ---------------------------------------------------------------------------------------------
// Capturing everything written while the bot runs in this process

const captured: string[] = [];
const restore: (() => void)[] = [];

/** Records (and keeps off the test output) every write to stdout and stderr and every console call. */
function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map(String).join(' '));
    };
    restore.push(() => {
      console[method] = original;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The bot, Slack, Heroku and Cost Explorer

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const AWS_ENV = {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: SECRETS.AWS_SECRET_ACCESS_KEY,
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '1',
};

let slack: FakeSlack;
let heroku: FakeHeroku;
let ce: FakeCostExplorer;
let bot: RunningBot;
let url: string;
let restoreEnv = () => {};
let requestId = 0;

function sign(body: string, secret = SECRETS.SLACK_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  };
}

async function post(target: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${target}/slack/events`, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text() };
}

function commandBody(text: string, user = LEAD): string {
  const id = ++requestId;
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'C0CHANNEL',
    channel_name: 'eng',
    user_id: user,
    user_name: 'someone',
    command: '/hosting',
    text,
    api_app_id: 'A1',
    response_url: `${slack.url}/respond/${id}`,
    trigger_id: `trigger-${id}`,
  }).toString();
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function command(text: string) {
  const body = commandBody(text);
  const res = await post(url, body, { ...FORM, ...sign(body) });
  await settle();
  return res;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (bot.slack.idle()) return;
    await new Promise((resolve) => setTimeout(resolve, 5).unref());
  }
  throw new Error('the bot did not settle');
}

function world(): HerokuWorld {
  const w = new HerokuWorld({ seed: 7 });
  w.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  return w;
}

/** What Cost Explorer answered (its own log is forgotten on reset). */
const ceOutcomes = new Set<string | number>();
function resetCostExplorer(): void {
  for (const request of ce.requests()) ceOutcomes.add(request.errorName ?? request.outcome);
  ce.reset();
}

/** Cost Explorer answering every GetCostAndUsage with one day of EC2, and a forecast. */
function scriptCostExplorer(): void {
  resetCostExplorer();
  ce.reply('GetCostAndUsage', ({ input }) =>
    reply.ok(
      costAndUsagePage({
        metric: 'UnblendedCost',
        groupBy: (input.GroupBy ?? []) as { Type: 'DIMENSION'; Key: string }[],
        days: [{ day: input.TimePeriod?.Start ?? '2026-01-01', groups: [{ keys: [EC2], amount: '12.34' }] }],
      }),
    ),
  );
  ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '99.5', Unit: 'USD' }, ForecastResultsByTime: [] }));
}

function botEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: tempSqliteFile(),
    HOSTING_LEADS: LEAD,
    LOG_LEVEL: 'debug',
    HEROKU_API_TOKEN: SECRETS.HEROKU_API_TOKEN,
    HEROKU_API_URL: heroku.url,
    ...AWS_ENV,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    ...extra,
  };
}

beforeAll(async () => {
  slack = await new FakeSlack().start();
  heroku = await FakeHeroku.start({ world: world(), token: SECRETS.HEROKU_API_TOKEN });
  ce = await startFakeCostExplorer();
  // The AWS SDK reads its endpoint and credentials from the process environment.
  restoreEnv = setProcessEnv({ ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint });
  capture();
  await restartBot();
});

/** A bot on a fresh store (so nothing is answered from an earlier cache), logging at debug level. */
async function restartBot(): Promise<void> {
  await bot?.stop();
  bot = await startBot(botEnv(), { retries: 0 });
  url = `http://127.0.0.1:${bot.port}`;
}

afterAll(async () => {
  await bot?.stop();
  for (const undo of restore.reverse()) undo();
  await slack?.stop();
  await heroku?.close();
  await ce?.close();
  restoreEnv();
});

// ---------------------------------------------------------------------------------------------

describe('secrets never reach a log line, stdout or stderr', () => {
  test('the check finds a secret in each form it could be written in', () => {
    const value = SECRETS.HEROKU_API_TOKEN;
    expect(leaksIn('nothing here')).toEqual([]);
    expect(leaksIn(`token ${value}`)).not.toEqual([]);
    expect(leaksIn(`?token=${encodeURIComponent(SECRETS.AWS_SECRET_ACCESS_KEY)}`)).not.toEqual([]);
    expect(leaksIn(`authorization: Basic ${Buffer.from(`:${value}`).toString('base64')}`)).not.toEqual([]);
    expect(leaksIn(`x${Buffer.from(`user:${value}`).toString('base64')}`)).not.toEqual([]);
    expect(leaksIn(JSON.stringify({ secret: SECRETS.AWS_SECRET_ACCESS_KEY }))).not.toEqual([]);
  });

  test('answers, live Heroku and AWS (working and failing), bad signatures: at debug level', async () => {
    scriptCostExplorer();
    const answered: { text: string; status: number }[] = [];
    const ask = async (text: string) => answered.push(await command(text));

    // Answers that need no outside service.
    await ask('help');
    await ask('estimate web=2xstandard-2x postgres=standard-0 hipaa');
    await ask('estimate');
    await ask('compliance hipaa heroku web=2xstandard-2x postgres=standard-0');
    // Heroku and AWS working.
    await ask('estimate app=shop-api');
    await ask('spend aws 7d by service');
    await ask('spend heroku 7d');
    await ask('spend 30d');
    // Cost Explorer refusing: access denied, throttled, unknown credentials; Heroku forbidding.
    const forbidden = heroku.inject({ fault: { type: 'forbidden' }, times: Number.POSITIVE_INFINITY });
    await restartBot();
    resetCostExplorer();
    ce.reply('GetCostAndUsage', reply.accessDenied());
    ce.reply('GetCostForecast', reply.accessDenied('GetCostForecast'));
    await ask('spend aws mtd by service');
    resetCostExplorer();
    ce.reply('GetCostAndUsage', reply.throttle());
    await ask('spend aws last-month by service');
    resetCostExplorer();
    ce.rejectAccessKey(AWS_ACCESS_KEY_ID, 'UnrecognizedClientException');
    await ask('spend aws 30d by account');
    resetCostExplorer();
    ce.reply('GetCostAndUsage', reply.serverError(500));
    await ask('spend aws 7d by account');
    // AWS quoting the request's Authorization header back (a proxy mangled the signature), with its key ID.
    resetCostExplorer();
    ce.reply(
      'GetCostAndUsage',
      reply.error(
        'IncompleteSignature',
        `Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=${AWS_ACCESS_KEY_ID}/20261207/us-east-1/ce/aws4_request, SignedHeaders=host;x-amz-date`,
      ),
    );
    await ask('spend aws 30d by service');
    await ask('spend heroku 30d');
    heroku.clearFaults();
    expect(forbidden.hits).toBeGreaterThan(0);
    // A revoked Heroku token.
    heroku.revokeToken();
    await ask('spend heroku mtd');
    await ask('estimate app=shop-api');
    await ask('spend heroku last-month by app');

    for (const answer of answered) expect(answer.status).toBe(200);
    // Bad signatures: wrong secret, stale timestamp, tampered body, missing headers.
    const body = commandBody('help');
    expect((await post(url, body, { ...FORM, ...sign(body, 'f'.repeat(32)) })).status).toBe(401);
    expect((await post(url, body, { ...FORM, ...sign(body, undefined, 1_600_000_000) })).status).toBe(401);
    expect((await post(url, `${body}&x=1`, { ...FORM, ...sign(body) })).status).toBe(401);
    expect((await post(url, body, FORM)).status).toBe(401);
    // A request Bolt cannot parse.
    const junk = 'payload=%7Bnot-json';
    await post(url, junk, { ...FORM, ...sign(junk) });
    await settle();

    const everything = captured.join('\n');
    // The run really did log at debug level, and Heroku and AWS really did answer and fail.
    expect(everything).toMatch(/ DEBUG \[/);
    expect(everything).toMatch(/ WARN \[/);
    resetCostExplorer();
    for (const outcome of [
      200,
      'AccessDeniedException',
      'LimitExceededException',
      'UnrecognizedClientException',
      'InternalFailure',
      'IncompleteSignature',
    ])
      expect(ceOutcomes).toContain(outcome);
    const herokuStatuses = new Set(heroku.log.map((r) => r.status));
    for (const status of [200, 401, 403]) expect(herokuStatuses).toContain(status);
    expect(leaksIn(everything)).toEqual([]);
    // Nor does anything people see (the bot token goes to Slack's Web API as `token`: that is its use).
    const sent = slack.calls.map(({ body: { token: _token, ...rest } }) => rest);
    expect(leaksIn(JSON.stringify([slack.responses, sent, answered]))).toEqual([]);
  });

  test('a malformed configuration names the variables, never their values', async () => {
    const bad = {
      SLACK_BOT_TOKEN: 'xoxp-5550001111-user-s3cr3tUserTokenValue',
      SLACK_SIGNING_SECRET: 'not-hex-but-a-s3cr3t-signing-value',
      SLACK_APP_TOKEN: 'xapq-1-A1-s3cr3tAppTokenValue',
      HEROKU_API_TOKEN: 'Zq7Xw9K',
      AWS_SECRET_ACCESS_KEY: SECRETS.AWS_SECRET_ACCESS_KEY,
      PORT: 'eighty',
      LOG_LEVEL: 'debug',
    };
    let error: unknown;
    try {
      loadConfig(bad, { requireSlack: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = `${(error as ConfigError).message}\n${(error as ConfigError).problems.join('\n')}\n${String(error)}`;
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'HEROKU_API_TOKEN'])
      expect(message).toContain(`${name}:`);
    const { PORT: _port, LOG_LEVEL: _level, ...secrets } = bad;
    expect(leaksIn(message, secrets)).toEqual([]);
    // Too short for the general check (8 characters and up): looked for as is.
    expect(message).not.toContain(bad.HEROKU_API_TOKEN);

    // And starting the bot with it fails the same way, writing nothing with a value in it.
    const before = captured.length;
    await expect(startBot({ ...bad, DATABASE_URL: tempSqliteFile() })).rejects.toBeInstanceOf(ConfigError);
    expect(leaksIn(captured.slice(before).join('\n'), secrets)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The built process, as deployed

const entry = path.resolve(__dirname, '../../dist/index.js');

/** A built entry point run to its end (the fakes in this process keep answering meanwhile). */
function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('the built bot (node dist/index.js)', () => {
  test('with a malformed configuration, exits 1 naming the variables, printing no value', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: 'postgres://hosting:Db-s3cr3t-Passw0rd@127.0.0.1:1/hosting',
      SLACK_BOT_TOKEN: 'xoxp-5550001111-user-s3cr3tUserTokenValue',
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET.replace(/a/g, 'z'),
      HEROKU_API_TOKEN: SECRETS.HEROKU_API_TOKEN,
      AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRETS.AWS_SECRET_ACCESS_KEY,
      LOG_LEVEL: 'debug',
    };
    const result = spawnSync(process.execPath, [entry], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✖ SLACK_BOT_TOKEN:');
    expect(result.stderr).toContain('✖ SLACK_SIGNING_SECRET:');
    const { PATH: _path, LOG_LEVEL: _level, ...secrets } = env;
    expect(leaksIn(`${result.stdout}\n${result.stderr}`, secrets)).toEqual([]);
  });

  test("with NODE_DEBUG=http (Node prints each request's options, credentials included): refuses to start, naming it", async () => {
    for (const sections of ['http', 'stream,HTTPS', 'ht*', 'net', 'tls']) {
      const result = await run(entry, [], { ...botEnv(), NODE_DEBUG: sections });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('✖ NODE_DEBUG:');
      expect(leaksIn(`${result.stdout}\n${result.stderr}`)).toEqual([]);
    }
  });

  test('the built CLI with NODE_DEBUG=http and a Heroku token: refuses, printing no token; sections without requests still run', async () => {
    heroku.addToken(SECRETS.HEROKU_API_TOKEN); // revoked by the test above
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    const env = {
      DATABASE_URL: tempSqliteFile(),
      HEROKU_API_TOKEN: SECRETS.HEROKU_API_TOKEN,
      HEROKU_API_URL: heroku.url,
    };
    const refused = await run(cli, ['spend', 'heroku'], { ...env, NODE_DEBUG: 'http' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('NODE_DEBUG');
    expect(leaksIn(`${refused.stdout}\n${refused.stderr}`)).toEqual([]);
    // Sections that print no request (and no credential) are left to whoever runs it.
    const traced = await run(cli, ['spend', 'heroku'], { ...env, NODE_DEBUG: 'stream' });
    expect(traced.stderr).toMatch(/^STREAM \d+:/m);
    expect(traced.stdout).toContain('shop-api');
    expect(leaksIn(`${traced.stdout}\n${traced.stderr}`)).toEqual([]);
  });

  test('running at debug level with every secret set: answers, fails on Heroku and AWS, stops; prints no secret', async () => {
    heroku.addToken(SECRETS.HEROKU_API_TOKEN);
    resetCostExplorer();
    ce.reply('GetCostAndUsage', reply.accessDenied());
    heroku.inject({ fault: { type: 'unauthorized' }, times: Number.POSITIVE_INFINITY });
    const child: ChildProcess = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', ...botEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line:\n${stderr}`)), 15_000);
        const look = () => {
          const m = /listening on port (\d+)/.exec(stderr + stdout);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        };
        child.stderr!.on('data', look);
        child.stdout!.on('data', look);
        child.once('exit', () => reject(new Error(`exited early:\n${stderr}`)));
      });
      const target = `http://127.0.0.1:${port}`;
      const responses = slack.responses.length;
      for (const text of ['help', 'spend aws 7d', 'spend heroku 7d', 'estimate app=shop-api']) {
        const body = commandBody(text);
        expect((await post(target, body, { ...FORM, ...sign(body) })).status).toBe(200);
      }
      const body = commandBody('help');
      expect((await post(target, body, { ...FORM, ...sign(body, 'f'.repeat(32)) })).status).toBe(401);
      // The three deferred answers (two spends, the live app) arrive on response_url.
      await waitUntil(() => slack.responses.length >= responses + 3, 'the three deferred answers');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    heroku.clearFaults();
    // LOG_LEVEL=debug reaches the built bot: the most talkative level is checked too.
    expect(`${stdout}\n${stderr}`).toMatch(/ DEBUG \[/);
    expect(stderr).toMatch(/ (?:ERROR|WARN) \[/);
    expect(leaksIn(`${stdout}\n${stderr}`)).toEqual([]);
  });
});
