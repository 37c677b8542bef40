/**
 * The README says how to delete everything the bot keeps; in PostgreSQL that is one DROP TABLE of
 * every table the migrations make. A new table must be in it, or someone following it keeps data.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';

test("the README's DROP TABLE names every table the store makes, and no other", async () => {
  const file = tempSqliteFile();
  await (await openStore(file)).close();
  const db = new Database(file, { readonly: true });
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .sort();
  db.close();
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const drop = /`DROP TABLE ([a-z_, ]+);`/.exec(readme);
  expect(drop).not.toBeNull();
  expect(drop![1].split(/,\s*/).sort()).toEqual(tables);
});
