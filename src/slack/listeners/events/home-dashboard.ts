/**
 * Publishing the Home tab: from the dashboard's own cache at once, then, when the cache is old or a
 * button asks for it, from fresh figures gathered in the background. Shared by app_home_opened and
 * the Home buttons. Every publish that shows figures is written to the audit log (never the figures).
 */
import type { WebClient } from '@slack/web-api';
import { budgetChannels } from '../../../answers/alert-settings';
import { budgetsWithStanding } from '../../../answers/budget-standing';
import { gatherDigestInChild } from '../../../answers/digest-in-child';
import { loadDigestSettings, weekNoteFor } from '../../../answers/digest-settings';
import { describeSchedule, formatInZone, nextRun } from '../../../core/digest/schedule';
import { lastCompleteWeek } from '../../../core/digest/week';
import { formatUsd } from '../../../core/money';
import type { Services } from '../../../services';
import { COST_EXPLORER_REQUEST_PRICE, COST_EXPLORER_SERVICE } from '../../../sources/aws';
import type { CacheEntry } from '../../../store/store';
import { budgetsHomeBlocks } from '../../alerts/budgets-home';
import { type DashboardFigures, dashboardFigures, hasFailure, isDashboardFigures } from '../../home/dashboard-figures';
import { chartFor, homeChart, withoutChart } from '../../home/home-chart';
import { leadHomeView } from '../../home/lead-view';
import { memberHomeView } from '../../home/member-view';
import { parityHomeBlocks } from '../../home/parity-home';
import { isLead, type LeadsLogger, leadList, leadMentions } from '../../leads';
import { slackErrorCode } from '../../slack-errors';
import { complianceSubcommand } from '../commands/compliance';
import { estimateSubcommand } from '../commands/estimate';

export const DASHBOARD_CACHE_KEY = 'dashboard:figures';
/** Opening Home within this long of the last fetch shows the cached figures and fetches nothing. */
const DASHBOARD_TTL_MS = 15 * 60 * 1000;
/** Figures with a platform that failed are retried sooner. */
const DASHBOARD_FAILED_TTL_MS = 60 * 1000;
/** A forced refresh ("Refresh now") at most this often per person. */
export const FORCED_REFRESH_INTERVAL_MS = 5 * 60 * 1000;
const forcedRefreshKey = (user: string) => `dashboard:forced-refresh:${user}`;

export interface HomeLogger extends LeadsLogger {
  error(...messages: unknown[]): void;
}

type Figures = CacheEntry<DashboardFigures>;

export interface PublishOptions {
  notice?: string;
  /** Figures are being fetched; the view says the page will update. */
  refreshing?: boolean;
  /** What the audit log says about this view of the figures. */
  how: string;
}

export class HomeDashboard {
  private pending?: { force: boolean; figures: Promise<Figures> };
  /**
   * Home opens being published, by person. Slack sends app_home_opened each time the tab is shown
   * and Bolt acks it at once, so opens that come faster than a publish (switching tabs, several
   * devices) would each build and publish the view at the same time: without this, 5,000 opens in a
   * row took the bot from 135 to 225 MiB. Now at most one is under way and one more follows.
   */
  private readonly opening = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(private readonly services: Services) {}

  async cached(): Promise<Figures | undefined> {
    const entry = await this.services.store.cacheGet<unknown>(DASHBOARD_CACHE_KEY);
    if (!entry || !isDashboardFigures(entry.value)) return undefined;
    return { value: entry.value, storedAt: entry.storedAt };
  }

  isFresh(entry: Figures | undefined): entry is Figures {
    if (!entry) return false;
    const ttl = hasFailure(entry.value) ? DASHBOARD_FAILED_TTL_MS : DASHBOARD_TTL_MS;
    return this.services.now().getTime() - entry.storedAt.getTime() < ttl;
  }

  /** Gathers fresh figures and caches them; one gather at a time, however many people ask. */
  fetch(logger: HomeLogger, force = false, client?: WebClient): Promise<Figures> {
    if (this.pending && (this.pending.force || !force)) return this.pending.figures;
    const figures = (async () => {
      const now = this.services.now();
      const digest = await gatherDigestInChild(this.services, {
        now,
        force,
        log: (message, error) => logger.error(`dashboard: ${message}:`, error),
        warn: (...messages) => logger.warn('dashboard:', ...messages),
      });
      const chart = client ? await homeChart(this.services.store, digest, now, logger) : undefined;
      const value = { ...dashboardFigures(digest), ...(chart ? { chart } : {}) };
      await this.services.store.cachePut(DASHBOARD_CACHE_KEY, value, now);
      return { value, storedAt: now };
    })();
    const pending = { force, figures };
    this.pending = pending;
    figures
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
      })
      .catch(() => {});
    return figures;
  }

  async publishMember(client: WebClient, user: string, logger: HomeLogger): Promise<void> {
    const leads = await leadList(this.services, client, logger);
    const estimates = estimateSubcommand()
      .examples.filter((example) => example.includes(' '))
      .slice(0, 2);
    const compliance = complianceSubcommand().examples.slice(0, 3);
    await client.views.publish({
      user_id: user,
      view: memberHomeView({ leads: leadMentions(leads), estimateExamples: estimates, complianceExamples: compliance }),
    });
  }

  async publishLead(
    client: WebClient,
    user: string,
    logger: HomeLogger,
    figures: Figures | undefined,
    options: PublishOptions,
  ): Promise<void> {
    const { store, config } = this.services;
    const now = this.services.now();
    const settings = await loadDigestSettings(store, config);
    const month = now.toISOString().slice(0, 7);
    const requests = await store.requestCount(COST_EXPLORER_SERVICE, month);
    let when: string | undefined;
    let weekNote: string | undefined;
    try {
      if (settings.channel) {
        when = formatInZone(nextRun(settings.schedule, settings.timezone, now), settings.timezone);
        weekNote = weekNoteFor(settings, now);
      }
    } catch (error) {
      logger.warn('dashboard: could not work out the next digest time:', error);
    }
    const leads = await leadList(this.services, client, logger);
    const posted = settings.channel ? await this.postedThisWeek(settings.channel, settings.timezone, now) : undefined;
    const parity = parityHomeBlocks(figures?.value.parity);
    const { budgets, standing } = await budgetsWithStanding(this.services);
    const chart = figures?.value.chart
      ? await chartFor({ store, owner: this.services.instanceId }, client, user, figures.value.chart, now, logger)
      : undefined;
    const view = leadHomeView({
      ...(figures ? { figures: figures.value, asOf: formatInZone(figures.storedAt, settings.timezone) } : {}),
      cached: options.how === 'cached',
      refreshing: options.refreshing ?? false,
      nextDigest: {
        ...(settings.channel ? { channel: settings.channel } : {}),
        ...(when ? { when } : {}),
        ...(weekNote ? { weekNote } : {}),
        schedule: describeSchedule(settings.schedule, settings.timezone),
        ...(posted ? { posted } : {}),
      },
      costExplorer: { month, requests, cost: formatUsd(COST_EXPLORER_REQUEST_PRICE.times(requests)) },
      ...(options.notice ? { notice: options.notice } : {}),
      leads: leadMentions(leads),
      budgets: budgetsHomeBlocks({
        budgets,
        channels: await budgetChannels(this.services, budgets),
        ...(standing ? { standing, checkedAt: formatInZone(standing.checkedAt, settings.timezone) } : {}),
      }),
      ...(parity.length > 0 ? { sections: parity } : {}),
      ...(chart ? { chart } : {}),
    });
    try {
      await client.views.publish({ user_id: user, view });
    } catch (error) {
      // Slack refuses the whole view when it cannot show the chart's file: the figures go out without it.
      if (!chart || !['invalid_blocks', 'invalid_arguments'].includes(slackErrorCode(error) ?? '')) throw error;
      logger.warn('dashboard: Slack refused the chart image; published without it:', slackErrorCode(error));
      await client.views.publish({ user_id: user, view: withoutChart(view) });
    }
    if (figures) {
      await store.audit({
        at: now,
        actor: user,
        action: 'dashboard',
        detail: `App Home dashboard (${options.how}; figures as of ${figures.storedAt.toISOString()})`,
      });
    }
  }

  /** This week's digest, when it is out: a link to the message. */
  private async postedThisWeek(channel: string, timezone: string, now: Date): Promise<{ link: string } | undefined> {
    const week = lastCompleteWeek(now, timezone);
    const run = await this.services.store.digestRun(channel, week.id);
    if (run?.status !== 'posted' || !run.messageTs) return undefined;
    return { link: `https://slack.com/archives/${channel}/p${run.messageTs.replace('.', '')}` };
  }

  /** Leads go on; anyone else gets the guide published instead (their Home may show an old dashboard). */
  async leadOrGuide(client: WebClient, user: string, logger: HomeLogger): Promise<boolean> {
    if (await isLead(this.services, client, logger, user)) return true;
    await this.publishMember(client, user, logger);
    return false;
  }

  /**
   * app_home_opened: non-leads get the guide; leads get the cached figures at once and, when those
   * are old or missing, fresh ones after the gather.
   */
  async open(client: WebClient, user: string, logger: HomeLogger): Promise<void> {
    const running = this.opening.get(user);
    if (running) {
      // Published once more when the one under way is done, with what is true then; its failure is
      // reported by the open that started it.
      running.again = true;
      return running.done.catch(() => {});
    }
    const opening = { again: false, done: Promise.resolve() };
    opening.done = (async () => {
      try {
        do {
          opening.again = false;
          await this.publishOpened(client, user, logger);
        } while (opening.again);
      } finally {
        this.opening.delete(user);
      }
    })();
    this.opening.set(user, opening);
    return opening.done;
  }

  private async publishOpened(client: WebClient, user: string, logger: HomeLogger): Promise<void> {
    if (!(await this.leadOrGuide(client, user, logger))) return;
    const cached = await this.cached();
    const fresh = this.isFresh(cached);
    await this.publishLead(client, user, logger, cached, { how: 'cached', refreshing: !fresh });
    if (fresh) return;
    await this.refreshFor(client, user, logger, { force: false, cached });
  }

  /** Gathers (or joins a gather under way) and publishes the result; on failure, the cached figures and why. */
  async refreshFor(
    client: WebClient,
    user: string,
    logger: HomeLogger,
    { force, cached, notice }: { force: boolean; cached: Figures | undefined; notice?: string },
  ): Promise<void> {
    let figures: Figures;
    try {
      figures = await this.fetch(logger, force, client);
    } catch (error) {
      logger.error('dashboard: gathering the figures failed:', error);
      await this.publishLead(client, user, logger, cached, {
        how: 'cached',
        notice: `Could not fetch fresh figures (the error is in Hosting Advisor's log)${cached ? '; these are the cached ones' : ''}. Press *Refresh* to try again.`,
      });
      return;
    }
    await this.publishLead(client, user, logger, figures, {
      how: force ? 'forced refresh' : 'fresh',
      ...(notice ? { notice } : {}),
    });
  }

  /**
   * When this person may force a refresh: now (and the time is recorded), or not before the
   * returned time. Kept in the store, so replicas agree.
   */
  async claimForcedRefresh(user: string): Promise<{ ok: true } | { ok: false; notBefore: Date; last: Date }> {
    const { store } = this.services;
    const now = this.services.now();
    const last = await store.cacheGet<unknown>(forcedRefreshKey(user));
    if (last && now.getTime() - last.storedAt.getTime() < FORCED_REFRESH_INTERVAL_MS) {
      return {
        ok: false,
        last: last.storedAt,
        notBefore: new Date(last.storedAt.getTime() + FORCED_REFRESH_INTERVAL_MS),
      };
    }
    await store.cachePut(forcedRefreshKey(user), { user }, now);
    return { ok: true };
  }

  async timezone(): Promise<string> {
    return (await loadDigestSettings(this.services.store, this.services.config)).timezone;
  }
}

const dashboards = new WeakMap<Services, HomeDashboard>();

/** The one dashboard of a running bot (its in-flight gather is shared by every listener). */
export function homeDashboard(services: Services): HomeDashboard {
  let dashboard = dashboards.get(services);
  if (!dashboard) {
    dashboard = new HomeDashboard(services);
    dashboards.set(services, dashboard);
  }
  return dashboard;
}
