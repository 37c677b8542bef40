import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from './databases';

/**
 * The CLI in this process with a store of its own (never the checkout's `data/`): its exit code and
 * what it printed on stdout and stderr.
 */
export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { DATABASE_URL: tempSqliteFile(), ...env },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
