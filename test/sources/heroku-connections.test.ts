import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { HerokuSource } from '../../src/sources/heroku';
import { extraCertificates } from '../../src/sources/heroku/heroku-connection';
import { concurrencyFor } from '../../src/sources/heroku/rate-limit-concurrency';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, generateWorld } from '../support/fake-heroku';

/**
 * How Heroku requests travel: one keep-alive pool (not a new connection per request, as
 * heroku-client alone does), certificates read once, concurrency following RateLimit-Remaining.
 */

describe('an inventory of 300 apps', () => {
  it('reuses its connections: no more open than run at once, far fewer than requests', async () => {
    const fake = await FakeHeroku.start({ world: generateWorld({ personalApps: 300, seed: 16 }) });
    const store = await openStore(tempSqliteFile());
    try {
      const source = new HerokuSource({ token: fake.token, apiUrl: fake.url, store, now: () => new Date() });
      const result = await source.inventory();
      expect((result.value as { apps: unknown[] }).apps).toHaveLength(300);
      expect(fake.log.length).toBeGreaterThanOrEqual(306);
      expect(fake.connections).toBeLessThanOrEqual(32);
      // A second inventory (refresh) opens none or almost none: the pool is still warm.
      const before = fake.connections;
      await source.inventory({ refresh: true });
      expect(fake.connections - before).toBeLessThanOrEqual(2);
    } finally {
      await fake.close();
      await store.close();
    }
  });
});

describe('concurrency from RateLimit-Remaining', () => {
  const limits = { max: 32, reserve: 100 };
  it('runs the most at once with a full pool and one at a time near the reserve', () => {
    expect(concurrencyFor(4500, limits)).toBe(32);
    expect(concurrencyFor(500, limits)).toBe(16);
    expect(concurrencyFor(150, limits)).toBe(2);
    expect(concurrencyFor(100, limits)).toBe(1);
    expect(concurrencyFor(0, limits)).toBe(1);
  });
  it('starts modestly before Heroku has said how much is left', () => {
    expect(concurrencyFor(undefined, limits)).toBe(8);
    expect(concurrencyFor(undefined, { max: 2, reserve: 100 })).toBe(2);
  });
});

describe('SSL_CERT_FILE and SSL_CERT_DIR', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certs-'));
  const nodeRoot = tls.rootCertificates[0];
  // A certificate Node does not ship (the text is all that is compared; it is never parsed here).
  const own = `-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(40)}\n-----END CERTIFICATE-----`;
  fs.writeFileSync(path.join(dir, 'bundle.crt'), `${nodeRoot}\n${own}\n`);
  fs.writeFileSync(path.join(dir, 'own.pem'), own.replace(/\n/g, '\r\n'));
  fs.writeFileSync(path.join(dir, 'README'), 'not a certificate');
  fs.mkdirSync(path.join(dir, 'nested'));

  it('a store that repeats Node’s own CAs adds nothing (no TLS context to build)', async () => {
    const file = path.join(dir, 'root.pem');
    fs.writeFileSync(file, nodeRoot.replace(/\n/g, '\n\n'));
    expect(await extraCertificates({ file })).toEqual([]);
  });

  it('keeps each certificate Node lacks once, however often and in whatever line endings it appears', async () => {
    const extras = await extraCertificates({ file: path.join(dir, 'bundle.crt'), dir });
    expect(extras).toHaveLength(1);
    expect(extras[0].replace(/\s/g, '')).toBe(own.replace(/\s/g, ''));
  });

  it('a missing file or directory trusts nothing extra instead of failing every request', async () => {
    expect(await extraCertificates({ file: path.join(dir, 'absent.pem'), dir: path.join(dir, 'absent') })).toEqual([]);
  });
});
