/**
 * After a price refresh, a checklist's Secrets Manager and RDS backup costs quote the AWS Price
 * List's own figures, each with its SKU and effective date, instead of the bundled third-party
 * copy. The refresh runs the real `@aws-sdk/client-pricing` client against the local Price List,
 * which answers with items in AWS's format (test/support/price-list-items.ts).
 */
import { runCli } from '../../src/cli/run-cli';
import { tempSqliteFile } from '../support/databases';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { type FakePriceList, startFakePriceList } from '../support/fake-price-list';
import { priceListItems, US_EAST_1_PRICES } from '../support/price-list-items';
import { setProcessEnv } from '../support/process-env';

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDCOMPLIANCEPRICES',
  AWS_SECRET_ACCESS_KEY: 'compliance-prices-secret',
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '2',
};

let priceList: FakePriceList;
let heroku: FakeHeroku;
let restoreEnv = () => {};
let env: Record<string, string>;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function hipaaCosts(): Promise<Record<string, string>> {
  const { code, stdout } = await run(['compliance', 'hipaa', '--format', 'json']);
  expect(code).toBe(0);
  const json = JSON.parse(stdout) as { controls: { id: string; cost: string }[] };
  return Object.fromEntries(json.controls.map((control) => [control.id, control.cost]));
}

beforeAll(async () => {
  priceList = await startFakePriceList(priceListItems('us-east-1', US_EAST_1_PRICES, '2026-11-01'));
  // The refresh reads Heroku's add-on plans too (no token needed): from a local Heroku, not the internet.
  heroku = await FakeHeroku.start({ world: new HerokuWorld({ seed: 5 }) });
  env = {
    ...AWS_ENV,
    AWS_ENDPOINT_URL_PRICING: priceList.url,
    HEROKU_API_URL: heroku.url,
    DATABASE_URL: tempSqliteFile(),
  };
  restoreEnv = setProcessEnv(env);
});

afterAll(async () => {
  await priceList.close();
  await heroku.close();
  restoreEnv();
});

describe('compliance costs after a price refresh', () => {
  test('Secrets Manager and RDS backup storage are quoted from the AWS Price List, with SKU and date', async () => {
    const before = await hipaaCosts();
    expect(before['hipaa-key-rotation']).toContain(
      'Secrets Manager $0.40 per secret-month plus $0.05 per 10k requests.',
    );
    expect(before['hipaa-key-rotation']).toContain('bundled list: Infracost price tests');

    const refresh = await run(['prices', 'refresh', '--json']);
    expect(refresh.code).toBe(0);
    expect(priceList.problems).toEqual([]);

    const after = await hipaaCosts();
    const rotation = after['hipaa-key-rotation']!;
    // AWS lists API calls at $0.0000050000 a request: the answer says $0.05 per 10k requests.
    expect(rotation).toContain('Secrets Manager $0.40 per secret-month plus $0.05 per 10k requests.');
    const cited = rotation.slice(rotation.indexOf('before tax: '));
    expect(cited.match(/AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-01/g)).toHaveLength(2);
    // One citation each for the secret and the API calls; KMS is not read live and still names its
    // bundled source, AWS's own KMS pricing page.
    expect(cited).toContain('bundled list: AWS Key Management Service pricing page, 2026-12-08');

    const backups = Object.values(after).find((cost) => cost.includes('backup storage beyond the free amount'))!;
    expect(backups).toMatch(
      /backup storage beyond the free amount \$0\.095 per GB-month, AWS Backup\. Estimated from list prices \(AWS in us-east-1\), before tax: AWS Price List, SKU [A-Z0-9]{16}, effective 2026-11-01\.$/,
    );
  });
});
