/**
 * How a CLI command ended. A command says which of these it was, never a number: the exit code is
 * decided here, once, for every command (run-cli.ts turns the outcome into it, and src/cli.ts uses
 * the same table for an error no command expected), so a script can rely on one contract.
 */
export type CliOutcome =
  /** It answered, on stdout. */
  | 'answered'
  /**
   * The command line could not be read: an unknown, repeated or contradictory word or option, a bad
   * value, a missing argument, an unknown command. Said on stderr with a correct example.
   */
  | 'usage-error'
  /**
   * Understood, but it could not answer, or only in part: a platform failed or is not connected, no
   * such app or pipeline, no prices for a region, a setting or a store that cannot be used, an error
   * no command expected. Why is said on stderr.
   */
  | 'failed';

/** The exit code of each outcome: 0 answered, 1 understood but not answered, 2 a usage error. */
export const EXIT_CODE: Readonly<Record<CliOutcome, number>> = {
  answered: 0,
  failed: 1,
  'usage-error': 2,
};
