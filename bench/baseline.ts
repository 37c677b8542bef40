/**
 * Another build of the bot to measure beside this one in the same run: BENCH_BASELINE (a `dist/`
 * directory), else `dist-baseline/` made by `npm run bench:baseline -- <revision>`.
 */
import fs from 'node:fs';
import path from 'node:path';

export function baselineDist(): { dir: string; label: string } | undefined {
  const dir = path.resolve(process.env.BENCH_BASELINE ?? path.resolve(__dirname, '../../dist-baseline'));
  if (!fs.existsSync(path.join(dir, 'index.js'))) return undefined;
  const refFile = path.join(dir, 'BASELINE_REF');
  const ref = fs.existsSync(refFile) ? fs.readFileSync(refFile, 'utf8').trim() : dir;
  return { dir, label: `baseline ${ref}` };
}
