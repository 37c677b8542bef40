/**
 * What a stranger can make the bot hold before it knows the request is Slack's. Bolt's HTTP receiver
 * reads the whole body (up to 4 MB by default) before checking the signature, and Node's server
 * waits minutes for a slow body; 150 connections each holding a nearly complete 4 MB body pinned
 * 700 MiB. So, before any body is read: a request to /slack/events without a well-formed signature
 * and a timestamp within five minutes either way (Slack's replay window, see
 * https://api.slack.com/authentication/verifying-requests-from-slack) is refused and its connection
 * closed; a declared body over the limit too. Slack's own requests are a few kilobytes.
 */
import type { IncomingMessage, RequestListener, Server, ServerOptions, ServerResponse } from 'node:http';

export const REQUEST_LIMITS = {
  /** Largest request body read from /slack/events (Slack's payloads are far smaller; view submissions are the largest). */
  bodyBytes: 256 * 1024,
  /** Time allowed for a client to send its headers, and the whole request. */
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** Open connections at once; beyond it new ones are closed at once. */
  maxConnections: 128,
  /** A request's timestamp may differ from our clock by this much, in the past or the future. */
  timestampSkewSeconds: 5 * 60,
} as const;

/** Options for http.createServer: timeouts in seconds, checked every second rather than every 30. */
export function serverOptions(): ServerOptions {
  return {
    headersTimeout: REQUEST_LIMITS.headersTimeoutMs,
    requestTimeout: REQUEST_LIMITS.requestTimeoutMs,
    keepAliveTimeout: REQUEST_LIMITS.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1_000,
  };
}

export function limitConnections(server: Server): void {
  server.maxConnections = REQUEST_LIMITS.maxConnections;
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;

/** Why a request to a Slack endpoint is refused from its headers alone, or undefined when it may be read. */
function refusalFromHeaders(
  headers: IncomingMessage['headers'],
  nowSeconds: number,
): { status: 401 | 413; why: string; offClock?: true } | undefined {
  const length = Number(headers['content-length'] ?? 0);
  if (length > REQUEST_LIMITS.bodyBytes) return { status: 413, why: `a body of ${length} bytes` };
  const signature = headers['x-slack-signature'];
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { status: 401, why: 'no signature' };
  const stamp = headers['x-slack-request-timestamp'];
  const seconds = typeof stamp === 'string' && /^\d{1,12}$/.test(stamp) ? Number(stamp) : Number.NaN;
  if (!Number.isFinite(seconds)) return { status: 401, why: 'no timestamp' };
  if (Math.abs(nowSeconds - seconds) > REQUEST_LIMITS.timestampSkewSeconds) {
    const why = seconds > nowSeconds ? 'a timestamp in the future' : 'a stale timestamp';
    return { status: 401, why, offClock: true };
  }
  return undefined;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number) {
  // The body is never read: answer, then close the connection so it cannot be trickled in.
  res.shouldKeepAlive = false;
  res.writeHead(status, { connection: 'close', 'content-length': 0 });
  res.end(() => req.socket.destroy());
}

/**
 * Wraps the receiver's request listener: requests to `endpoints` must pass `refusalFromHeaders`
 * first. `onRefused` hears each refusal, and whether it was for a time more than 5 minutes from
 * this machine's clock (the one a setting could cause).
 */
export function guardRequests(
  listener: RequestListener,
  endpoints: readonly string[],
  onRefused: (why: string, offClock: boolean) => void = () => {},
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && endpoints.includes(path)) {
      const refusal = refusalFromHeaders(req.headers, nowSeconds());
      if (refusal) {
        onRefused(refusal.why, refusal.offClock === true);
        return refuse(req, res, refusal.status);
      }
      // Answered before the body was read in full (413 past the limit, 401): do not go on reading it.
      res.on('finish', () => {
        if (!req.complete) req.socket?.destroy();
      });
    }
    return listener(req, res);
  };
}
