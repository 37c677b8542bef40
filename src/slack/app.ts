import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, type Logger, type LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { answering } from '../loop-turns';
import type { Services } from '../services';
import { cachedAuthorize } from './authorize';
import { httpFetch } from './http-fetch';
import { registerListeners } from './listeners';
import { guardRequests, limitConnections, REQUEST_LIMITS, serverOptions } from './request-limits';
import { verifySignatures } from './verify-signatures';

/** Bolt's default endpoint: commands, interactions and events all arrive here in HTTP mode. */
const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackApp {
  app: App;
  /** The Web API with the bot token, for work outside a listener (the digest). */
  client: WebClient;
  /** Starts listening; resolves to the HTTP server's port (health routes, and /slack/events in HTTP mode). */
  start(): Promise<number>;
  /** Stops taking requests and waits for those under way to finish. */
  stop(): Promise<void>;
  /**
   * The first step of a stop: /readyz answers 503, /slack/events 503, the listener closes (no new
   * connections). Resolves when the listeners under way have finished.
   */
  stopAccepting(): Promise<void>;
  /** The last step: closes every connection still open (work cut off at the stop deadline). */
  closeConnections(): void;
  /** No listener is running. */
  idle(): boolean;
}

export interface SlackAppOptions {
  logger?: Logger;
  /** Web API retries; tests pass 0. */
  retries?: number;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function healthRoutes(services: Services, isStopping: () => boolean): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req: IncomingMessage, res: ServerResponse) => json(res, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        if (isStopping()) return json(res, 503, { status: 'stopping' });
        services.store.ping().then(
          () => json(res, 200, { status: 'ready', store: services.store.kind }),
          () => json(res, 503, { status: 'store unreachable', store: services.store.kind }),
        );
      },
    },
  ];
}

const WRONG_SECRET = `refused a request to ${SLACK_EVENTS_PATH} whose signature does not match: if every Slack request is refused (Slack says "dispatch_failed"), SLACK_SIGNING_SECRET is not this app's Signing Secret (Basic Information → App Credentials → Signing Secret)`;
const CLOCK_OFF = `refused a request to ${SLACK_EVENTS_PATH} stamped more than 5 minutes from this machine's clock: if every Slack request is refused, set this machine's clock right (NTP)`;

/**
 * Refused requests are logged at debug level (a flood must not flood the log). Two kinds mean a
 * setting is wrong when every request gets them, and nothing else would tell whoever set the bot up
 * why Slack says "dispatch_failed": a signature that does not match and a time 5 minutes off. Those
 * are said at warn level too, each at most once a minute.
 */
function refusalLog(logger: Logger | undefined, now: () => Date) {
  const lastWarned = new Map<string, number>();
  return (what: string, warning?: string) => {
    logger?.debug(`refused a request to ${what}`);
    if (!warning) return;
    const at = now().getTime();
    const last = lastWarned.get(warning);
    if (last !== undefined && at - last < 60_000) return;
    lastWarned.set(warning, at);
    logger?.warn(warning);
  };
}

export function createSlackApp(services: Services, options: SlackAppOptions = {}): SlackApp {
  const { config } = services;
  let stopping = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const customRoutes = healthRoutes(services, () => stopping);

  const logger = options.logger;
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: { retries: options.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    timeout: 10_000,
    fetch: httpFetch,
  };
  const receiver = config.socketMode
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN!,
        customRoutes,
        // The Socket Mode client opens its connection with a Web API client of its own
        // (apps.connections.open): without these it asks slack.com whatever SLACK_API_URL says.
        installerOptions: { port: config.PORT, clientOptions },
        ...(logger ? { logger } : {}),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        customRoutes,
        port: config.PORT,
        bodyLimit: REQUEST_LIMITS.bodyBytes,
        // Checked before Bolt sees the request, by verifySignatures below (./verify-signatures.ts says why).
        signatureVerification: false,
        ...(logger ? { logger } : {}),
      });
  if (receiver instanceof HTTPReceiver) {
    const refused = refusalLog(logger, services.now);
    const verified = verifySignatures(
      receiver.requestListener,
      config.SLACK_SIGNING_SECRET!,
      SLACK_EVENTS_PATH,
      REQUEST_LIMITS.bodyBytes,
      (why, mismatch) => refused(`${SLACK_EVENTS_PATH}: ${why}`, mismatch ? WRONG_SECRET : undefined),
    );
    const guarded = guardRequests(verified, [SLACK_EVENTS_PATH], (why, offClock) =>
      refused(`${SLACK_EVENTS_PATH} before reading it: ${why}`, offClock ? CLOCK_OFF : undefined),
    );
    receiver.requestListener = (req, res) => {
      // Stopping: Slack retries a 503 (to another instance, or this one once restarted).
      if (stopping && req.url?.startsWith(SLACK_EVENTS_PATH)) {
        res.writeHead(503, { connection: 'close', 'content-length': 0, 'retry-after': '5' });
        return res.end(() => req.socket.destroy());
      }
      // A digest being built waits while Slack waits on this answer (src/loop-turns.ts).
      res.once('close', answering());
      return guarded(req, res);
    };
  }

  const token = config.SLACK_BOT_TOKEN!;
  const client = new WebClient(token, { ...clientOptions, ...(logger ? { logger } : {}) });
  const app: App = new App({
    receiver,
    authorize: cachedAuthorize(
      token,
      new WebClient(token, {
        ...clientOptions,
        retryConfig: { retries: 0 },
        timeout: 2500,
        ...(logger ? { logger } : {}),
      }),
      { warn: (...messages: unknown[]) => app.logger.warn(...messages) },
    ),
    // Bolt resets a logger it is given to INFO unless logLevel comes too: LOG_LEVEL would be ignored.
    ...(logger ? { logger, logLevel: logger.getLevel() } : { logLevel: config.LOG_LEVEL as LogLevel }),
    clientOptions,
    // Bolt's default conversation store reads an in-memory map before every listener (building an
    // Error, with its stack, for each conversation it has not seen); nothing here keeps conversation state.
    convoStore: false,
  });

  // Counts listener work under way, so a shutdown can wait for it.
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  });
  registerListeners(app, services);
  app.error(async (error) => {
    app.logger.error('unhandled listener error:', error);
  });

  let server: Server | undefined;
  let closed: Promise<void> | undefined;
  const stopAccepting = () => {
    stopping = true;
    closed ??= app.stop().then(
      () => {},
      () => {},
    );
    return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
  };
  return {
    app,
    client,
    async start() {
      const started = (await app.start(config.PORT, serverOptions())) as unknown;
      if (config.socketMode) return config.PORT;
      server = started as Server;
      limitConnections(server);
      const address = server.address();
      return typeof address === 'object' && address ? address.port : config.PORT;
    },
    idle: () => inFlight === 0,
    stopAccepting,
    closeConnections: () => server?.closeAllConnections(),
    async stop() {
      await stopAccepting();
      await closed;
    },
  };
}
