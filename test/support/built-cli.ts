import { execFile } from 'node:child_process';
import path from 'node:path';

/** dist/cli.js, as `npm run build` leaves it (npm test builds first). */
export const BUILT_CLI = path.resolve(__dirname, '../../dist/cli.js');

export interface BuiltRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BuiltRunOptions {
  /** The directory it runs in: give one of its own, so the checkout's data/ is never read. */
  cwd: string;
  /** Added to PATH, which alone is set otherwise: another variable would have zod check the configuration. */
  env?: NodeJS.ProcessEnv;
  /** Node's own flags, before the script. */
  nodeArgs?: string[];
  /** Another copy of the built CLI. */
  cli?: string;
}

/** The built CLI in a child process, as a terminal runs it: its exit code and what it printed. */
export function runBuiltCli(args: string[], options: BuiltRunOptions): Promise<BuiltRun> {
  const { cwd, env = {}, nodeArgs = [], cli = BUILT_CLI } = options;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, cli, ...args],
      { cwd, env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
