/**
 * The one check for every cron expression the bot takes: DIGEST_SCHEDULE, PRICES_SCHEDULE,
 * BUDGETS_SCHEDULE and ANOMALIES_SCHEDULE at start, `digest set schedule=…` and the App Home form
 * before saving, and every timer before it is armed (src/jobs/cron-timer.ts).
 *
 * Two libraries read a schedule: node-cron runs the timers, cron-parser answers "when was it last
 * due" for the catch-up. Each accepts things the other refuses (cron-parser takes Jenkins' `H`,
 * node-cron takes `1W`) and they read a day of the month together with a day of the week
 * differently (node-cron: both; cron-parser: either). An expression passes only when both read it
 * and mean the same thing, so nothing is saved that a timer refuses at the next start.
 */
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';

const ANY_DAY = new Set(['*', '?']);

/**
 * Undefined when the timers can run `expression`; otherwise why not, phrased to follow the
 * expression ("… has 4 fields; …"). Never quotes the expression, so config can show it safely.
 * Five fields (minute hour day-of-month month day-of-week), or six with seconds first.
 */
export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (!trimmed) return 'is empty';
  const fields = trimmed.split(/\s+/);
  const macro = fields.length === 1 && trimmed.startsWith('@');
  if (!macro && fields.length !== 5 && fields.length !== 6) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; a schedule has 5: minute hour day-of-month month day-of-week (or 6, with seconds first)`;
  }
  // Jenkins' "hashed" value; `THU` is the only other H a schedule may hold.
  if (fields.some((field) => /(^|[^a-z])h/i.test(field))) {
    return 'uses H (Jenkins\' "hashed" value), which the scheduler does not understand: write the minute or hour itself, such as 0';
  }
  if (!macro) {
    const [dayOfMonth, , dayOfWeek] = fields.slice(-3);
    if (!ANY_DAY.has(dayOfMonth!) && !ANY_DAY.has(dayOfWeek!)) {
      return 'names both a day of the month and a day of the week, which cron tools read differently (both, or either): keep one and make the other *';
    }
  }
  try {
    CronExpressionParser.parse(trimmed, { tz: 'UTC', strict: false });
  } catch (error) {
    const range = /got value (\d+) expected range (\d+-\d+)/.exec((error as Error).message);
    return range
      ? `is not a cron expression the scheduler can run: ${range[1]} is outside a field's range ${range[2]}`
      : 'is not a cron expression the scheduler can run';
  }
  if (!cron.validate(trimmed)) return 'is not a cron expression the scheduler can run';
  return undefined;
}
