import { runCliCaptured } from '../support/run-cli';

/**
 * Items an estimate leaves out, each named for what it is in the CLI's text and --json: Key-Value Store
 * premium-7 has a list price Heroku publishes that the bundled list lacks (a lead's price refresh reads
 * it), a Private Space fee is a contract price (no public price: PRICING_FILE). Before, both were called
 * "contract-priced item(s)" and the assumption said neither had a public price.
 */
const LISTED = ['estimate', 'web=1xstandard-2x', 'redis=premium-7'];
/** A private-s dyno runs in a Private Space (a contract price), beside the same premium-7. */
const MIXED = ['estimate', 'web=1xprivate-s', 'redis=premium-7'];

test('a list price the bundled list lacks is not called a contract price, nor an item with no public price', async () => {
  const { code, stdout } = await runCliCaptured(LISTED);
  expect(code).toBe(0);
  expect(stdout).toContain(
    '  Not in these totals: 1 item without a price in the bundled list (a price refresh reads it); each line above says how to add it.',
  );
  expect(stdout).toContain(
    "  - Heroku totals exclude 1 item without a price in the bundled list (Heroku Key-Value Store premium-7 in production): they are lower bounds until a lead's price refresh (`prices refresh`) reads the list price from Heroku (or you set it in PRICING_FILE).",
  );
  expect(stdout).not.toMatch(/contract|no public price|without a public price|item\(s\)/);
});

test('one of each: each named for what it is, with what to do, singular', async () => {
  const { code, stdout } = await runCliCaptured(MIXED);
  expect(code).toBe(0);
  expect(stdout).toContain(
    '  Not in these totals: 1 item without a public price (a contract price) and 1 item without a price in the bundled list (a price refresh reads it); each line above says how to add it.',
  );
  expect(stdout).toContain(
    "  - Heroku totals exclude 1 item without a public price (Private Space in production) and 1 item without a price in the bundled list (Heroku Key-Value Store premium-7 in production): they are lower bounds until you set the contract price in PRICING_FILE and a lead's price refresh (`prices refresh`) reads the list price from Heroku (or you set it in PRICING_FILE).",
  );
  expect(stdout).not.toContain('item(s)');
});

test('--json marks a contract price as one, and a list price the bundled list lacks by where it is listed', async () => {
  const { code, stdout } = await runCliCaptured([...MIXED, '--json']);
  expect(code).toBe(0);
  const json = JSON.parse(stdout);
  const kinds = json.heroku.unpriced.map((line: Record<string, unknown>) => [
    line.item,
    line.contractPrice ?? false,
    line.listedAt ?? null,
  ]);
  expect(kinds).toEqual([
    ['Private Space', true, null],
    ['Heroku Key-Value Store premium-7', false, 'Heroku Elements and the Platform API'],
  ]);
});
