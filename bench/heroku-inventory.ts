/**
 * Heroku inventory of 500 apps over HTTPS with 50 ms added to every request, the client in a
 * child process: wall time, requests, 429s and client CPU per request, with SSL_CERT_FILE and
 * SSL_CERT_DIR unset and set to the system store, in the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeHeroku, generateWorld } from '../test/support/fake-heroku';

export interface InventoryRun {
  wallMs: number;
  cpuMs: number;
  requests: number;
  throttled: number;
  apps: number;
  /** 429s the fake sent. */
  fake429s: number;
  connections: number;
}

const CHILD = path.join(__dirname, 'inventory-child.js');
const SYSTEM_CERT_DIR = '/etc/ssl/certs';
const SYSTEM_CERT_FILE = '/etc/ssl/certs/ca-certificates.crt';

/** A self-signed certificate for 127.0.0.1 (openssl), or undefined when openssl is missing. */
function selfSigned(): { key: string; cert: string; certFile: string } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ]),
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

function runChild(env: Record<string, string>): Promise<Omit<InventoryRun, 'fake429s' | 'connections'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`inventory child failed: ${err}`));
    });
  });
}

/** `systemStore`: SSL_CERT_DIR names the system store, as on many containers. */
export async function herokuInventoryRun(systemStore: boolean): Promise<InventoryRun & { scheme: string }> {
  const tls = selfSigned();
  const fake = await FakeHeroku.start({
    world: generateWorld({ personalApps: 500, seed: 7 }),
    latencyMs: 50,
    ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
  });
  try {
    const run = await runChild({
      BENCH_HEROKU_URL: fake.url,
      BENCH_HEROKU_TOKEN: fake.token,
      // Unset: the fake's own certificate is trusted the way Node adds one.
      ...(tls && !systemStore ? { NODE_EXTRA_CA_CERTS: tls.certFile } : {}),
      // Set: SSL_CERT_DIR is the system store and SSL_CERT_FILE the fake's certificate (a private CA).
      ...(systemStore && fs.existsSync(SYSTEM_CERT_DIR)
        ? { BENCH_SSL_CERT_DIR: SYSTEM_CERT_DIR, BENCH_SSL_CERT_FILE: tls?.certFile ?? SYSTEM_CERT_FILE }
        : {}),
    });
    return {
      ...run,
      fake429s: fake.log.filter((entry) => entry.status === 429).length,
      connections: fake.connections,
      scheme: tls ? 'https' : 'http (no openssl)',
    };
  } finally {
    await fake.close();
  }
}
