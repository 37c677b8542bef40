import { runCli } from '../../src/cli/run-cli';
import { formatCents } from '../../src/core/money';
import { spendPeriod } from '../../src/core/spend/request';
import { centsForDays, chargedDays } from '../../src/core/spend/rows';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';

/** `npx hosting-advisor spend`: the same content as text, the CLI user counting as a lead. */

let heroku: FakeHeroku;
beforeAll(async () => {
  const world = new HerokuWorld({ seed: 9 });
  world.addApp('shop-api', {
    formation: [{ type: 'web', quantity: 3, size: 'standard-1X' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'standard-0', cents: 5001 }],
  });
  heroku = await FakeHeroku.start({ world });
});
afterAll(() => heroku.close());

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('prints Heroku run-rate as plain text, says AWS is off, and audits the view', async () => {
  const database = tempSqliteFile();
  const { code, out } = await cli(['spend'], {
    DATABASE_URL: database,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
  expect(code).toBe(0);
  // No daily snapshot yet: today's 3 × 2500 + 5001 cents a month, for the period's days, labelled.
  const days = chargedDays(spendPeriod('7d', new Date()));
  expect(out).toContain(`shop-api: ${formatCents(centsForDays(12501, days))}`);
  expect(out).toContain(`Total: ${formatCents(centsForDays(12501, days))}`);
  expect(out).toContain("Run-rate: today's apps");
  expect(out).toContain("Today's run-rate: $125.01 a month for 1 app.");
  expect(out).toContain('AWS spend is off: set AWS credentials');
  expect(out).not.toMatch(/\*\$/);
  const store = await openStore(database);
  try {
    expect(await store.auditLog()).toEqual([
      expect.objectContaining({ actor: 'cli', action: 'spend', detail: 'aws+heroku 7d by service' }),
    ]);
  } finally {
    await store.close();
  }
});

test('--json: amounts as decimal strings, the lines adding up to the total', async () => {
  const { code, out } = await cli(['spend', 'heroku', '--json'], {
    DATABASE_URL: tempSqliteFile(),
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
  expect(code).toBe(0);
  const json = JSON.parse(out) as {
    platforms: { beforeCredits: string; runRate: boolean; lines: { amount: string }[] }[];
  };
  const [platform] = json.platforms;
  expect(platform?.runRate).toBe(true);
  const cents = (amount: string) => Math.round(Number(amount) * 100);
  expect(platform!.lines.reduce((sum, line) => sum + cents(line.amount), 0)).toBe(cents(platform!.beforeCredits));
});

test('bad words exit 2 (a usage error) with an example', async () => {
  const { code, err } = await cli(['spend', 'fortnight'], { DATABASE_URL: tempSqliteFile() });
  expect(code).toBe(2);
  expect(err).toContain('npx hosting-advisor spend aws 30d by service');
});

test('by service, Heroku only: the terminal and --json say the lines are by app, and why; by app says nothing', async () => {
  const env = { DATABASE_URL: tempSqliteFile(), HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url };
  const text = await cli(['spend', 'heroku', 'by', 'service'], env);
  expect(text.code).toBe(0);
  const lines = text.out.split('\n');
  const heading = lines.indexOf('By app:');
  expect(lines.slice(heading, heading + 3)).toEqual([
    'By app:',
    '  (By app, not by service as asked: Heroku bills per app (its dynos and add-ons) and has no service dimension to group by.)',
    expect.stringMatching(/^ {2}shop-api: \$/),
  ]);
  const json = JSON.parse((await cli(['spend', 'heroku', 'by', 'service', '--json'], env)).out) as {
    platforms: { groupedBy: string; groupingNote: string | null }[];
  };
  expect(json.platforms[0]).toMatchObject({
    groupedBy: 'app',
    groupingNote: expect.stringMatching(/^By app, not by service/),
  });
  const byApp = await cli(['spend', 'heroku', 'by', 'app'], env);
  expect(byApp.out).toContain('By app:');
  expect(byApp.out).not.toContain('as asked');
});
