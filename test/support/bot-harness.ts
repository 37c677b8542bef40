import { createHmac } from 'node:crypto';
import { LogLevel } from '@slack/bolt';
import { createLogger } from '../../src/logger';
import { type RunningBot, startBot } from '../../src/server';
import { tempSqliteFile } from './databases';
import { FakeSlack } from './fake-slack';

export const SIGNING_SECRET = '8f742231b10e8888abcd99eee9a85a5d';
export const BOT_TOKEN = 'xoxb-1111111111-2222222222-testtokenvalue';
export const LEAD = 'ULEAD0001';
export const NOT_LEAD = 'UOTHER001';

interface SlackResponse {
  status: number;
  /** The ack body: parsed JSON, or the raw text when it is not JSON (or empty). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the bot sent
  body: any;
}

export interface Harness {
  bot: RunningBot;
  slack: FakeSlack;
  logs: string[];
  url: string;
  command(text: string, fields?: Record<string, string>): Promise<SlackResponse>;
  interaction(payload: Record<string, unknown>): Promise<SlackResponse>;
  event(event: Record<string, unknown>): Promise<SlackResponse>;
  /** Posts a raw body with explicit headers: for signature tests. */
  post(body: string, headers: Record<string, string>): Promise<SlackResponse>;
  sign(body: string, timestamp?: number): Record<string, string>;
  /** Waits until the bot has finished the work it is doing (deferred answers, uploads). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let responseIds = 0;

export interface HarnessOptions {
  /** Run the digest and snapshot timers (off by default: most tests drive listeners only). */
  jobs?: boolean;
  now?: () => Date;
  instanceId?: string;
  /** What the bot's logger keeps in `logs` (INFO by default). */
  logLevel?: LogLevel;
}

export async function startHarness(
  env: Record<string, string | undefined> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const slack = await new FakeSlack().start();
  const logs: string[] = [];
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
      HOSTING_LEADS: LEAD,
      ...env,
    },
    {
      retries: 0,
      jobs: options.jobs ?? false,
      ...(options.now ? { now: options.now } : {}),
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
      logger: createLogger(options.logLevel ?? LogLevel.INFO, [BOT_TOKEN, SIGNING_SECRET], (line) => logs.push(line)),
    },
  );
  const url = `http://127.0.0.1:${bot.port}`;

  const sign = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  });

  const post = async (body: string, headers: Record<string, string>): Promise<SlackResponse> => {
    const res = await fetch(`${url}/slack/events`, { method: 'POST', body, headers });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : '';
    } catch {}
    return { status: res.status, body: parsed };
  };

  const form = (fields: Record<string, string>) => {
    const body = new URLSearchParams(fields).toString();
    return post(body, { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) });
  };

  const settle = async () => {
    // The bot's in-flight counter reaches zero when every listener has finished. The limit (4,000
    // polls, 20 s and more) is a safety net for a bot that never finishes, not a deadline: on a busy
    // machine a Home gather with its chart took longer than the 500 polls (~3 s) this once allowed.
    for (let i = 0; i < 4_000; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (bot.slack.idle()) return;
      await new Promise((resolve) => setTimeout(resolve, 5).unref());
    }
    throw new Error('the bot did not settle');
  };

  return {
    bot,
    slack,
    logs,
    url,
    post,
    sign,
    settle,
    command: (text, fields = {}) =>
      form({
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'acme',
        channel_id: 'C0CHANNEL',
        channel_name: 'eng',
        user_id: LEAD,
        user_name: 'lead',
        command: '/hosting',
        text,
        api_app_id: 'A1',
        response_url: `${slack.url}/respond/${++responseIds}`,
        trigger_id: `trigger-${responseIds}`,
        ...fields,
      }),
    interaction: (payload) =>
      form({
        payload: JSON.stringify({
          team: { id: 'T1', domain: 'acme' },
          user: { id: LEAD, name: 'lead', team_id: 'T1' },
          api_app_id: 'A1',
          token: 'legacy',
          trigger_id: `trigger-${++responseIds}`,
          ...payload,
        }),
      }),
    event: (event) => {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `Ev${++responseIds}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      return post(body, { 'content-type': 'application/json', ...sign(body) });
    },
    async close() {
      await bot.stop();
      await slack.stop();
    },
  };
}
