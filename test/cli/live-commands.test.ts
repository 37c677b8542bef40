import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/run-cli';
import { openStore } from '../../src/store/open-store';
import { tempSqliteFile } from '../support/databases';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';
import { setProcessEnv } from '../support/process-env';

/**
 * `hosting-advisor estimate app=NAME` and `compliance hipaa live|app=NAME` with HEROKU_API_TOKEN (and
 * AWS credentials), through the CLI's entry function and, once, the built CLI as a child process,
 * against the local Heroku and Cost Explorer servers.
 */

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

let live: LiveAccounts;
beforeAll(async () => {
  live = await startLiveAccounts();
});
afterAll(() => live.close());

/** Runs the CLI's entry function with the live credentials (and `env` over them); what it printed. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const printed = { out: [] as string[], err: [] as string[] };
  const database = tempSqliteFile();
  const { heroku, awsEnv } = live;
  const environment = { DATABASE_URL: database, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url, ...awsEnv };
  const io = { out: (text: string) => printed.out.push(text), err: (text: string) => printed.err.push(text) };
  const code = await runCli(args, { ...environment, ...env }, io);
  return { code, out: printed.out.join('\n'), err: printed.err.join('\n'), database };
}

test('`estimate app=NAME` prices the live app with HEROKU_API_TOKEN, says when it was read, and is audited', async () => {
  const { code, out, err, database } = await cli(['estimate', 'app=shop-api']);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toMatch(
    /^Note: Live Heroku app shop-api, read \d{4}-\d\d-\d\d \d\d:\d\d UTC; read as production: its name has no -staging, .* or -pr-N part\.$/m,
  );
  expect(out).toContain('Heroku as it runs: $150.00/mo infrastructure');
  expect(out).toContain('web: Standard-2X dyno: 2 × $50.00/month = $100.00/mo');
  expect(live.heroku.schemaViolations).toEqual([]);
  const store = await openStore(database);
  const log = await store.auditLog().finally(() => store.close());
  expect(log).toEqual([
    expect.objectContaining({ actor: 'cli', action: 'estimate-app', detail: 'estimated app shop-api' }),
  ]);
});

test('`estimate app=NAME --json` carries the live read beside the cost lines', async () => {
  const { code, out } = await cli(['estimate', 'app=shop-api', '--json']);
  expect(code).toBe(0);
  const json = JSON.parse(out);
  expect(json.live).toMatchObject({ app: 'shop-api', fromCache: false });
  expect(json.heroku.infrastructureMonthly).toBe('150.00');
});

test('`estimate app=NAME` assumes the traffic a described workload and `migrate` assume, not none', async () => {
  // Heroku reports no egress or logs: a production app with web is taken to send 100 GB out and log
  // 10 GB a month, as `migrate` takes it and as `estimate web=2xstandard-2x postgres=standard-0` does.
  const liveApp = await cli(['estimate', 'app=shop-api']);
  const described = await cli(['estimate', 'web=2xstandard-2x', 'postgres=standard-0']);
  const range = (out: string) => /^AWS \(modelled\): .*$/m.exec(out)?.[0];
  expect(range(liveApp.out)).toBe(range(described.out));
  expect(liveApp.out).toContain('AWS (modelled): $279.72/mo to $305.14/mo');
  expect(liveApp.out).toContain('Data transfer out to the internet (first 10 TB: 100 GB): 100 × $0.09/GB = $9.00/mo');
  expect(liveApp.out).toContain('CloudWatch Logs ingestion (10 GB): 10 × $0.50/GB = $5.00/mo');
  expect(liveApp.out).toContain(
    'Heroku reports no egress or log volume: each production app with a web process is taken to send 100 GB a month out',
  );
});

test('an unknown app names no other app; without a token the CLI says what it needs', async () => {
  const unknown = await cli(['estimate', 'app=nope']);
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain('There is no app named "nope"');
  expect(unknown.err).not.toMatch(/shop-api|phi-api/);
  const bare = await cli(['estimate', 'app=shop-api'], { HEROKU_API_TOKEN: '' });
  expect(bare.code).toBe(1);
  expect(bare.err).toContain('needs HEROKU_API_TOKEN');
});

test('`compliance hipaa live` finds the app outside a Shield space and the member without two-factor', async () => {
  const { code, out, err } = await cli(['compliance', 'hipaa', 'live']);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toMatch(/^Note: Heroku apps, spaces, add-on plans and team members as of /m);
  expect(out).toMatch(/^Note: AWS services in use: Cost Explorer spend by service, /m);
  expect(out).toContain(
    'Finding (GAP): Apps outside a Shield Private Space, so they cannot hold PHI: shop-api (Common Runtime).',
  );
  expect(out).toContain('Finding (GAP): Team members without two-factor authentication: bo@acme.example (acme).');
  expect(out).toContain('CloudTrail has spend in');
  expect(out).toContain('For: live inventory');
});

test("`compliance hipaa live` whose token may not list a team's members says so, and never reports two-factor as met", async () => {
  const refused = live.heroku.inject({
    path: /^\/teams\/[^/]+\/members$/,
    times: Infinity,
    fault: { type: 'forbidden' },
  });
  try {
    const { code, out } = await cli(['compliance', 'hipaa', 'heroku', 'live']);
    expect(code).toBe(0);
    expect(refused.hits).toBeGreaterThan(0);
    // Only the token owner was read: bo, without two-factor, was not seen, so nothing can be "every member".
    expect(out).not.toContain('Every team member has two-factor authentication');
    expect(out).toMatch(/^Note: Not read: members of team acme: Heroku refused GET \/teams\/.*403 Forbidden/m);
    const mfa = out.slice(out.indexOf('[hipaa-mfa]'), out.indexOf('[hipaa-access-control]'));
    expect(mfa).toContain('Heroku [attention]');
    expect(mfa).toContain('Finding (attention): The members of team acme could not be read');
    expect(mfa).toContain('check their two-factor authentication by hand');
  } finally {
    live.heroku.clearFaults();
  }
});

test('`compliance hipaa live --format md|csv` say when Heroku was read and which days of AWS spend were used', async () => {
  const markdown = (await cli(['compliance', 'hipaa', 'live', '--format', 'md'])).out;
  expect(markdown).toMatch(/^- Heroku apps, spaces, add-on plans and team members as of \d{4}-\d\d-\d\d /m);
  expect(markdown).toMatch(/^- AWS services in use: Cost Explorer spend by service, \d{4}-\d\d-\d\d to \d{4}-/m);
  const csv = (await cli(['compliance', 'hipaa', 'live', '--format', 'csv'])).out;
  expect(csv).toContain('live inventory');
  expect(csv).toMatch(/Heroku apps, spaces, add-on plans and team members as of \d{4}-/);
});

test('`compliance hipaa app=NAME --format md` exports one app', async () => {
  const { code, out } = await cli(['compliance', 'hipaa', 'app=phi-api', '--format', 'md']);
  expect(code).toBe(0);
  expect(out).toContain('app phi-api');
  expect(out).not.toContain('shop-api');
});

test('`compliance hipaa app=NAME` says what `estimate app=NAME` prices for its AWS side', async () => {
  // phi-api runs in a Shield space, so its estimate is a HIPAA one: KMS, CloudTrail, GuardDuty and AWS Backup.
  const { code, out } = await cli(['compliance', 'hipaa', 'app=phi-api']);
  expect(code).toBe(0);
  expect(out).toContain(
    'The estimate prices it on AWS (like-for-like tier, production): KMS key for encrypted storage $1.00/mo and KMS requests (100,000) $0.30/mo, estimated; bundled list: AWS Key Management Service pricing page, 2026-12-08; bundled list: Infracost price tests (third party, from the AWS price lists), 2024-07-01.',
  );
  expect(out).toMatch(/AWS Backup of the database \(\d+ GB\) \$[\d.]+\/mo \(unconfirmed\), estimated;/);
  const priced = (await cli(['estimate', 'app=phi-api'])).out;
  expect(priced).toContain('KMS key for encrypted storage: 1 × $1.00/key-month = $1.00/mo, estimated');
});

test('with neither token nor AWS credentials, `live` says what it needs', async () => {
  const restore = setProcessEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
  try {
    const { code, err } = await cli(['compliance', 'hipaa', 'live'], {
      HEROKU_API_TOKEN: '',
      AWS_ACCESS_KEY_ID: '',
      AWS_ENDPOINT_URL_COST_EXPLORER: '',
    });
    expect(code).toBe(1);
    expect(err).toContain('HEROKU_API_TOKEN');
    expect(err).not.toContain('`');
  } finally {
    restore();
  }
});

test('the built CLI, as a child process: `compliance hipaa live` with HEROKU_API_TOKEN', async () => {
  const cliPath = path.resolve(__dirname, '../../dist/cli.js');
  const { stdout } = await promisify(execFile)(process.execPath, [cliPath, 'compliance', 'hipaa', 'heroku', 'live'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: tempSqliteFile(),
      HEROKU_API_TOKEN: live.heroku.token,
      HEROKU_API_URL: live.heroku.url,
    },
    timeout: 30_000,
  });
  expect(stdout).toContain('Team members without two-factor authentication: bo@acme.example (acme).');
  // `heroku`: the AWS column is left out.
  expect(stdout).toMatch(/^ {2}Heroku \[/m);
  expect(stdout).not.toMatch(/^ {2}AWS \[/m);
});

describe('one app the token may not read (403 on its formation)', () => {
  const refuseShopApi = () =>
    live.heroku.inject({
      path: `/apps/${live.heroku.world.app('shop-api').id}/formation`,
      times: Infinity,
      fault: { type: 'forbidden' },
    });
  afterEach(() => live.heroku.clearFaults());

  test('`compliance hipaa heroku live` checks the apps read, names the one not read, and never says "every app"', async () => {
    const refused = refuseShopApi();
    const { code, out, err } = await cli(['compliance', 'hipaa', 'heroku', 'live']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(refused.hits).toBe(1);
    expect(out).toContain('Note: 1 Heroku app could not be read, so it is not in this checklist: shop-api.');
    expect(out).toMatch(
      /^Note: Not read: app shop-api: Heroku refused GET \/apps\/shop-api\/formation \(403 Forbidden\)/m,
    );
    // phi-api, the one app read, is in Shield: without shop-api that would read as "every app", met.
    expect(out).not.toMatch(/Every app runs in a Shield Private Space/);
    expect(out).toContain(
      'Finding (attention): Every app read runs in a Shield Private Space (1 read). 1 app could not be read, so it was not checked: shop-api; check it by hand.',
    );
    expect(out).not.toMatch(/\[met\][^\n]*\n[^\n]*Every app runs/);
  });

  test('`compliance hipaa app=NAME` of that app says it could not be read, not that there is no such app', async () => {
    refuseShopApi();
    const { code, out, err } = await cli(['compliance', 'hipaa', 'app=shop-api']);
    expect(`${out}\n${err}`).not.toContain('There is no app');
    // Findings that stand on nothing read: exit 1, as when Heroku cannot be read at all.
    expect(code).toBe(1);
    expect(err).toContain(
      'Heroku could not be read: Heroku app shop-api could not be read: Heroku refused GET /apps/shop-api/formation (403 Forbidden)',
    );
    expect(out).toContain('For: app shop-api');
    expect(out).not.toMatch(/Finding \(met\)/);
    // The summary counts nothing for a platform whose findings stand on nothing read, in every format.
    expect(out).toMatch(/^Findings: Heroku: could not be read(;|$)/m);
    const md = await cli(['compliance', 'hipaa', 'app=shop-api', '--format', 'md']);
    expect(md.out).toContain('Heroku: could not be read');
    const json = JSON.parse((await cli(['compliance', 'hipaa', 'app=shop-api', '--format', 'json'])).out);
    expect(json.unread).toEqual(['heroku']);
  });

  test('`migrate heroku` models the apps read and says, with the figures, which app is left out', async () => {
    const whole = await cli(['migrate', 'heroku', '--json']);
    refuseShopApi();
    const text = await cli(['migrate', 'heroku']);
    expect(text.err).toBe('');
    expect(text.code).toBe(0);
    const leftOut = '1 Heroku app could not be read, so it is not in this model (its cost is not included): shop-api.';
    // Among the first lines, before any figure is taken for the whole account, and again with the sources.
    expect(text.out.split('\n').slice(0, 4).join('\n')).toContain(leftOut);
    expect(text.out).toMatch(
      /^ {2}- Not read: app shop-api: Heroku refused GET \/apps\/shop-api\/formation \(403 Forbidden\)/m,
    );
    // shop-api is in no line of the model: only the two sentences above name it.
    expect(text.out.split('\n').filter((line) => line.includes('shop-api'))).toHaveLength(3);

    const json = JSON.parse((await cli(['migrate', 'heroku', '--json'])).out);
    expect(json.notRead).toEqual([
      {
        app: 'shop-api',
        reason: expect.stringContaining('Heroku refused GET /apps/shop-api/formation (403 Forbidden)'),
      },
    ]);
    expect(json.units.map((unit: { name: string }) => unit.name)).toEqual(['phi-api']);
    // Current cost is the sum of the apps read: whole minus shop-api's own units.
    const wholeJson = JSON.parse(whole.out);
    expect(wholeJson.notRead).toEqual([]);
    expect(wholeJson.units.map((unit: { name: string }) => unit.name).sort()).toEqual(['phi-api', 'shop-api']);
    const phi = (model: { units: { name: string; current: string }[] }) =>
      model.units.find((unit) => unit.name === 'phi-api')?.current;
    expect(phi(json)).toBe(phi(wholeJson));
  });
});
