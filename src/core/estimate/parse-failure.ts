/** A refusal with a message for the user; thrown inside the parser, returned by parseEstimate. */
export class ParseFailure extends Error {}

export function fail(message: string): never {
  throw new ParseFailure(message);
}
