/**
 * A live checklist (`compliance <framework> live`, `… app=NAME`) when a platform cannot be read:
 * through the real receiver and the CLI's entry function, against the local Heroku (its token
 * revoked) and Cost Explorer (the key refused). A checklist with nothing read behind it must not
 * read as a clean bill of health: no "No gaps found", no "15 to verify" as if it had been checked,
 * and a script running the CLI gets a non-zero exit.
 */
import { runCli } from '../../src/cli/run-cli';
import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { tempSqliteFile } from '../support/databases';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

let live: LiveAccounts;
let harness: Harness;

beforeAll(async () => {
  live = await startLiveAccounts();
});
afterAll(() => live.close());

beforeEach(async () => {
  live.heroku.clearFaults();
  live.heroku.addToken(live.heroku.token);
  harness = await startHarness({
    ...live.awsEnv,
    HEROKU_API_TOKEN: live.heroku.token,
    HEROKU_API_URL: live.heroku.url,
  });
});
afterEach(() => harness.close());

async function ask(text: string): Promise<Json> {
  const before = harness.slack.responses.length;
  await harness.command(text);
  await harness.settle();
  return harness.slack.responses.slice(before).at(-1)!.body;
}

/** The summary fields: `{ Heroku: 'could not be read …', AWS: '13 to verify · 1 met …' }`. */
function summary(message: Json): Record<string, string> {
  const fields = message.blocks.find((block: Json) => block.type === 'section' && block.fields).fields as Json[];
  return Object.fromEntries(fields.map((field) => /^\*(.+?)\*\n([\s\S]*)$/.exec(field.text)!.slice(1, 3)));
}

const gapsLine = (message: Json) =>
  message.blocks.find((block: Json) => block.text?.text?.startsWith('*Gaps:*')).text.text as string;

test('Heroku unreadable: the checklist says Heroku could not be read, in the counts, the gaps and the notification', async () => {
  live.heroku.revokeToken();
  const message = await ask('compliance hipaa live');
  capture('compliance-live-heroku-unread', message);
  expect(summary(message).Heroku).toBe(':warning: could not be read (why above)');
  expect(summary(message).AWS).toMatch(/to verify/);
  expect(gapsLine(message)).toBe('*Gaps:* none found on AWS; Heroku could not be read, so its gaps are unknown.');
  expect(message.text).toContain('Heroku: could not be read;');
  expect(message.text).toContain('No gaps found on AWS; Heroku could not be read.');
  expect(message.text).not.toContain('No gaps found.');
  // The reason and its fix are where they were: in the notes under the title.
  expect(JSON.stringify(message.blocks)).toContain('Heroku could not be read: Heroku rejected HEROKU_API_TOKEN');
});

test('both unreadable: no claim about gaps at all', async () => {
  live.heroku.revokeToken();
  live.ce.rejectAccessKey(live.awsEnv.AWS_ACCESS_KEY_ID, 'UnrecognizedClientException');
  try {
    const message = await ask('compliance hipaa live');
    expect(summary(message)).toEqual({
      Heroku: ':warning: could not be read (why above)',
      AWS: ':warning: could not be read (why above)',
    });
    expect(gapsLine(message)).toBe('*Gaps:* unknown: Heroku and AWS could not be read.');
    expect(message.text).toContain('Heroku: could not be read; AWS: could not be read. Gaps unknown:');
    expect(message.text).not.toMatch(/No gaps/);
  } finally {
    live.ce.reset();
    // startLiveAccounts' script, as it was.
    await live.close();
    live = await startLiveAccounts();
  }
});

test('one app, Heroku unreadable: the same words for its one platform', async () => {
  live.heroku.revokeToken();
  const message = await ask('compliance hipaa app=shop-api');
  expect(summary(message)).toEqual({ Heroku: ':warning: could not be read (why above)' });
  expect(gapsLine(message)).toBe('*Gaps:* unknown: Heroku could not be read.');
  expect(message.text).not.toMatch(/No gaps/);
});

test('the CLI: the checklist is printed, the reason is on stderr, and the exit code is 1', async () => {
  live.heroku.revokeToken();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['compliance', 'hipaa', 'live', '--format', 'json'],
    {
      DATABASE_URL: tempSqliteFile(),
      HEROKU_API_TOKEN: live.heroku.token,
      HEROKU_API_URL: live.heroku.url,
      ...live.awsEnv,
    },
    { out: (text) => out.push(text), err: (text) => err.push(text) },
  );
  expect(code).toBe(1);
  expect(JSON.parse(out.join('\n')).framework).toBeDefined();
  expect(err.join('\n')).toContain('Heroku could not be read: Heroku rejected HEROKU_API_TOKEN (revoked or expired)');
  expect(err.join('\n')).not.toContain(live.heroku.token);
});
