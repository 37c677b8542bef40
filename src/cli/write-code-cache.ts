/**
 * The last step of `npm run build`: runs the CLI bundle through the commands people run most, in this
 * process, then writes V8's code cache of it (dist/cli-bundle.cache), which then holds every function
 * those runs compiled, not only the top level. Nothing is printed, no store is read and nothing is
 * fetched: estimates and checklists need none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_BUNDLE, CLI_CODE_CACHE, loadCliBundle, withChecksum } from '../cli';

/** An estimate each way, with --json and with a misspelt plan (the suggestion), a checklist, and the command list. */
const COMMANDS = [
  ['estimate', 'web=2xstandard-2x', 'worker=1xperformance-m', 'postgres=standard-0', 'redis=premium-0'],
  ['estimate', 'web=1xstandard-1x', 'postgres=essential-0', 'staging', '--json'],
  ['estimate', 'aws', 'web=2xm5.large', 'rds=db.m6g.large', 'multi-az'],
  ['estimate', 'web=2xstandard-2x', 'postgres=standrad-0'],
  ['compliance', 'hipaa', 'web=2xstandard-2x', 'postgres=standard-0'],
  ['help'],
];

async function writeCodeCache(): Promise<void> {
  fs.rmSync(CLI_CODE_CACHE, { force: true });
  const loaded = loadCliBundle(false);
  if (!loaded) throw new Error(`no ${CLI_BUNDLE}: npm run build bundles the CLI before this step`);
  // With no variables set, as most runs are, in an empty directory: the default store
  // (./data/hosting-advisor.db) does not exist there, so no stored live prices are read.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hosting-advisor-build-'));
  process.chdir(scratch);
  const io = { out: () => {}, err: () => {} };
  try {
    for (const argv of COMMANDS) await loaded.runCli(argv, {}, io);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  fs.writeFileSync(CLI_CODE_CACHE, withChecksum(loaded.script.createCachedData()));
}

writeCodeCache().catch((error: unknown) => {
  process.stderr.write(`write-code-cache: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
