import { closest, distance } from 'fastest-levenshtein';
import { neutraliseMarkup } from '../../../core/user-text';
import { ephemeral, type Message } from '../../message';
import type { Subcommand } from './subcommand';

const MAX_ECHO = 40;

/** Shows a bounded, code-safe excerpt of what the user typed; a mention or link in it never works. */
export function quoteInput(input: string): string {
  const clean = neutraliseMarkup(input.replace(/[`\p{Cc}]/gu, ' ').trim());
  return clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO)}…` : clean;
}

export function unknownSubcommand(word: string, subcommands: readonly Subcommand[]): Message {
  const names = subcommands.flatMap((sub) => [sub.name, ...(sub.aliases ?? [])]);
  const guess = closest(word.toLowerCase().slice(0, 40), names);
  const target = subcommands.find((sub) => sub.name === guess || sub.aliases?.includes(guess));
  const near = target && distance(word.toLowerCase(), guess) <= Math.max(2, Math.floor(guess.length / 2));
  const suggestion = near
    ? `Did you mean \`/hosting ${target.name}\`? For example: \`/hosting ${target.examples[0]}\``
    : `Try \`/hosting ${subcommands[0].examples[0]}\``;
  const available = subcommands.map((sub) => `\`${sub.name}\``).join(', ');
  return ephemeral(
    `I don't know the command \`${quoteInput(word)}\`. ${suggestion}\nCommands: ${available}. \`/hosting help\` explains each.`,
  );
}
