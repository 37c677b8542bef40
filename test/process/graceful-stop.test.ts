import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { STOP_DEADLINE_MS } from '../../src/server';
import { SIGNING_SECRET } from '../support/bot-harness';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { FakeSlack } from '../support/fake-slack';

const entry = path.resolve(__dirname, '../../dist/index.js');

function waitForListening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on port (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${seen}`)));
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

test('SIGTERM during a request: the request completes and the process exits 0', async () => {
  const slack = await new FakeSlack().start();
  // The form's views.open is slow, so the listener is still at work when SIGTERM arrives.
  slack.delay('views.open', 1500);
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test-graceful',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = await waitForListening(child);
    const body = new URLSearchParams({
      command: '/hosting',
      text: 'estimate',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'trigger-graceful',
      response_url: `${slack.url}/respond/graceful`,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
      },
    });
    expect(res.status).toBe(200);
    // Wait until the listener has reached Slack, then ask the process to stop.
    for (let i = 0; i < 200 && slack.callsTo('views.open').length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(slack.answered).not.toContain('views.open');
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(slack.answered).toContain('views.open');
  } finally {
    child.kill('SIGKILL');
    await slack.stop();
  }
});

describe('SIGTERM while Heroku hangs (the start-up snapshot waits on it)', () => {
  let heroku: FakeHeroku;
  let slack: FakeSlack;
  let bot: ChildBot | undefined;
  beforeEach(async () => {
    const world = new HerokuWorld({ seed: 5 });
    world.addApp('shop-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
    heroku = await FakeHeroku.start({ world });
    heroku.inject({ times: Number.POSITIVE_INFINITY, fault: { type: 'slow', ms: 120_000 } });
    slack = await new FakeSlack().start();
  });
  afterEach(async () => {
    bot?.child.kill('SIGKILL');
    await heroku.close();
    await slack.stop();
  });

  test(
    'readiness fails and new connections are refused from the signal on, and it exits 0 within the deadline',
    async () => {
      bot = await startChildBot({
        SLACK_API_URL: slack.apiUrl,
        HEROKU_API_TOKEN: heroku.token,
        HEROKU_API_URL: heroku.url,
      });
      const { port } = bot;
      for (let i = 0; i < 300 && heroku.log.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heroku.log.length).toBeGreaterThan(0); // the snapshot is waiting on Heroku
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      // A request on its way in when the signal comes: its headers are not finished yet.
      const socket = net.connect(port, '127.0.0.1');
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk.toString();
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      socket.write('GET /readyz HTTP/1.1\r\nhost: 127.0.0.1\r\n');
      await new Promise((r) => setTimeout(r, 100));

      const signalledAt = Date.now();
      bot.child.kill('SIGTERM');
      while (!bot.stderr().includes('SIGTERM received')) await new Promise((r) => setTimeout(r, 10));
      socket.write('\r\n');
      expect(await answer).toMatch(/^HTTP\/1\.1 503/);
      await expect(fetch(`http://127.0.0.1:${port}/readyz`)).rejects.toThrow();

      expect(await bot.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(STOP_DEADLINE_MS + 5_000);
      expect(bot.stderr()).toContain('was cut off');
    },
    STOP_DEADLINE_MS + 30_000,
  );
});
