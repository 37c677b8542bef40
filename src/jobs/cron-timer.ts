/**
 * Every timer of the bot is armed here, after the one cron check (src/core/cron-check.ts) that
 * config and `digest set` use too: a schedule the check refuses is never handed to node-cron, and
 * one it passes is one node-cron runs and cron-parser reads the same way.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { cronProblem } from '../core/cron-check';

export interface CronTimerOptions {
  /** IANA zone the schedule is read in (node-cron's default is the process's zone). */
  timezone?: string;
}

/** Arms `run` on `schedule`; throws, naming the timer and what is wrong, instead of arming a bad one. */
export function armCronTimer(
  name: string,
  schedule: string,
  run: () => unknown,
  options: CronTimerOptions = {},
): ScheduledTask {
  const problem = cronProblem(schedule);
  if (problem) throw new RangeError(`the ${name} timer was not armed: its schedule "${schedule}" ${problem}`);
  return cron.schedule(schedule, run, {
    name,
    noOverlap: true,
    unref: true,
    ...(options.timezone ? { timezone: options.timezone } : {}),
  });
}
