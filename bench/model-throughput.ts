/**
 * Model throughput and the work of an estimate ack, this build against a baseline build in the same
 * run: `dist-baseline/` (made by `npm run bench:baseline -- <revision>`) or BENCH_BASELINE, loaded into this process
 * and measured in alternating slices, so load from elsewhere on the machine falls on both alike.
 * Without a baseline build, this build alone.
 */
import fs from 'node:fs';
import path from 'node:path';

type Print = (name: string, value: string) => void;

const WORKLOAD = 'web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging review=2';
/** What `/hosting estimate` acks with (the bench's ack-latency request). */
const ACK_WORDS = 'web=2xstandard-2x postgres=standard-0';
const SLICES = 10;
const SLICE_MS = 300;
/** Another build's `dist/`: BENCH_BASELINE (as the digest-load section reads it), else `dist-baseline/`. */
const BASELINE = process.env.BENCH_BASELINE ?? path.resolve(__dirname, '../../dist-baseline');

interface Build {
  name: string;
  /** One model estimate of the bench workload. */
  model: () => unknown;
  /** Words to the reply `/hosting estimate` acks with: grammar, model, Slack blocks and text. */
  ack: () => unknown;
}

/** The build's own modules (the built `src/` at `root`), each with its own catalog. */
function build(name: string, root: string): Build {
  const { parseEstimate } = require(path.join(root, 'core/estimate'));
  const { estimate } = require(path.join(root, 'core/model'));
  const { DEFAULT_CATALOG } = require(path.join(root, 'core/pricing'));
  const { estimateFromWords } = require(path.join(root, 'answers/estimate'));
  const { estimateReply } = require(path.join(root, 'slack/listeners/commands/estimate'));
  const parsed = parseEstimate(WORKLOAD, DEFAULT_CATALOG);
  if (!parsed.ok || parsed.request.kind !== 'workload') throw new Error('bench workload does not parse');
  const { workload } = parsed.request;
  const prices = {
    catalog: DEFAULT_CATALOG,
    region: DEFAULT_CATALOG.awsRegion,
    catalogFor: () => ({ ok: true, catalog: DEFAULT_CATALOG }),
  };
  return {
    name,
    model: () => estimate(workload, DEFAULT_CATALOG),
    ack: () => estimateReply(estimateFromWords(ACK_WORDS, prices)),
  };
}

/**
 * Calls a second over `ms` of wall time, and per second of this process's CPU time: on a machine
 * shared with other work the wall-time rate is the share of a core the scheduler gave, the CPU-time
 * rate what one thread does (V8's helper threads count too, so it errs low).
 */
function rate(run: () => unknown, ms: number): { wall: number; cpu: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let count = 0;
  while (performance.now() - started < ms) {
    run();
    count++;
  }
  const used = process.cpuUsage(cpu);
  return {
    wall: count / ((performance.now() - started) / 1000),
    cpu: count / ((used.user + used.system) / 1e6),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Warm-up: until V8 has optimised the code (thousands of calls), however slowly the machine runs. */
const WARM_UP_CALLS = 20_000;
const WARM_UP_MAX_MS = 5_000;

function warmUp(run: () => unknown): void {
  const started = performance.now();
  for (let i = 0; i < WARM_UP_CALLS && performance.now() - started < WARM_UP_MAX_MS; i++) run();
}

/** Median rates of each build (wall and CPU time), measured in alternating slices after a warm-up. */
function alternate(builds: Build[], pick: (b: Build) => () => unknown): { wall: number; cpu: number }[] {
  for (const b of builds) warmUp(pick(b));
  const rates = builds.map(() => [] as { wall: number; cpu: number }[]);
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [i, b] of builds.entries()) rates[i].push(rate(pick(b), SLICE_MS));
  }
  return rates.map((r) => ({ wall: median(r.map((x) => x.wall)), cpu: median(r.map((x) => x.cpu)) }));
}

export function modelThroughput(print: Print): void {
  const builds = [build('this build', path.resolve(__dirname, '../src'))];
  const hasBaseline = fs.existsSync(path.join(BASELINE, 'core/model/index.js'));
  const refFile = path.join(BASELINE, 'BASELINE_REF');
  const ref = !hasBaseline ? '' : fs.existsSync(refFile) ? fs.readFileSync(refFile, 'utf8').trim() : BASELINE;
  if (hasBaseline) builds.push(build(`baseline ${ref}`, BASELINE));
  else process.stdout.write('# no dist-baseline/ (npm run bench:baseline -- <revision>): this build alone\n');
  const [model, modelBase] = alternate(builds, (b) => b.model);
  const [ack, ackBase] = alternate(builds, (b) => b.ack);
  const both = (r: { wall: number; cpu: number }) => `${Math.round(r.wall)} (a CPU second: ${Math.round(r.cpu)})`;
  print('model_estimates_per_second (this build; the model alone, no rendering)', both(model));
  print('estimate_ack_replies_per_second (words to blocks and text, this build)', both(ack));
  if (!hasBaseline) return;
  print(`model_estimates_per_second (baseline ${ref}, same run)`, both(modelBase));
  print(`estimate_ack_replies_per_second (baseline ${ref}, same run)`, both(ackBase));
  print('model_speedup_over_baseline (CPU time)', (model.cpu / modelBase.cpu).toFixed(2));
  print('estimate_ack_reply_speedup_over_baseline (CPU time)', (ack.cpu / ackBase.cpu).toFixed(2));
}
