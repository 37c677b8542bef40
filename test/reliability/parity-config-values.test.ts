/**
 * Config var VALUES never appear anywhere the parity check reaches: the CLI's text and JSON, every
 * request the bot makes to Slack (command answers, the digest, App Home), the bot's logs at DEBUG,
 * anything written to stdout or stderr, and the store. The local Heroku server serves distinctive
 * values (the apps' own and those the add-ons set); the answers must still show the NAMES.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { LogLevel } from '@slack/bolt';
import { runCli } from '../../src/cli/run-cli';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku } from '../support/fake-heroku';
import { PARITY_DIGEST_CHANNEL, parityBotEnv, parityWorld } from '../support/parity-world';
import { secretForms } from './support';

delete process.env.SSL_CERT_DIR; // see heroku-inventory.test.ts
delete process.env.SSL_CERT_FILE;

const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = PARITY_DIGEST_CHANNEL;

let heroku: FakeHeroku;
beforeAll(async () => {
  const world = parityWorld();
  // A value shaped like a real secret on a name both stages share, so no difference names it.
  for (const app of ['shop-staging', 'shop-production']) {
    world.configVars.get(world.app(app).id)!.STRIPE_KEY = `sk_live_51HxQ2f${app.length}PzT9vQwErTy8uIoP`;
  }
  heroku = await FakeHeroku.start({ world });
});
afterAll(() => heroku.close());

/** Every config var value the server holds, in every form a leak could take (as is, URL-encoded, base64). */
function values(): string[] {
  const all = [...heroku.world.configVars.values()].flatMap((vars) => Object.values(vars));
  expect(all.length).toBeGreaterThanOrEqual(12);
  return [...new Set(all.flatMap(secretForms))];
}

function leaks(where: string, text: string): string[] {
  return values()
    .filter((value) => text.includes(value))
    .map((value) => `${where}: ${value}`);
}

/** Everything written to stdout and stderr while `run` runs (and kept off the test output). */
async function written<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const originals = [process.stdout.write, process.stderr.write] as const;
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
      return true;
    }) as typeof stream.write;
  }
  try {
    return { result: await run(), output: chunks.join('') };
  } finally {
    [process.stdout.write, process.stderr.write] = originals;
  }
}

test('the CLI: text and --json show the names, never a value', async () => {
  const env = { HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
  const seen: string[] = [];
  for (const args of [['parity'], ['parity', 'shop', '--json'], ['parity', 'nope']]) {
    const database = fs.mkdtempSync('/tmp/parity-values-');
    const { output } = await written(() =>
      runCli(
        args,
        { ...env, DATABASE_URL: `${database}/bot.db` },
        { out: (t) => seen.push(t), err: (t) => seen.push(t) },
      ),
    );
    seen.push(output);
    for (const file of fs.readdirSync(database)) seen.push(fs.readFileSync(`${database}/${file}`).toString('latin1'));
  }
  const text = seen.join('\n');
  expect(text).toContain('FEATURE_BETA_CHECKOUT');
  expect(text).toContain('HEROKU_REDIS_URL');
  expect(leaks('CLI', text)).toEqual([]);
});

test("the built CLI with DEBUG=* (the `debug` module every namespace, heroku-client's `http` among them): no value, no token", async () => {
  // heroku-client hands every response body to debug('http') before the bot reads it.
  const cli = path.resolve(__dirname, '../../dist/cli.js');
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'parity', '--json'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: tempSqliteFile(),
      HEROKU_API_TOKEN: heroku.token,
      HEROKU_API_URL: heroku.url,
      DEBUG: '*',
    },
    timeout: 30_000,
  });
  expect(stdout).toContain('FEATURE_BETA_CHECKOUT');
  // The debug output is there (requests are still traced), without what the responses held.
  expect(stderr).toContain('GET /pipelines');
  const output = `${stdout}\n${stderr}`;
  expect(leaks('DEBUG=* output', output)).toEqual([]);
  expect(secretForms(heroku.token).filter((form) => output.includes(form))).toEqual([]);
});

describe('the bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(parityBotEnv(heroku), { now: () => NOW, logLevel: LogLevel.DEBUG });
  });
  afterAll(() => h.close());

  test('Slack answers, the digest, App Home and every log line: names shown, no value', async () => {
    const { output } = await written(async () => {
      for (const text of ['parity', 'parity shop', 'parity shop share', 'parity nope', 'digest', 'digest post']) {
        await h.command(text);
        await h.settle();
      }
      await h.event({ type: 'app_home_opened', user: LEAD, channel: 'DLEAD0001', tab: 'home' });
      for (let i = 0; i < 300 && h.slack.callsTo('views.publish').length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20).unref());
      }
      await h.settle();
    });
    const toSlack = JSON.stringify([h.slack.calls.map((call) => call.body), h.slack.responses]);
    expect(toSlack).toContain('FEATURE_BETA_CHECKOUT'); // the names do reach Slack
    expect(toSlack).toContain('Staging parity');
    expect(h.slack.callsTo('views.publish').length).toBeGreaterThanOrEqual(2);
    // The digest was posted, with its parity line.
    expect(h.slack.callsTo('chat.postMessage').filter((call) => call.body.channel === CHANNEL)).toHaveLength(1);
    expect(h.logs.some((line) => line.includes('/hosting parity'))).toBe(true);
    expect([
      ...leaks('Slack', toSlack),
      ...leaks('bot log', h.logs.join('\n')),
      ...leaks('stdout/stderr', output),
    ]).toEqual([]);
  });
});
