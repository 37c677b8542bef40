/**
 * `node dist/cli.js estimate …` against `node -e 0`, alternately in the same run, so load from
 * elsewhere on the machine falls on both: wall time and peak RSS of each.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { percentile } from './signed-requests';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const ESTIMATE = ['estimate', 'web=2xstandard-2x', 'worker=1xperformance-m', 'postgres=standard-0', 'redis=premium-0'];

function timed(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`node ${args.join(' ')} exited ${code}`));
    });
  });
}

/** `baselineCli`: another build's dist/cli.js, timed in the same rounds. */
export async function cliWallTimes(
  rounds = 15,
  baselineCli?: string,
): Promise<{ bare: number[]; cli: number[]; baseline: number[] }> {
  await timed(['-e', '0']);
  await timed([CLI, ...ESTIMATE]);
  if (baselineCli) await timed([baselineCli, ...ESTIMATE]);
  const bare: number[] = [];
  const cli: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(await timed(['-e', '0']));
    cli.push(await timed([CLI, ...ESTIMATE]));
    if (baselineCli) baseline.push(await timed([baselineCli, ...ESTIMATE]));
  }
  return { bare, cli, baseline };
}

export const median = (samples: number[]) => percentile(samples, 50);
