import { inspect } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** Token shapes we know, redacted even when they are not ours (a pasted token in an error, say). */
const TOKEN_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /HRKU-[A-Za-z0-9_-]+/g,
  /AKIA[0-9A-Z]{16}/g,
];

export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 6) clean = clean.split(secret).join('[redacted]');
  for (const pattern of TOKEN_PATTERNS) clean = clean.replace(pattern, '[redacted]');
  return clean;
}

/**
 * Bolt's Logger interface, one line per entry, with every configured secret and anything shaped
 * like a token replaced by [redacted] before it is written.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let current = level;
  let name = 'hosting-advisor';
  const log =
    (at: LogLevel) =>
    (...messages: unknown[]) => {
      if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
      const text = messages
        .map((message) =>
          typeof message === 'string' ? message : inspect(message, { depth: 4, breakLength: Infinity }),
        )
        .join(' ');
      write(redact(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${text}`, secrets));
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}

export function configSecrets(env: NodeJS.ProcessEnv): string[] {
  return [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'HEROKU_API_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'DATABASE_URL',
  ]
    .map((name) => env[name]?.trim() ?? '')
    .filter(Boolean);
}
