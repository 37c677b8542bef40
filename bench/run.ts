/**
 * `npm run bench`: one figure a line, each measured in this run on this machine. Not part of
 * `npm test`; nothing here asserts a time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { parseEstimate } from '../src/core/estimate';
import { estimate } from '../src/core/model';
import { DEFAULT_CATALOG } from '../src/core/pricing';
import { createLogger } from '../src/logger';
import { startBot } from '../src/server';
import { HerokuSource } from '../src/sources/heroku';
import { openStore } from '../src/store/open-store';
import { tempSqliteFile } from '../test/support/databases';
import { FakeHeroku, generateWorld } from '../test/support/fake-heroku';
import { FakeSlack } from '../test/support/fake-slack';
import { percentile, timeCommand } from './signed-requests';

const SECRET = '0123456789abcdef0123456789abcdef';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const print = (name: string, value: string) => process.stdout.write(`${name}: ${value}\n`);

async function bareBolt(): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bench', receiver, botId: 'B1', botUserId: 'U1', logLevel: LogLevel.ERROR });
  app.command('/hosting', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'ok' }));
  const server = (await app.start(0)) as unknown as import('node:http').Server;
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => app.stop() as Promise<void> };
}

async function latencies(url: string, text: string, responseUrl: string): Promise<number[]> {
  for (let i = 0; i < 30; i++) await timeCommand(url, SECRET, text, responseUrl);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await timeCommand(url, SECRET, text, responseUrl));
  return samples;
}

async function ackLatency() {
  const slack = await new FakeSlack().start();
  const bare = await bareBolt();
  const rssBefore = process.memoryUsage().rss;
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
    },
    { retries: 0, logger: createLogger(LogLevel.ERROR, [], () => {}) },
  );
  print('rss_after_start_mib (bench process, bot in-process)', mib(process.memoryUsage().rss));
  const url = `http://127.0.0.1:${bot.port}`;
  const respond = `${slack.url}/respond/bench`;
  const baseline = await latencies(bare.url, 'estimate web=2xstandard-2x postgres=standard-0', respond);
  const estimateSamples = await latencies(url, 'estimate web=2xstandard-2x postgres=standard-0', respond);
  const helpSamples = await latencies(url, 'help', respond);
  const base50 = percentile(baseline, 50);
  const base99 = percentile(baseline, 99);
  print('bare_bolt_ack_ms_p50', base50.toFixed(2));
  print('bare_bolt_ack_ms_p99', base99.toFixed(2));
  print('estimate_ack_p50_ratio_to_bare_bolt', (percentile(estimateSamples, 50) / base50).toFixed(2));
  print('estimate_ack_p99_ratio_to_bare_bolt', (percentile(estimateSamples, 99) / base99).toFixed(2));
  print('help_ack_p50_ratio_to_bare_bolt', (percentile(helpSamples, 50) / base50).toFixed(2));
  const mixed = [
    'help',
    'estimate web=2xstandard-2x postgres=standard-0',
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az',
    'estimate web=9xnope',
    'nonsense',
  ];
  for (let i = 0; i < 5000; i++) await timeCommand(url, SECRET, mixed[i % mixed.length], respond);
  global.gc?.();
  print('rss_after_5000_mixed_requests_mib (bench process)', mib(process.memoryUsage().rss));
  print('rss_growth_over_load_mib', mib(process.memoryUsage().rss - rssBefore));
  await bot.stop();
  await bare.stop();
  await slack.stop();
}

function modelThroughput() {
  const parsed = parseEstimate(
    'web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging review=2',
    DEFAULT_CATALOG,
  );
  if (!parsed.ok || parsed.request.kind !== 'workload') throw new Error('bench workload does not parse');
  const { workload } = parsed.request;
  for (let i = 0; i < 200; i++) estimate(workload, DEFAULT_CATALOG);
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < 2000) {
    estimate(workload, DEFAULT_CATALOG);
    count++;
  }
  print('model_estimates_per_second', Math.round(count / ((performance.now() - started) / 1000)).toString());
}

async function startupToReady() {
  const slack = await new FakeSlack().start();
  const started = performance.now();
  const child = spawn(process.execPath, [path.resolve(__dirname, '../src/index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: tempSqliteFile(),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk;
      const match = /listening on port (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(seen)));
  });
  while ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status !== 200)
    await new Promise((r) => setTimeout(r, 5));
  print('startup_to_readyz_ms', (performance.now() - started).toFixed(0));
  const rss = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => undefined);
  void rss;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  await slack.stop();
}

async function herokuInventory() {
  delete process.env.SSL_CERT_DIR;
  delete process.env.SSL_CERT_FILE;
  const fake = await FakeHeroku.start({ world: generateWorld({ personalApps: 500, seed: 7 }), latencyMs: 50 });
  const store = await openStore(tempSqliteFile());
  const source = new HerokuSource({ token: fake.token, apiUrl: fake.url, store, now: () => new Date() });
  const started = performance.now();
  const result = await source.inventory();
  const apps = (result.value as { apps: unknown[] }).apps.length;
  print('heroku_inventory_500_apps_50ms_latency_wall_ms', (performance.now() - started).toFixed(0));
  print('heroku_inventory_500_apps_requests', String(fake.log.length));
  print('heroku_inventory_500_apps_429s', String(fake.log.filter((entry) => entry.status === 429).length));
  print('heroku_inventory_apps_counted', String(apps));
  await store.close();
  await fake.close();
}

async function main() {
  process.stdout.write(`# Hosting Advisor benchmark, node ${process.version}, ${new Date().toISOString()}\n`);
  modelThroughput();
  await ackLatency();
  await startupToReady();
  await herokuInventory();
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
