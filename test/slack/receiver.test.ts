import { createHmac } from 'node:crypto';
import { nextTurn } from '../../src/loop-turns';
import { type Harness, startHarness } from '../support/bot-harness';
import { countTurns } from '../support/loop-turns';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function helpBody() {
  return new URLSearchParams({
    command: '/hosting',
    text: 'help',
    user_id: 'U1',
    channel_id: 'C1',
    team_id: 'T1',
  }).toString();
}

describe('the Slack HTTP receiver', () => {
  test('answers /hosting help with every subcommand and an example of each', async () => {
    const res = await harness.command('help');
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain('`/hosting help`');
    expect(res.body.blocks.length).toBeLessThanOrEqual(50);
  });

  test('an empty /hosting is help', async () => {
    const res = await harness.command('');
    expect(res.body.text).toContain('Hosting Advisor');
  });

  test('an unknown subcommand gets what was wrong, the closest command and an example', async () => {
    const res = await harness.command('hlep me');
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain("I don't know the command `hlep`");
    expect(res.body.text).toContain('Did you mean `/hosting help`?');
  });

  test('a very long command is refused politely without echoing it', async () => {
    const res = await harness.command(`estimate ${'web=2xstandard-2x '.repeat(300)}`);
    expect(res.status).toBe(200);
    expect(res.body.text).toMatch(/characters long; I read at most 2,000/);
    expect(JSON.stringify(res.body).length).toBeLessThan(1000);
  });

  test('a forged signature gets 401 and runs no handler', async () => {
    const body = helpBody();
    const headers = harness.sign(body);
    headers['x-slack-signature'] = headers['x-slack-signature'].replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const res = await harness.post(body, { 'content-type': 'application/x-www-form-urlencoded', ...headers });
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toEqual([]);
  });

  test('a request signed 10 minutes ago gets 401 and runs no handler', async () => {
    const body = helpBody();
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await harness.post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...harness.sign(body, tenMinutesAgo),
    });
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toEqual([]);
  });

  test('a request correctly signed but stamped 6 minutes in the future gets 401 and runs no handler', async () => {
    const body = helpBody();
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 360;
    const res = await harness.post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...harness.sign(body, sixMinutesAhead),
    });
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toEqual([]);
  });

  test('a signed body over 256 KB gets 413 and runs no handler; a request without signature headers gets 401', async () => {
    const body = `${helpBody()}&padding=${'a'.repeat(300 * 1024)}`;
    const big = await harness.post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...harness.sign(body),
    });
    expect(big.status).toBe(413);
    const unsigned = await harness.post(helpBody(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unsigned.status).toBe(401);
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toEqual([]);
  });

  test('a body changed after it was signed gets 401 and runs no handler', async () => {
    const headers = harness.sign(helpBody());
    const changed = helpBody().replace('text=help', 'text=spend');
    const res = await harness.post(changed, { 'content-type': 'application/x-www-form-urlencoded', ...headers });
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(harness.logs.filter((line) => line.includes('/hosting spend from U1'))).toEqual([]);
  });

  test('a signed body sent in chunks, with no length to refuse it by, gets 413 once it passes 256 KB', async () => {
    const body = `${helpBody()}&padding=${'a'.repeat(300 * 1024)}`;
    const bytes = new TextEncoder().encode(body);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.subarray(i, i + 16 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${harness.url}/slack/events`, {
      method: 'POST',
      body: chunks,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...harness.sign(body) },
      duplex: 'half',
    } as RequestInit);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.status).toBe(413);
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toEqual([]);
  });

  test('a correctly signed request runs the handler (the tests above would pass vacuously otherwise)', async () => {
    const body = helpBody();
    const res = await harness.post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...harness.sign(body),
    });
    expect(res.status).toBe(200);
    expect(harness.logs.filter((line) => line.includes('/hosting help from U1'))).toHaveLength(1);
  });

  test('health and readiness routes', async () => {
    const health = await fetch(`${harness.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'sqlite' });
  });

  test('no secret appears in the logs', () => {
    const all = harness.logs.join('\n');
    expect(all).not.toContain('testtokenvalue');
    expect(all).not.toContain('8f742231b10e8888abcd99eee9a85a5d');
  });

  test('long work waits only while Slack waits: once a request is answered, the next turn comes at once', async () => {
    await harness.command('help');
    const turns = countTurns();
    await nextTurn();
    turns.stop();
    // Were the answered request still counted, the turn would come only after 50 ms of waiting.
    expect(turns.now()).toBeLessThan(5);
  });
});

describe('a Slack app set up with the wrong signing secret, or on a machine whose clock is off', () => {
  test('says so in the log at warn level, once a minute however many requests are refused', async () => {
    const at = new Date('2026-12-07T10:00:00Z');
    const other = await startHarness({}, { now: () => at });
    try {
      // Slack signs with the app's real secret; this bot was given another one.
      const body = helpBody();
      const signedElsewhere = {
        ...other.sign(body),
        'x-slack-signature': `v0=${createHmac('sha256', 'ffffffffffffffffffffffffffffffff')
          .update(`v0:${other.sign(body)['x-slack-request-timestamp']}:${body}`)
          .digest('hex')}`,
      };
      for (let i = 0; i < 3; i++) {
        const res = await other.post(body, { 'content-type': 'application/x-www-form-urlencoded', ...signedElsewhere });
        expect(res.status).toBe(401);
      }
      const secretWarnings = other.logs.filter(
        (line) => line.includes('WARN') && line.includes('SLACK_SIGNING_SECRET'),
      );
      expect(secretWarnings).toHaveLength(1);
      expect(secretWarnings[0]).toContain('Signing Secret');
      // Stamped 10 minutes from this machine's clock: the clock or the request is off.
      for (let i = 0; i < 2; i++) {
        const stale = await other.post(body, {
          'content-type': 'application/x-www-form-urlencoded',
          ...other.sign(body, Math.floor(Date.now() / 1000) - 600),
        });
        expect(stale.status).toBe(401);
      }
      expect(other.logs.filter((line) => line.includes('WARN') && line.includes('clock'))).toHaveLength(1);
      // Requests without any signature (scanners) stay at debug: nothing to fix in the settings.
      await other.post(body, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(other.logs.filter((line) => line.includes('WARN'))).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});
