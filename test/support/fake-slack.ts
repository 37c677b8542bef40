import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { manifestBotScopes, missingScope } from './slack-scopes';

export interface RecordedCall {
  method: string;
  /** Form fields with JSON-looking values (blocks, view) parsed. */
  body: Record<string, unknown>;
  authorization?: string;
}

export interface ResponsePost {
  path: string;
  body: Record<string, unknown>;
}

type MethodAnswer = Record<string, unknown> | ((body: Record<string, unknown>) => Record<string, unknown>);

function parseField(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * A local Slack: the Web API (`/api/<method>`), response_url endpoints (`/respond/<id>`) and the file
 * upload URL that files.getUploadURLExternal hands out. Every request is recorded; unknown Web API
 * methods answer `unknown_method` so a call nobody expected shows up as a failure, and a method
 * the scopes of manifest.yml do not allow answers `missing_scope`, as Slack does.
 */
/** The channel ID of the bot's direct message with `user`, as this Slack's conversations.open gives it. */
export const directMessageOf = (user: string) => `D${user.slice(1, 9)}`;

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly uploads: { fileId: string; bytes: Buffer }[] = [];
  /**
   * Where each uploaded file was shared (files.completeUploadExternal's channel_id or channels). A
   * file shared nowhere is private to the uploader: "If not specified the file will be private"
   * (https://docs.slack.dev/reference/methods/files.completeUploadExternal/).
   */
  readonly fileShares = new Map<string, string[]>();
  private readonly answers = new Map<string, MethodAnswer[]>();
  private readonly holds = new Map<string, Promise<unknown>>();
  /** Messages chat.postMessage accepted, per channel, oldest first: what conversations.history returns. */
  readonly messages: {
    channel: string;
    ts: string;
    text: string;
    metadata?: Record<string, unknown>;
    threadTs?: string;
  }[] = [];
  /** Web API calls whose answer has been sent in full. */
  readonly answered: string[] = [];
  private server?: http.Server;
  private nextTs = 1;
  /** Seconds part of the message timestamps it hands out: tests on an injected clock set it to that clock. */
  tsSeconds = 1700000000;
  url = '';
  /** The bot token's scopes: what installing manifest.yml grants. */
  scopes: readonly string[] = manifestBotScopes();

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** From now on each upload gets its own file ID (F1001, F1002, …), as Slack hands them out. */
  distinctFileIds(): void {
    let next = 1001;
    this.answer('files.getUploadURLExternal', () => {
      const id = `F${next++}`;
      return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
    });
    this.answer('files.completeUploadExternal', (body) => ({ ok: true, files: body.files }));
  }

  /** Queues answers for a method, used in order; the last one repeats. */
  answer(method: string, ...answers: MethodAnswer[]): void {
    this.answers.set(method, answers);
  }

  /**
   * Holds the answer to every call of `method` that arrives before `until` settles (a slow Slack),
   * then answers them; later calls are answered at once. The calls are recorded when they arrive.
   */
  hold(method: string, until: Promise<unknown>): void {
    this.holds.set(method, until);
    const lift = () => {
      if (this.holds.get(method) === until) this.holds.delete(method);
    };
    until.then(lift, lift);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** What chat.postMessage answers by default (the message is kept): for answer functions that only sometimes refuse. */
  accept(body: Record<string, unknown>): Record<string, unknown> {
    return this.defaultAnswer('chat.postMessage', body);
  }

  private defaultAnswer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage': {
        const ts = `${this.tsSeconds}.${String(this.nextTs++).padStart(6, '0')}`;
        this.messages.push({
          channel: String(body.channel),
          ts,
          text: String(body.text ?? ''),
          ...(body.thread_ts ? { threadTs: String(body.thread_ts) } : {}),
          ...(typeof body.metadata === 'object' && body.metadata
            ? { metadata: body.metadata as Record<string, unknown> }
            : {}),
        });
        return { ok: true, channel: body.channel, ts };
      }
      case 'conversations.history': {
        const oldest = Number(body.oldest ?? 0);
        const found = this.messages
          .filter((m) => m.channel === body.channel && Number(m.ts) >= oldest)
          .reverse()
          .map(({ ts, text, metadata }) => ({
            type: 'message',
            ts,
            text,
            bot_id: 'BBOT',
            ...(metadata && String(body.include_all_metadata) === 'true' ? { metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.replies': {
        // The parent and its replies, oldest first, as Slack lists a thread.
        const found = this.messages
          .filter((m) => m.channel === body.channel && (m.ts === body.ts || m.threadTs === body.ts))
          .map(({ ts, text, metadata, threadTs }) => ({
            type: 'message',
            ts,
            text,
            thread_ts: threadTs ?? ts,
            bot_id: 'BBOT',
            ...(metadata && String(body.include_all_metadata) === 'true' ? { metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: 'V0001', ...(body.view as object) } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F0001`, file_id: 'F0001' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0001', title: 'upload' }] };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      case 'conversations.open':
        return { ok: true, channel: { id: directMessageOf(String(body.users ?? '')) } };
      case 'conversations.info':
        return { ok: true, channel: { id: body.channel, is_member: true, name: 'general' } };
      case 'users.info':
        return { ok: true, user: { id: body.user, tz: 'Europe/Berlin', name: 'someone' } };
      case 'usergroups.list':
        return {
          ok: true,
          usergroups: [
            { id: 'SLEADS001', handle: 'hosting-leads', name: 'Hosting leads' },
            { id: 'SPLATFRM1', handle: 'platform', name: 'Platform team' },
          ],
        };
      case 'usergroups.users.list':
        return { ok: true, users: [] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private recordShares(body: Record<string, unknown>) {
    const files = Array.isArray(body.files) ? (body.files as { id?: unknown }[]) : [];
    const where = [body.channel_id, ...String(body.channels ?? '').split(',')].filter(
      (channel): channel is string => typeof channel === 'string' && channel !== '',
    );
    for (const file of files) if (typeof file.id === 'string') this.fileShares.set(file.id, where);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/upload/')) {
        this.uploads.push({ fileId: path.slice('/upload/'.length), bytes: raw });
        return reply(200, { ok: true });
      }
      const text = raw.toString('utf8');
      const body: Record<string, unknown> = (req.headers['content-type'] ?? '').startsWith('application/json')
        ? (JSON.parse(text || '{}') as Record<string, unknown>)
        : Object.fromEntries([...new URLSearchParams(text)].map(([key, value]) => [key, parseField(value)]));
      if (path.startsWith('/respond/')) {
        this.responses.push({ path, body });
        return reply(200, { ok: true });
      }
      if (path.startsWith('/api/')) {
        const method = path.slice('/api/'.length).split('?')[0];
        this.calls.push({ method, body, authorization: req.headers.authorization });
        const refused = missingScope(method, this.scopes);
        if (!refused && method === 'files.completeUploadExternal') this.recordShares(body);
        const queue = refused ? undefined : this.answers.get(method);
        const next = queue && (queue.length > 1 ? queue.shift()! : queue[0]);
        const answer =
          refused ?? (next ? (typeof next === 'function' ? next(body) : next) : this.defaultAnswer(method, body));
        const send = () => {
          if (answer.__drop) {
            // Slack did the work, but the answer never arrives: the connection drops.
            this.defaultAnswer(method, body);
            req.socket.destroy();
            return;
          }
          res.on('finish', () => this.answered.push(method));
          if (typeof answer.__status === 'number') {
            const { __status, __headers, ...rest } = answer as Record<string, unknown>;
            res.writeHead(__status as number, { 'content-type': 'application/json', ...(__headers as object) });
            return res.end(JSON.stringify(rest));
          }
          return reply(200, answer);
        };
        const held = this.holds.get(method);
        if (held) held.then(send, send);
        else send();
        return;
      }
      reply(404, { ok: false, error: 'not_found' });
    });
  }
}
