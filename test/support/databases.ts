import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** A fresh SQLite file in a temporary folder. */
export function tempSqliteFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hosting-advisor-')), 'test.db');
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/**
 * A connection string for an empty schema of its own on TEST_DATABASE_URL, so test files can run
 * in parallel on one database. Returns undefined when PostgreSQL tests are not enabled.
 */
export async function freshPostgresUrl(): Promise<string | undefined> {
  if (!TEST_DATABASE_URL) return undefined;
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** `describe` for PostgreSQL suites: skipped, with the reason in its name, when TEST_DATABASE_URL is unset. */
export const describePostgres: jest.Describe = TEST_DATABASE_URL
  ? describe
  : (((name: string, fn: () => void) =>
      // Skipped on purpose: no PostgreSQL configured. CI sets TEST_DATABASE_URL.
      describe.skip(`${name} (skipped: set TEST_DATABASE_URL to run against PostgreSQL)`, fn)) as jest.Describe);
