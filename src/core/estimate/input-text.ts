import { neutraliseMarkup } from '../user-text';

/** The longest estimate text read; longer input is refused before any parsing. */
export const MAX_INPUT_LENGTH = 1000;

const SHOWN_LIMIT = 40;

/** A piece of user input for building an example: at most 30 characters. */
export function clip(text: string, limit = 30): string {
  const clean = neutraliseMarkup(text);
  return clean.length > limit ? `${clean.slice(0, limit)}…` : clean;
}

/** A piece of user input safe to show back: at most 40 characters, in backticks. */
export function shown(text: string): string {
  const clean = neutraliseMarkup(text).replace(/`/g, "'");
  return `\`${clean.length > SHOWN_LIMIT ? `${clean.slice(0, SHOWN_LIMIT)}…` : clean}\``;
}

/** Typography that phones and Slack substitute for what people meant to type. */
const TYPOGRAPHY: [RegExp, string][] = [
  [/×/g, 'x'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' '],
  [/[\u2018\u2019\u201c\u201d]/g, ''],
  [/\uff1d/g, '='],
];

export function normaliseTypography(text: string): string {
  return TYPOGRAPHY.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/**
 * The first character outside printable ASCII (tabs and newlines allowed), or `<` or `>` (which no
 * estimate word uses, and which Slack reads as mention and link markup), with where it is.
 */
export function firstUnreadable(text: string): { char: string; codePoint: string; index: number } | undefined {
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const printable =
      ((code >= 0x20 && code <= 0x7e) || char === '\t' || char === '\n' || char === '\r') &&
      char !== '<' &&
      char !== '>';
    if (!printable) return { char, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, index };
    index += char.length;
  }
  return undefined;
}
