import { createHmac } from 'node:crypto';

/** Sends a correctly signed slash command and returns the ack latency in milliseconds. */
export async function timeCommand(url: string, secret: string, text: string, responseUrl: string): Promise<number> {
  const body = new URLSearchParams({
    command: '/hosting',
    text,
    user_id: 'ULEAD0001',
    channel_id: 'C0BENCH',
    team_id: 'T1',
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: 'bench',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench request failed with HTTP ${res.status}`);
  return performance.now() - started;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
