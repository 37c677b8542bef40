/**
 * The `fetch` Bolt and the Web API client are given (src/slack/http-fetch.ts): what a local server
 * receives and what the caller reads back, as the global fetch would give them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { httpFetch } from '../../src/slack/http-fetch';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let server: http.Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(JSON.stringify({ ok: true, zipped: 'yes' })));
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/api/chat.postMessage' });
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2_000).unref();
      } else if (req.url === '/gone') {
        res.writeHead(404, 'Not Found', { 'content-type': 'text/plain' });
        res.end('expired_url');
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '3' });
        res.end(JSON.stringify({ ok: true, echo: req.url }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

test('a form POST arrives with its headers and body; the JSON answer, status and headers read back', async () => {
  const response = await httpFetch(`${base}/api/chat.postMessage`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-test' },
    body: 'channel=C1&text=hello%20there',
  });
  expect(response.status).toBe(200);
  expect(response.ok).toBe(true);
  expect(response.headers.get('retry-after')).toBe('3');
  expect(await response.json()).toEqual({ ok: true, echo: '/api/chat.postMessage' });
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-test' },
  });
  expect(received[0].body.toString()).toBe('channel=C1&text=hello%20there');
});

test('a file upload goes as multipart form data with its boundary and bytes', async () => {
  const form = new FormData();
  form.append('filename', 'chart.png');
  form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), 'chart.png');
  await httpFetch(`${base}/upload`, { method: 'POST', body: form });
  const { headers, body } = received[0];
  const boundary = /boundary=(.+)$/.exec(headers['content-type'] ?? '')?.[1];
  expect(boundary).toBeDefined();
  expect(Number(headers['content-length'])).toBe(body.length);
  const text = body.toString('latin1');
  expect(text).toContain(`--${boundary}`);
  expect(text).toContain('name="filename"\r\n\r\nchart.png');
  expect(text).toContain('filename="chart.png"');
  expect(text).toContain('\x89PNG');
});

test('a gzip answer is read unzipped, as fetch reads it', async () => {
  const response = await httpFetch(`${base}/gzip`);
  expect(await response.json()).toEqual({ ok: true, zipped: 'yes' });
});

test('a 404 resolves (not ok) with its status text and body, as fetch does', async () => {
  const response = await httpFetch(`${base}/gone`, { method: 'POST', body: '{}' });
  expect([response.ok, response.status, response.statusText]).toEqual([false, 404, 'Not Found']);
  expect(await response.text()).toBe('expired_url');
});

test('redirects: refused with redirect "error" (the Web API client), followed otherwise', async () => {
  await expect(httpFetch(`${base}/moved`, { method: 'POST', body: 'a=1', redirect: 'error' })).rejects.toThrow(
    TypeError,
  );
  const followed = await httpFetch(`${base}/moved`, { method: 'POST', body: 'a=1' });
  expect(await followed.json()).toEqual({ ok: true, echo: '/api/chat.postMessage' });
  expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
    'POST /moved',
    'POST /moved',
    'GET /api/chat.postMessage',
  ]);
});

test('a timeout signal rejects with the TimeoutError fetch gives', async () => {
  await expect(httpFetch(`${base}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
    name: 'TimeoutError',
  });
});

test('an unreachable host rejects with TypeError "fetch failed"', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(httpFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow('fetch failed');
});
