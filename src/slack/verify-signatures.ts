/**
 * Slack's request signature, checked before Bolt sees the request (Bolt's own check is turned off in
 * ./app.ts): HMAC-SHA256 of `v0:{timestamp}:{raw body}` under the signing secret, compared in
 * constant time with Node's `crypto.timingSafeEqual`, as Slack documents it
 * (https://api.slack.com/authentication/verifying-requests-from-slack). The timestamp's window and
 * the signature's form are checked earlier, from the headers alone (./request-limits.ts).
 *
 * Why not Bolt's check: it compares through `tsscmp`, which makes a random key and two more HMACs
 * for every request, and parses a form body once more before the listener's own parse: about
 * 80 µs of every `/hosting` ack on the bench machine, 8% of a bare Bolt app's whole ack (README,
 * Performance). The body read here is handed on as `rawBody`, which Bolt's receiver reads instead
 * of the stream (`bufferIncomingMessage` in @slack/bolt's HTTPModuleFunctions).
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

const SIGNATURE_VERSION = 'v0';

/**
 * The body, or undefined once it grows past `limit` bytes (a chunked body has no length to check
 * first). Read through the stream's events: its async iterator costs a promise and a turn a chunk.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
      else {
        req.off('data', onData);
        resolve(undefined);
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
    req.once('error', reject);
    // The client went away before the end: no 'end' will come.
    req.once('close', () => req.complete || reject(new Error('closed before the end of the body')));
  });
}

/** True when `signature` (`v0=` and 64 hex digits) signs `body` sent at `timestamp`. */
export function signedBy(key: KeyObject, timestamp: string, signature: string, body: Buffer): boolean {
  const expected = createHmac('sha256', key).update(`${SIGNATURE_VERSION}:${timestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(SIGNATURE_VERSION.length + 1), 'hex');
  return (
    signature.startsWith(`${SIGNATURE_VERSION}=`) &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
}

function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 413): void {
  res.shouldKeepAlive = false;
  res.writeHead(status, { connection: 'close', 'content-length': 0 });
  res.end(() => req.socket?.destroy());
}

/**
 * Wraps the receiver's request listener: a POST to `endpoint` is read (at most `limit` bytes) and
 * passed on only when Slack's signature over it holds; otherwise 401 (413 past the limit) and the
 * connection is closed. Other requests pass as they are.
 */
export function verifySignatures(
  listener: RequestListener,
  signingSecret: string,
  endpoint: string,
  limit: number,
  onRefused: (why: string, mismatch: boolean) => void = () => {},
): RequestListener {
  const key = createSecretKey(Buffer.from(signingSecret, 'utf8'));
  return (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== endpoint) return listener(req, res);
    const timestamp = req.headers['x-slack-request-timestamp'];
    const signature = req.headers['x-slack-signature'];
    readBody(req, limit).then(
      (body) => {
        if (!body) {
          onRefused(`a body over ${limit} bytes`, false);
          return refuse(req, res, 413);
        }
        if (
          typeof timestamp !== 'string' ||
          typeof signature !== 'string' ||
          !signedBy(key, timestamp, signature, body)
        ) {
          onRefused('a signature that does not match the body', true);
          return refuse(req, res, 401);
        }
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
        listener(req, res);
      },
      // The client went away while sending: nothing to answer.
      () => req.socket?.destroy(),
    );
  };
}
