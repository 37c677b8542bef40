/**
 * The bot's timers (node-cron): the weekly digest at DIGEST_SCHEDULE in DIGEST_TIMEZONE (stored
 * settings win), and a check every 5 minutes (and one at start) that takes the day's Heroku snapshot
 * on its first run each UTC day, catches up a digest missed while the bot was down (within a grace
 * period), and picks up settings another replica saved. Every replica runs the same timers; the
 * store's claims make each run happen once.
 */
import { Duration } from 'luxon';
import type { ScheduledTask } from 'node-cron';
import { loadDigestSettings } from '../answers/digest-settings';
import { type DigestSettings, lastCompleteWeek, previousRun } from '../core/digest';
import type { Services } from '../services';
import { armCronTimer } from './cron-timer';
import { type DigestOutcome, type DigestRunner, HELD, REFUSED, RETRY_AFTER_MS } from './digest-runner';
import { takeHerokuSnapshot } from './heroku-snapshot';
import type { JobLogger } from './job-logger';
import { OneAtATime } from './one-at-a-time';
import { pruneOldData } from './retention';

/** A digest missed by more than this (the bot was down) is not posted late; the leads are told. */
const GRACE_MS = Duration.fromObject({ days: 1 }).toMillis();
/** How often replicas look for missed runs and changed settings. */
const CHECK_SCHEDULE = '*/5 * * * *';

/** When this installation first ran its jobs: a digest due before then was never missed. */
const FIRST_START_KEY = 'jobs.first_start';

export interface JobsOptions {
  services: Services;
  runner: DigestRunner;
  logger: JobLogger;
  owner: string;
}

export class Jobs {
  private digestTask?: ScheduledTask;
  private digestKey = '';
  private readonly tasks: ScheduledTask[] = [];
  private readonly queue = new OneAtATime((error) => this.options.logger.error('a scheduled job failed:', error));
  private stopped = false;
  private lastPrunedDay = '';

  constructor(private readonly options: JobsOptions) {}

  /** Starts the timers and runs the start-up catch-up. */
  async start(): Promise<void> {
    const { logger, services } = this.options;
    if (!(await services.store.getSetting(FIRST_START_KEY))) {
      await services.store.setSetting(FIRST_START_KEY, services.now().toISOString());
    }
    this.tasks.push(
      armCronTimer('check', CHECK_SCHEDULE, () => this.serial(() => this.check(this.options.services.now()))),
    );
    await this.serial(() => this.check(this.options.services.now()));
    logger.info(
      'jobs started: weekly digest, and every 5 minutes a catch-up check that takes the day’s Heroku snapshot once',
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const idle = this.queue.stop();
    for (const task of [...this.tasks, ...(this.digestTask ? [this.digestTask] : [])]) await task.destroy();
    await idle;
  }

  /** Missed digest and snapshot, and settings changed elsewhere. Public for tests and the start-up path. */
  async check(now: Date): Promise<void> {
    const settings = await loadDigestSettings(this.options.services.store, this.options.services.config);
    this.reschedule(settings);
    await this.snapshot(now);
    await this.digestIfDue(now, settings);
  }

  /** When node-cron will next fire the digest timer. */
  nextDigestAt(): Date | null {
    return this.digestTask?.getNextRun() ?? null;
  }

  /** Re-arms the digest timer when the schedule or zone changed (here or on another replica). */
  reschedule(settings: DigestSettings): void {
    const key = `${settings.schedule}\u0000${settings.timezone}`;
    if (key === this.digestKey || this.stopped) return;
    void this.digestTask?.destroy();
    this.digestKey = key;
    try {
      this.digestTask = armCronTimer(
        'weekly-digest',
        settings.schedule,
        () =>
          this.serial(async () =>
            this.digestIfDue(
              this.options.services.now(),
              await loadDigestSettings(this.options.services.store, this.options.services.config),
            ),
          ),
        { timezone: settings.timezone },
      );
    } catch (error) {
      // Not reached with settings from loadDigestSettings (each value passed the same check); said loudly if it is.
      this.digestTask = undefined;
      this.options.logger.error(`${(error as Error).message}; the 5-minute check still posts the digest when due`);
      return;
    }
    this.options.logger.info(`weekly digest scheduled: "${settings.schedule}" in ${settings.timezone}`);
  }

  /** Posts the digest of the last scheduled time if it is not posted yet and still within the grace period. */
  async digestIfDue(now: Date, settings: DigestSettings): Promise<DigestOutcome | undefined> {
    if (!settings.channel) return undefined;
    const { services, runner } = this.options;
    const due = previousRun(settings.schedule, settings.timezone, now);
    const week = lastCompleteWeek(due, settings.timezone);
    const run = await services.store.digestRun(settings.channel, week.id);
    if (run?.status === 'posted') return undefined;
    if (run?.status === 'failed') {
      if (run.error?.startsWith(REFUSED) || run.error?.startsWith(HELD)) return undefined;
      if (now.getTime() - run.claimedAt.getTime() < RETRY_AFTER_MS) return undefined;
    }
    const late = now.getTime() - due.getTime();
    if (late > GRACE_MS) {
      const firstStart = await services.store.getSetting(FIRST_START_KEY);
      if (!firstStart || due.getTime() < Date.parse(firstStart)) return undefined;
      // The digest channel was changed since: the week went out in the channel of the time, it was not missed.
      if (!run && (await this.postedInAnotherChannel(week.id))) return undefined;
      // Not posted late; the leads hear of it once (a run left unfinished included, never silently lost).
      return runner.missed(settings.channel, week, now, due);
    }
    return runner.run(now, { actor: 'schedule', week });
  }

  private async postedInAnotherChannel(period: string): Promise<boolean> {
    const runs = await this.options.services.store.runsWithPrefix(period);
    return runs.some((other) => other.period === period && other.status === 'posted');
  }

  /** The daily jobs: the Heroku snapshot, then dropping data past its retention. */
  async snapshot(now: Date): Promise<void> {
    try {
      await takeHerokuSnapshot(this.options.services, this.options.owner, now, this.options.logger);
      // Idempotent and cheap: every replica may do it once a day.
      if (this.lastPrunedDay !== now.toISOString().slice(0, 10)) {
        this.lastPrunedDay = now.toISOString().slice(0, 10);
        const pruned = await pruneOldData(this.options.services.store, now);
        this.options.logger.info(`retention: removed ${JSON.stringify(pruned)}`);
      }
    } catch (error) {
      this.options.logger.warn(`the daily Heroku snapshot failed: ${(error as Error).message}`);
    }
  }

  /** One job at a time in this process: a digest never races its own snapshot. */
  private serial(job: () => Promise<unknown>): Promise<void> {
    return this.queue.run(job);
  }
}
