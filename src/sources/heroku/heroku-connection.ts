import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';

/**
 * The connection pool every Heroku request goes through: one keep-alive agent per API host, and
 * the certificates of SSL_CERT_FILE / SSL_CERT_DIR read once per process.
 *
 * heroku-client 3.x builds a new `https.Agent` for every request and re-reads SSL_CERT_FILE and
 * every file in SSL_CERT_DIR synchronously each time, so each request paid a TCP and TLS handshake
 * plus a new TLS context parsed from hundreds of certificates (a quarter of a second of blocked
 * event loop with SSL_CERT_DIR=/etc/ssl/certs). Here the files are read asynchronously once, and a
 * TLS context is built only for certificates Node does not already trust: a system store that
 * repeats Node's own Mozilla roots (the usual container setup) costs nothing.
 *
 * Trust: Node's default CAs plus any certificate found in those files (as NODE_EXTRA_CA_CERTS
 * adds, https://nodejs.org/api/cli.html#node_extra_ca_certsfile).
 */
export interface TrustedCertificates {
  /** SSL_CERT_FILE: a PEM file of one or more certificates. */
  file?: string;
  /** SSL_CERT_DIR: a directory whose regular files are PEM certificates. */
  dir?: string;
}

const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/** The base64 body of a PEM certificate without line breaks: equal for the same certificate. */
const certificateKey = (pem: string) =>
  pem.slice('-----BEGIN CERTIFICATE-----'.length, pem.lastIndexOf('-----END')).replace(/\s+/g, '');

let nodeRoots: Set<string> | undefined;
const knownToNode = (key: string) => {
  nodeRoots ??= new Set(tls.rootCertificates.map(certificateKey));
  return nodeRoots.has(key);
};

async function readPemFile(file: string): Promise<string[]> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return [];
    return (await fs.readFile(file, 'latin1')).match(PEM) ?? [];
  } catch {
    // Unreadable or vanished: heroku-client would have failed every request; one bad file
    // should not stop the others from being trusted.
    return [];
  }
}

/** Certificates in the files that Node's default store lacks, each once. */
export async function extraCertificates(trust: TrustedCertificates): Promise<string[]> {
  const files: string[] = [];
  if (trust.file) files.push(trust.file);
  if (trust.dir) {
    const dir = trust.dir;
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    files.push(...names.sort().map((name) => path.join(dir, name)));
  }
  const extras = new Map<string, string>();
  // Each file is sorted out as it arrives, so no single turn of the event loop handles them all.
  await Promise.all(
    files.map(async (file) => {
      for (const pem of await readPemFile(file)) {
        const key = certificateKey(pem);
        if (!extras.has(key) && !knownToNode(key)) extras.set(key, pem);
      }
    }),
  );
  return [...extras.values()];
}

const agents = new Map<string, Promise<http.Agent>>();

/**
 * The shared keep-alive agent for `host` (`https://api.heroku.com`), created on first use.
 * `maxSockets` bounds connections; requests beyond it wait for a free one.
 */
export function herokuAgent(host: string, trust: TrustedCertificates, maxSockets: number): Promise<http.Agent> {
  const key = JSON.stringify([host, trust.file ?? '', trust.dir ?? '', maxSockets]);
  let agent = agents.get(key);
  if (!agent) {
    agent = createAgent(host, trust, maxSockets);
    agents.set(key, agent);
    // A failed creation (it should not fail) is retried by the next request.
    agent.catch(() => agents.delete(key));
  }
  return agent;
}

async function createAgent(host: string, trust: TrustedCertificates, maxSockets: number): Promise<http.Agent> {
  const options = { keepAlive: true, maxSockets, scheduling: 'lifo' as const };
  if (new URL(host).protocol !== 'https:') return new http.Agent(options);
  const extras = await extraCertificates(trust);
  if (extras.length === 0) return new https.Agent(options);
  // One TLS context for every connection: given `ca` instead, each new socket parses them again.
  const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extras] });
  return new https.Agent({ ...options, secureContext });
}
