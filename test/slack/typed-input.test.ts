import { loadDigestSettings } from '../../src/answers/digest-settings';
import { type Harness, startHarness } from '../support/bot-harness';
import { runCliCaptured as cli } from '../support/run-cli';

/**
 * What people really type, through the signed receiver and the terminal: numbers written with
 * thousands separators, and the other slips a keyboard, autocorrect or Slack itself makes.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The ack's words: its notification text, or the header of a Block Kit answer. */
/** What the person reads in the end: the ack's text, or the answer sent after it to response_url. */
async function reply(text: string): Promise<string> {
  const before = h.slack.responses.length;
  const { body } = await h.command(text);
  await h.settle();
  const later = h.slack.responses.slice(before).at(-1);
  return String(later?.body.text ?? body.text);
}

async function slack(text: string): Promise<string> {
  const { body } = await h.command(text);
  return body.blocks?.[0]?.text?.text ?? body.text;
}

describe('estimate: numbers with thousands separators', () => {
  test('`egress=1,500gb` is 1,500 GB, in Slack and in a terminal', async () => {
    const plain = await slack('estimate web=2xstandard-2x egress=1500gb');
    expect(plain).toMatch(/^Estimate: Heroku \$100\.00\/mo now; AWS /);
    expect(await slack('estimate web=2xstandard-2x egress=1,500gb')).toBe(plain);
    const terminal = await cli(['estimate', 'web=2xstandard-2x', 'egress=1,500gb']);
    expect(terminal.stderr).toBe('');
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toContain('Data transfer out to the internet (first 10 TB: 1,500 GB)');
  });

  test('`ops-rate=1,200` is refused for what it is, $1,200 an hour, not as a stray `200`', async () => {
    const said = await slack('estimate web=2xstandard-2x ops-rate=1,200');
    expect(said).toContain('$1,200/h is beyond the $1,000/h this estimator takes for ops time, e.g. `ops-rate=150`');
    expect(said).not.toContain('on its own');
  });

  test('a decimal comma is named as typed, with the example to write instead', async () => {
    const said = await slack('estimate web=2xstandard-2x ops-rate=120,50');
    expect(said).toBe('`ops-rate=120,50`: `ops-rate=` takes US dollars per hour as a number, e.g. `ops-rate=120`.');
    const terminal = await cli(['estimate', 'web=2xstandard-2x', 'ops-rate=120,50']);
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toBe(said);
  });
});

describe('estimate: "Did you mean" only for a near word', () => {
  test.each([
    ['web=standard-2x x2', '`x2`'],
    ['web=2xstandard-2x gb', '`gb`'],
    ['web=2xstandard-2x us', '`us`'],
  ])('`%s` names the stray word and suggests no unrelated flag', async (words, stray) => {
    const said = await slack(`estimate ${words}`);
    expect(said).toContain(`I don't know ${stray}. Flags and settings: staging, review=N,`);
    expect(said).not.toContain('Did you mean');
  });

  test('a near slip still gets its suggestion', async () => {
    expect(await slack('estimate web=2xstandard-2x stagin')).toContain(
      "I don't know `stagin`. Did you mean `staging`?",
    );
    expect(await slack('estimate web=2xstandard-2x hipa')).toContain("I don't know `hipa`. Did you mean `hipaa`?");
  });
});

describe('estimate: an amount of data written with a space before its unit', () => {
  test.each([
    ['logs=20 GB', 'logs=20gb'],
    ['egress=1.5 TB', 'egress=1.5tb'],
    ['postgres=standard-0 storage = 40 GB', 'postgres=standard-0 storage=40gb'],
  ])('`%s` is `%s`', async (spaced, written) => {
    const expected = await slack(`estimate web=2xstandard-2x ${written}`);
    expect(expected).toMatch(/^Estimate: Heroku /);
    expect(await slack(`estimate web=2xstandard-2x ${spaced}`)).toBe(expected);
  });

  test('in a terminal too, where the shell makes the unit a word of its own', async () => {
    const spaced = await cli(['estimate', 'web=2xstandard-2x', 'logs=20', 'GB']);
    expect(spaced.stderr).toBe('');
    expect(spaced.stdout).toBe((await cli(['estimate', 'web=2xstandard-2x', 'logs=20gb'])).stdout);
  });
});

describe('compliance: the words in another order', () => {
  /** The whole ack, as the person sees it: the blocks' text, or the message. */
  async function answer(text: string): Promise<string> {
    const { body } = await h.command(text);
    return JSON.stringify(body.blocks ?? body.text).replace(/"(action_id|block_id|value)":"[^"]*"/g, '');
  }

  test.each([
    ['compliance aws hipaa', 'compliance hipaa aws'],
    ['compliance heroku pci dss', 'compliance pci heroku'],
    ['compliance live soc2', 'compliance soc2 live'],
    ['compliance aws estimate gdpr web=2xm5.large', 'compliance gdpr aws estimate web=2xm5.large'],
  ])('`%s` is `%s`', async (reordered, usual) => {
    const expected = await answer(usual);
    expect(expected).not.toContain("I don't know");
    expect(await answer(reordered)).toBe(expected);
  });

  test('in a terminal too', async () => {
    const usual = await cli(['compliance', 'hipaa', 'aws', '--format', 'md']);
    expect(usual.code).toBe(0);
    const reordered = await cli(['compliance', 'aws', 'hipaa', '--format', 'md']);
    expect(reordered).toEqual(usual);
  });

  test('two frameworks are told to come one at a time, not "Nothing to estimate yet"', async () => {
    const said = await slack('compliance hipaa pci');
    expect(said).toBe(
      'One checklist at a time: `/hosting compliance hipaa`, then `/hosting compliance pci`. A word after the framework describes a workload, e.g. `/hosting compliance hipaa heroku web=2xstandard-2x postgres=standard-0`.',
    );
    const terminal = await cli(['compliance', 'soc2', 'gdpr']);
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toContain(
      'One checklist at a time: `npx hosting-advisor compliance soc2`, then `npx hosting-advisor compliance gdpr`.',
    );
  });
});

describe('alerts: a word given twice, or one too many, is named and nothing is saved', () => {
  const stored = async () => ({
    channel: await h.bot.services.store.getSetting('alerts.channel'),
    routes: await h.bot.services.store.getSetting('alerts.routes'),
  });

  test.each([
    [
      'alerts channel=<#C0CHANNEL|eng> channel=<#C0OTHER|other>',
      'Nothing was changed: `alerts channel=` takes one channel, and I did not read "channel=‹#C0OTHER|other›". Example: `/hosting alerts channel=#costs`',
    ],
    [
      'alerts channel=<#C0CHANNEL|eng> route team=acme-eng',
      'Nothing was changed: `alerts channel=` takes one channel, and I did not read "route team=acme-eng". Example: `/hosting alerts channel=#costs`',
    ],
    [
      'alerts route team=acme-eng team=acme-ops channel=<#C0CHANNEL|eng>',
      'Nothing was changed: route one team, account or tag at a time; "team=acme-ops" is a second. Example: `/hosting alerts route team=acme-eng channel=#eng-costs`',
    ],
    [
      'alerts route team=acme-eng channel=<#C0CHANNEL|eng> channel=<#C0OTHER|other>',
      'Nothing was changed: `channel=` is given twice; give the one channel its alerts go to. Example: `/hosting alerts route team=acme-eng channel=#eng-costs`',
    ],
  ])('`%s`', async (text, said) => {
    const { body } = await h.command(text);
    await h.settle();
    expect(body.text).toBe(said);
    expect(await stored()).toEqual({ channel: undefined, routes: undefined });
  });
});

describe('budget set: a word given twice is named, and nothing is saved', () => {
  test.each([
    [
      'budget set web-prod 2000/month alert=50 alert=80',
      '• "alert=" is given twice: give every level in one, e.g. alert=50,80,100.',
    ],
    [
      'budget set web-prod 2000/month channel=<#C0CHANNEL|eng> channel=<#C0OTHER|other>',
      '• "channel=" is given twice: give the one channel its alerts go to, e.g. channel=#eng-costs.',
    ],
    [
      'budget set web-prod 2000/month aws heroku',
      '• "aws" and "heroku" are both given: give one platform, or write both.',
    ],
  ])('`%s`', async (text, problem) => {
    const said = await reply(text);
    expect(said).toContain('Nothing was saved:');
    expect(said).toContain(problem);
    expect(await h.bot.services.store.budgets()).toEqual([]);
  });
});

describe('digest set: a setting given twice is named, and nothing is saved', () => {
  const settings = () => loadDigestSettings(h.bot.services.store, h.bot.services.config);

  test.each([
    ['digest set channel=<#C0CHANNEL|eng> channel=<#C0OTHER|other>', '"channel=" is given twice'],
    ['digest set day=mon time=09:00 day=fri', '"day=" is given twice'],
    ['digest set timezone=Europe/Berlin tz=UTC', '"timezone=" is given twice'],
  ])('`%s`', async (text, problem) => {
    const before = await settings();
    const said = await reply(text);
    expect(said).toMatch(/^Nothing was changed/);
    expect(said).toContain(
      `${problem}: give it once, e.g. \`/hosting digest set channel=#eng-costs day=mon time=09:00 timezone=Europe/Berlin\`.`,
    );
    expect(await settings()).toEqual(before);
  });
});

describe('digest set: a setting without its value', () => {
  const settings = () => loadDigestSettings(h.bot.services.store, h.bot.services.config);

  test.each([
    ['digest set channel=', ['"channel=" has no value: give one, e.g. `channel=#eng-costs`.']],
    [
      'digest set channel= day= time= timezone=',
      [
        '"channel=" has no value: give one, e.g. `channel=#eng-costs`.',
        '"day=" has no value: give one, e.g. `day=mon`.',
        '"time=" has no value: give one, e.g. `time=09:00`.',
        '"timezone=" has no value: give one, e.g. `timezone=Europe/Berlin`.',
      ],
    ],
    ['digest set day=tue', ['Give the time with the day, e.g. `day=tue time=09:00`.']],
    ['digest set schedule=""', ['"schedule=" has no value: give one, e.g. `schedule="0 9 * * 1"`.']],
  ])('`%s` names each empty setting', async (text, problems) => {
    const before = await settings();
    const said = await reply(text);
    expect(said).toMatch(/^Nothing was changed/);
    for (const problem of problems) expect(said).toContain(problem);
    expect(said).not.toContain('I could not read');
    expect(said).not.toContain('"" is not');
    expect(await settings()).toEqual(before);
  });
});

describe('command names: the same words in a terminal as in Slack', () => {
  test.each([
    [
      ['Estimate', 'web=2xstandard-2x'],
      ['estimate', 'web=2xstandard-2x'],
    ],
    [
      ['est', 'web=2xstandard-2x'],
      ['estimate', 'web=2xstandard-2x'],
    ],
    [
      ['CHECKLIST', 'hipaa'],
      ['compliance', 'hipaa'],
    ],
    [
      ['comply', 'pci', 'aws', '--format', 'md'],
      ['compliance', 'pci', 'aws', '--format', 'md'],
    ],
  ])('%j answers as %j', async (typed, usual) => {
    const expected = await cli(usual);
    expect(expected.code).toBe(0);
    expect(await cli(typed)).toEqual(expected);
  });

  test('Slack takes the same words', async () => {
    expect(await slack('Est web=2xstandard-2x')).toBe(await slack('estimate web=2xstandard-2x'));
  });

  test('a misspelt command is named with the one meant, and exits 2', async () => {
    const { code, stdout, stderr } = await cli(['estmate', 'web=2xstandard-2x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^Unknown command "estmate". Did you mean "estimate"\? For example: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0\n\nUsage: hosting-advisor <command>/,
    );
  });
});

describe('prices: a word it does not take is named', () => {
  test('`/hosting prices refesh` names the slip and the word meant', async () => {
    expect(await slack('prices refesh')).toBe(
      "I don't know `refesh` here. Did you mean `refresh`? `/hosting prices` shows where prices come from, and `/hosting prices refresh` reads them now.",
    );
    expect(await slack('prices refresh now')).toBe(
      "I don't know `now` here. `/hosting prices` shows where prices come from, and `/hosting prices refresh` reads them now.",
    );
  });

  test('the same words in a terminal, exit 2', async () => {
    const { code, stdout, stderr } = await cli(['prices', 'refesh']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "I don't know `refesh` here. Did you mean `refresh`? `npx hosting-advisor prices` shows where prices come from, and `npx hosting-advisor prices refresh` reads them now.",
    );
  });
});

describe("Slack's escaping: a link it made, and the & it encoded, read as they were typed", () => {
  test('`app=my-app.herokuapp.com`, which Slack sends as a link, is named as typed', async () => {
    expect(await slack('estimate app=<http://my-app.herokuapp.com|my-app.herokuapp.com>')).toBe(
      '`app=my-app.herokuapp.com`: Heroku app names are 2 to 30 lower-case letters, digits and dashes, starting with a letter, e.g. `app=acme-api`.',
    );
    expect(await slack('compliance hipaa app=<http://shop.herokuapp.com|shop.herokuapp.com>')).toContain(
      '`app=shop.herokuapp.com`: Heroku app names are',
    );
  });

  test('a tag value with & is saved with &, not &amp;', async () => {
    const said = await reply('budget set r-and-d 500/month tag:team=R&amp;D');
    expect(said).toMatch(/^Saved budget r-and-d: AWS, tag team=R&(amp;)?D, \$500\.00\/month/);
    const [budget] = (await h.bot.services.store.budgets()).filter((b) => b.name === 'r-and-d');
    expect(budget?.scope).toEqual({ kind: 'tag', key: 'team', value: 'R&D' });
    await reply('budget delete r-and-d');
  });
});
