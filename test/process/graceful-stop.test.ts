import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { STOP_DEADLINE_MS } from '../../src/server';
import { SIGNING_SECRET } from '../support/bot-harness';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { FakeSlack } from '../support/fake-slack';
import { Gate, waitUntil } from '../support/gate';

/**
 * Whether the server side of the local connection from `clientPort` to `serverPort` was accepted by a
 * process (its inode is no longer 0) and everything sent on it was read (its receive queue is empty),
 * from the kernel's table of TCP sockets (Linux).
 */
function readByServer(serverPort: number, clientPort: number | undefined): boolean {
  const hexPort = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(1) : [],
  );
  return rows.some((row) => {
    const [, local, remote, , queues, , , , , inode] = row.trim().split(/\s+/);
    const rxQueue = Number.parseInt(queues.split(':')[1], 16);
    return (
      clientPort !== undefined &&
      local.endsWith(`:${hexPort(serverPort)}`) &&
      remote.endsWith(`:${hexPort(clientPort)}`) &&
      inode !== '0' &&
      rxQueue === 0
    );
  });
}

test('SIGTERM during a request: the request is answered before the process exits 0', async () => {
  const slack = await new FakeSlack().start();
  // The form's views.open is held, so the listener is still at work when SIGTERM arrives. Slack then
  // refuses the trigger, so the listener's last step is an answer the test can see: the user is told.
  const gate = new Gate();
  slack.hold('views.open', gate.opened);
  slack.answer('views.open', { ok: false, error: 'expired_trigger_id' });
  const bot = await startChildBot({ SLACK_API_URL: slack.apiUrl });
  try {
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
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
      },
    });
    expect(res.status).toBe(200);
    // The listener has reached Slack, which holds its answer; then the process is asked to stop.
    await waitUntil(() => slack.callsTo('views.open').length === 1, 'views.open');
    const answersAtExit = bot.exited.then(() => slack.responses.map((response) => response.body.text));
    bot.child.kill('SIGTERM');
    await waitUntil(() => bot.stderr().includes('SIGTERM received'), 'the signal to be received');
    // Only now does Slack answer views.open: a process that did not wait for the request under way
    // is gone by then, and the user is never told.
    expect(slack.responses).toEqual([]);
    gate.open();
    expect(await bot.exited).toBe(0);
    expect(await answersAtExit).toEqual([expect.stringMatching(/run the command again/)]);
    expect(bot.stderr()).not.toContain('was cut off');
  } finally {
    bot.child.kill('SIGKILL');
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
    // Heroku never answers while the test runs (the fake answers what it holds when it closes).
    heroku.inject({ times: Number.POSITIVE_INFINITY, fault: { type: 'held', until: new Gate().opened } });
    slack = await new FakeSlack().start();
  });
  afterEach(async () => {
    bot?.child.kill('SIGKILL');
    await heroku.close();
    await slack.stop();
  });

  test(
    'readiness fails and new connections are refused from the signal on; at the deadline the work is cut off and it exits 0',
    async () => {
      bot = await startChildBot({
        SLACK_API_URL: slack.apiUrl,
        HEROKU_API_TOKEN: heroku.token,
        HEROKU_API_URL: heroku.url,
      });
      const { port, stderr } = bot;
      await waitUntil(() => heroku.log.length > 0, 'the start-up snapshot to reach Heroku');
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
      // The signal comes only once the bot has read those first bytes: a request it has begun. Before
      // that the connection is still the kernel's (closing the listener resets it) or idle to Node.
      if (socket.connecting) await new Promise((resolve) => socket.once('connect', resolve));
      await waitUntil(() => readByServer(port, socket.localPort), 'the bot to read the first bytes');

      bot.child.kill('SIGTERM');
      await waitUntil(() => stderr().includes('SIGTERM received'), 'the signal to be received');
      socket.write('\r\n');
      expect(await answer).toMatch(/^HTTP\/1\.1 503/);
      await expect(fetch(`http://127.0.0.1:${port}/readyz`)).rejects.toThrow();

      const heldAtExit = bot.exited.then(() => heroku.log.every((request) => request.status === undefined));
      expect(await bot.exited).toBe(0);
      // It stopped at its own deadline, with Heroku still holding every request: not because Heroku
      // answered, and not through the backstop that exits 1 when stopping itself hangs.
      expect(await heldAtExit).toBe(true);
      expect(bot.stderr()).toContain(`work still under way after ${STOP_DEADLINE_MS / 1000} s was cut off`);
      expect(bot.stderr()).not.toContain('stopping took too long');
    },
    STOP_DEADLINE_MS + 30_000,
  );
});
