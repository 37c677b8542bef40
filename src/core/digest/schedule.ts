/**
 * The digest schedule: a cron expression in an IANA time zone. Pure: the clock is passed in.
 * cron-parser answers "when next" and "when last", which the scheduler and the catch-up need;
 * node-cron runs the timer (src/jobs).
 */
import { CronExpressionParser } from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';
import { cronProblem } from '../cron-check';
import { neutraliseMarkup } from '../user-text';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
const DAY_NAMES: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
/** cron day-of-week numbers (0 = Sunday). */
const CRON_DAY: Record<Day, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export const dayName = (day: Day) => DAY_NAMES[day];

/**
 * `mon`, `Monday`, `tues`, `thurs`: a day's name or its start, three letters at least. Its first
 * three letters alone would read `money` as Monday and name `funday` as "fun" in the error.
 */
export function dayOf(word: string): Day | undefined {
  const typed = word.toLowerCase();
  if (typed.length < 3) return undefined;
  return DAYS.find((day) => DAY_NAMES[day].toLowerCase().startsWith(typed));
}

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Undefined when the timers can run the schedule (src/core/cron-check.ts, the one check config and
 * the timers use too); otherwise what is wrong, quoting it, with a correct example.
 */
export function scheduleProblem(expression: string): string | undefined {
  const reason = cronProblem(expression);
  if (!reason) return undefined;
  return `"${neutraliseMarkup(expression.slice(0, 60))}" ${reason}; e.g. "0 9 * * 1" (Mondays 09:00)`;
}

/** `mon` + `09:30` → `30 9 * * 1`. Throws on a bad time: validate with parseTime first. */
export function scheduleFromDayTime(day: Day, time: string): string {
  const parsed = parseTime(time);
  if (!parsed) throw new RangeError(`not a time of day: ${time}`);
  return `${parsed.minute} ${parsed.hour} * * ${CRON_DAY[day]}`;
}

export function parseTime(time: string): { hour: number; minute: number } | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The day and time of a weekly `M H * * D` schedule, for pre-filling a form; undefined for anything else. */
export function dayTimeOf(schedule: string): { day: Day; time: string } | undefined {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(schedule.trim());
  if (!match) return undefined;
  const minute = Number(match[1]);
  const hour = Number(match[2]);
  if (minute > 59 || hour > 23) return undefined;
  const cronDay = Number(match[3]) % 7;
  const day = DAYS.find((d) => CRON_DAY[d] === cronDay)!;
  return { day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/** "Mondays at 09:00 Europe/Berlin", or the expression itself when it is not a simple weekly one. */
export function describeSchedule(schedule: string, timezone: string): string {
  const weekly = dayTimeOf(schedule);
  if (weekly) return `${DAY_NAMES[weekly.day]}s at ${weekly.time} ${timezone}`;
  return `\`${schedule}\` (cron) in ${timezone}`;
}

function expression(schedule: string, timezone: string, currentDate: Date) {
  return CronExpressionParser.parse(schedule, { tz: timezone, currentDate });
}

/** The first scheduled time strictly after `after`. */
export function nextRun(schedule: string, timezone: string, after: Date): Date {
  return expression(schedule, timezone, after).next().toDate();
}

/** The last scheduled time at or before `at`. */
export function previousRun(schedule: string, timezone: string, at: Date): Date {
  // cron-parser's prev() is strictly before currentDate; nudge so that `at` itself counts.
  let last = expression(schedule, timezone, new Date(at.getTime() + 1))
    .prev()
    .toDate();
  // A time the clocks skip (02:30 on a spring-forward day): next() runs it an hour later, as the
  // timer does, but prev() leaves it out, which would lose that day's run. Walk forward to agree.
  for (let next = nextRun(schedule, timezone, last); next <= at; next = nextRun(schedule, timezone, last)) last = next;
  return last;
}

/** `Mon 23 Nov 2026, 09:00 Europe/Berlin`. */
export function formatInZone(at: Date, timezone: string): string {
  return `${DateTime.fromJSDate(at, { zone: timezone }).toFormat('ccc d LLL yyyy, HH:mm')} ${timezone}`;
}
