import { DEFAULT_DATABASE } from './default-database';

/**
 * The store could not be opened, said in words an operator can act on: the CLI prints it as it is
 * (not as an unexpected error), and the bot's start says it before it exits.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Without a database of one's own, the bot keeps its data in a SQLite file: the way out for a trial. */
const SQLITE_INSTEAD = `or unset DATABASE_URL to keep the data in the embedded SQLite file (${DEFAULT_DATABASE})`;

/** Node's network error codes for "nothing answered there", and what each means. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections on that host and port (ECONNREFUSED)',
  ENOTFOUND: 'that host name does not resolve (ENOTFOUND)',
  EAI_AGAIN: 'that host name could not be resolved just now (EAI_AGAIN)',
  ETIMEDOUT: 'the connection timed out (ETIMEDOUT)',
  EHOSTUNREACH: 'that host cannot be reached from here (EHOSTUNREACH)',
  ENETUNREACH: 'that network cannot be reached from here (ENETUNREACH)',
};

/** How long the store waits for a PostgreSQL connection (pg's `connectionTimeoutMillis`). */
export const CONNECT_TIMEOUT_MS = 5000;

/** pg-pool's own words when no connection came within `connectionTimeoutMillis`. */
const POOL_TIMEOUT = /connection timeout|timeout exceeded when trying to connect/i;

/**
 * Why PostgreSQL at `host` (DATABASE_URL's host and port, never its credentials) could not be used,
 * for the failures an operator fixes in the URL or at the server, from the error node-postgres gave:
 * Node's network codes, and PostgreSQL's SQLSTATE codes for a refused login (28000, 28P01) and a
 * database that does not exist (3D000). Undefined for anything else.
 */
export function connectFailureText(error: unknown, host: string): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const said = typeof message === 'string' ? message.split('\n')[0]!.slice(0, 200) : '';
  if (typeof code === 'string' && UNREACHABLE[code]) {
    return `Could not reach PostgreSQL at ${host} (DATABASE_URL): ${UNREACHABLE[code]}. Check that PostgreSQL runs there and the host and port in DATABASE_URL, ${SQLITE_INSTEAD}.`;
  }
  if (POOL_TIMEOUT.test(said)) {
    return `Could not reach PostgreSQL at ${host} (DATABASE_URL): no connection within ${CONNECT_TIMEOUT_MS / 1000} seconds. Check that PostgreSQL runs there and that this machine may connect to it (a firewall, a private network), ${SQLITE_INSTEAD}.`;
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL at ${host} refused the login in DATABASE_URL: ${said}. Check the user name and password in DATABASE_URL, and that the server lets that user in from here (pg_hba.conf).`;
  }
  if (code === '3D000') {
    return `PostgreSQL at ${host} has no such database: ${said}. Create it (e.g. \`createdb\` with that name) or name an existing one in DATABASE_URL.`;
  }
  return undefined;
}
