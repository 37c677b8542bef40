import { runCli } from '../../src/cli/run-cli';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/bot-harness';
import { tempSqliteFile } from '../support/databases';
import { type FakeCostExplorer, reply, startFakeCostExplorer } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { setProcessEnv } from '../support/process-env';
import { askAndWait } from './support';

// heroku-client reads every certificate file on each request; the fakes are plain HTTP.
delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

/**
 * What people read when an upstream fails: the same redaction as the logs (an AWS error that quotes
 * a secret back never shows it), and plain words for a web page where data was expected (not
 * "(HTTP 503, SyntaxError)"). Through the real receiver, the bot's own AWS client and Heroku client,
 * and the CLI.
 */
const ACCESS_KEY = 'AKIDERRORTEXTS0001';
const SECRET = 'errorTexts/SecretAccessKey+0001wJalrXUtnFEMI';
const PASTED_TOKEN = 'xoxp-1234-5678-pastedusertoken';

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let harness: Harness;
let restoreEnv = () => {};

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: SECRET,
  AWS_REGION: 'us-east-1',
};

beforeAll(async () => {
  ce = await startFakeCostExplorer();
  const world = new HerokuWorld({ seed: 5 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  heroku = await FakeHeroku.start({ world });
  // The AWS SDK reads its endpoint and credentials from the process environment, as in production.
  restoreEnv = setProcessEnv({
    ...AWS_ENV,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    AWS_MAX_ATTEMPTS: undefined,
    AWS_RETRY_MODE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
  });
});
afterAll(async () => {
  restoreEnv();
  await Promise.all([ce.close(), heroku.close()]);
});
beforeEach(async () => {
  ce.reset();
  heroku.clearFaults();
  harness = await startHarness({
    ...AWS_ENV,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
  });
});
afterEach(() => harness.close());

/** Cost Explorer refusing a request and quoting back what it was sent, secrets included. */
const echoingValidationError = () =>
  reply.error(
    'ValidationException',
    `Value '${SECRET}' at 'filter.tags.values' failed to satisfy constraint (signed with ${SIGNING_SECRET}, see ${PASTED_TOKEN})`,
  );

describe('an upstream error that quotes a secret', () => {
  test('in Slack: the error is shown with the secrets redacted, as in the logs', async () => {
    ce.reply('GetCostAndUsage', echoingValidationError());
    const { shown } = await askAndWait(harness, 'spend aws');
    expect(shown).toContain("Cost Explorer refused the bot's GetCostAndUsage request (ValidationException: Value");
    expect(shown).toContain("Value '[redacted]' at 'filter.tags.values'");
    for (const secret of [SECRET, SIGNING_SECRET, PASTED_TOKEN]) {
      expect(shown).not.toContain(secret);
      expect(harness.logs.join('\n')).not.toContain(secret);
    }
  });

  test('in the CLI: the same', async () => {
    ce.reply('GetCostAndUsage', echoingValidationError());
    const out: string[] = [];
    const code = await runCli(
      ['spend', 'aws'],
      { ...AWS_ENV, AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint, DATABASE_URL: tempSqliteFile() },
      { out: (text) => out.push(text), err: (text) => out.push(text) },
    );
    const printed = out.join('\n');
    expect(code).toBe(1);
    expect(printed).toContain("Value '[redacted]'");
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(PASTED_TOKEN);
  });
});

describe('an error page where data was expected', () => {
  const page = (status: number) => ({
    type: 'http' as const,
    status,
    body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503</h1></center></body></html>',
    contentType: 'text/html',
  });

  test('Cost Explorer answering an HTML 503: said as an error page, with when to try again', async () => {
    ce.reply('GetCostAndUsage', page(503));
    const { shown } = await askAndWait(harness, 'spend aws');
    expect(shown).toContain(
      'Cost Explorer answered with an error page (HTTP 503) after 3 attempts instead of data; try again in a few minutes.',
    );
    expect(shown).not.toMatch(/SyntaxError|Deserialization|<html|not valid JSON/);
  });

  test('Heroku answering an HTML 503: said as an error page, with when to try again', async () => {
    heroku.inject({ path: '/apps', times: Number.POSITIVE_INFINITY, fault: { type: 'error-page', status: 503 } });
    const { shown } = await askAndWait(harness, 'spend heroku');
    expect(shown).toContain("Heroku's API answered with an error page (HTTP 503) for GET /apps (4 attempts).");
    expect(shown).toContain('try again in a few minutes');
    expect(shown).not.toMatch(/SyntaxError|<html|not valid JSON|Heroku said/);
  });
});
