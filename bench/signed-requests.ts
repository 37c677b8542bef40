import { createHmac } from 'node:crypto';

/** The user the benchmark acts as; the bots under test list it in HOSTING_LEADS. */
export const BENCH_USER = 'ULEAD0001';

let nextId = 0;

async function post(url: string, secret: string, body: string, contentType: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench request failed with HTTP ${res.status}`);
  return performance.now() - started;
}

/** Sends a correctly signed slash command and returns the ack latency in milliseconds. */
export async function timeCommand(url: string, secret: string, text: string, responseUrl: string): Promise<number> {
  const body = new URLSearchParams({
    command: '/hosting',
    text,
    user_id: BENCH_USER,
    channel_id: 'C0BENCH',
    team_id: 'T1',
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `bench-${++nextId}`,
  }).toString();
  return post(url, secret, body, 'application/x-www-form-urlencoded');
}

/** Sends a correctly signed Events API callback (e.g. app_home_opened) and returns the ack latency in ms. */
export async function timeEvent(url: string, secret: string, event: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvBENCH${++nextId}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return post(url, secret, body, 'application/json');
}

/** The Home tab opened by `user`, as Slack sends it. */
export function appHomeOpened(user = BENCH_USER): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: `${Date.now() / 1000}` };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The mixed load both the bot-alone figures and the big digest send: one request of each kind in
 * turn (help, estimates good and bad, compliance, cached spend, an unknown subcommand, a Home open).
 * Each sender returns its ack time; `respondTo` prefixes the response_url of each kind.
 */
export function mixedRequests(url: string, secret: string, respondTo: string): (() => Promise<number>)[] {
  const mix = [
    'help',
    'estimate web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging',
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az',
    'estimate web=9xnope',
    'compliance hipaa',
    'compliance pci aws',
    'spend',
    'nonsense',
  ].map((text, kind) => () => timeCommand(url, secret, text, `${respondTo}-${kind}`));
  mix.push(() => timeEvent(url, secret, appHomeOpened()));
  return mix;
}
