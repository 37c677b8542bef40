import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * A `fetch` for Bolt (`respond`) and the Web API client, sent with `node:http`/`node:https` over
 * keep-alive agents instead of the global `fetch`. The global one is undici, whose first request
 * compiles its HTTP parser (llhttp, WebAssembly) with V8's optimising compiler: about 35–48 MiB of
 * memory for a moment and ~20 MiB kept, a third of what the bot otherwise uses (README,
 * Performance). Request bodies (text, JSON, the multipart form of a file upload) and headers are
 * prepared by the standard `Request` and answers returned as standard `Response`s, which need no
 * parser; only the bytes travel through Node's own HTTP client.
 */

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Statuses whose Response must have no body (https://fetch.spec.whatwg.org/#null-body-status). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

export async function httpFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return send(new URL(request.url), request.method, request.headers, body, request, 0);
}

async function send(
  url: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  request: Request,
  redirects: number,
): Promise<Response> {
  const { status, statusText, responseHeaders, bytes } = await exchange(url, method, headers, body, request.signal);
  const location = responseHeaders.get('location');
  if (REDIRECTS.has(status) && location && request.redirect !== 'manual') {
    if (request.redirect === 'error') throw new TypeError(`fetch failed: ${url.origin} redirected (${status})`);
    if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed: too many redirects');
    const asGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
    const next = new Headers(headers);
    if (asGet) for (const name of ['content-type', 'content-length']) next.delete(name);
    return send(new URL(location, url), asGet ? 'GET' : method, next, asGet ? undefined : body, request, redirects + 1);
  }
  return new Response(NULL_BODY.has(status) ? null : bytes, { status, statusText, headers: responseHeaders });
}

interface Answer {
  status: number;
  statusText: string;
  responseHeaders: Headers;
  bytes: Buffer;
}

function exchange(url: URL, method: string, headers: Headers, body: Buffer | undefined, signal: AbortSignal) {
  const protocol = url.protocol as keyof typeof agents;
  const agent = agents[protocol];
  if (!agent) return Promise.reject(new TypeError(`fetch failed: ${url.protocol} is not http: or https:`));
  const outgoing: Record<string, string> = Object.fromEntries(headers);
  if (body) outgoing['content-length'] = String(body.length);
  return new Promise<Answer>((resolve, reject) => {
    const req = (protocol === 'https:' ? https : http).request(
      url,
      { method, headers: outgoing, agent, signal },
      (res) => {
        const chunks: Buffer[] = [];
        const decoded = decode(res, res.headers['content-encoding']);
        // A connection lost in the middle of the body.
        if (decoded !== res) res.on('error', reject);
        decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
        decoded.on('error', reject);
        decoded.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined || (decoded !== res && name === 'content-encoding')) continue;
            for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
          }
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            responseHeaders,
            bytes: Buffer.concat(chunks),
          });
        });
      },
    );
    // Like fetch: an aborted request rejects with the signal's reason (a timeout's TimeoutError).
    req.on('error', (error) =>
      reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error })),
    );
    req.end(body);
  });
}

/** Undici's fetch undoes gzip, deflate and br; so does this. */
function decode(res: http.IncomingMessage, encoding: string | undefined): NodeJS.ReadableStream {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}
