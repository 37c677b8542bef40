/**
 * Secrets out of text. Log lines (src/logger.ts) and every error text shown to people
 * (src/sources/source-error.ts) go through this one function, so what a log would hide is hidden
 * from a Slack message too.
 */

/** Token shapes we know, redacted even when they are not ours (a pasted token in an error, say). */
const TOKEN_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /HRKU-[A-Za-z0-9_-]+/g,
  /AKIA[0-9A-Z]{16}/g,
];

const REDACTED = '[redacted]';

/** Every secret given (6 characters or more) and anything shaped like a token, as [redacted]. */
export function redact(text: string, secrets: Iterable<string>): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 6) clean = clean.split(secret).join(REDACTED);
  for (const pattern of TOKEN_PATTERNS) clean = clean.replace(pattern, REDACTED);
  return clean;
}
