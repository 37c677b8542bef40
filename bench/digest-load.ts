/**
 * The weekly digest for a large Heroku account while Slack keeps asking: 500 apps with 60 days of
 * daily snapshots, `/hosting digest post` (built, posted, chart rendered and uploaded) while
 * `/hosting help` is sent one request after another. Measured inside the bot by the loop probe
 * (bench/loop-probe.ts, preloaded): event-loop delay; outside: help ack latency idle and during the
 * digest; /proc: the bot's peak RSS through the digest and then 5,000 mixed requests, and its child processes'.
 *
 * With a baseline build (bench/baseline.ts: `npm run bench:baseline -- <revision>` or BENCH_BASELINE)
 * the same runs against that build first, in this run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../src/store/store';
import { tempSqliteFile } from '../test/support/databases';
import type { FakeCostExplorer } from '../test/support/fake-cost-explorer';
import { FakeHeroku, generateWorld } from '../test/support/fake-heroku';
import { FakeSlack } from '../test/support/fake-slack';
import { baselineDist } from './baseline';
import { BOT_ENTRY, type ChildBot, procStatusBytes, startChildBot } from './child-bot';
import { awsEnv, startBenchCostExplorer } from './fake-aws';
import type { HelpAcksJob } from './help-acks-child';
import type { LoopDelay, MemoryPeaks } from './loop-probe';
import { BENCH_USER, mixedRequests, percentile, timeCommand } from './signed-requests';

const APPS = 500;
const DAYS = 60;
const IDLE_HELPS = 300;
/** BIG_DIGEST_LOAD=0 skips the mixed requests (to look at the digest alone). */
const LOAD_REQUESTS = Number(process.env.BIG_DIGEST_LOAD ?? 5000);
const CHANNEL = 'CBENCHBIG';
const PROBE = path.resolve(__dirname, 'loop-probe.js');
const HELP_ACKS = path.resolve(__dirname, 'help-acks-child.js');

type Print = (name: string, value: string) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : (bytes / 1024 / 1024).toFixed(1));
const fixed = (ms: number) => ms.toFixed(1);

function probe(bot: ChildBot, what: 'reset' | 'read'): Promise<LoopDelay | undefined>;
function probe(bot: ChildBot, what: 'memory'): Promise<MemoryPeaks | undefined>;
function probe(bot: ChildBot, what: 'reset' | 'read' | 'memory'): Promise<LoopDelay | MemoryPeaks | undefined> {
  return new Promise((resolve) => {
    const onMessage = (message: { probe?: string; delay?: LoopDelay; memory?: MemoryPeaks }) => {
      if (message?.probe !== what) return;
      bot.process.off('message', onMessage);
      resolve(message.delay ?? message.memory);
    };
    bot.process.on('message', onMessage);
    bot.process.send(`loop-probe:${what}`);
  });
}

/** The largest VmHWM of the bot's child processes (the digest's, the chart's) seen so far, from /proc. */
function childPeaks(pid: number, peaks: Map<number, number>): void {
  let children: string[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return;
  }
  for (const child of children.map(Number)) {
    const hwm = procStatusBytes(child, 'VmHWM');
    if (hwm !== undefined) peaks.set(child, Math.max(peaks.get(child) ?? 0, hwm));
  }
}

/** Help acks timed by the child process: `count` of them, or until `stop` is called. */
function helpAcks(client: ChildProcess, job: HelpAcksJob): { latencies: Promise<number[]>; stop(): void } {
  const latencies = new Promise<number[]>((resolve, reject) => {
    client.once('message', (answer: { latencies: number[] }) => resolve(answer.latencies));
    client.once('exit', (code) => reject(new Error(`the help-ack client exited (code ${code})`)));
  });
  client.send(job);
  return { latencies, stop: () => client.send('stop') };
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The bot took today's snapshot of every app at start; the days before are copies of it through
 * that build's own store (so its schema, whatever it is), one app in 37 a dyno larger each day so
 * the movers and "why it changed" have something to say.
 */
async function seedSnapshots(dist: string, file: string): Promise<number> {
  const { openStore } = require(path.join(dist, 'store/open-store.js')) as {
    openStore: (url: string) => Promise<Store>;
  };
  const store = await openStore(file);
  try {
    const todayMs = Date.parse(`${utcDay(Date.now())}T00:00:00Z`);
    const today = await store.snapshots(utcDay(todayMs), utcDay(todayMs + 86_400_000));
    if (today.length < APPS) throw new Error(`the bot's start-up snapshot has ${today.length} apps, not ${APPS}`);
    let written = 0;
    for (let back = 1; back < DAYS; back++) {
      const day = utcDay(todayMs - back * 86_400_000);
      for (const [index, row] of today.entries()) {
        const data = structuredClone(row.data) as { items?: { quantity: number }[] };
        const first = data.items?.[0];
        if (first && (index + back) % 37 === 0) first.quantity += 1;
        await store.putSnapshot({ day, app: row.app, data, takenAt: new Date(todayMs - back * 86_400_000) });
        written++;
      }
    }
    return written + today.length;
  } finally {
    await store.close();
  }
}

interface Fakes {
  slack: FakeSlack;
  ce: FakeCostExplorer;
  heroku: FakeHeroku;
  secret: string;
}

let ids = 0;

/** Answers about the whole live account of 500 apps, after the digest has filled the caches. */
const FLEET_ANSWERS = ['compliance hipaa live', 'spend', 'migrate', 'parity'];

/** A "Reading…" placeholder the final answer replaces. */
const isPlaceholder = (body: unknown) =>
  /^(Reading|Fetching|Modelling|Comparing|Checking)\b/.test(String((body as { text?: unknown })?.text ?? ''));

async function measure(label: string, dist: string, fakes: Fakes, print: Print): Promise<void> {
  const { slack, ce, heroku, secret } = fakes;
  const file = tempSqliteFile();
  const bot = await startChildBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: file,
      HOSTING_LEADS: BENCH_USER,
      HEROKU_API_TOKEN: heroku.token,
      HEROKU_API_URL: heroku.url,
      DIGEST_CHANNEL: CHANNEL,
      ...awsEnv(ce),
    },
    { entry: path.join(dist, 'index.js'), nodeArgs: ['--require', PROBE] },
  );
  try {
    await bot.waitForLog('jobs started', 120_000);
    const rows = await seedSnapshots(dist, file);
    process.stdout.write(`# ${label}: ${rows} snapshot rows (${APPS} apps × ${DAYS} days)\n`);
    const respond = (name: string) => `${slack.url}/respond/${name}-${++ids}`;

    // Idle: help one after another, the loop probe over the same stretch. The acks are timed from a
    // process of their own (bench/help-acks-child.ts), idle and during the digest alike.
    const client = fork(HELP_ACKS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const job = { url: bot.url, secret, respondTo: `${slack.url}/respond/help` };
    await helpAcks(client, { ...job, count: 30 }).latencies;
    await probe(bot, 'reset');
    const idle = await helpAcks(client, { ...job, count: IDLE_HELPS }).latencies;
    const idleDelay = (await probe(bot, 'read'))!;

    const peakBeforeDigest = procStatusBytes(bot.pid, 'VmHWM');
    const memoryBeforeDigest = await probe(bot, 'memory');
    // The digest, posted with its chart, while help keeps coming.
    const uploadsBefore = slack.uploads.length;
    const postPath = respond('digest-post');
    await probe(bot, 'reset');
    const started = performance.now();
    await timeCommand(bot.url, secret, 'digest post', postPath);
    const acks = helpAcks(client, { ...job, count: 'until stopped' });
    const chartPeaks = new Map<number, number>();
    const watchChildren = setInterval(() => childPeaks(bot.pid, chartPeaks), 5);
    const finished = () =>
      slack.responses.some((r) => postPath.endsWith(r.path)) && slack.uploads.length > uploadsBefore;
    const deadline = Date.now() + 300_000;
    while (!finished()) {
      if (Date.now() > deadline) throw new Error(`${label}: the digest was not posted with its chart in 5 minutes`);
      await sleep(2);
    }
    const digestMs = performance.now() - started;
    acks.stop();
    const during = await acks.latencies;
    client.kill();
    clearInterval(watchChildren);
    const busyDelay = (await probe(bot, 'read'))!;
    const answer = slack.responses.find((r) => postPath.endsWith(r.path))?.body;
    const peakAfterDigest = procStatusBytes(bot.pid, 'VmHWM');
    const memoryDuringDigest = await probe(bot, 'memory');

    // The other answers about the whole live account, one after another, each to its end: the
    // longest the bot's loop was held by any of them (a Slack request waits behind it).
    const fleetDelays: string[] = [];
    for (const words of FLEET_ANSWERS) {
      const path = respond(words.replace(/\W+/g, '-'));
      await probe(bot, 'reset');
      await timeCommand(bot.url, secret, words, path);
      const answered = Date.now() + 120_000;
      while (!slack.responses.some((r) => path.endsWith(r.path) && !isPlaceholder(r.body))) {
        if (Date.now() > answered) throw new Error(`${label}: no answer to "${words}" in 2 minutes`);
        await sleep(2);
      }
      fleetDelays.push(`${words}: ${fixed((await probe(bot, 'read'))!.maxMs)}`);
    }

    // Then the same 5,000 mixed requests as the bot-alone figures.
    const mix = mixedRequests(bot.url, secret, `${slack.url}/respond/big-load`);
    for (let i = 0; i < LOAD_REQUESTS; i++) await mix[i % mix.length]!();
    let last = slack.calls.length + slack.responses.length;
    for (let quietFor = 0; quietFor < 1000; quietFor += 50) {
      await sleep(50);
      const now = slack.calls.length + slack.responses.length;
      if (now !== last) [last, quietFor] = [now, 0];
    }

    const memoryDuringLoad = await probe(bot, 'memory');
    const p = (samples: number[], q: number) => fixed(percentile(samples, q));
    const upload = slack.uploads.at(-1);
    process.stdout.write(
      `# ${label}: digest answered "${JSON.stringify(answer?.text ?? answer).slice(0, 120)}", chart ${upload?.bytes.length ?? 0} bytes\n`,
    );
    print(`big_digest_wall_ms (${label})`, digestMs.toFixed(0));
    print(`big_fleet_answers_event_loop_delay_max_ms (${label}; each answer to its end)`, fleetDelays.join(' / '));
    print(`big_digest_event_loop_delay_p99_ms (${label}; idle ${fixed(idleDelay.p99Ms)})`, fixed(busyDelay.p99Ms));
    print(`big_digest_event_loop_delay_max_ms (${label}; idle ${fixed(idleDelay.maxMs)})`, fixed(busyDelay.maxMs));
    print(`big_digest_help_ack_idle_ms_p50_p99 (${label})`, `${p(idle, 50)} / ${p(idle, 99)}`);
    print(
      `big_digest_help_ack_during_ms_p50_p99 (${label}; ${during.length} acks)`,
      `${p(during, 50)} / ${p(during, 99)}`,
    );
    print(
      `big_digest_help_ack_p99_during_over_idle (${label})`,
      (percentile(during, 99) / percentile(idle, 99)).toFixed(2),
    );
    print(
      `big_digest_bot_rss_peak_before_digest_mib (${label}, VmHWM: start, snapshot, idle help)`,
      mib(peakBeforeDigest),
    );
    print(`big_digest_bot_rss_peak_after_digest_mib (${label}, VmHWM)`, mib(peakAfterDigest));
    print(
      `big_digest_child_process_rss_peak_mib (${label}; the digest's and the chart's processes, the larger, while they ran)`,
      chartPeaks.size === 0 ? 'none seen' : mib(Math.max(...chartPeaks.values())),
    );
    print(
      `big_digest_bot_rss_peak_after_digest_and_${LOAD_REQUESTS}_mixed_mib (${label}, VmHWM)`,
      mib(procStatusBytes(bot.pid, 'VmHWM')),
    );
    print(`big_digest_bot_rss_after_load_mib (${label}, VmRSS)`, mib(procStatusBytes(bot.pid, 'VmRSS')));
    const stretches = { start: memoryBeforeDigest, digest: memoryDuringDigest, load: memoryDuringLoad };
    for (const [stretch, memory] of Object.entries(stretches)) {
      if (!memory) continue;
      print(
        `big_digest_bot_memory_peaks_${stretch}_mib (${label}; V8 heap committed / used, external, ArrayBuffers, RSS, 100 ms samples)`,
        `${mib(memory.heapCommitted)} / ${mib(memory.heapUsed)}, ${mib(memory.external)}, ${mib(memory.arrayBuffers)}, ${mib(memory.rss)}`,
      );
      const spaces = Object.entries(memory.spacesNow).map(
        ([name, bytes]) => `${name.replace(/_space$/, '')} ${mib(bytes)}`,
      );
      process.stdout.write(`# ${label}: heap spaces after ${stretch}: ${spaces.join(', ')}\n`);
    }
  } finally {
    await bot.stop();
  }
}

export async function bigDigest(print: Print, secret: string): Promise<void> {
  const slack = await new FakeSlack().start();
  const ce = await startBenchCostExplorer();
  const heroku = await FakeHeroku.start({ world: generateWorld({ personalApps: APPS, seed: 11 }) });
  try {
    const fakes = { slack, ce, heroku, secret };
    const baseline = baselineDist();
    if (baseline) await measure(baseline.label, baseline.dir, fakes, print);
    await measure('this build', path.dirname(BOT_ENTRY), fakes, print);
  } finally {
    await heroku.close();
    await ce.close();
    await slack.stop();
  }
}
