import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * The requests this process's HTTP client sends to one server, seen where the client makes them:
 * Node publishes each on the `http.client.request.start` diagnostics channel
 * (https://nodejs.org/docs/latest-v20.x/api/diagnostics_channel.html#http), whatever library built it
 * (heroku-client, the AWS SDK's handler). A server's own log misses a request the client gave up on
 * before it arrived: on a machine starved of CPU, a deadline armed with the request can fire before the
 * connection completes.
 *
 * In Node 20 the channel fires when the request is flushed to its socket: on the next tick after
 * `http.request()` when the agent has a free socket, so before any timer armed with the request can
 * fire. A request queued behind the agent's `maxSockets` is published only once a socket frees.
 */
export interface SentRequest {
  method: string;
  path: string;
  /** Whether a response (status and headers) came back. */
  answered: boolean;
  /**
   * Whether it is over: the client destroyed it (as a deadline does), its socket closed, or its
   * response was read. Unanswered and over, against a server holding the request, is the client's doing.
   */
  ended: boolean;
}

export interface SentRequests {
  /** Each request sent to the server so far (to `path`, or any), in the order sent, as it stands now. */
  to(path?: string): SentRequest[];
  /** Stops recording. */
  stop(): void;
}

const START = 'http.client.request.start';

/** Records the requests sent to `origin` (`http://127.0.0.1:PORT`) from now until `stop()`. */
export function recordSentRequests(origin: string): SentRequests {
  const host = new URL(origin).host;
  const requests: ClientRequest[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') === host) requests.push(request);
  };
  diagnostics.subscribe(START, onStart);
  return {
    to: (path) =>
      requests
        .filter((request) => path === undefined || request.path === path)
        .map((request) => ({
          method: request.method,
          path: request.path,
          // Node sets `res` as the response's headers are parsed (not in @types/node).
          answered: (request as ClientRequest & { res?: unknown }).res != null,
          ended: request.destroyed,
        })),
    stop: () => diagnostics.unsubscribe(START, onStart),
  };
}
