/**
 * `/hosting help` sent one request after another from a process of its own, so the ack times it
 * reports are the bot's: in the bench process they also waited on the fakes (Cost Explorer, Heroku,
 * Slack) serving the bot there. Run by bench/digest-load.ts over IPC: `{ count }` sends that many,
 * `{ count: 'until stopped' }` sends until the message 'stop'; it answers with the latencies in ms.
 */
import { timeCommand } from './signed-requests';

export interface HelpAcksJob {
  url: string;
  secret: string;
  /** The response_url of each request: this, a dash and a number. */
  respondTo: string;
  count: number | 'until stopped';
}

let stopped = false;
let sent = 0;

process.on('message', async (message: HelpAcksJob | 'stop') => {
  if (message === 'stop') {
    stopped = true;
    return;
  }
  stopped = false;
  const latencies: number[] = [];
  const more = () => (message.count === 'until stopped' ? !stopped : latencies.length < message.count);
  while (more()) {
    latencies.push(await timeCommand(message.url, message.secret, 'help', `${message.respondTo}-${++sent}`));
  }
  process.send!({ latencies });
});
