import { type Config, ConfigError, configSecrets, loadConfig } from '../config';
import { commandNamed } from '../core/command-names';
import type { PricingOverrides } from '../core/pricing';
import { closestMatch } from '../core/pricing/closest-match';
import { redact } from '../core/redaction';
import type { PriceBook } from '../price-book';
import { loadPricingOverrides, PricingFileError } from '../pricing-file';
import { rememberedSecrets, rememberSecrets } from '../sources/source-error';
import { StoreOpenError } from '../store/open-failure';
import type { CliCommand, CliContext, CliIo } from './cli-command';
import { type CliOutcome, EXIT_CODE } from './cli-outcome';
import { cliPriceBook } from './cli-prices';

// The exit codes, for src/cli.ts's last resort (it loads this module, or its bundle, and no other).
export { EXIT_CODE } from './cli-outcome';

/**
 * The commands, in the order --help lists them, each loaded only when asked for: `estimate` then
 * never loads the AWS SDK, heroku-client or a database driver, which spend and digest need.
 */
const COMMANDS: Record<string, () => CliCommand> = {
  estimate: () => (require('./estimate-command') as typeof import('./estimate-command')).estimateCliCommand,
  compliance: () => (require('./compliance-command') as typeof import('./compliance-command')).complianceCliCommand,
  spend: () => (require('./spend-command') as typeof import('./spend-command')).spendCliCommand,
  parity: () => (require('./parity-command') as typeof import('./parity-command')).parityCliCommand,
  migrate: () => (require('./migrate-command') as typeof import('./migrate-command')).migrateCliCommand,
  digest: () => (require('./digest-command') as typeof import('./digest-command')).digestCliCommand,
  prices: () => (require('./prices-command') as typeof import('./prices-command')).pricesCliCommand,
};

/** Every command (for --help). Each answers what the Slack command answers. */
function cliCommands(): CliCommand[] {
  return Object.values(COMMANDS).map((load) => load());
}

function usage(commands: readonly CliCommand[]): string {
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
    "One command's usage and examples: hosting-advisor <command> --help.",
    'Configuration comes from the environment (see README); estimates and checklists need none.',
  ].join('\n');
}

/** A summary from the list's column (`price a workload …`) as a line of its own: a sentence. */
const asSentence = (summary: string) => `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`;

/** `hosting-advisor <command> --help`: that command's usage, what it answers, and its examples. */
function commandUsage(command: CliCommand): string {
  return [
    `Usage: hosting-advisor ${command.usage}`,
    '',
    asSentence(command.summary),
    '',
    'Examples:',
    ...command.examples.map((example) => `  npx hosting-advisor ${example}`),
  ].join('\n');
}

const HELP_FLAGS = ['help', '--help', '-h'];

/** ` Did you mean "estimate"? For example: …` for a near slip of a command's name; else nothing. */
function suggestion(name: string): string {
  const guess = closestMatch(name.toLowerCase().slice(0, 40), Object.keys(COMMANDS));
  if (guess === undefined) return '';
  return ` Did you mean "${guess}"? For example: npx hosting-advisor ${COMMANDS[guess]!().examples[0]}`;
}

/** `--help` or `-h` among a command's options (after `--` they are words, as `parseArgs` reads them). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The longest an unexpected error's words are shown: one line, not a dump. */
const UNEXPECTED_WORDS = 300;

/**
 * The last resort (src/cli.ts): an error no command expected, as one friendly line. Never a stack,
 * and the words through the same redaction as the logs, with the secrets of this environment too
 * (the error may come before they were remembered): a driver's or the system's message can quote
 * what it was given, a DATABASE_URL or a path holding a token.
 */
export function unexpectedErrorText(error: unknown, env: NodeJS.ProcessEnv): string {
  let secrets = rememberedSecrets();
  try {
    secrets = [...secrets, ...configSecrets(env)];
  } catch {
    // Only the remembered ones, and the token shapes redact() knows.
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = redact(message, secrets).split('\n')[0]!.trim();
  const words = firstLine.length > UNEXPECTED_WORDS ? `${firstLine.slice(0, UNEXPECTED_WORDS)}…` : firstLine;
  return (
    `hosting-advisor: the command stopped on an unexpected error${words ? `: ${words.replace(/[.:]$/, '')}` : ''}. ` +
    'Nothing secret is in this line; if it happens again, run the command once more and report the line.'
  );
}

/**
 * Runs one command line and resolves to its exit code, which only the outcome decides (cli-outcome.ts):
 * 0 answered, 1 understood but not answered, 2 a usage error.
 */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
): Promise<number> {
  return EXIT_CODE[await runCommandLine(argv, env, io)];
}

/** `Unknown command "…"`, with a near name's example and the list, on stderr. */
function unknownCommand(name: string, io: CliIo): CliOutcome {
  io.err(`Unknown command "${name.slice(0, 40)}".${suggestion(name)}\n\n${usage(cliCommands())}`);
  return 'usage-error';
}

async function runCommandLine(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<CliOutcome> {
  const [name, ...rest] = argv;
  if (!name || HELP_FLAGS.includes(name)) {
    const topic = rest[0];
    if (topic === undefined || HELP_FLAGS.includes(topic)) {
      io.out(usage(cliCommands()));
      return 'answered';
    }
    // `help bogus` names no command, as `bogus` names none: not the whole list as though it were asked for.
    const named = commandNamed(topic, Object.keys(COMMANDS));
    if (!named) return unknownCommand(topic, io);
    io.out(commandUsage(COMMANDS[named]!()));
    return 'answered';
  }
  const named = commandNamed(name, Object.keys(COMMANDS));
  if (!named) return unknownCommand(name, io);
  const load = COMMANDS[named]!;
  const command = load();
  // Before the configuration is read: help is for anyone, whatever the environment holds.
  if (asksForHelp(rest)) {
    io.out(commandUsage(command));
    return 'answered';
  }
  let config: Config;
  let overrides: PricingOverrides | undefined;
  try {
    config = loadConfig(env, { requireSlack: false });
    rememberSecrets(configSecrets(env));
    overrides = loadPricingOverrides(config.PRICING_FILE);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PricingFileError) {
      io.err(error.message);
      return 'failed';
    }
    throw error;
  }
  try {
    return await command.run(
      rest,
      cliContext(config, overrides, io, () => new Date()),
    );
  } catch (error) {
    // DATABASE_URL names a store that cannot be used: what to fix, not an unexpected error.
    if (error instanceof StoreOpenError) {
      io.err(`hosting-advisor: ${error.message}`);
      return 'failed';
    }
    throw error;
  }
}

/** What a command runs with: the configuration, PRICING_FILE, and the price book read on first use. */
export function cliContext(
  config: Config,
  overrides: PricingOverrides | undefined,
  io: CliIo,
  now: () => Date,
): CliContext {
  let book: Promise<PriceBook> | undefined;
  const prices = () => {
    book ??= cliPriceBook(config, overrides, io, now());
    return book;
  };
  return {
    config,
    ...(overrides ? { overrides } : {}),
    io,
    now,
    prices,
  };
}
