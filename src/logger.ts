import { inspect } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';
import { redact } from './core/redaction';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

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
