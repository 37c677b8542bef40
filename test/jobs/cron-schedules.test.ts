import { CronExpressionParser } from 'cron-parser';
import { type ConfigError, loadConfig } from '../../src/config';
import { armCronTimer } from '../../src/jobs/cron-timer';
import { type Harness, startHarness } from '../support/bot-harness';

/**
 * One cron check for config, `digest set` and the timers: whatever one of them accepts, the others
 * accept too, and the timer (node-cron) fires when the catch-up (cron-parser) thinks it is due. A
 * schedule saved from Slack that node-cron refuses would leave the weekly timer unarmed at every
 * start; one config accepts but `digest set` refuses made every stored setting be ignored.
 */
const NOW = new Date('2026-11-23T09:00:00Z');

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Body = { text: string };
async function command(text: string): Promise<string> {
  const before = h.slack.responses.length;
  const ack = await h.command(text);
  await h.settle();
  const answer = h.slack.responses.slice(before).at(-1)?.body as Body | undefined;
  return (answer ?? (ack.body as Body)).text;
}

function configProblem(expression: string): string | undefined {
  try {
    loadConfig({ DIGEST_SCHEDULE: expression, PRICES_SCHEDULE: expression }, { requireSlack: false });
    return undefined;
  } catch (error) {
    return (error as ConfigError).problems.join('\n');
  }
}

/** The timer's next firing, or its refusal. */
function timerNext(expression: string): Date | string {
  try {
    const task = armCronTimer('test', expression, () => {}, { timezone: 'Europe/Berlin' });
    const next = task.getNextRun();
    void task.destroy();
    return next!;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('one cron check', () => {
  const accepted = ['0 9 * * 1', '30 8 * * 1-5', '0 0 9 * * 1', '0 9 * * MON', '0 9 * * thu', '0 9 L * *', '@weekly'];
  const refused = [
    ['H 9 * * 1', /uses H/],
    ['0 9 1W * *', /not a cron expression the scheduler can run/],
    ['0 9 1 * 1', /names both a day of the month and a day of the week/],
    ['61 * * * *', /61 is outside a field's range 0-59/],
    ['0 9 * *', /has 4 fields; a schedule has 5/],
  ] as const;

  test.each(accepted)(
    '%s: config and the timer take it, and the timer fires when the catch-up expects',
    (expression) => {
      expect(configProblem(expression)).toBeUndefined();
      const next = timerNext(expression);
      expect(next).toBeInstanceOf(Date);
      const expected = CronExpressionParser.parse(expression, { tz: 'Europe/Berlin' }).next().toDate();
      expect((next as Date).toISOString()).toBe(expected.toISOString());
    },
  );

  test.each(refused)('%s: config and the timer refuse it, saying why', (expression, why) => {
    const problem = configProblem(expression);
    expect(problem).toContain('DIGEST_SCHEDULE: must be a cron expression such as "0 9 * * 1" (Mondays 09:00)');
    expect(problem).toContain('PRICES_SCHEDULE: must be a cron expression such as "0 4 * * *"');
    expect(problem).toMatch(why);
    // Config never echoes a value.
    expect(problem).not.toContain(`"${expression}"`);
    expect(timerNext(expression)).toMatch(why);
  });

  test('`digest set schedule="H 9 * * 1"` is refused at save with a correct example, and nothing is saved', async () => {
    h = await startHarness({}, { now: () => NOW });
    const before = await h.bot.services.store.settings();
    const text = await command('digest set schedule="H 9 * * 1"');
    expect(text).toContain('Nothing was changed');
    expect(text).toContain('"H 9 * * 1" uses H');
    expect(text).toContain('e.g. "0 9 * * 1" (Mondays 09:00)');
    expect(await h.bot.services.store.settings()).toEqual(before);

    const both = await command('digest set schedule="0 9 1 * 1"');
    expect(both).toContain('names both a day of the month and a day of the week');
    expect(await h.bot.services.store.settings()).toEqual(before);
  });
});

describe('a six-field DIGEST_SCHEDULE (seconds first)', () => {
  test('stored channel and time zone still win, and `digest set channel=…` saves', async () => {
    h = await startHarness({ DIGEST_SCHEDULE: '0 0 9 * * 1', DIGEST_CHANNEL: 'CENVCHAN1' }, { now: () => NOW });
    await h.bot.services.store.setSettings({ 'digest.channel': 'CSTORED01', 'digest.timezone': 'Europe/Berlin' });

    const shown = await command('digest settings');
    expect(shown).toContain('<#CSTORED01>');
    expect(shown).toContain('Europe/Berlin');

    const saved = await command('digest set channel=<#CNEWCHAN1|costs>');
    expect(saved).toContain('Saved.');
    expect(saved).toContain('<#CNEWCHAN1>');
    expect(await h.bot.services.store.settings()).toMatchObject({
      'digest.channel': 'CNEWCHAN1',
      'digest.schedule': '0 0 9 * * 1',
      'digest.timezone': 'Europe/Berlin',
    });
  });
});
