/**
 * `npm run bench`: one figure a line, each measured in this run on this machine. Not part of
 * `npm test`; nothing here asserts a time. Needs the built bot (`npm run build`) for the figures
 * taken from a child process (`node dist/index.js`, as the Procfile runs it).
 */
import os from 'node:os';
import path from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createLogger } from '../src/logger';
import { startBot } from '../src/server';
import { tempSqliteFile } from '../test/support/databases';
import type { FakeCostExplorer } from '../test/support/fake-cost-explorer';
import { FakeHeroku, generateWorld } from '../test/support/fake-heroku';
import { FakeSlack } from '../test/support/fake-slack';
import { alertRequests } from './alert-requests';
import { baselineDist } from './baseline';
import { startBaselineBot } from './baseline-bot';
import { ceAnswerCpu } from './ce-answer-cpu';
import { BOT_NODE_FLAGS, type ChildBot, procStatusBytes, startChildBot } from './child-bot';
import { cliWallTimes, median } from './cli-wall-time';
import { bigDigest } from './digest-load';
import { awsEnv, startBenchCostExplorer } from './fake-aws';
import { herokuInventoryRun } from './heroku-inventory';
import { modelThroughput } from './model-throughput';
import { priceBookFigures } from './price-book';
import { appHomeOpened, BENCH_USER, mixedRequests, percentile, timeCommand, timeEvent } from './signed-requests';

const SECRET = '0123456789abcdef0123456789abcdef';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const LOAD_REQUESTS = 5000;
const MEMORY_TARGET_MIB = 150;
const DASHBOARD_OPENS = 100;
const DIGEST_CHANNEL = 'CBENCHDIG';
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const print = (name: string, value: string) => process.stdout.write(`${name}: ${value}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Closed in reverse order at the end, whatever failed. */
const cleanups: (() => Promise<unknown>)[] = [];

async function waitFor(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits until `count()` has not changed for `quietMs`: the bot's background work has finished. */
async function quiet(count: () => number, quietMs = 500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('the bot never went quiet');
    await sleep(25);
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const cores = os.availableParallelism?.() ?? cpus.length;
  return `${model}, ${cores} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}, node ${process.version}`;
}

async function bareBolt(): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bench', receiver, botId: 'B1', botUserId: 'U1', logLevel: LogLevel.ERROR });
  app.command('/hosting', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'ok' }));
  const server = (await app.start(0)) as unknown as import('node:http').Server;
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => app.stop() as Promise<void> };
}

/**
 * The same command to the bare app and to the bot (and the baseline build's bot, when given), in
 * turn (so load from elsewhere on the machine falls on all alike), after a warm-up; ack latencies in ms.
 */
async function pairedLatencies(bareUrl: string, botUrl: string, text: string, respond: string, baselineUrl?: string) {
  const urls = [bareUrl, botUrl, ...(baselineUrl ? [baselineUrl] : [])];
  for (let i = 0; i < 30; i++) for (const url of urls) await timeCommand(url, SECRET, text, respond);
  const [bare, bot, baseline] = urls.map(() => [] as number[]);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [j, url] of urls.entries()) [bare, bot, baseline][j].push(await timeCommand(url, SECRET, text, respond));
  }
  return { bare, bot, baseline };
}

const ratio = (bot: number[], bare: number[], p: number) => (percentile(bot, p) / percentile(bare, p)).toFixed(2);

/** A small Heroku account for the bots that read live spend. */
async function fakeHeroku(): Promise<FakeHeroku> {
  const heroku = await FakeHeroku.start({ world: generateWorld({ personalApps: 20, seed: 7 }) });
  cleanups.push(() => heroku.close());
  return heroku;
}

async function fakeCostExplorer(): Promise<FakeCostExplorer> {
  const ce = await startBenchCostExplorer();
  cleanups.push(() => ce.close());
  return ce;
}

async function fakeSlack(): Promise<FakeSlack> {
  const slack = await new FakeSlack().start();
  cleanups.push(() => slack.stop());
  return slack;
}

/** Ack latency through the real HTTP receiver, bot and bare Bolt in this process (as before). */
async function ackLatency() {
  const slack = await fakeSlack();
  const ce = await fakeCostExplorer();
  const heroku = await fakeHeroku();
  const bare = await bareBolt();
  cleanups.push(() => bare.stop());
  // The AWS SDK reads its endpoint and credentials from the process environment.
  const aws = awsEnv(ce);
  const saved = Object.fromEntries(Object.keys(aws).map((key) => [key, process.env[key]]));
  Object.assign(process.env, aws);
  cleanups.push(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const rssBefore = process.memoryUsage().rss;
  const env = (): NodeJS.ProcessEnv => ({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: tempSqliteFile(),
    HOSTING_LEADS: BENCH_USER,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
    ...aws,
  });
  const bot = await startBot(env(), { retries: 0, jobs: false, logger: createLogger(LogLevel.ERROR, [], () => {}) });
  cleanups.push(() => bot.stop());
  // The baseline build's bot answers the same help and estimate requests in the same rounds.
  const before = await startBaselineBot(env());
  if (before) cleanups.push(() => before.stop());
  print('rss_after_start_mib (bench process, bot in-process)', mib(process.memoryUsage().rss));
  const url = `http://127.0.0.1:${bot.port}`;
  const respond = `${slack.url}/respond/bench`;
  const estimateText = 'estimate web=2xstandard-2x postgres=standard-0';
  const estimates = await pairedLatencies(bare.url, url, estimateText, respond, before?.url);
  const help = await pairedLatencies(bare.url, url, 'help', respond, before?.url);
  print('bare_bolt_ack_ms_p50', percentile(estimates.bare, 50).toFixed(2));
  print('bare_bolt_ack_ms_p99', percentile(estimates.bare, 99).toFixed(2));
  print('estimate_ack_p50_ratio_to_bare_bolt', ratio(estimates.bot, estimates.bare, 50));
  print('estimate_ack_p99_ratio_to_bare_bolt', ratio(estimates.bot, estimates.bare, 99));
  // The same in milliseconds: what a person waits for the answer beyond a bare ack.
  print(
    'estimate_ack_p50_ms_beyond_bare_bolt',
    (percentile(estimates.bot, 50) - percentile(estimates.bare, 50)).toFixed(2),
  );
  print('help_ack_p50_ratio_to_bare_bolt', ratio(help.bot, help.bare, 50));
  print('help_ack_p99_ratio_to_bare_bolt', ratio(help.bot, help.bare, 99));
  if (before) {
    for (const [name, runs] of [
      ['estimate', estimates],
      ['help', help],
    ] as const) {
      for (const p of [50, 99]) {
        print(
          `${name}_ack_p${p}_ratio_to_bare_bolt (${before.label}, same rounds)`,
          ratio(runs.baseline, runs.bare, p),
        );
      }
    }
  }

  // Cached spend: the first one fills the Cost Explorer and Heroku caches, then the ack is the placeholder.
  await timeCommand(url, SECRET, 'spend', `${slack.url}/respond/spend-warm`);
  await waitFor('the first spend answer', () => slack.responses.some((r) => r.path === '/respond/spend-warm'));
  await waitFor('the bot to finish the first spend', () => bot.slack.idle());
  const ceBefore = ce.requests().length;
  const spend = await pairedLatencies(bare.url, url, 'spend', `${slack.url}/respond/spend`);
  await waitFor('every spend answer', () => bot.slack.idle());
  const answered = slack.responses.filter((r) => r.path === '/respond/spend');
  const cached = answered.at(-1)?.body;
  if (!JSON.stringify(cached).includes('(cached)')) throw new Error('the measured spend answers were not cached');
  print('bare_bolt_spend_ack_ms_p50', percentile(spend.bare, 50).toFixed(2));
  print('spend_cached_ack_p50_ratio_to_bare_bolt', ratio(spend.bot, spend.bare, 50));
  print('spend_cached_ack_p99_ratio_to_bare_bolt', ratio(spend.bot, spend.bare, 99));
  print(
    `spend_cached_cost_explorer_requests (all ${ROUNDS + 30} measured spends)`,
    String(ce.requests().length - ceBefore),
  );

  const mixed = [
    'help',
    estimateText,
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az',
    'estimate web=9xnope',
    'nonsense',
  ];
  for (let i = 0; i < LOAD_REQUESTS; i++) await timeCommand(url, SECRET, mixed[i % mixed.length], respond);
  global.gc?.();
  print('rss_after_5000_mixed_requests_mib (bench process)', mib(process.memoryUsage().rss));
  print('rss_growth_over_load_mib', mib(process.memoryUsage().rss - rssBefore));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** The built bot in a child process, reading live spend from the local AWS and Heroku. */
async function childBot(slack: FakeSlack, ce: FakeCostExplorer, heroku: FakeHeroku, env: Record<string, string> = {}) {
  const bot = await startChildBot({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: tempSqliteFile(),
    HOSTING_LEADS: BENCH_USER,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
    ...awsEnv(ce),
    ...env,
  });
  cleanups.push(() => bot.stop());
  // The start-up catch-up (Heroku snapshot, missed digest) runs after /readyz; let it finish first.
  await bot.waitForLog('jobs started');
  return bot;
}

let commandIds = 0;

/** A command to the child bot, waiting for its deferred answer at the fake Slack's response_url. */
async function command(bot: ChildBot, slack: FakeSlack, text: string) {
  const path = `/respond/cmd-${++commandIds}`;
  await timeCommand(bot.url, SECRET, text, `${slack.url}${path}`);
  await waitFor(`the answer to "${text}"`, () => slack.responses.some((r) => r.path === path));
  return slack.responses.find((r) => r.path === path)!.body;
}

/** Cost Explorer requests `work` leads to, counted once the bot goes quiet; `detail` names the operations. */
async function ceRequestsOf(
  ce: FakeCostExplorer,
  work: () => Promise<unknown>,
): Promise<{ count: number; detail: string }> {
  const before = ce.requests().length;
  await work();
  await quiet(() => ce.requests().length + ce.requests().filter((r) => r.outcome === 'pending').length);
  const counts = new Map<string, number>();
  for (const request of ce.requests().slice(before)) {
    const operation = request.operation ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  }
  const count = ce.requests().length - before;
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([operation, n]) => `${operation} ${n}`);
  return { count, detail: count === 0 ? '0' : `${count} (${parts.join(', ')})` };
}

const rssMib = (pid: number, field = 'VmRSS') => {
  const bytes = procStatusBytes(pid, field);
  return bytes === undefined ? 'n/a (no /proc on this system)' : mib(bytes);
};

/** Memory of the bot alone, start-up time, and Cost Explorer requests per spend. */
async function botAlone() {
  const slack = await fakeSlack();
  const ce = await fakeCostExplorer();
  const heroku = await fakeHeroku();
  const bot = await childBot(slack, ce, heroku);
  print('startup_to_readyz_ms (built bot, child process, AWS and Heroku configured)', bot.readyMs.toFixed(0));
  await sleep(1000);
  print('bot_rss_after_start_mib (node dist/index.js alone, VmRSS)', rssMib(bot.pid));

  const uncached = await ceRequestsOf(ce, () => command(bot, slack, 'spend'));
  print('cost_explorer_requests_per_uncached_spend (`spend`: AWS and Heroku, 7d; one page per query)', uncached.detail);
  let cachedAnswer: Record<string, unknown> = {};
  const cached = await ceRequestsOf(ce, async () => {
    for (let i = 0; i < 10; i++) cachedAnswer = await command(bot, slack, 'spend');
  });
  if (!JSON.stringify(cachedAnswer).includes('(cached)')) throw new Error('the repeated spend was not cached');
  print('cost_explorer_requests_per_cached_spend (mean of the next 10)', (cached.count / 10).toFixed(1));

  // 5,000 mixed signed requests, one after another; deferred answers overlap the next requests.
  const mix = mixedRequests(bot.url, SECRET, `${slack.url}/respond/load`);
  const publishesBefore = slack.callsTo('views.publish').length;
  for (let i = 0; i < LOAD_REQUESTS; i++) await mix[i % mix.length]();
  await quiet(() => slack.calls.length + slack.responses.length, 1000, 120_000);
  const homePublished = slack.callsTo('views.publish').length - publishesBefore;
  process.stdout.write(
    `# bot load: ${LOAD_REQUESTS} signed requests in turn: help, 3 estimates (one invalid), 2 compliance, cached spend, unknown subcommand, App Home open\n`,
  );
  print('bot_load_app_home_views_published', String(homePublished));
  const after = procStatusBytes(bot.pid, 'VmRSS');
  print('bot_rss_after_5000_mixed_requests_mib (VmRSS)', rssMib(bot.pid));
  print('bot_rss_peak_mib (VmHWM)', rssMib(bot.pid, 'VmHWM'));
  print('bot_rss_anon_after_load_mib (RssAnon: JS heap, malloc)', rssMib(bot.pid, 'RssAnon'));
  print('bot_rss_file_after_load_mib (RssFile: node, native modules)', rssMib(bot.pid, 'RssFile'));
  print(
    `bot_rss_under_${MEMORY_TARGET_MIB}_mib_target`,
    after === undefined ? 'n/a' : `${after < MEMORY_TARGET_MIB * 1024 * 1024 ? 'yes' : 'NO'} (${mib(after)} MiB)`,
  );
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** Cost Explorer requests of one `/hosting digest post`, on an empty cache (a weekly digest). */
async function digestRequests() {
  const slack = await fakeSlack();
  const ce = await fakeCostExplorer();
  const heroku = await fakeHeroku();
  const bot = await childBot(slack, ce, heroku, { DIGEST_CHANNEL });
  const postsBefore = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === DIGEST_CHANNEL).length;
  let answer: Record<string, unknown> = {};
  const requests = await ceRequestsOf(ce, async () => {
    answer = await command(bot, slack, 'digest post');
  });
  const posted =
    slack.callsTo('chat.postMessage').filter((c) => c.body.channel === DIGEST_CHANNEL).length - postsBefore;
  print(
    'cost_explorer_requests_per_weekly_digest (digest post, empty cache)',
    posted > 0 ? requests.detail : `n/a (not posted: ${JSON.stringify(answer.text ?? answer).slice(0, 200)})`,
  );
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** Cost Explorer requests of 100 App Home opens by a lead, one after another, on an empty cache. */
async function dashboardRequests() {
  const slack = await fakeSlack();
  const ce = await fakeCostExplorer();
  const heroku = await fakeHeroku();
  const bot = await childBot(slack, ce, heroku);
  const requests = await ceRequestsOf(ce, async () => {
    for (let i = 0; i < DASHBOARD_OPENS; i++) await timeEvent(bot.url, SECRET, appHomeOpened());
    await quiet(() => slack.calls.length, 1000);
  });
  const published = slack.callsTo('views.publish').length;
  print(
    `cost_explorer_requests_per_${DASHBOARD_OPENS}_app_home_opens (lead, empty cache)`,
    published > 0 ? requests.detail : 'n/a (App Home not built)',
  );
  print(`app_home_views_published_for_${DASHBOARD_OPENS}_opens`, String(published));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

async function herokuInventory() {
  for (const systemStore of [false, true]) {
    const run = await herokuInventoryRun(systemStore);
    const label = systemStore ? 'ssl_cert_dir_set' : 'ssl_cert_dir_unset';
    process.stdout.write(
      `# heroku inventory over ${run.scheme}, SSL_CERT_FILE/SSL_CERT_DIR ${systemStore ? 'set to /etc/ssl/certs' : 'unset'}\n`,
    );
    print(`heroku_inventory_500_apps_50ms_latency_wall_ms (${label})`, run.wallMs.toFixed(0));
    print(`heroku_inventory_500_apps_requests (${label})`, String(run.requests));
    print(`heroku_inventory_500_apps_429s (${label})`, String(run.fake429s));
    print(`heroku_inventory_connections_opened (${label})`, String(run.connections));
    print(`heroku_inventory_client_cpu_ms_per_request (${label})`, (run.cpuMs / run.requests).toFixed(2));
    print(`heroku_inventory_apps_counted (${label})`, String(run.apps));
    if (systemStore) {
      const unset = inventoryCpuPerRequest;
      print('heroku_inventory_cpu_per_request_ratio_set_to_unset', (run.cpuMs / run.requests / unset).toFixed(2));
    } else {
      inventoryCpuPerRequest = run.cpuMs / run.requests;
    }
  }
}

let inventoryCpuPerRequest = 1;

async function cliWallTime() {
  const before = baselineDist();
  const { bare, cli, baseline } = await cliWallTimes(15, before && path.join(before.dir, 'cli.js'));
  print('node_e_0_wall_ms_p50 (baseline, same run)', median(bare).toFixed(0));
  if (before) {
    print(`cli_estimate_wall_ms_p50 (${before.label})`, median(baseline).toFixed(0));
    print(`cli_estimate_wall_ratio_to_node_e_0 (${before.label})`, (median(baseline) / median(bare)).toFixed(2));
  }
  print('cli_estimate_wall_ms_p50 (node dist/cli.js estimate …)', median(cli).toFixed(0));
  print('cli_estimate_wall_ratio_to_node_e_0', (median(cli) / median(bare)).toFixed(2));
}

async function main() {
  process.stdout.write(`# Hosting Advisor benchmark, ${new Date().toISOString()}\n`);
  process.stdout.write(`# machine: ${machine()}\n`);
  // BENCH_ONLY=botAlone,digestRequests runs a subset (to compare settings quickly).
  const only = process.env.BENCH_ONLY?.split(',');
  const sections: [string, () => unknown][] = [
    ['modelThroughput', () => modelThroughput(print)],
    ['priceBook', () => priceBookFigures(print)],
    ['ackLatency', ackLatency],
    ['botAlone', botAlone],
    ['digestRequests', digestRequests],
    ['dashboardRequests', dashboardRequests],
    ['bigDigest', () => bigDigest(print, SECRET)],
    ['herokuInventory', herokuInventory],
    ['cliWallTime', cliWallTime],
    ['alertRequests', () => alertRequests(print)],
    ['ceAnswerCpu', () => ceAnswerCpu(print)],
  ];
  for (const [name, run] of sections) if (!only || only.includes(name)) await run();
  process.stdout.write(`# bot node flags: ${BOT_NODE_FLAGS.join(' ') || '(none)'}\n`);
}

main()
  .catch((error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
