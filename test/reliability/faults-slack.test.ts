/**
 * Fault injection against Slack itself, end to end through the real Bolt HTTP receiver: a slow or
 * failing response_url (the answer to `/hosting spend heroku`), views.open (`/hosting estimate`
 * with no words), the three-step file upload (compliance export buttons), and a revoked or slow
 * bot token (Bolt's auth.test on every incoming request). For each: what the user sees, how many
 * calls reached Slack, and that the bot keeps answering afterwards.
 *
 * Most tests use the shared harness (Web API retries off, as in every listener test). The retry
 * tests start the bot with the production retry policy (3 retries, 0.5 s doubling) instead.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel } from '@slack/bolt';
import { createLogger } from '../../src/logger';
import { type RunningBot, startBot } from '../../src/server';
import { BOT_TOKEN, type Harness, LEAD, SIGNING_SECRET, startHarness } from '../support/bot-harness';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { FakeSlack } from '../support/fake-slack';
import { Gate, waitUntil } from '../support/gate';
import { herokuRunRateWeek } from './support';

// heroku-client reads every certificate file on each request; the fakes are plain HTTP.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack sends it
type Json = any;

/** The notification text of `spend heroku`: a 7-day run-rate of shop-api's $150.00 a month. */
const HEROKU_TOTAL = `Heroku (run-rate): ${herokuRunRateWeek({ 'shop-api': 15000 }).total.replace(/\*Total: |\*/g, '')}`;

let heroku: FakeHeroku;

beforeAll(async () => {
  const world = new HerokuWorld({ seed: 12 });
  world.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 }],
  });
  heroku = await FakeHeroku.start({ world });
});

afterAll(async () => {
  await heroku.close();
});

/**
 * A stand-in for a response_url (or a file upload URL) that misbehaves on purpose: each POST takes
 * the next scripted behaviour (the last repeats); `until` holds the answer until a gate opens. Records
 * every POST it receives, when it arrives.
 */
type Behaviour = { status: number; until?: Promise<unknown> } | 'drop';

class FaultyEndpoint {
  readonly posts: { body: string }[] = [];
  /** POSTs answered so far. */
  answered = 0;
  private behaviours: Behaviour[] = [{ status: 200 }];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  script(...behaviours: Behaviour[]): void {
    this.behaviours = behaviours;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.posts.push({ body: Buffer.concat(chunks).toString('utf8') });
      const behaviour = this.behaviours.length > 1 ? this.behaviours.shift()! : this.behaviours[0];
      if (behaviour === 'drop') {
        req.socket.destroy();
        return;
      }
      const send = () => {
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        res.end(behaviour.status === 200 ? '{"ok":true}' : '{"ok":false,"error":"scripted"}');
        this.answered += 1;
      };
      if (behaviour.until) behaviour.until.then(send, send);
      else send();
    });
  }
}

let harness: Harness;
let endpoint: FaultyEndpoint;

beforeEach(async () => {
  endpoint = await new FaultyEndpoint().start();
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});

afterEach(async () => {
  await harness.close();
  await endpoint.stop();
});

/** Waits until `done()` (a safety net of about 20 s), then until the bot has finished what it was doing. */
async function until(done: () => boolean): Promise<void> {
  await waitUntil(done, 'the bot to get there');
  await harness.settle();
}

function expectPlain(text: string, logs: string[] = harness.logs) {
  expect(text).not.toMatch(/\n\s+at \S+ \(|\bat .*:\d+:\d+\)/);
  expect(text).not.toMatch(/TypeError|WebAPI\w*Error|undefined|\[object Object\]/);
  for (const secret of [BOT_TOKEN, SIGNING_SECRET, heroku.token]) {
    expect(text).not.toContain(secret);
    expect(logs.join('\n')).not.toContain(secret);
  }
}

describe('response_url (where deferred answers go)', () => {
  test('a slow response_url: the command is acked at once and the answer still arrives', async () => {
    const gate = new Gate();
    endpoint.script({ status: 200, until: gate.opened });
    const ack = await harness.command('spend heroku', { response_url: `${endpoint.url}/respond/slow` });
    expect(ack.status).toBe(200);
    expect(ack.body.text).toContain('Fetching spend');
    // The answer reaches the response_url, which holds it; the bot waits for it, then finishes.
    await waitUntil(() => endpoint.posts.length === 1, 'the answer to reach the response_url');
    expect(endpoint.answered).toBe(0);
    expect(harness.bot.slack.idle()).toBe(false);
    gate.open();
    await until(() => harness.bot.slack.idle() && endpoint.answered === 1);
    expect(endpoint.posts).toHaveLength(1);
    expect(JSON.parse(endpoint.posts[0].body).text).toContain(HEROKU_TOTAL);
    expect(harness.logs.join('\n')).not.toContain('could not deliver');
  });

  test.each<[string, Behaviour]>([
    ['500', { status: 500 }],
    ['404 (an expired response_url)', { status: 404 }],
    ['a dropped connection', 'drop'],
  ])(
    'a response_url answering %s: one attempt, logged plainly, no crash; the next command is answered',
    async (_name, behaviour) => {
      endpoint.script(behaviour);
      const ack = await harness.command('spend heroku', { response_url: `${endpoint.url}/respond/broken` });
      expect(ack.status).toBe(200);
      await until(() => harness.bot.slack.idle() && endpoint.posts.length === 1);
      // Bolt's respond() does not retry: the "Fetching spend…" placeholder is all the user sees.
      expect(endpoint.posts).toHaveLength(1);
      // For whoever runs the bot: one log line naming the failure (with its stack: it is a log), no secret.
      const failure = harness.logs.filter((line) => line.includes('could not deliver the /hosting spend answer'));
      expect(failure).toHaveLength(1);
      expect(failure[0]).toMatch(/Failed to respond to the response_url: (500|404)|fetch failed/);
      for (const secret of [BOT_TOKEN, SIGNING_SECRET, heroku.token])
        expect(harness.logs.join('\n')).not.toContain(secret);

      // The bot is still up and answering.
      const before = harness.slack.responses.length;
      const next = await harness.command('spend heroku');
      expect(next.status).toBe(200);
      await until(() => harness.slack.responses.length > before);
      expect((harness.slack.responses.at(-1)!.body as Json).text).toContain(HEROKU_TOTAL);
    },
  );
});

describe('views.open (`/hosting estimate` with no words opens a form)', () => {
  test('a slow views.open: the command is acked while it is still answering, the form still opens', async () => {
    const gate = new Gate();
    harness.slack.hold('views.open', gate.opened);
    const ack = await harness.command('estimate');
    expect(ack.status).toBe(200);
    await waitUntil(() => harness.slack.callsTo('views.open').length === 1, 'views.open');
    expect(harness.slack.answered).not.toContain('views.open');
    gate.open();
    await until(() => harness.slack.answered.includes('views.open'));
    expect(harness.slack.callsTo('views.open')).toHaveLength(1);
    expect(harness.slack.responses).toEqual([]);
  });

  test.each([
    ['invalid_auth', /reinstall the app and update SLACK_BOT_TOKEN/],
    ['token_revoked', /reinstall the app and update SLACK_BOT_TOKEN/],
    ['expired_trigger_id', /run the command again/],
  ])(
    'views.open refused with %s: one call, what to do for the user, the Slack error in the log',
    async (error, advice) => {
      harness.slack.answer('views.open', { ok: false, error });
      const ack = await harness.command('estimate');
      expect(ack.status).toBe(200);
      await until(() => harness.slack.responses.length > 0);
      expect(harness.slack.callsTo('views.open')).toHaveLength(1);
      const answer = harness.slack.responses[0].body as Json;
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(advice);
      expectPlain(answer.text);
      expect(harness.logs.join('\n')).toContain(error);

      // Once Slack accepts it again, the form opens.
      harness.slack.answer('views.open', (body) => ({ ok: true, view: { id: 'V2', ...(body.view as object) } }));
      await harness.command('estimate');
      await until(() => harness.slack.callsTo('views.open').length === 2);
      expect(harness.slack.responses).toHaveLength(1);
    },
  );
});

describe('file upload (compliance export buttons)', () => {
  async function clickExport(): Promise<Json[]> {
    const { body } = await harness.command('compliance soc2');
    const pressed = body.blocks
      .filter((block: Json) => block.type === 'actions')
      .flatMap((block: Json) => block.elements.map((element: Json) => ({ ...element, block_id: block.block_id })))
      .find((element: Json) => element.text.text === 'Export CSV');
    const path = `/respond/export-${Math.random().toString(36).slice(2)}`;
    const res = await harness.interaction({
      type: 'block_actions',
      container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
      channel: { id: 'C0CHANNEL', name: 'eng' },
      response_url: `${harness.slack.url}${path}`,
      actions: [{ type: 'button', ...pressed, action_ts: '1700000001.000200' }],
    });
    expect(res.status).toBe(200);
    await harness.settle();
    return harness.slack.responses.filter((response) => response.path === path).map((response) => response.body);
  }

  test.each(['invalid_auth', 'token_revoked'])(
    'files.getUploadURLExternal refused with %s: nothing uploaded, the user is told the token must be fixed',
    async (error) => {
      harness.slack.answer('files.getUploadURLExternal', { ok: false, error });
      const answers = await clickExport();
      expect(harness.slack.uploads).toEqual([]);
      expect(harness.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
      expect(answers).toHaveLength(1);
      expect(answers[0].text).toContain('reinstall the app and update SLACK_BOT_TOKEN');
      expect(answers[0].text).toContain('npx hosting-advisor compliance soc2');
      expectPlain(answers[0].text);
    },
  );

  test.each<[string, Behaviour]>([
    ['500', { status: 500 }],
    ['a dropped connection', 'drop'],
  ])('the upload URL answering %s: one attempt, a plain answer, nothing completed', async (_name, behaviour) => {
    endpoint.script(behaviour);
    harness.slack.answer('files.getUploadURLExternal', (body) => ({
      ok: true,
      upload_url: `${endpoint.url}/upload/F0002`,
      file_id: 'F0002',
      filename: body.filename,
    }));
    const answers = await clickExport();
    expect(endpoint.posts).toHaveLength(1);
    expect(harness.slack.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(answers).toHaveLength(1);
    expect(answers[0].text).toMatch(/^I couldn't upload the export/);
    expect(answers[0].text).toContain('npx hosting-advisor compliance soc2');
    expectPlain(answers[0].text);
  });

  test('a slow files.completeUploadExternal: the click is acked while it is still answering, the file lands', async () => {
    const gate = new Gate();
    harness.slack.hold('files.completeUploadExternal', gate.opened);
    const { body } = await harness.command('compliance soc2');
    const pressed = body.blocks
      .filter((block: Json) => block.type === 'actions')
      .flatMap((block: Json) => block.elements.map((element: Json) => ({ ...element, block_id: block.block_id })))
      .find((element: Json) => element.text.text === 'Export CSV');
    const res = await harness.interaction({
      type: 'block_actions',
      channel: { id: 'C0CHANNEL', name: 'eng' },
      response_url: `${harness.slack.url}/respond/export-slow`,
      actions: [{ type: 'button', ...pressed, action_ts: '1700000001.000200' }],
    });
    expect(res.status).toBe(200);
    const answered = () => harness.slack.responses.filter((response) => response.path.endsWith('export-slow'));
    await waitUntil(() => harness.slack.callsTo('files.completeUploadExternal').length === 1, 'the upload to complete');
    expect(harness.slack.answered).not.toContain('files.completeUploadExternal');
    expect(answered()).toEqual([]);
    gate.open();
    await until(() => harness.slack.answered.includes('files.completeUploadExternal'));
    expect(harness.slack.uploads).toHaveLength(1);
    // The only answer is where the file went (the asker's direct message), never a failure.
    await until(() => answered().length > 0);
    expect(answered()).toHaveLength(1);
    expect(answered()[0].body.text).toMatch(/^Sent the CSV export to you in a direct message\./);
  });
});

/*
 * Bolt's own single-workspace authorize (token verification deferred) called auth.test before every
 * request and before the ack: a revoked token gave an empty reply, a slow auth.test a 404 after 3 s.
 * src/slack/authorize.ts now asks once, keeps a success, never holds a request more than a second,
 * and puts a refused token in the context so the answer can say what to fix.
 */
describe('the bot token itself', () => {
  test('a revoked token: the command is still answered at once, saying the Slack token must be fixed', async () => {
    harness.slack.answer('auth.test', { ok: false, error: 'token_revoked' });
    const ack = await harness.command('help');
    expect(ack.status).toBe(200);
    expect(harness.logs.join('\n')).toContain('token_revoked');
    expectPlain(JSON.stringify(ack.body));
    // What the user needs: words, not an empty reply.
    expect(String(ack.body.text ?? '')).toMatch(/token/i);
  });

  test('auth.test that does not answer does not hold the ack: help is answered while it is still held', async () => {
    const gate = new Gate();
    harness.slack.hold('auth.test', gate.opened);
    try {
      const ack = await harness.command('help');
      expect(ack.status).toBe(200);
      expect(ack.body.text).toContain('`/hosting help`');
      // The ack came while auth.test was still under way: Slack has not answered it, and the bot has
      // not yet given up on it (its auth.test client stops waiting after 2.5 s and logs that).
      expect(harness.slack.callsTo('auth.test')).toHaveLength(1);
      expect(harness.slack.answered).not.toContain('auth.test');
      expect(harness.logs.join('\n')).not.toContain('auth.test failed');
    } finally {
      gate.open();
    }
  });
});

// ----------------------------------------------------------------------------------------------
// With the production Web API retry policy (3 retries, 0.5 s doubling to 5 s).

interface RetryingBot {
  bot: RunningBot;
  slack: FakeSlack;
  logs: string[];
  command(text: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

async function startRetryingBot(): Promise<RetryingBot> {
  const slack = await new FakeSlack().start();
  const logs: string[] = [];
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
      HOSTING_LEADS: LEAD,
    },
    {
      retries: 3,
      jobs: false,
      logger: createLogger(LogLevel.INFO, [BOT_TOKEN, SIGNING_SECRET], (line) => logs.push(line)),
    } as Parameters<typeof startBot>[1],
  );
  let ids = 0;
  return {
    bot,
    slack,
    logs,
    async command(text) {
      ids += 1;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        channel_id: 'C0CHANNEL',
        user_id: LEAD,
        command: '/hosting',
        text,
        api_app_id: 'A1',
        response_url: `${slack.url}/respond/retrying-${ids}`,
        trigger_id: `trigger-retrying-${ids}`,
      }).toString();
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
      });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await bot.stop();
      await slack.stop();
    },
  };
}

describe('Web API retries with the production policy', () => {
  let bot: RetryingBot;
  beforeEach(async () => {
    bot = await startRetryingBot();
  });
  afterEach(async () => {
    await bot.close();
  });

  const idle = () => waitUntil(() => bot.bot.slack.idle(), 'the bot to finish');

  test('views.open 429 with Retry-After: 1, then ok: the client waits the 1 s asked for, retries, the form opens', async () => {
    const limited = { __status: 429, __headers: { 'retry-after': '1' }, ok: false, error: 'ratelimited' };
    let calls = 0;
    bot.slack.answer('views.open', (body) => {
      calls += 1;
      return calls === 1 ? limited : { ok: true, view: { id: 'V3', ...(body.view as object) } };
    });
    const ack = await bot.command('estimate');
    expect(ack.status).toBe(200);
    await idle();
    expect(calls).toBe(2);
    // The Web API client says what it waits before the retry: Slack's Retry-After, not its own backoff.
    expect(bot.logs.filter((line) => line.includes('rate limiting'))).toEqual([
      expect.stringContaining('Will retry in 1 seconds.'),
    ]);
    expect(bot.slack.responses).toEqual([]);
  });

  test('views.open answering 503 every time: 4 calls in all (3 retries), then a plain apology', async () => {
    bot.slack.answer('views.open', { __status: 503, ok: false, error: 'service_unavailable' });
    const ack = await bot.command('estimate');
    expect(ack.status).toBe(200);
    await idle();
    expect(bot.slack.callsTo('views.open')).toHaveLength(4);
    expect(bot.slack.responses).toHaveLength(1);
    const answer = bot.slack.responses[0].body as Json;
    expect(answer.text).toMatch(/^Sorry, something went wrong on our side/);
    expectPlain(answer.text, bot.logs);
  });

  test('a burst of 3×503 on views.open, then ok: the form opens on the 4th call', async () => {
    let calls = 0;
    bot.slack.answer('views.open', (body) => {
      calls += 1;
      return calls <= 3
        ? { __status: 503, ok: false, error: 'service_unavailable' }
        : { ok: true, view: { id: 'V4', ...(body.view as object) } };
    });
    await bot.command('estimate');
    await idle();
    expect(calls).toBe(4);
    expect(bot.slack.responses).toEqual([]);
  });
});
