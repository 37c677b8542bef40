import { parseArgs } from 'node:util';
import type { CliIo } from './cli-command';

/** One `--name` a command accepts; a string option takes a value (`--name value` or `--name=value`). */
export interface CliOption {
  type: 'boolean' | 'string';
  short?: string;
}

/** What a command accepts, and what to say when it gets something else. */
export interface CliArgsSpec<Options extends Record<string, CliOption>> {
  options: Options;
  /** The options as a reader would write them, e.g. `--format md|csv|json|text`. */
  optionsText: string;
  /** A correct command line, said after every problem. */
  example: string;
}

export interface CliArgs<Options extends Record<string, CliOption>> {
  /** The words that are not options, in order. */
  words: string[];
  /** Booleans are `true` when given; a string option given without a value is `''`. */
  values: { [Name in keyof Options]?: Options[Name]['type'] extends 'string' ? string : true };
}

/**
 * Splits a command's arguments with `util.parseArgs` (short options, `--name=value`, `--` ends the
 * options) and turns what it cannot accept into a sentence with a correct example, not a stack trace.
 * The value of a string option is the command's to check: it knows what the value may be.
 */
export function readCliArgs<Options extends Record<string, CliOption>>(
  args: string[],
  spec: CliArgsSpec<Options>,
): CliArgs<Options> | { error: string } {
  const { tokens } = parseArgs({ args, options: spec.options, strict: false, allowPositionals: true, tokens: true });
  const words: string[] = [];
  const values: Record<string, string | true> = {};
  const example = `For example: ${spec.example}`;
  for (const token of tokens) {
    if (token.kind === 'positional') words.push(token.value);
    if (token.kind !== 'option') continue;
    const option: CliOption | undefined = Object.hasOwn(spec.options, token.name)
      ? spec.options[token.name]
      : undefined;
    const raw = token.rawName.slice(0, 30);
    if (!option) return { error: `Unknown option "${raw}". Options: ${spec.optionsText}. ${example}` };
    if (option.type === 'boolean' && token.value !== undefined) return { error: `${raw} takes no value. ${example}` };
    values[token.name] = option.type === 'boolean' ? true : (token.value ?? '');
  }
  return { words, values: values as CliArgs<Options>['values'] };
}

/** `readCliArgs`, saying any problem on `io.err`: `undefined` then, and the command exits. */
export function readCliArgsOrSay<Options extends Record<string, CliOption>>(
  args: string[],
  spec: CliArgsSpec<Options>,
  io: CliIo,
): CliArgs<Options> | undefined {
  const read = readCliArgs(args, spec);
  if (!('error' in read)) return read;
  io.err(read.error);
  return undefined;
}

/** An answer's words for a terminal: the Slack command it names (`/hosting prices refresh`) as the CLI's. */
export const terminalWords = (text: string): string => text.replace(/\/hosting /g, 'npx hosting-advisor ');
