/**
 * One Heroku inventory in a process of its own, so the CPU it reports is the client's alone (the
 * fake Heroku runs in the bench process). Prints one JSON line. Run by bench/heroku-inventory.ts.
 */
import { HerokuSource } from '../src/sources/heroku';
import { openStore } from '../src/store/open-store';
import { tempSqliteFile } from '../test/support/databases';

async function main() {
  const env = process.env;
  const store = await openStore(tempSqliteFile());
  const source = new HerokuSource({
    token: env.BENCH_HEROKU_TOKEN ?? '',
    apiUrl: env.BENCH_HEROKU_URL,
    store,
    now: () => new Date(),
    api: { trust: { file: env.BENCH_SSL_CERT_FILE || undefined, dir: env.BENCH_SSL_CERT_DIR || undefined } },
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await source.inventory();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await store.close();
  const { requests, throttled } = source.api.stats;
  process.stdout.write(
    `${JSON.stringify({
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      requests,
      throttled,
      apps: (result.value as { apps: unknown[] }).apps.length,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
