import type { Agent, ClientRequest, IncomingMessage } from 'node:http';

/** The fields and methods of heroku-client's per-request object (lib/request.js, 3.x) used here. */
interface HerokuClientRequest {
  options: Record<string, unknown>;
  host: string;
  port: number;
  secure: boolean;
  partial: boolean;
  userAgent: string;
  parseJSON: boolean;
  nextRange: string;
  certs: Buffer[];
  agent: Agent;
  promise: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  request(): Promise<unknown>;
  handleResponse(res: IncomingMessage): void;
  handleSuccess(res: IncomingMessage, body: string): void;
  handleFailure(res: IncomingMessage, body: string): void;
  handleError(error: unknown): void;
  setRequestTimeout(req: ClientRequest): void;
}

// heroku-client's index.js only merges options and runs `new Request(options).request()`; its types
// do not declare lib/request, so it is loaded as the untyped CommonJS module it is.
const HerokuClientRequest = require('heroku-client/lib/request') as { prototype: HerokuClientRequest };

export interface HerokuGet {
  /** Unset: an anonymous request, sent without an Authorization header. */
  token: string | undefined;
  /** `https://api.heroku.com` */
  host: string;
  path: string;
  range: string;
  userAgent: string;
  /** The pooled agent (heroku-connection.ts). */
  agent: Agent;
  /** Sees the request as it is sent (to destroy it when it takes too long). */
  onRequest: (req: ClientRequest) => void;
  /** Sees the response (status, headers) before its body is read. */
  onResponse: (res: IncomingMessage) => void;
}

/**
 * One GET through heroku-client's request and response handling (auth header, Accept version,
 * JSON parsing, error bodies), with two of its habits removed:
 *
 * - Its constructor builds a new `https.Agent` and reads SSL_CERT_FILE and every file in
 *   SSL_CERT_DIR synchronously, for every request. Here the object is made from its prototype with
 *   the fields that constructor would set, and the shared keep-alive agent, so neither happens.
 * - On a connection error before any response (reset, refused) it would silently send the request
 *   again up to 4 times over 15 s, uncounted and unseen by HerokuApi's retry policy, so a dropped
 *   connection cost 5 requests and 15 s per attempt. Here it fails at once and HerokuApi decides,
 *   counts and backs off.
 * - It hands every response body to the `debug` module's `http` namespace, which prints it when
 *   DEBUG=http or DEBUG=* is set: config var values (`GET /apps/{app}/config-vars`), members' emails.
 *   Here the body goes from the socket to the parser and nowhere else.
 */
export function herokuGet(get: HerokuGet): Promise<unknown> {
  const url = new URL(get.host);
  const secure = url.protocol === 'https:';
  const request: HerokuClientRequest = Object.create(HerokuClientRequest.prototype);
  Object.assign(request, {
    options: { method: 'GET', path: get.path, token: get.token, headers: { Range: get.range } },
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    secure,
    // One page per call: HerokuApi follows Next-Range itself.
    partial: true,
    userAgent: get.userAgent,
    parseJSON: true,
    nextRange: get.range,
    // Empty: trust comes from the agent, built once.
    certs: [],
    agent: get.agent,
  } satisfies Omit<
    HerokuClientRequest,
    | 'promise'
    | 'resolve'
    | 'reject'
    | 'request'
    | 'handleResponse'
    | 'handleSuccess'
    | 'handleFailure'
    | 'handleError'
    | 'setRequestTimeout'
  >);
  request.promise = new Promise((resolve, reject) => {
    request.resolve = resolve;
    request.reject = reject;
  });
  request.handleResponse = (res) => {
    get.onResponse(res);
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', request.reject);
    res.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) {
          request.handleSuccess(res, body);
        } else request.handleFailure(res, body);
      } catch (error) {
        request.reject(error);
      }
    });
  };
  request.handleError = (error: unknown) => request.reject(error);
  // Called with every request before it is ended; heroku-client sets no timeout without a `timeout` option.
  request.setRequestTimeout = (req) => {
    // heroku-client always sets Basic `:<token>` (`:undefined` without one); an anonymous request sends none.
    if (get.token === undefined) req.removeHeader('Authorization');
    get.onRequest(req);
  };
  return request.request();
}
