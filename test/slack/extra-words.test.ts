import { type Harness, startHarness } from '../support/bot-harness';
import { runCliCaptured as cli } from '../support/run-cli';

/**
 * A word the command does not read is named, in Slack and in a terminal, never dropped unseen:
 * `spend aws aws` answered for AWS as if the second were not there, `digest settings extra` showed
 * the settings, `digest post now` posted. Each now says which word it did not read, with a
 * command to type; in a terminal, on stderr with exit code 1.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** What the person reads in the end: the ack's text, or the answer sent after it to response_url. */
async function reply(text: string): Promise<string> {
  const before = h.slack.responses.length;
  const { body } = await h.command(text);
  await h.settle();
  const later = h.slack.responses.slice(before).at(-1);
  return String(later?.body.text ?? body.text);
}

const SPEND_USAGE =
  'Use `/hosting spend [aws|heroku] [7d|30d|mtd|last-month] [by service|account|app|tag:KEY]`, for example `/hosting spend aws 30d by service`.';

describe('spend: a word given twice', () => {
  test.each([
    ['spend aws aws', 'I did not read the second `aws`: name each platform once, or neither for both.'],
    ['spend heroku 7d heroku', 'I did not read the second `heroku`: name each platform once, or neither for both.'],
    ['spend 7d week', 'I did not read `week`: `7d` already gives the period; give one of 7d, 30d, mtd or last-month.'],
    ['spend by by service', 'I did not read the second `by`: write `by` once, e.g. `by service`.'],
  ])('`/hosting %s` is refused naming the word', async (text, problem) => {
    expect(await reply(text)).toBe(`${problem} ${SPEND_USAGE}`);
  });

  test('in a terminal: on stderr, exit 2 (a usage error), with the terminal command', async () => {
    const run = await cli(['spend', 'aws', 'aws']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'I did not read the second `aws`: name each platform once, or neither for both. Use `npx hosting-advisor spend [aws|heroku] [7d|30d|mtd|last-month] [by service|account|app|tag:KEY]`, for example `npx hosting-advisor spend aws 30d by service`.',
    );
  });
});

describe('compliance: a word given twice', () => {
  test.each([
    ['compliance hipaa heroku heroku', 'heroku', 'name the platform once, or neither for both'],
    ['compliance heroku hipaa heroku', 'heroku', 'name the platform once, or neither for both'],
    ['compliance pci live live', 'live', 'write it once'],
    ['compliance soc2 estimate estimate web=2xstandard-2x', 'estimate', 'write it once'],
  ])('`/hosting %s` is refused naming the word', async (text, word, fix) => {
    const said = await reply(text);
    expect(said).toMatch(
      new RegExp(`^I did not read the second \`${word}\`: ${fix}\\.\\nUsage: \`/hosting compliance `),
    );
    expect(said).toContain('Example: `/hosting compliance hipaa heroku web=2xstandard-2x postgres=standard-0`');
  });

  test('`aws` then `amazon` is one platform named twice too', async () => {
    expect(await reply('compliance hipaa aws amazon')).toMatch(
      /^I did not read `amazon` after `aws`: name the platform once, or neither for both\.\n/,
    );
  });

  test('in a terminal: on stderr, exit 2 (a usage error), with the terminal command', async () => {
    const run = await cli(['compliance', 'hipaa', 'heroku', 'heroku']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^I did not read the second `heroku`: name the platform once, or neither for both\.\nUsage: `npx hosting-advisor compliance /,
    );
  });
});

describe('estimate: a flag given twice, or two that contradict', () => {
  test.each([
    [
      'estimate web=1xstandard-1x staging staging',
      'I did not read the second `staging`: give each flag once, e.g. `web=2xstandard-2x staging`.',
    ],
    [
      'estimate web=1xstandard-1x fargate ec2',
      'I did not read `ec2` after `fargate`: the AWS side runs on Fargate tasks (`fargate`) or EC2 instances (`ec2`), not both; choose one, e.g. `web=2xstandard-2x fargate` or `web=2xstandard-2x ec2`.',
    ],
    // `share` is taken out before any subcommand reads its words: the second one is named there.
    [
      'estimate web=1xstandard-1x share share',
      'I did not read the second `share`: write it once, e.g. `/hosting estimate web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging share`.',
    ],
  ])('`/hosting %s` is refused naming the word', async (text, said) => {
    expect(await reply(text)).toBe(said);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  test('in a terminal: on stderr, exit 2 (a usage error)', async () => {
    const run = await cli(['estimate', 'web=1xstandard-1x', 'hipaa', 'hipaa']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'I did not read the second `hipaa`: give each flag once, e.g. `web=2xstandard-2x hipaa`.',
    );
  });
});

describe('digest: words after one that takes none', () => {
  const SET = '`/hosting digest set channel=#eng-costs day=mon time=09:00 timezone=Europe/Berlin`';
  test.each([
    [
      'digest settings extra',
      `\`digest settings\` shows where and when the digest goes and takes no more words; I did not read "extra". Try \`/hosting digest settings\`, or ${SET} to change them.`,
    ],
    [
      'digest post now',
      'Nothing was posted: `digest post` posts the digest now and takes no more words; I did not read "now". Try `/hosting digest post`.',
    ],
    [
      'digest preview <!here>',
      '`digest preview` takes no more words; I did not read "‹!here›". Try `/hosting digest`.',
    ],
  ])('`/hosting %s` is refused naming the word', async (text, said) => {
    expect(await reply(text)).toBe(said);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});
