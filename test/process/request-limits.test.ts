import net from 'node:net';
import { type ChildBot, startChildBot } from '../support/child-bot';

/**
 * What strangers can make the bot hold: 50 connections that each send a large body to
 * /slack/events and leave it one byte short of complete, against the built bot with the production
 * V8 flags. Half carry no signature at all; half carry a well-formed but wrong signature with a fresh
 * timestamp and send their body in chunks of unknown total length.
 */
const CONNECTIONS = 50;
const BODY_BYTES = 4 * 1024 * 1024;
const RSS_CEILING_MIB = 200;

function holdingConnection(port: number, signedLooking: boolean): net.Socket {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {}); // the bot closing on us is the point
  socket.resume(); // read what the bot answers, and see it close the connection
  const ts = Math.floor(Date.now() / 1000);
  const head = signedLooking
    ? `x-slack-request-timestamp: ${ts}\r\nx-slack-signature: v0=${'ab'.repeat(32)}\r\ntransfer-encoding: chunked\r\n`
    : `content-length: ${BODY_BYTES}\r\n`;
  socket.write(
    `POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\n${head}\r\n`,
  );
  const piece = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (!socket.destroyed && sent < BODY_BYTES - 1 - piece.length) {
      const chunk = signedLooking
        ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
        : piece;
      sent += piece.length;
      if (!socket.write(chunk)) return void socket.once('drain', pump);
    }
  };
  pump();
  return socket;
}

let bot: ChildBot;
afterEach(async () => {
  bot.child.kill('SIGKILL');
  await bot.exited;
});

test(`${CONNECTIONS} connections holding large unsigned bodies: RSS stays under ${RSS_CEILING_MIB} MiB and /healthz answers`, async () => {
  bot = await startChildBot({}, ['--max-old-space-size=128', '--max-semi-space-size=2']);
  const sockets = Array.from({ length: CONNECTIONS }, (_, i) => holdingConnection(bot.port, i % 2 === 1));
  let peak = 0;
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    peak = Math.max(peak, bot.rssMiB());
  }
  const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`, { signal: AbortSignal.timeout(5000) });
  expect(health.status).toBe(200);
  expect(peak).toBeLessThan(RSS_CEILING_MIB);
  // None of them may hold on: the bot closes every connection (at the latest at its request timeout).
  const closedCount = () => sockets.filter((socket) => socket.destroyed || socket.readableEnded).length;
  for (let i = 0; i < 150 && closedCount() < CONNECTIONS; i++) await new Promise((r) => setTimeout(r, 100));
  const closed = closedCount();
  for (const socket of sockets) socket.destroy();
  expect(closed).toBe(CONNECTIONS);
});
