/**
 * Add-on plan tiers whose features differ, for the Heroku data services. Tier facts:
 * https://devcenter.heroku.com/articles/heroku-postgres-plans (Essential: no fork, follow, rollback
 * or HA; Standard: fork, follow, 4-day rollback, no HA; Premium, Private, Shield: HA, 1-week rollback)
 * and https://devcenter.heroku.com/articles/heroku-redis (mini: multitenant, 20 connections, no
 * encryption at rest; Premium, Private, Shield: encrypted at rest, more connections).
 */

const POSTGRES_SERVICE = 'heroku-postgresql';
const KEY_VALUE_SERVICES = new Set(['heroku-redis', 'heroku-keyvalue']);

export type DataService = 'postgres' | 'key-value';

export function dataService(service: string): DataService | undefined {
  if (service === POSTGRES_SERVICE) return 'postgres';
  if (KEY_VALUE_SERVICES.has(service)) return 'key-value';
  return undefined;
}

const POSTGRES_TIER_FEATURES: Record<string, string> = {
  essential: 'no high availability, no fork or follower, no rollback, few connections',
  standard: 'no high availability; fork, followers and 4-day rollback',
  premium: 'high availability (a standby fails over), 1-week rollback',
  private: 'high availability inside a Private Space network',
  shield: 'high availability inside a Shield Private Space (compliance controls)',
};

const KEY_VALUE_TIER_FEATURES: Record<string, string> = {
  mini: 'multitenant, 20 connections, not encrypted at rest',
  premium: 'encrypted at rest, more connections',
  private: 'inside a Private Space network',
  shield: 'inside a Shield Private Space (compliance controls)',
};

/**
 * The tier of a plan: `essential-1` → essential, `premium-0` → premium, `mini` → mini. Legacy
 * Postgres plans (hobby-dev, hobby-basic, mini, basic) behave like Essential.
 */
export function planTier(service: string, plan: string): string {
  const lower = plan.toLowerCase();
  const kind = dataService(service);
  if (kind === 'postgres' && /^(hobby|mini|basic|dev)/.test(lower)) return 'essential';
  const dash = lower.lastIndexOf('-');
  return dash > 0 && /^\d+$/.test(lower.slice(dash + 1)) ? lower.slice(0, dash) : lower;
}

/** What one tier offers, when Hosting Advisor knows the service. */
export function tierFeatures(service: string, tier: string): string | undefined {
  const kind = dataService(service);
  if (kind === 'postgres') return POSTGRES_TIER_FEATURES[tier];
  if (kind === 'key-value') return KEY_VALUE_TIER_FEATURES[tier];
  return undefined;
}

export function serviceLabel(service: string): string {
  const kind = dataService(service);
  if (kind === 'postgres') return 'Heroku Postgres';
  if (kind === 'key-value') return 'Heroku Key-Value Store';
  return service;
}
