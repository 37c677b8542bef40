import { type Config, ConfigError, loadConfig } from '../config';
import type { Catalog } from '../core/pricing';
import { loadCatalog, PricingFileError } from '../pricing-file';
import type { CliCommand, CliIo } from './cli-command';
import { complianceCliCommand } from './compliance-command';
import { digestCliCommand } from './digest-command';
import { estimateCliCommand } from './estimate-command';
import { spendCliCommand } from './spend-command';

/** The commands, in the order --help lists them. Each answers what the Slack command answers. */
export function cliCommands(): CliCommand[] {
  return [estimateCliCommand, complianceCliCommand, spendCliCommand, digestCliCommand];
}

export function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.usage.length), 10);
  return [
    'Usage: hosting-advisor <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  this list`,
    '',
    'Examples:',
    ...commands.flatMap((command) => command.examples.map((example) => `  npx hosting-advisor ${example}`)),
    '',
    'Configuration comes from the environment (see README); estimates and checklists need none.',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
): Promise<number> {
  const commands = cliCommands();
  const [name, ...rest] = argv;
  if (!name || ['help', '--help', '-h'].includes(name)) {
    io.out(usage(commands));
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Unknown command "${name.slice(0, 40)}".\n\n${usage(commands)}`);
    return 2;
  }
  let config: Config;
  let catalog: Catalog;
  try {
    config = loadConfig(env, { requireSlack: false });
    catalog = loadCatalog(config.PRICING_FILE);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PricingFileError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  return command.run(rest, { config, catalog, io, now: () => new Date() });
}
