/**
 * Other words people use for a command, read the same way by `/hosting` and the CLI (case aside):
 * `/hosting est …` and `npx hosting-advisor est …` are both an estimate. Pure.
 */
export const COMMAND_ALIASES = {
  estimate: ['est', 'cost', 'price', 'compare'],
  compliance: ['checklist', 'comply'],
  budget: ['budgets'],
} as const satisfies Record<string, readonly string[]>;

/** The command a typed word names, among `names` and their aliases, whatever its case. */
export function commandNamed(word: string, names: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  if (names.includes(wanted)) return wanted;
  return names.find((name) => ((COMMAND_ALIASES as Record<string, readonly string[]>)[name] ?? []).includes(wanted));
}
