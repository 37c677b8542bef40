import { randomUUID } from 'node:crypto';
import os from 'node:os';
import tls from 'node:tls';
import type { Logger, LogLevel } from '@slack/bolt';
import { type Config, ConfigError, configSecrets, loadConfig } from './config';
import { connectPriceRefresher } from './connect-prices';
import { AlertJobs } from './jobs/alert-jobs';
import { DeadlineExceeded, withDeadline } from './jobs/deadline';
import { Jobs } from './jobs/scheduler';
import { createLogger } from './logger';
import { PriceBook } from './price-book';
import { loadPricingOverrides } from './pricing-file';
import { type Services, withLivePrices } from './services';
import { slackAlertPoster } from './slack/alerts/slack-alert-poster';
import { createSlackApp, type SlackApp } from './slack/app';
import { createDigestRunner } from './slack/digest-poster';
import { closeSources, connectSources } from './sources/connect-sources';
import { rememberSecrets } from './sources/source-error';
import { openStore } from './store/open-store';

/** Heroku sends SIGKILL 30 s after SIGTERM (Docker 10 s by default: run it with `--stop-timeout 30`). */
export const STOP_DEADLINE_MS = 20_000;

export interface RunningBot {
  port: number;
  services: Services;
  slack: SlackApp;
  /** The timers (digest, snapshot); unset when started with `jobs: false`. */
  jobs?: Jobs;
  /** Budget checks and the anomaly scan; built always (tests drive them), timers only with `jobs`. */
  alerts: AlertJobs;
  /**
   * Graceful stop: /readyz 503 and the listener closed at once; requests and jobs under way get
   * `deadlineMs` (default STOP_DEADLINE_MS) to finish, then are cut off; the store closes.
   */
  stop(deadlineMs?: number): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  retries?: number;
  now?: () => Date;
  /** Run the digest and snapshot timers (default true; tests that do not exercise them pass false). */
  jobs?: boolean;
  /** Identity of this process among replicas (default host:pid:random). */
  instanceId?: string;
}

/** config → store → Slack app → listening. index.ts runs it with process.env; tests run it in-process. */
export async function startBot(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningBot> {
  const config: Config = loadConfig(env, { requireSlack: true });
  // What the logs hide, the people reading error texts are not shown either (SourceError).
  rememberSecrets(configSecrets(env));
  const logger = options.logger ?? createLogger(config.LOG_LEVEL as LogLevel, configSecrets(env));
  const overrides = loadPricingOverrides(config.PRICING_FILE);
  // One bot per SQLite file: a second one refuses to start, naming the first (README, Reliability).
  const store = await openStore(config, new Date(), { soleProcess: { onLost: (message) => logger.error(message) } });
  const book = new PriceBook({ overrides, region: config.AWS_PRICING_REGION, store });
  await book.reload();
  const now = options.now ?? (() => new Date());
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const sources = connectSources(config, store, book.catalog, now, logger, { costExplorerInChild: true });
  let tellLeads: ((text: string) => Promise<void>) | undefined;
  const refresher = connectPriceRefresher(
    config,
    { store, book, sources, now, owner: instanceId },
    { tellLeads: (text) => tellLeads?.(text) ?? Promise.resolve(), logger },
  );
  const services: Services = withLivePrices({ config, store, prices: { book, refresher }, sources, now, instanceId });
  const slack = createSlackApp(services, { logger, retries: options.retries });
  // The process's first TLS connection (auth.test at the first request, or the start-up catch-up)
  // would parse Node's bundled root certificates, the store every later connection shares, in one
  // piece of work: 33-50 ms. Made here, before listening, no request waits on it.
  tls.createSecureContext();
  let port: number;
  try {
    port = await slack.start();
  } catch (error) {
    await store.close();
    throw slackRefusedAppToken(config, error) ?? error;
  }
  const runner = createDigestRunner(services, slack.client, logger);
  tellLeads = (text) => runner.tellLeads(text);
  const alerts = new AlertJobs({
    services,
    poster: slackAlertPoster(slack.client, services, logger),
    logger,
    owner: instanceId,
  });
  let jobs: Jobs | undefined;
  if (options.jobs ?? true) {
    alerts.start();
    jobs = new Jobs({
      services,
      runner,
      logger,
      owner: instanceId,
    });
    // Stored prices load first; refreshing runs in the background like the catch-up below.
    await refresher.start(config.PRICES_SCHEDULE);
    // The start-up catch-up runs in the background: readiness never waits on Slack, AWS or Heroku.
    jobs.start().catch((error: unknown) => logger.error('the scheduled jobs did not start:', error));
  }
  logger.info(
    `Hosting Advisor listening on port ${port} (${config.socketMode ? 'Socket Mode' : 'HTTP: /slack/events'}), store: ${store.kind}`,
  );
  return {
    port,
    services,
    slack,
    alerts,
    ...(jobs ? { jobs } : {}),
    async stop(deadlineMs = STOP_DEADLINE_MS) {
      // Stop accepting first (readiness fails, no new connections), then give the work under way one deadline.
      const work = Promise.all([slack.stopAccepting(), alerts.stop(), jobs?.stop(), refresher.stop()]);
      try {
        await withDeadline(work, deadlineMs);
      } catch (error) {
        if (!(error instanceof DeadlineExceeded)) throw error;
        logger.warn(`stopping: work still under way after ${deadlineMs / 1000} s was cut off`);
      }
      slack.closeConnections();
      closeSources(services.sources);
      await store.close();
    },
  };
}

/** What apps.connections.open answers when the app-level token is not (or no longer) one. */
const REFUSED_TOKEN = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'team_disabled']);

/**
 * In Socket Mode, starting asks Slack for a connection with SLACK_APP_TOKEN; a refusal is a setting
 * to fix, said as one (not "An API error occurred: invalid_auth").
 */
function slackRefusedAppToken(config: Config, error: unknown): ConfigError | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (!config.socketMode || typeof code !== 'string' || !REFUSED_TOKEN.has(code)) return undefined;
  return new ConfigError([
    `SLACK_APP_TOKEN: Slack refused it (${code}); create an app-level token with the connections:write scope (Basic Information → App-Level Tokens) and set it, xapp-…`,
  ]);
}
