import fc from 'fast-check';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { blockKitProblems, controlSequencesIn, emptyValuesIn, internalsIn, stringLeaves } from './support';

/**
 * `/hosting` grammar fuzz, through the real Bolt HTTP receiver with signed requests: whatever anyone
 * types is acked within Slack's 3 seconds with a friendly answer, nothing throws, no internals show,
 * and nothing the user typed comes back as a working mention or link. Seeds are fixed; fast-check
 * prints the seed and the shrunk input of a failure.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary: the real words, their near misses, and hostile text

const SUBCOMMANDS = [
  'estimate',
  'est',
  'cost',
  'price',
  'compare',
  'compliance',
  'checklist',
  'comply',
  'spend',
  'digest',
  'help',
];
const NEAR_SUBCOMMANDS = [
  'estimat',
  'estimates',
  'Estimate',
  'ESTIMATE',
  'spned',
  'spend.',
  'complaince',
  'compliance:',
  'halp',
  '-h',
  '--help',
  '?',
  '/hosting',
  'hosting',
  'share',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
];
const KEYS = [
  'web',
  'worker',
  'clock',
  'Web',
  'postgres',
  'postgress',
  'pg',
  'db',
  'redis',
  'kv',
  'rds',
  'cache',
  'review',
  'ops-rate',
  'ops',
  'rate',
  'egress',
  'logs',
  'storage',
  'app',
  'from',
  'to',
  'by',
  'tag',
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'a'.repeat(31),
  '',
];
const SIZES = [
  'standard-2x',
  'standard-1x',
  'std-2x',
  '2X',
  'performance-m',
  'perf-l',
  'performance-l-ram',
  'eco',
  'basic',
  'hobby',
  'free',
  'px',
  'private-s',
  'shield-xl',
  'm5.large',
  'M5-Large',
  'c6i.xlarge',
  'm7g.large',
  't4g.nano',
  'z9.large',
  'db.m6g.large',
  'db.t4g.medium',
  'cache.t4g.small',
  'fargate',
  'fargate-1vcpu-2gb',
  'fargate-3vcpu-1gb',
  'fargate-0.25vcpu-0.5gb',
  'standard-0',
  'premium-0',
  'essential-0',
  'hobby-dev',
  'mini',
  'premium-7',
  'shield-0',
  'heroku-postgresql:standard-0',
  'acme-api',
  'shop-api',
  'constructor',
  '__proto__',
  'toString',
];
const NUMBERS = [
  '0',
  '1',
  '2',
  '02',
  '+2',
  '-1',
  '-0',
  '1.5',
  '.5',
  '5.',
  '1e3',
  '1e309',
  '-1e309',
  '1e-309',
  '9007199254740993',
  '99999999999999999999999',
  '9'.repeat(400),
  `1.${'0'.repeat(300)}1`,
  '0x10',
  '0b1',
  '1_000',
  '1,000',
  '١٢',
  '２',
  '½',
  'NaN',
  'Infinity',
  '-Infinity',
  '∞',
  '1/0',
  '100',
  '101',
  '50',
  '51',
  '1000',
  '1001',
  '65536',
  '65537',
  '1000000',
];
const UNITS = ['', 'gb', 'GB', 'tb', 'mb', 'g', 'gib', '/mo', '/h', '$', '%', 'x', 'X', '×', 'k'];
const FLAGS = [
  'aws',
  'heroku',
  'amazon',
  'azure',
  'herokku',
  'heorku',
  'staging',
  'stage',
  'hipaa',
  'HIPAA',
  'pci',
  'pci-dss',
  'pci dss',
  'soc2',
  'soc 2',
  'gdpr',
  'live',
  'mtd',
  '7d',
  '30d',
  '31d',
  'last-month',
  'lastmonth',
  'week',
  'month',
  'by',
  'by service',
  'by account',
  'by app',
  'by tag:team',
  'by tag:KEY',
  'by by',
  'service',
  'account',
  'app',
  'apps',
  'tag:team',
  'tag:',
  'tag:a:b',
  `tag:${'k'.repeat(129)}`,
  'share',
  'SHARE',
  'multi-az',
  'ha',
  'fargate',
  'arm',
  'ec2',
  'help',
  'x',
  '=',
  '==',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
];
/** Slack control sequences, mrkdwn, control characters, emoji and other text that breaks naive code. */
const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<@UFUZZ0001>',
  '<@UFUZZ0001|mallory>',
  '<@WFUZZ0002>',
  '<#C0FUZZ0001|general>',
  '<!subteam^S0FUZZ|@admins>',
  '<https://evil.example|click me>',
  '<mailto:a@evil.example|mail>',
  '<!date^1392734382^{date}|x>',
  '&lt;!channel&gt;',
  '&amp;',
  '@channel',
  '@here',
  '*bold*',
  '_it_',
  '~s~',
  '`',
  '```',
  '>quote',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '🚀',
  '👍🏽',
  '👨‍👩‍👧',
  'é',
  'ß',
  'İ',
  '＝',
  '{}',
  '[]',
  '[object Object]',
  '%s',
  '%d',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: literal text a person might paste
  '${x}',
  '\\',
  '"',
  "'",
  '\r\n',
  '\t',
  '<',
  '>',
  '<>',
  'undefined',
  'null',
];

// ---------------------------------------------------------------------------------------------
// Arbitraries

const pick = (words: readonly string[]) => fc.constantFrom(...words);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', ',', ';', ' = ', '\u00a0', '\u3000');
const hostile = pick(HOSTILE);
/** A number the way people (and scripts) type them. */
const number = fc.oneof(
  { weight: 3, arbitrary: pick(NUMBERS) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
);
const amount = fc.tuple(number, pick(UNITS)).map(([n, unit]) => `${n}${unit}`);
const countAndSize = fc
  .tuple(fc.option(number, { nil: undefined }), fc.constantFrom('x', 'X', '×', ' x ', '*', ''), pick(SIZES))
  .map(([n, x, size]) => (n === undefined ? size : `${n}${x}${size}`));
/** `key=value` with every kind of value, or a key or value on its own. */
const setting = fc
  .tuple(
    fc.oneof(pick(KEYS), fc.string({ maxLength: 8 })),
    fc.constantFrom('=', '=', '= ', ' =', '＝', '==', ':'),
    fc.oneof(countAndSize, amount, pick(SIZES), hostile, fc.string({ maxLength: 12 }), fc.constant('')),
  )
  .map(([key, eq, value]) => `${key}${eq}${value}`);
/** A word from the grammar, nearly from it, or something hostile in its place. */
const token = fc.oneof(
  { weight: 5, arbitrary: setting },
  { weight: 3, arbitrary: pick(FLAGS) },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: countAndSize },
  { weight: 1, arbitrary: amount },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  // A real word with one character mangled: near-miss tokens.
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick([...FLAGS, ...KEYS, ...SIZES]), fc.nat(), fc.oneof(hostile, fc.string({ maxLength: 2 })))
      .map(([word, at, insert]) => {
        const i = word.length === 0 ? 0 : at % word.length;
        return `${word.slice(0, i)}${insert}${word.slice(i + 1)}`;
      }),
  },
);
const words = (maxLength: number) =>
  fc
    .array(fc.tuple(token, separator), { maxLength })
    .map((parts) => parts.map(([word, sep]) => `${word}${sep}`).join(''));
const space = fc.constantFrom(' ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000');
/** `<subcommand> <words…>`: mostly real subcommands, some near misses. */
const sentence = fc
  .tuple(
    fc.oneof({ weight: 6, arbitrary: pick(SUBCOMMANDS) }, { weight: 1, arbitrary: pick(NEAR_SUBCOMMANDS) }),
    fc.oneof({ weight: 6, arbitrary: space }, { weight: 1, arbitrary: separator }),
    words(12),
  )
  .map(([sub, sep, rest]) => `${sub}${sep}${rest}`);

// Requests the grammar accepts (sizes and plans from the price catalog), one word of which may be
// swapped for a near miss: these reach the model, the checklists and the spend report.
const C = DEFAULT_CATALOG;
const processName = fc.oneof(
  pick(['web', 'worker', 'clock', 'api', 'jobs', 'release']),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,29}$/),
);
const count = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 }));
const processes = (sizes: string[]) =>
  fc
    .uniqueArray(fc.tuple(processName, count, pick(sizes)), { minLength: 1, maxLength: 4, selector: ([name]) => name })
    .map((list) => list.map(([name, n, size]) => `${name}=${n}x${size}`));
const dataAmount = (max: number) =>
  fc.tuple(fc.integer({ min: 1, max }), pick(['', 'gb', 'GB', 'g', 'mb'])).map(([n, unit]) => `${n}${unit}`);
const commonWords = fc
  .record({
    staging: fc.boolean(),
    review: fc.option(fc.integer({ min: 0, max: 50 })),
    hipaa: fc.boolean(),
    pci: fc.boolean(),
    ops: fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }).map(String), pick(['0.01', '$120', '120/h', '99.5']))),
    egress: fc.option(dataAmount(1_000_000)),
    logs: fc.option(dataAmount(100_000)),
  })
  .map((r) =>
    [
      r.staging ? 'staging' : '',
      r.review === null ? '' : `review=${r.review}`,
      r.hipaa ? 'hipaa' : '',
      r.pci ? 'pci' : '',
      r.ops === null ? '' : `ops-rate=${r.ops}`,
      r.egress === null ? '' : `egress=${r.egress}`,
      r.logs === null ? '' : `logs=${r.logs}`,
    ].filter(Boolean),
  );
const herokuWorkload = fc
  .tuple(
    processes(C.dynos.map((d) => d.size).filter((size) => size !== 'basic')),
    fc.option(pick(C.postgresPlans.map((p) => `postgres=${p.plan}`))),
    fc.option(pick(C.keyValuePlans.map((p) => `redis=${p.plan}`))),
    commonWords,
    fc.subarray(['fargate', 'arm']),
  )
  .map(([procs, db, cache, common, options]) =>
    [...procs, db ?? '', cache ?? '', ...common, ...options].filter(Boolean),
  );
const awsWorkload = fc
  .tuple(
    processes([...C.ec2Instances.map((i) => i.type), 'fargate-1vcpu-2gb', 'fargate-0.5vcpu-1gb']),
    fc.option(
      fc
        .tuple(pick(C.rdsClasses.map((c) => `rds=${c.dbClass}`)), fc.boolean(), fc.option(dataAmount(65_536)))
        .map(([db, multiAz, storage]) => [db, multiAz ? 'multi-az' : '', storage ? `storage=${storage}` : '']),
    ),
    fc.option(pick(C.cacheNodes.map((n) => `cache=${n.node}`))),
    commonWords,
  )
  .map(([procs, db, cache, common]) => ['aws', ...procs, ...(db ?? []), cache ?? '', ...common].filter(Boolean));
const framework = pick(['hipaa', 'HIPAA', 'pci', 'pci-dss', 'pci dss', 'PCI_DSS', 'soc2', 'soc 2', 'gdpr', 'GDPR']);
const grammatical = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(pick(['estimate', 'est', 'cost', 'price', 'compare']), herokuWorkload)
        .map(([s, w]) => [s, ...w]),
    },
    { weight: 3, arbitrary: fc.tuple(pick(['estimate', 'compare']), awsWorkload).map(([s, w]) => [s, ...w]) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          pick(['compliance', 'checklist', 'comply']),
          framework,
          fc.option(pick(['heroku', 'aws', 'amazon'])),
          fc.boolean(),
        )
        .chain(([s, f, platform, live]) =>
          (platform === 'aws' || platform === 'amazon' ? awsWorkload.map((w) => w.slice(1)) : herokuWorkload).map(
            (workload) => [s, f, platform ?? '', live ? 'live' : '', ...(live ? [] : workload)],
          ),
        ),
    },
    { weight: 1, arbitrary: fc.tuple(pick(['compliance', 'comply']), framework).map(([s, f]) => [s, f]) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.subarray(['aws', 'heroku']),
          fc.option(pick(['7d', '30d', 'mtd', 'last-month', 'week', 'month', 'lastmonth'])),
          fc.option(pick(['by service', 'by account', 'by app', 'by tag:team', 'by tag:cost-center', 'services'])),
        )
        .map(([platforms, period, group]) => ['spend', ...platforms, period ?? '', group ?? '']),
    },
    { weight: 1, arbitrary: fc.constant(['help']) },
  )
  .chain((parts) =>
    fc
      .tuple(
        fc.shuffledSubarray(parts.slice(1), { minLength: parts.length - 1, maxLength: parts.length - 1 }),
        fc.boolean(),
        fc.option(fc.tuple(fc.nat(), token), { freq: 2 }),
        fc.array(space, { minLength: parts.length + 1, maxLength: parts.length + 1 }),
      )
      .map(([rest, share, swap, gaps]) => {
        // Word order is free in every grammar but compliance (framework, then platform and `live`).
        const ordered = parts[0].startsWith('comp') || parts[0] === 'checklist' ? parts.slice(1) : rest;
        const words = [parts[0], ...ordered.filter(Boolean), ...(share ? ['share'] : [])];
        if (swap && words.length > 1) words[1 + (swap[0] % (words.length - 1))] = swap[1];
        return words.map((word, i) => `${word}${gaps[i] ?? ' '}`).join('');
      }),
  );
/** A sentence with Slack control sequences, mrkdwn and control characters spliced in anywhere. */
const injected = fc
  .tuple(sentence, fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 4 }))
  .map(([text, inserts]) =>
    inserts.reduce((s, [at, insert]) => {
      const i = at % (s.length + 1);
      return `${s.slice(0, i)}${insert}${s.slice(i)}`;
    }, text),
  );
/** Random text: any code point, lone surrogates, and text after a real subcommand. */
const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 30 }),
  fc.tuple(pick(SUBCOMMANDS), fc.string({ unit: 'binary', maxLength: 60 })).map(([sub, rest]) => `${sub} ${rest}`),
);
/** Text at and around the length limits (1,000 characters of estimate, 2,000 of command). */
const longText = fc
  .tuple(
    pick(SUBCOMMANDS),
    fc.constantFrom(990, 999, 1000, 1001, 1995, 2000, 2001, 5000),
    fc.oneof(pick(['web=2xstandard-2x ', 'x', '<!channel> ', '🚀', 'aws ', '9']), hostile),
  )
  .map(([sub, length, unit]) => `${sub} ${unit.repeat(Math.ceil(length / Math.max(1, unit.length)))}`.slice(0, length));

// ---------------------------------------------------------------------------------------------
// Driving the bot and judging one answer

const SOMETHING_WENT_WRONG = /something went wrong/i;

let h: Harness;
let sent = 0;
let requestId = 0;
/**
 * The bot's own mentions: who may see spend, and who shared an answer ("Shared by <@U…>", from the
 * signed request's user id, never from the typed text). The only control sequences an answer may hold.
 */
const allowedSequences = (user: string) => [`<@${LEAD}>`, `<@${user}>`];

interface Outcome {
  input: string;
  user: string;
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the bot's JSON
  ack: any;
  // biome-ignore lint/suspicious/noExplicitAny: the bot's JSON
  deferred: any[];
  modalOpened: boolean;
  logs: string[];
}

async function send(input: string, user = LEAD): Promise<Outcome> {
  const id = ++requestId;
  const logStart = h.logs.length;
  h.slack.responses.length = 0;
  h.slack.calls.length = 0;
  const res = await h.command(input, {
    user_id: user,
    response_url: `${h.slack.url}/respond/fuzz-${id}`,
    trigger_id: `fuzz-trigger-${id}`,
  });
  await h.settle();
  sent += 1;
  return {
    input,
    user,
    status: res.status,
    ack: res.body,
    deferred: h.slack.responses.filter((r) => r.path === `/respond/fuzz-${id}`).map((r) => r.body),
    modalOpened: h.slack.callsTo('views.open').some((call) => call.body.trigger_id === `fuzz-trigger-${id}`),
    logs: h.logs.slice(logStart),
  };
}

/** Everything wrong with one answer, as sentences; empty when it is fine. */
function problemsWith(outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.status !== 200) problems.push(`HTTP ${outcome.status}, not 200`);
  const ackMessage = outcome.ack && typeof outcome.ack === 'object' ? [outcome.ack] : [];
  if (!ackMessage.length && outcome.ack !== '') problems.push(`the ack is not a message: ${String(outcome.ack)}`);
  const messages = [...ackMessage, ...outcome.deferred];
  if (messages.length === 0 && !outcome.modalOpened) problems.push('no answer: empty ack, nothing deferred, no form');
  for (const message of messages) {
    for (const problem of blockKitProblems(message)) problems.push(`message: ${problem}`);
    if (SOMETHING_WENT_WRONG.test(message.text ?? '')) problems.push('answered "something went wrong" (it threw)');
    for (const { where, text } of stringLeaves(message)) {
      for (const leak of internalsIn(text, outcome.input))
        problems.push(`${where} shows ${leak}: ${text.slice(0, 300)}`);
      for (const sequence of controlSequencesIn(text, allowedSequences(outcome.user)))
        problems.push(`${where} holds the control sequence ${sequence}: ${text.slice(0, 300)}`);
      if (/\.text$/.test(where))
        for (const gap of emptyValuesIn(text))
          problems.push(`${where} has an empty value (${gap}): ${text.slice(0, 300)}`);
    }
  }
  for (const line of outcome.logs) {
    if (/ ERROR \[/.test(line) || /unhandled listener error/.test(line)) problems.push(`logged: ${line.slice(0, 500)}`);
  }
  return problems;
}

function expectFine(outcome: Outcome): void {
  const problems = [...new Set(problemsWith(outcome))];
  if (problems.length > 0) {
    throw new Error(
      `/hosting ${JSON.stringify(outcome.input)} as ${outcome.user}:\n  - ${problems.join('\n  - ')}\nack: ${JSON.stringify(outcome.ack).slice(0, 1500)}\ndeferred: ${JSON.stringify(outcome.deferred).slice(0, 1500)}`,
    );
  }
}

const property = (arbitrary: fc.Arbitrary<string>, user: fc.Arbitrary<string> = fc.constant(LEAD)) =>
  fc.asyncProperty(arbitrary, user, async (input, who) => expectFine(await send(input, who)));

const anyone = fc.constantFrom(LEAD, NOT_LEAD);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

// ---------------------------------------------------------------------------------------------
// Properties

describe('/hosting, whatever anyone types', () => {
  test('the judge itself catches what it should (a wrong answer fails)', () => {
    const ok: Outcome = {
      input: 'estimate <!channel>',
      user: LEAD,
      status: 200,
      ack: { response_type: 'ephemeral', text: 'I can\'t read "<" here.' },
      deferred: [],
      modalOpened: false,
      logs: [],
    };
    expect(problemsWith(ok)).toEqual([]);
    const broken = (change: Partial<Outcome>) => problemsWith({ ...ok, ...change });
    expect(broken({ status: 500 })).not.toEqual([]);
    // Bolt answers 404 when a listener has not acked within 3 s: an answer too slow is a wrong status.
    expect(broken({ status: 404 })).not.toEqual([]);
    expect(broken({ ack: '' })).not.toEqual([]);
    expect(broken({ ack: { text: ' ' } })).not.toEqual([]);
    expect(broken({ ack: { text: "I don't know `<!channel>`" } })).not.toEqual([]);
    expect(broken({ ack: { text: 'Ask <@UFUZZ0001>' } })).not.toEqual([]);
    expect(broken({ ack: { text: `Ask <@${LEAD}>` } })).toEqual([]);
    expect(
      broken({ ack: { text: 'x', blocks: [{ type: 'section', text: { text: 'a <https://evil|b>' } }] } }),
    ).not.toEqual([]);
    expect(broken({ ack: { text: 'TypeError: x is not a function\n    at parse (/work/src/a.ts:1:2)' } })).not.toEqual(
      [],
    );
    expect(broken({ ack: { text: 'there is no size undefined' } })).not.toEqual([]);
    expect(broken({ ack: { text: 'Infinity is more than 100' } })).not.toEqual([]);
    expect(broken({ ack: { text: 'the size function Object() { [native code] }' } })).not.toEqual([]);
    expect(broken({ ack: { text: 'Sorry, something went wrong on our side' } })).not.toEqual([]);
    expect(broken({ ack: { text: 'how  meet each' } })).not.toEqual([]);
    expect(broken({ ack: { text: 'Spend: , 2026-11-15' } })).not.toEqual([]);
    expect(broken({ ack: { text: "I don't know `a  b` here" } })).toEqual([]);
    expect(broken({ logs: ['2026-01-01T00:00:00.000Z ERROR [bolt-app] unhandled listener error: boom'] })).not.toEqual(
      [],
    );
    expect(broken({ ack: { text: 'x', blocks: [{ type: 'header', text: { text: 'h'.repeat(151) } }] } })).not.toEqual(
      [],
    );
  });

  test('random unicode text', async () => {
    await fc.assert(property(randomText, anyone), { numRuns: 400, seed: 20261101 });
  });

  test('sentences from the real vocabulary, with near misses and odd numbers', async () => {
    await fc.assert(property(sentence), { numRuns: 600, seed: 20261102 });
  });

  test('requests the grammar accepts, some with one word swapped for a near miss', async () => {
    await fc.assert(property(grammatical, anyone), { numRuns: 600, seed: 20261106 });
  });

  test('the same sentences from someone who is not a hosting lead', async () => {
    await fc.assert(property(sentence, fc.constant(NOT_LEAD)), { numRuns: 250, seed: 20261103 });
  });

  test('Slack mentions, links, mrkdwn and control characters spliced in anywhere', async () => {
    await fc.assert(property(injected, anyone), { numRuns: 400, seed: 20261104 });
  });

  test('text at and around the length limits', async () => {
    await fc.assert(property(longText, anyone), { numRuns: 60, seed: 20261105 });
  });

  test('every known trouble-maker on its own after each subcommand', async () => {
    for (const sub of ['estimate', 'compliance', 'compliance hipaa', 'spend', 'help', 'cost'])
      for (const word of [...HOSTILE, ...NUMBERS.map((n) => `web=${n}xstandard-2x`), ...NEAR_SUBCOMMANDS])
        expectFine(await send(`${sub} ${word}`));
  });

  test('in all, thousands of inputs were judged', () => {
    expect(sent).toBeGreaterThanOrEqual(2000);
  });
});
