import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { tempSqliteFile } from '../support/databases';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { DATABASE_URL: tempSqliteFile(), ...env },
    {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npx hosting-advisor prices, without any credentials', () => {
  test('says every price comes from the bundled list, and why', async () => {
    const { code, stdout } = await run(['prices']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `In use now: 0 from PRICING_FILE, 0 live, ${DEFAULT_CATALOG.entries.size} from the bundled list (us-east-1 for AWS).`,
    );
    expect(stdout).toContain(
      'AWS Price List (us-east-1): not used (no AWS credentials), so AWS prices come from the bundled list.',
    );
    expect(stdout).toContain('Heroku Platform API: not used (no HEROKU_API_TOKEN)');
    expect(stdout).toContain('No PRICING_FILE');
  });

  test('`refresh --json` reads nothing and says so; estimates work exactly as before', async () => {
    const refresh = await run(['prices', 'refresh', '--json']);
    expect(refresh.code).toBe(0);
    const json = JSON.parse(refresh.stdout);
    expect(json.refresh.map((o: { vendor: string; status: string }) => `${o.vendor}:${o.status}`)).toEqual([
      'heroku:not-configured',
      'aws:not-configured',
    ]);
    expect(json.counts).toEqual({ 'pricing-file': 0, live: 0, bundled: DEFAULT_CATALOG.entries.size });
    const estimate = await run(['estimate', 'web=2xstandard-2x', 'postgres=standard-0']);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toContain('AWS (us-east-1), Like-for-like tier');
    expect(estimate.stdout).toContain("Heroku's published dyno prices (Heroku CLI price list), as of 2026-08-04");
  });

  test('lists PRICING_FILE overrides in force', async () => {
    const file = path.join(path.dirname(tempSqliteFile()), 'prices.yml');
    fs.writeFileSync(file, 'asOf: 2026-11-01\nprices:\n  heroku.space.shield: 3000\n  aws.ec2.m5.large: 0.085\n');
    const { stdout } = await run(['prices'], { PRICING_FILE: file });
    expect(stdout).toContain(
      'PRICING_FILE prices.yml (as of 2026-11-01) overrides 2 prices: aws.ec2.m5.large, heroku.space.shield.',
    );
    expect(stdout).toContain('In use now: 2 from PRICING_FILE, 0 live');
  });

  test('a bad word gets the usage with an example', async () => {
    const { code, stderr } = await run(['prices', 'now']);
    expect(code).toBe(2);
    expect(stderr).toContain('npx hosting-advisor prices refresh');
  });
});
