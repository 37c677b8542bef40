import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { expectedAwsSet, US_EAST_1_PRICES } from '../support/price-list-items';

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

const sourcesOf = (text: string) => text.slice(text.indexOf('\nSources:'));

describe('npx hosting-advisor prices, without any credentials', () => {
  test('says every price comes from the bundled list, and why', async () => {
    const { code, stdout } = await run(['prices']);
    expect(code).toBe(0);
    expect(stdout).toContain('Every price now comes from the bundled list.');
    expect(stdout).toContain(
      `Prices in use now: 0 from PRICING_FILE, 0 live, ${DEFAULT_CATALOG.entries.size} from the bundled list.`,
    );
    expect(stdout).toContain(
      'AWS Price List (us-east-1):\n  Not used: no AWS credentials, so AWS prices come from the bundled list (us-east-1).',
    );
    expect(stdout).toContain(
      'Heroku Platform API:\n  No prices read yet: the bundled list is used.\n  Without HEROKU_API_TOKEN only the add-on plans are read',
    );
    expect(stdout).toContain('None: no PRICING_FILE is set');
  });

  test('says how old the bundled prices in use are: the dates of their sources', async () => {
    const days = [...DEFAULT_CATALOG.entries.values()].map((entry) => entry.asOf).sort();
    const { stdout } = await run(['prices']);
    expect(stdout).toContain(
      `The bundled list's prices come from sources dated ${days[0]} to ${days.at(-1)} (each estimate line names its source).`,
    );
  });

  test('an estimate without a store creates none and cites the bundled list with its dates', async () => {
    const database = tempSqliteFile();
    const { code, stdout } = await run(['estimate', 'web=2xstandard-2x', 'postgres=standard-0'], {
      DATABASE_URL: database,
    });
    expect(code).toBe(0);
    expect(fs.existsSync(database)).toBe(false);
    expect(stdout).toContain('AWS (us-east-1), like-for-like tier (modelled)');
    const sources = sourcesOf(stdout);
    expect(sources).toContain("bundled list: Heroku's published dyno prices (Heroku CLI price list), 2026-08-04");
    expect(sources).toMatch(/bundled list: AWS Price List, EC2 on-demand Linux us-east-1 .*, 2026-07-20/);
    // Every cited source names its layer.
    for (const line of sources.split('\n').filter((l) => /^\s+\[\d+\]/.test(l))) {
      expect(line).toMatch(/\] (bundled list|PRICING_FILE|AWS Price List, SKU|Heroku Platform API)/);
    }
  });

  test("`refresh` reads Heroku's add-on plans without a token; estimates then cite them, dyno prices stay bundled", async () => {
    const world = new HerokuWorld({ seed: 3 });
    world.plan('heroku-postgresql', 'standard-0', { cents: 5500 });
    world.plan('heroku-redis', 'premium-0', { cents: 1500 });
    const heroku = await FakeHeroku.start({ world });
    const env = { DATABASE_URL: tempSqliteFile(), HEROKU_API_URL: heroku.url };
    try {
      const refresh = await run(['prices', 'refresh', '--json'], env);
      expect(refresh.code).toBe(0);
      const json = JSON.parse(refresh.stdout);
      expect(json.refresh.map((o: { vendor: string; status: string }) => `${o.vendor}:${o.status}`)).toEqual([
        'heroku:used',
        'aws:not-configured',
      ]);
      expect(heroku.log.map((entry) => `${entry.path} ${entry.auth}`)).toEqual([
        '/addon-services/heroku-postgresql/plans none',
        '/addon-services/heroku-redis/plans none',
      ]);
      expect(json.counts.live).toBe(2);

      const estimate = await run(['estimate', 'web=2xstandard-2x', 'postgres=standard-0'], env);
      expect(estimate.code).toBe(0);
      expect(estimate.stdout).toMatch(
        /Heroku Postgres standard-0: 1 × \$55\.00\/month = \$55\.00\/mo, estimated \[(\d+)\]/,
      );
      const sources = sourcesOf(estimate.stdout);
      expect(sources).toMatch(/\[\d+\] Heroku Platform API, read \d{4}-\d{2}-\d{2}/);
      expect(sources).toContain("bundled list: Heroku's published dyno prices (Heroku CLI price list), 2026-08-04");
    } finally {
      await heroku.close();
    }
  });

  test('lists PRICING_FILE overrides in force', async () => {
    const file = path.join(path.dirname(tempSqliteFile()), 'prices.yml');
    fs.writeFileSync(file, 'asOf: 2026-11-01\nprices:\n  heroku.space.shield: 3000\n  aws.ec2.m5.large: 0.085\n');
    const { stdout } = await run(['prices'], { PRICING_FILE: file });
    expect(stdout).toContain(
      'Contract prices (PRICING_FILE):\n  prices.yml (as of 2026-11-01) sets 2 prices: aws.ec2.m5.large, heroku.space.shield.',
    );
    expect(stdout).toContain('Prices in use now: 2 from PRICING_FILE, 0 live');
  });

  test('AWS_PRICING_REGION lists regions; `prices` shows each, and a bad code stops with an example', async () => {
    const { stdout } = await run(['prices'], { AWS_PRICING_REGION: 'eu-west-1, us-east-1' });
    expect(stdout).toContain('Estimates price AWS in eu-west-1 (us-east-1 with `region=`).');
    expect(stdout).toContain('AWS Price List (eu-west-1):');
    expect(stdout).toContain('AWS Price List (us-east-1):');
    const bad = await run(['prices'], { AWS_PRICING_REGION: 'eu-west-1,Ireland' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('AWS_PRICING_REGION: must be AWS region codes such as us-east-1 or eu-west-1');
  });

  test('a terminal is told the terminal command to refresh prices, not the Slack one', async () => {
    const prices = await run(['prices']);
    expect(prices.stdout).toContain('Hosting leads can refresh now with `npx hosting-advisor prices refresh`.');
    const region = await run(['estimate', 'web=2xstandard-2x', 'region=eu-west-1']);
    expect(region.code).toBe(1);
    expect(region.stderr).toContain('refresh prices (`npx hosting-advisor prices refresh`, hosting leads)');
    const note = await run(['estimate', 'web=2xstandard-2x'], { AWS_PRICING_REGION: 'eu-west-1' });
    expect(note.code).toBe(0);
    expect(note.stdout).toMatch(/^Note: AWS_PRICING_REGION is eu-west-1, .*`npx hosting-advisor prices refresh`/m);
    expect(
      JSON.parse((await run(['estimate', 'web=2xstandard-2x', '--json'], { AWS_PRICING_REGION: 'eu-west-1' })).stdout)
        .pricingNote,
    ).toContain('`npx hosting-advisor prices refresh`');
    for (const text of [prices.stdout, region.stderr, note.stdout]) expect(text).not.toContain('/hosting');
  });

  test('a bad word gets the usage with an example', async () => {
    const { code, stderr } = await run(['prices', 'now']);
    expect(code).toBe(2);
    expect(stderr).toContain('npx hosting-advisor prices refresh');
  });
});

describe('CLI estimates use the prices the bot stored, in any region', () => {
  let database: string;

  beforeAll(async () => {
    database = tempSqliteFile();
    const store = await openStore(database);
    const at = new Date('2026-12-05T04:00:00Z');
    // What a refresh stores from these price lists (written independently of the bot's parser).
    const us = expectedAwsSet('us-east-1', { ...US_EAST_1_PRICES, 'ec2:m5.large': '0.0990000000' }, at, '2026-11-15');
    // Ireland's list as far as the bot reads it here: m5.large and the NAT gateway.
    const eu = expectedAwsSet(
      'eu-west-1',
      { 'ec2:m5.large': '0.1070000000', 'nat:hour': '0.0480000000' },
      at,
      '2026-11-15',
    );
    for (const set of [us, eu]) {
      await store.putPriceRefresh({ vendor: 'aws', region: set.region, at, status: 'used', detail: '', set });
    }
    await store.close();
  });

  test('the stored AWS price, with its SKU and effective date', async () => {
    const { code, stdout } = await run(['estimate', 'aws', 'web=2xm5.large'], { DATABASE_URL: database });
    expect(code).toBe(0);
    expect(stdout).toContain('2 × m5.large: 1,460 × $0.099/hour = $144.54/mo');
    expect(sourcesOf(stdout)).toMatch(/\[\d+\] AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-15/);
  });

  test('`region=eu-west-1` prices AWS there, from the prices stored for eu-west-1', async () => {
    const { code, stdout } = await run(['estimate', 'web=2xstandard-2x', 'region=eu-west-1'], {
      DATABASE_URL: database,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('AWS (eu-west-1), like-for-like tier (modelled)');
    // A price the eu-west-1 set lacks is the us-east-1 figure standing in, and says so.
    expect(sourcesOf(stdout)).toMatch(/bundled list \(a us-east-1 price\): /);
    const json = JSON.parse(
      (await run(['estimate', 'aws', 'web=2xm5.large', 'region=eu-west-1', '--json'], { DATABASE_URL: database }))
        .stdout,
    );
    const m5 = json.aws.lines.find((line: { item: string }) => line.item.includes('m5.large'));
    expect(m5).toMatchObject({ unitPrice: '0.107', monthly: '156.22' });
    expect(m5.source).toMatch(/^AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-15$/);
  });

  test('a region without stored prices is refused plainly, with what to do', async () => {
    const { code, stderr, stdout } = await run(['estimate', 'web=2xstandard-2x', 'region=ap-south-1'], {
      DATABASE_URL: database,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'There are no AWS prices for ap-south-1 yet: the bundled price list covers us-east-1 only, and no AWS Price List prices for ap-south-1 are stored.',
    );
    expect(stderr).toContain('add it to AWS_PRICING_REGION');
    expect(stderr).toContain('ask again with region=us-east-1');
  });

  test('a region that is not a region code gets an example', async () => {
    const { code, stderr } = await run(['estimate', 'web=2xstandard-2x', 'region=ireland']);
    expect(code).toBe(2);
    expect(stderr).toContain('`region=ireland`: give an AWS region code, e.g. `region=eu-west-1`');
  });

  test('AWS_PRICING_REGION without stored prices: us-east-1 prices, and a note saying so', async () => {
    const { code, stdout } = await run(['estimate', 'web=2xstandard-2x'], { AWS_PRICING_REGION: 'ap-south-1' });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Note: AWS_PRICING_REGION is ap-south-1, but no AWS prices for ap-south-1 are stored yet, so AWS is priced for us-east-1 \(bundled list\)\./,
    );
    expect(stdout).toContain('AWS (us-east-1), like-for-like tier (modelled)');
  });
});
