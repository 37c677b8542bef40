import { runCliCaptured } from '../support/run-cli';

/**
 * The estimate's verdict by migrate's rule: an AWS web instance with a small cache (cache.t4g.small
 * needs Key-Value Store premium-7, a list price the bundled list has no trusted copy of). Heroku's
 * priced lines alone ($350.00 on the consolidated tier) already cost more than AWS's whole $173.66,
 * so AWS is cheaper by at least $176.34; with ops ($550.00 against $1,173.66) the bound decides nothing,
 * so the answer says what the item would have to cost under. Heroku is never called the cheaper. (One
 * instance logs 5 GB a month, docs/decisions.md "Log volume follows what runs": the flat 10 GB made AWS $2.65 more.)
 */
const WORDS = ['estimate', 'aws', 'web=1xm5.large', 'cache=cache.t4g.small'];

test('AWS is cheaper by at least the gap, and with ops the answer names the break-even, not "No verdict"', async () => {
  const { code, stdout } = await runCliCaptured(WORDS);
  expect(code).toBe(0);
  expect(stdout).toContain('AWS as it runs: $173.66/mo.');
  expect(stdout).toContain(
    "AWS is cheaper on infrastructure by at least $176.34/mo, against Heroku's consolidated tier; with ops, Heroku is the cheaper only if the item left out costs less than $623.66/mo, otherwise AWS is. Heroku's total leaves out 1 item without a price in the bundled list (listed below), which can only add to it.",
  );
  // The bound foots to the cent with the totals shown: $350.00 − $173.66, and ($1,173.66) − ($350.00 + $200.00).
  expect(stdout).toContain(
    'Heroku, consolidated tier (modelled): $350.00/mo infrastructure, $550.00/mo with ops (TCO)',
  );
  expect(stdout).toContain('AWS (us-east-1) as it runs: $173.66/mo infrastructure, $1,173.66/mo with ops (TCO)');
  expect(stdout).not.toContain('No verdict');
  // premium-7 is a list price a refresh reads: no "contract prices" in the verdict.
  expect(stdout).not.toContain('contract prices');
});

test('--json gives the bound and the break-even, as migrate does', async () => {
  const { code, stdout } = await runCliCaptured([...WORDS, '--json']);
  expect(code).toBe(0);
  const json = JSON.parse(stdout);
  expect(json.verdict).toMatchObject({ kind: 'cheaper', cheaper: 'aws', difference: '176.34', atLeast: true });
  expect([json.cheaper, json.difference, json.atLeast]).toEqual(['aws', '176.34', true]);
  expect(json.withOps).toEqual({
    cheaper: 'unknown',
    difference: '0.00',
    breakEven: { platform: 'heroku', under: '623.66' },
  });
  expect([json.period, json.estimated]).toEqual(['month', true]);
});

test('contract-priced items on the side as it runs: the bound names the other side, with the words for a contract', async () => {
  const { code, stdout } = await runCliCaptured(['estimate', 'web=2xstandard-2x', 'postgres=standard-0', 'hipaa']);
  expect(code).toBe(0);
  // Heroku's lower bound ($540.00, Shield Space and Shield Postgres left out) against AWS's $327.52.
  expect(stdout).toContain('Heroku as it runs: ≥ $540.00/mo.');
  expect(stdout).toContain(
    "AWS is cheaper on infrastructure by at least $212.48/mo, against AWS's consolidated tier; with ops, Heroku is the cheaper only if the 2 items left out cost less than $587.52/mo together, otherwise AWS is. Heroku's total leaves out 2 items without a public price (listed below), which can only add to it.",
  );
  expect(stdout).not.toMatch(/Heroku is cheaper/);
});
