#!/usr/bin/env node
import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hosting-advisor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
