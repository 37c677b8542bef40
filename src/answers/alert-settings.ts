/**
 * Where alerts go: stored routes (per Heroku team, AWS account, tag), the alerts channel
 * (`/hosting alerts channel=#…`, else ALERTS_CHANNEL), and the digest channel as the last resort.
 */
import { type Routes, type RouteTarget, readRoutes, routeFor } from '../core/alerts/routing';
import type { Services } from '../services';
import type { StoredBudget } from '../store/store';
import { routeTargetOf } from './budget-messages';
import { loadDigestSettings } from './digest-settings';

const ROUTES_KEY = 'alerts.routes';
export const ALERTS_CHANNEL_KEY = 'alerts.channel';

export async function loadRoutes(services: Pick<Services, 'store'>): Promise<Routes> {
  return readRoutes(await services.store.getSetting(ROUTES_KEY));
}

export async function saveRoutes(services: Pick<Services, 'store'>, routes: Routes): Promise<void> {
  await services.store.setSetting(ROUTES_KEY, JSON.stringify(routes));
}

/** The channel for alerts nothing more specific claims. */
async function defaultAlertChannel(services: Pick<Services, 'store' | 'config'>): Promise<string | undefined> {
  const stored = await services.store.getSetting(ALERTS_CHANNEL_KEY);
  if (stored) return stored;
  if (services.config.ALERTS_CHANNEL) return services.config.ALERTS_CHANNEL;
  return (await loadDigestSettings(services.store, services.config)).channel;
}

export interface ChannelResolver {
  /** The stored routes it answers from. */
  routes: Routes;
  channelFor(target: RouteTarget, explicit?: string): string | undefined;
}

/** Reads the settings once and answers for many alerts. */
export async function channelResolver(services: Pick<Services, 'store' | 'config'>): Promise<ChannelResolver> {
  const routes = await loadRoutes(services);
  const fallback = await defaultAlertChannel(services);
  return { routes, channelFor: (target, explicit) => explicit ?? routeFor(routes, target) ?? fallback };
}

/** Where each budget's alerts go now, by budget id (undefined: nowhere, as no channel is set). */
export async function budgetChannels(
  services: Pick<Services, 'store' | 'config'>,
  budgets: readonly StoredBudget[],
): Promise<Record<string, string | undefined>> {
  if (budgets.length === 0) return {};
  const routes = await channelResolver(services);
  return Object.fromEntries(
    budgets.map((budget) => [budget.id, routes.channelFor(routeTargetOf(budget.scope), budget.channel)]),
  );
}

/** Said where a budget's alerts would go when no channel is set for them. */
export const NO_ALERT_CHANNEL = 'no alerts channel is set, so its alerts are not posted (`/hosting alerts channel=#…`)';

export interface AlertSettingsView {
  channel?: string;
  /** Where the default channel came from. */
  channelFrom: 'setting' | 'ALERTS_CHANNEL' | 'digest channel' | 'none';
  routes: Routes;
  budgetsSchedule: string;
  anomaliesSchedule: string;
  minImpactUsd: number;
}

export async function describeAlertSettings(services: Pick<Services, 'store' | 'config'>): Promise<AlertSettingsView> {
  const stored = await services.store.getSetting(ALERTS_CHANNEL_KEY);
  const digest = (await loadDigestSettings(services.store, services.config)).channel;
  const channel = stored ?? services.config.ALERTS_CHANNEL ?? digest;
  return {
    ...(channel ? { channel } : {}),
    channelFrom: stored
      ? 'setting'
      : services.config.ALERTS_CHANNEL
        ? 'ALERTS_CHANNEL'
        : digest
          ? 'digest channel'
          : 'none',
    routes: await loadRoutes(services),
    budgetsSchedule: services.config.BUDGETS_SCHEDULE,
    anomaliesSchedule: services.config.ANOMALIES_SCHEDULE,
    minImpactUsd: services.config.ANOMALY_MIN_IMPACT,
  };
}
