import type { Logger, LogLevel } from '@slack/bolt';
import { type Config, loadConfig } from './config';
import { configSecrets, createLogger } from './logger';
import { loadCatalog } from './pricing-file';
import type { Services } from './services';
import { createSlackApp, type SlackApp } from './slack/app';
import { closeSources, connectSources } from './sources/connect-sources';
import { openStore } from './store/open-store';

export interface RunningBot {
  port: number;
  services: Services;
  slack: SlackApp;
  /** Graceful stop: no new requests, work under way finishes, the store closes. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  retries?: number;
  now?: () => Date;
}

/** config → store → Slack app → listening. index.ts runs it with process.env; tests run it in-process. */
export async function startBot(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningBot> {
  const config: Config = loadConfig(env, { requireSlack: true });
  const logger = options.logger ?? createLogger(config.LOG_LEVEL as LogLevel, configSecrets(env));
  const catalog = loadCatalog(config.PRICING_FILE);
  const store = await openStore(config.DATABASE_URL);
  const now = options.now ?? (() => new Date());
  const services: Services = { config, store, catalog, sources: connectSources(config, store, catalog, now), now };
  const slack = createSlackApp(services, { logger, retries: options.retries });
  let port: number;
  try {
    port = await slack.start();
  } catch (error) {
    await store.close();
    throw error;
  }
  logger.info(
    `Hosting Advisor listening on port ${port} (${config.socketMode ? 'Socket Mode' : 'HTTP: /slack/events'}), store: ${store.kind}`,
  );
  return {
    port,
    services,
    slack,
    async stop() {
      await slack.stop();
      closeSources(services.sources);
      await store.close();
    },
  };
}
