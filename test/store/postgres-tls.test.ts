import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ConfigError, loadConfig } from '../../src/config';
import { type DatabaseSettings, openStore } from '../../src/store/open-store';

/**
 * TLS to PostgreSQL is verified unless the operator relaxes it. A server speaking PostgreSQL's TLS
 * upgrade with a self-signed certificate (made by openssl here): the bot's store refuses it by
 * default, and gets through the handshake with sslmode=no-verify, PGSSLMODE=no-verify or the
 * certificate given as DATABASE_CA_FILE. Past the handshake the server answers the start-up
 * message with an error naming itself, so "got through" is seen, not guessed.
 */

/** PostgreSQL's SSLRequest code (protocol 3.0). */
const SSL_REQUEST = 80877103;
const ACCEPTED = 'fake server: TLS accepted';
const PLAIN = 'fake server: this server takes TLS only';

let dir: string;
let certFile: string;
let server: net.Server;
let port: number;

/** An ErrorResponse message: severity, code, text. */
function errorResponse(text: string): Buffer {
  const fields = Buffer.from(`SFATAL\0C28000\0M${text}\0\0`);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-tls-'));
  certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
    ...['-keyout', keyFile, '-out', certFile, '-subj', '/CN=localhost'],
    ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2'],
  ]);
  const key = fs.readFileSync(keyFile);
  const cert = fs.readFileSync(certFile);
  server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (first) => {
      if (first.length < 8 || first.readInt32BE(4) !== SSL_REQUEST) {
        socket.end(errorResponse(PLAIN));
        return;
      }
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
      secure.on('error', () => {});
      secure.once('data', () => secure.end(errorResponse(ACCEPTED)));
    });
  });
  // 127.0.0.2 is this machine too, but not one of the names the bot treats as local (no TLS by default).
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What opening the store against the fake ended with. */
async function open(settings: DatabaseSettings): Promise<string> {
  try {
    const store = await openStore(settings);
    await store.close();
    return 'opened';
  } catch (error) {
    return (error as Error).message;
  }
}

const at = (host: string, query = '') => `postgres://bot:pw@${host}:${port}/hosting${query}`;

describe('a server with a self-signed certificate', () => {
  test('is refused by default, with which setting relaxes it', async () => {
    const said = await open({ DATABASE_URL: at('127.0.0.2') });
    expect(said).toContain(`PostgreSQL at 127.0.0.2:${port} presented a certificate the bot could not verify`);
    expect(said).toMatch(/SELF_SIGNED/);
    expect(said).toContain('DATABASE_CA_FILE');
    expect(said).toContain('PGSSLMODE=no-verify');
    expect(said).not.toContain(ACCEPTED);
  });

  test('sslmode=require verifies too (node-postgres reads it as verify-full)', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.2', '?sslmode=require') })).toMatch(/could not verify/);
  });

  test('is accepted with sslmode=no-verify in the URL', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.2', '?sslmode=no-verify') })).toContain(ACCEPTED);
  });

  test('is accepted with PGSSLMODE=no-verify when the URL names no mode (Heroku manages the URL)', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.2'), PGSSLMODE: 'no-verify' })).toContain(ACCEPTED);
  });

  test('is accepted, verified, when its certificate is given as DATABASE_CA_FILE or sslrootcert', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.2'), DATABASE_CA_FILE: certFile })).toContain(ACCEPTED);
    expect(await open({ DATABASE_URL: at('127.0.0.2', `?sslrootcert=${encodeURIComponent(certFile)}`) })).toContain(
      ACCEPTED,
    );
  });

  test('a trusted certificate for another host name: refused by verify-full, accepted by verify-ca', async () => {
    const full = await open({ DATABASE_URL: at('127.0.0.3'), DATABASE_CA_FILE: certFile });
    expect(full).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await open({ DATABASE_URL: at('127.0.0.3', '?sslmode=verify-ca'), DATABASE_CA_FILE: certFile })).toContain(
      ACCEPTED,
    );
  });
});

describe('plain text', () => {
  test('for a server on this machine by name (localhost, 127.0.0.1), as before, and with sslmode=disable', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.1') })).toContain(PLAIN);
    expect(await open({ DATABASE_URL: at('localhost') })).toContain(PLAIN);
    expect(await open({ DATABASE_URL: at('127.0.0.2', '?sslmode=disable') })).toContain(PLAIN);
  });
});

describe('settings the bot does not know', () => {
  test('an unknown sslmode is refused by name', async () => {
    expect(await open({ DATABASE_URL: at('127.0.0.2', '?sslmode=allow-all') })).toMatch(
      /sslmode=allow-all is not a mode the bot knows: use one of disable, no-verify/,
    );
  });

  test('config refuses a bad PGSSLMODE and a DATABASE_CA_FILE that does not exist', () => {
    expect(() =>
      loadConfig({ PGSSLMODE: 'sometimes', DATABASE_CA_FILE: path.join(dir, 'missing.pem') }, { requireSlack: false }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PGSSLMODE: 'sometimes', DATABASE_CA_FILE: path.join(dir, 'missing.pem') }, { requireSlack: false });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^PGSSLMODE: must be one of disable, no-verify/),
        'DATABASE_CA_FILE: names a file that does not exist',
      ]);
    }
  });
});
