/**
 * How the bot talks TLS to PostgreSQL: verified by default, relaxed only when told.
 *
 * `sslmode` in DATABASE_URL, else PGSSLMODE, else: no TLS for a server on this machine
 * (localhost, 127.0.0.1, ::1, a Unix socket), verified TLS (`verify-full`) for any other host.
 * The modes read as node-postgres reads them today, which is stricter than libpq: `require`,
 * `prefer` and `verify-full` all verify the certificate and the host name; `verify-ca` verifies
 * the certificate only; `no-verify` encrypts without verifying (what Heroku Postgres needs, whose
 * certificates no public CA signs); `disable` sends plain text. A CA to trust besides Node's own
 * comes from `sslrootcert=` in the URL or DATABASE_CA_FILE.
 *
 * The TLS parameters are taken out of the URL before pg sees it: pg would otherwise let them
 * override the options built here.
 */
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

export const SSL_MODES = ['disable', 'no-verify', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];

/** What the environment says besides DATABASE_URL (read by src/config.ts). */
export interface PostgresTlsSettings {
  /** DATABASE_CA_FILE: PEM file of the CA (or certificate) to trust. */
  caFile?: string;
  /** PGSSLMODE: the mode when the URL names none (Heroku manages DATABASE_URL itself). */
  sslmode?: string;
}

export interface PostgresConnection {
  /** DATABASE_URL without its TLS parameters. */
  connectionString: string;
  /** pg's `ssl` option: false for plain text. */
  ssl: false | ConnectionOptions;
  mode: SslMode;
}

/** Parameters pg-connection-string would turn into its own `ssl` option. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'];
const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1', '[::1]']);

class PostgresTlsError extends Error {
  override readonly name = 'PostgresTlsError';
}

function isSslMode(value: string): value is SslMode {
  return (SSL_MODES as readonly string[]).includes(value);
}

function readPem(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PostgresTlsError(`${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function postgresConnection(databaseUrl: string, settings: PostgresTlsSettings = {}): PostgresConnection {
  const url = new URL(databaseUrl);
  const given = url.searchParams.get('sslmode') ?? settings.sslmode;
  const socket = url.searchParams.get('host')?.startsWith('/') ?? false;
  const local = socket || LOCAL_HOSTS.has(url.hostname);
  const mode = given ?? (local ? 'disable' : 'verify-full');
  if (!isSslMode(mode)) {
    throw new PostgresTlsError(
      `sslmode=${mode.slice(0, 20)} is not a mode the bot knows: use one of ${SSL_MODES.join(', ')} (README, "PostgreSQL and TLS")`,
    );
  }
  const caFile = url.searchParams.get('sslrootcert') ?? settings.caFile;
  const certFile = url.searchParams.get('sslcert');
  const keyFile = url.searchParams.get('sslkey');
  for (const name of TLS_PARAMETERS) url.searchParams.delete(name);

  let ssl: false | ConnectionOptions = false;
  if (mode === 'no-verify') ssl = { rejectUnauthorized: false };
  else if (mode !== 'disable') {
    ssl = {
      rejectUnauthorized: true,
      ...(caFile ? { ca: readPem(caFile, 'the PostgreSQL CA file') } : {}),
      ...(certFile ? { cert: readPem(certFile, 'the client certificate') } : {}),
      ...(keyFile ? { key: readPem(keyFile, 'the client key') } : {}),
      // verify-ca: the chain is checked, the host name is not.
      ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
    };
  }
  return { connectionString: url.toString(), ssl, mode };
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A connection failure about TLS, in words saying which setting to change; undefined for any other failure. */
export function tlsFailureText(error: unknown, connection: PostgresConnection, host: string): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) {
    return (
      `PostgreSQL at ${host} presented a certificate the bot could not verify (${code}; sslmode ${connection.mode}). ` +
      'Trust its CA with DATABASE_CA_FILE (or sslrootcert= in DATABASE_URL), or, to encrypt without verifying ' +
      '(Heroku Postgres), set PGSSLMODE=no-verify (or sslmode=no-verify in DATABASE_URL). README: "PostgreSQL and TLS".'
    );
  }
  if (/does not support SSL/i.test(text)) {
    return (
      `PostgreSQL at ${host} does not accept TLS, and sslmode ${connection.mode} requires it. Turn TLS on at the server, ` +
      'or, on a network you trust, set sslmode=disable in DATABASE_URL (or PGSSLMODE=disable). README: "PostgreSQL and TLS".'
    );
  }
  return undefined;
}
