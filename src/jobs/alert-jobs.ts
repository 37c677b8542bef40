/**
 * Budget checks (BUDGETS_SCHEDULE, hourly by default, on cached figures) and the anomaly scan
 * (ANOMALIES_SCHEDULE, daily by default). Every replica runs the timers; each message is claimed in
 * the store before it is posted, so it is posted once (see post-once.ts). The scan itself is claimed
 * too, and a check every 5 minutes (and one at start) finishes a scan its owner did not (it died
 * mid-post, Slack did not answer, the bot was down at the time), the same UTC day.
 */

import type { ScheduledTask } from 'node-cron';
import { gatherAlertData } from '../answers/alert-data';
import { channelResolver } from '../answers/alert-settings';
import type { AlertPost, AlertPoster } from '../answers/alert-view';
import { anomalyDetailView, anomalyNowhereNotice, anomalySummaryView } from '../answers/anomaly-messages';
import { routeAwsFindings } from '../answers/anomaly-routes';
import { type AnomalyFinding, awsFindings, costAnomalyFindings, herokuFindings } from '../answers/anomaly-scan';
import { budgetDetailView, budgetViews, budgetWhy, routeTargetOf, wholeMonthWhy } from '../answers/budget-messages';
import { saveStanding } from '../answers/budget-standing';
import { budgetStatuses, sentWithin } from '../answers/budget-status';
import { budgetEventKey } from '../core/alerts/budget-check';
import { previousRun } from '../core/digest';
import { addDays, utcDay } from '../core/utc-days';
import type { Services } from '../services';
import { errorText } from '../sources/source-error';
import type { DigestRun } from '../store/store';
import { ClaimLease, LeaseLost } from './claim-lease';
import { armCronTimer } from './cron-timer';
import type { JobLogger as Logger } from './job-logger';
import { OneAtATime } from './one-at-a-time';
import { type AlertCrashPoint, type PostOnceOptions, type PostOutcome, postOnce } from './post-once';
import { tellLeadsOnce } from './tell-leads-once';

const ALERT_LEASE_MS = 10 * 60_000;
/** How often replicas look for a scan of today that is due and not finished. */
const SCAN_CHECK_SCHEDULE = '*/5 * * * *';
/**
 * How long after the scheduled time a scan waits for Cost Explorer when it cannot be read: a scan that
 * went on without it would never look at that day of AWS again (the next one looks at the next day).
 */
const AWS_WAIT_MS = 2 * 60 * 60_000;
/** Where anomaly scans are claimed: one run per scheduled time, in the digest runs table. */
const SCAN_RUNS = 'anomaly-scan';

/** What the leads are told happens to an alert Slack refused. */
const BUDGET_RETRY =
  'the budget check tries again every time it runs (hourly by default, BUDGETS_SCHEDULE) and posts it once Slack accepts it';
const ANOMALY_RETRY =
  'anomalies are announced on the day they are found, so this summary will not be posted later: the line above is what it said';

export interface AlertJobsOptions {
  services: Services;
  poster: AlertPoster;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  owner: string;
  leaseMs?: number;
  crashAt?: (point: AlertCrashPoint) => void;
}

export interface CheckResult {
  posted: { channel: string; tag: string; outcome: PostOutcome }[];
  problems: string[];
  /** Posts left for a later try: another owner's live claim, or no answer from Slack (it may be posted). */
  unfinished: string[];
}

export type ScanRunOutcome = 'not-due' | 'done' | 'busy' | 'unfinished';

export class AlertJobs {
  private readonly tasks: ScheduledTask[] = [];
  private readonly queue = new OneAtATime((error) => this.options.logger.error('an alert job failed:', error));

  constructor(private readonly options: AlertJobsOptions) {}

  start(): void {
    const { config } = this.options.services;
    const every = (schedule: string, name: string, job: () => Promise<unknown>) =>
      this.tasks.push(armCronTimer(name, schedule, () => this.queue.run(job), { timezone: 'UTC' }));
    every(config.BUDGETS_SCHEDULE, 'budget-check', () => this.checkBudgets(this.options.services.now()));
    const scan = () => this.scanAnomaliesIfDue(this.options.services.now());
    every(config.ANOMALIES_SCHEDULE, 'anomaly-scan', scan);
    every(SCAN_CHECK_SCHEDULE, 'anomaly-scan-check', scan);
    void this.queue.run(scan);
    this.options.logger.info(
      `alerts scheduled: budgets "${config.BUDGETS_SCHEDULE}", anomalies "${config.ANOMALIES_SCHEDULE}" (UTC)`,
    );
  }

  async stop(): Promise<void> {
    const idle = this.queue.stop();
    for (const task of this.tasks) await task.destroy();
    await idle;
  }

  private postOptions(now: Date): PostOnceOptions {
    const { services, poster, owner, crashAt, logger } = this.options;
    return {
      store: services.store,
      poster,
      owner,
      now,
      logger,
      leaseMs: this.options.leaseMs ?? ALERT_LEASE_MS,
      ...(crashAt ? { crashAt } : {}),
    };
  }

  /** Posts once; a failure (Slack refusing it, or no answer) is also a problem of the check, for the log. */
  private async post(result: CheckResult, post: AlertPost, now: Date): Promise<PostOutcome> {
    const outcome = await postOnce(this.postOptions(now), post);
    if (!post.threadTs) result.posted.push({ channel: post.channel, tag: post.tag, outcome });
    if (outcome.status === 'failed')
      result.problems.push(`${post.tag} was not posted to ${post.channel}: ${outcome.error}`);
    // Slack's own "no" is final (the leads were told); anything else may still go out, or has.
    if (outcome.status === 'busy' || (outcome.status === 'failed' && !outcome.error.startsWith('refused')))
      result.unfinished.push(post.tag);
    return outcome;
  }

  private async snoozed(subject: string, now: Date): Promise<boolean> {
    const until = await this.options.services.store.snoozedUntil(subject);
    return Boolean(until && until > now);
  }

  /** Posts the budget messages that are due: the headline in the channel, the detail in its thread. */
  async checkBudgets(now: Date): Promise<CheckResult> {
    const { services, logger } = this.options;
    const result: CheckResult = { posted: [], problems: [], unfinished: [] };
    const data = await gatherAlertData(services, now);
    const statuses = await budgetStatuses(services, data, sentWithin(this.options.leaseMs ?? ALERT_LEASE_MS, now));
    // App Home lists the budgets with these figures, without asking anyone.
    if (statuses.length > 0) await saveStanding(services, statuses, data.month, now);
    const routes = await channelResolver(services);
    const runs = await services.store.runsWithPrefix('budget:');
    for (const status of statuses) {
      result.problems.push(...status.problems.map((problem) => `${status.budget.name}: ${problem}`));
      const snoozed = status.events.length > 0 && (await this.snoozed(`budget:${status.budget.id}`, now));
      const events = snoozed ? [] : status.events;
      const unexplained = status.problems.length
        ? []
        : withoutDetail(runs, `budget:${status.budget.id}:${data.month}:`);
      if (events.length === 0 && unexplained.length === 0) continue;
      const channel = routes.channelFor(routeTargetOf(status.budget.scope), status.budget.channel);
      if (!channel) {
        result.problems.push(`${status.budget.name}: no channel to post to (set one with /hosting alerts channel=#…)`);
        continue;
      }
      const why = [
        ...budgetWhy(data, status),
        ...(status.budget.platform === 'heroku'
          ? []
          : await wholeMonthWhy(services.sources.aws, data, status.budget.scope)),
      ];
      // A headline posted by a check that stopped before its detail (killed, or Slack did not answer):
      // the detail goes in its thread now, with the figures as they stand.
      for (const headline of unexplained) {
        const view = budgetDetailView(status, why);
        const post = { channel: headline.channel, tag: `${headline.period}:thread`, view };
        await this.post(result, { ...post, threadTs: headline.messageTs! }, now);
      }
      for (const event of events) {
        const tag = budgetEventKey(status.budget.id, data.month, event);
        await services.store.recordAlert({
          id: tag,
          kind: 'budget',
          subject: `budget:${status.budget.id}`,
          firstDay: data.today,
          lastDay: data.today,
          detail: { budget: status.budget.name, event },
          createdAt: now,
        });
        const views = budgetViews(status, event, why, tag);
        const outcome = await this.post(
          result,
          { channel, tag, view: views.headline, afterRefusal: BUDGET_RETRY },
          now,
        );
        const ts = 'ts' in outcome ? outcome.ts : undefined;
        if (ts) await this.post(result, { channel, tag: `${tag}:thread`, view: views.detail, threadTs: ts }, now);
      }
    }
    for (const problem of result.problems) logger.warn(`budget check: ${problem}`);
    return result;
  }

  /**
   * The scan of the latest scheduled time, once across replicas and restarts: claimed in the store
   * (a lease), so a scan whose owner died, or whose post Slack did not answer, is finished by the
   * next check (the summary found in the channel when it went out, else posted), and a bot down at
   * the time scans when it is back. Only the same UTC day: a summary belongs to its day.
   */
  async scanAnomaliesIfDue(now: Date): Promise<ScanRunOutcome> {
    const { services, owner, logger } = this.options;
    const due = previousRun(services.config.ANOMALIES_SCHEDULE, 'UTC', now);
    if (utcDay(due) !== utcDay(now)) return 'not-due';
    const period = due.toISOString();
    if ((await services.store.digestRun(SCAN_RUNS, period))?.status === 'posted') return 'done';
    const started = Date.now();
    const lease = await ClaimLease.claim(services.store, {
      channel: SCAN_RUNS,
      period,
      owner,
      now: () => new Date(now.getTime() + (Date.now() - started)),
      leaseMs: this.options.leaseMs ?? ALERT_LEASE_MS,
      logger,
    });
    if (!lease.claimed) return lease.run.status === 'posted' ? 'done' : 'busy';
    try {
      const waitForAws = now.getTime() - due.getTime() < AWS_WAIT_MS;
      const result = await lease.bound(this.scanAnomalies(now, { waitForAws }));
      if (result.unfinished.length > 0) {
        await lease.markFailed(`unfinished, tried again at the next check: ${result.unfinished.join(', ')}`);
        return 'unfinished';
      }
      await lease.markPosted(`${result.found.length} found`);
      return 'done';
    } catch (error) {
      if (error instanceof LeaseLost) return 'busy';
      await lease.markFailed(errorText(error));
      throw error;
    } finally {
      lease.release();
    }
  }

  /**
   * Records first detections and posts at most one summary a day per channel, each anomaly in its thread.
   * With `waitForAws`, a scan that cannot read Cost Explorer records and posts nothing (it is tried
   * again at the next check); without, it goes on without AWS and the leads are told which day of AWS
   * was not looked at.
   */
  async scanAnomalies(
    now: Date,
    { waitForAws = false }: { waitForAws?: boolean } = {},
  ): Promise<CheckResult & { found: AnomalyFinding[] }> {
    const { services, logger } = this.options;
    const { store } = services;
    const result: CheckResult & { found: AnomalyFinding[] } = { posted: [], problems: [], unfinished: [], found: [] };
    const data = await gatherAlertData(services, now);
    if (data.awsProblem) {
      result.problems.push(`AWS: ${data.awsProblem}`);
      if (waitForAws) {
        result.unfinished.push('AWS figures');
        for (const problem of result.problems) logger.warn(`anomaly scan: ${problem}`);
        return result;
      }
      // Once per lead and day, as the anomalies with no channel are: a retry of today's scan (a channel
      // post left unfinished, a crash) or a replica's finds each lead told.
      const text = `Today's cost anomaly scan (${data.today}) could not read AWS Cost Explorer, so no AWS service was checked for ${addDays(data.today, -1)}${services.sources.heroku ? ' (Heroku apps were)' : ''}: ${data.awsProblem}`;
      const notice = { tag: `aws-unread:${data.today}`, text, thread: [] };
      result.unfinished.push(...(await tellLeadsOnce(this.postOptions(now), notice)));
    }
    const minImpact = Math.round(services.config.ANOMALY_MIN_IMPACT * 100);
    const findings = [...herokuFindings(data, minImpact), ...awsFindings(data, minImpact)];
    try {
      findings.push(...(await costAnomalyFindings(services, data)));
    } catch (error) {
      result.problems.push(`AWS Cost Anomaly Detection: ${errorText(error)}`);
    }
    const routes = await channelResolver(services);
    // Routed only once they are known to be news: routing an AWS finding asks Cost Explorer once per
    // routed dimension ($0.01 each), and an anomaly announced on an earlier day would pay for an answer
    // nobody reads.
    const news = await this.firstDetections(findings, data.today, now);
    const routed = await routeAwsFindings(services, data, routes.routes, news);
    result.problems.push(...routed.problems);
    for (const finding of routed.findings) {
      const { alert } = await store.recordAlert({
        id: finding.id,
        kind: 'anomaly',
        subject: finding.subject,
        firstDay: finding.day,
        lastDay: finding.day,
        detail: finding,
        createdAt: now,
      });
      // News on the day it was first recorded (by this scan or a replica's, or a retry of it), and only
      // then: Cost Anomaly Detection lists a finding for a week, and a day with no newer Heroku snapshot
      // finds the same spike again; neither is announced twice. Checked again here, as a replica may
      // have recorded it since firstDetections looked.
      if (alert.status === 'new' && utcDay(alert.createdAt) === data.today) result.found.push(finding);
    }
    const byChannel = new Map<string, AnomalyFinding[]>();
    const nowhere: AnomalyFinding[] = [];
    for (const finding of result.found) {
      const channel = routes.channelFor(finding.route);
      if (!channel) {
        result.problems.push(`${finding.title}: no channel to post to (set one with /hosting alerts channel=#…)`);
        nowhere.push(finding);
        continue;
      }
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), finding]);
    }
    // Recorded, so never news again: the leads get them now, or nobody would (a routing request that
    // failed leaves an AWS anomaly to the alerts channel, which may not be set). Once each, as a channel
    // gets its summary: a retry of today's scan, or a replica's, finds them told.
    if (nowhere.length) {
      const tag = `anomalies:${data.today}`;
      const thread = nowhere.map((finding) => ({ tag: `${tag}:${finding.id}`, view: anomalyDetailView(finding) }));
      const text = anomalyNowhereNotice(nowhere, data.today);
      result.unfinished.push(...(await tellLeadsOnce(this.postOptions(now), { tag, text, thread })));
    }
    for (const [channel, list] of byChannel) {
      const tag = `anomalies:${data.today}`;
      const view = anomalySummaryView(list, data.today);
      const thread = list.map(anomalyDetailView);
      const outcome = await this.post(result, { channel, tag, view, afterRefusal: ANOMALY_RETRY, thread }, now);
      const ts = 'ts' in outcome ? outcome.ts : undefined;
      if (!ts) continue;
      for (const [i, finding] of list.entries())
        await this.post(result, { channel, tag: `${tag}:${finding.id}`, view: thread[i]!, threadTs: ts }, now);
    }
    for (const problem of result.problems) logger.warn(`anomaly scan: ${problem}`);
    return result;
  }

  /**
   * The findings that may be news today, episodes under way kept going. First detection only: an
   * anomaly seen yesterday too is the same episode, not news. Snoozed or not, an episode under way is
   * kept going, so the one a lead snoozed is not news when it ends. One already recorded is news only
   * while it is new and was recorded today (a retry of today's scan, or a replica's).
   */
  private async firstDetections(findings: readonly AnomalyFinding[], today: string, now: Date) {
    const { store } = this.options.services;
    const news: AnomalyFinding[] = [];
    for (const finding of findings) {
      const open = await store.openAlert(finding.subject, addDays(finding.day, -1));
      if (open && open.firstDay < finding.day) {
        await store.extendAlert(open.id, finding.day);
        continue;
      }
      if (await this.snoozed(finding.subject, now)) continue;
      if (finding.snoozeSubject && (await this.snoozed(finding.snoozeSubject, now))) continue;
      const recorded = await store.alert(finding.id);
      if (recorded && (recorded.status !== 'new' || utcDay(recorded.createdAt) !== today)) continue;
      news.push(finding);
    }
    return news;
  }
}

/**
 * Budget headlines of this month (`prefix`) that are posted but whose detail is not, nor being posted
 * nor refused: a check stopped between the two.
 */
function withoutDetail(runs: readonly DigestRun[], prefix: string): DigestRun[] {
  const byPeriod = new Map(runs.map((run) => [`${run.channel}\u0000${run.period}`, run]));
  return runs.filter((run) => {
    if (!run.period.startsWith(prefix) || run.period.endsWith(':thread')) return false;
    if (run.status !== 'posted' || !run.messageTs) return false;
    const detail = byPeriod.get(`${run.channel}\u0000${run.period}:thread`);
    return detail?.status !== 'posted';
  });
}
