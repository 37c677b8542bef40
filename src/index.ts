#!/usr/bin/env node
import { ConfigError, configSecrets } from './config';
import { redact } from './core/redaction';
import { PricingFileError } from './pricing-file';
import { STOP_DEADLINE_MS, startBot } from './server';

async function main() {
  const bot = await startBot(process.env);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(
      `${signal} received: no new requests; work under way gets ${STOP_DEADLINE_MS / 1000} s, then stopping.\n`,
    );
    // A backstop in case closing the store itself hangs: the platform's SIGKILL would come next.
    setTimeout(() => {
      process.stderr.write('stopping took too long: exiting now.\n');
      process.exit(1);
    }, STOP_DEADLINE_MS + 5_000).unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${redact(String(error), configSecrets(process.env))}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A configuration problem is the user's to fix: the message says how, no stack trace needed.
  const text =
    error instanceof ConfigError || error instanceof PricingFileError
      ? error.message
      : `Hosting Advisor could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${redact(text, configSecrets(process.env))}\n`);
  process.exit(1);
});
