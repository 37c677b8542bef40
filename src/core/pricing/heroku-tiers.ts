/**
 * The one table of Heroku plan tiers: what a size or plan name says about where it runs, which
 * tiers are highly available, and what each tier offers. Pricing (heroku-data.ts), compliance checks
 * and the parity comparison all read it. Tier facts: https://devcenter.heroku.com/articles/heroku-postgres-plans
 * (Essential: no fork, follow, rollback or HA; Standard: fork, follow, 4-day rollback, no HA;
 * Premium, Private, Shield: HA, 1-week rollback), https://devcenter.heroku.com/articles/heroku-redis
 * (mini: multitenant, 20 connections, no encryption at rest; Premium, Private, Shield: a primary and
 * a replica, encrypted at rest) and https://devcenter.heroku.com/articles/dyno-types. Names are
 * matched without case.
 */

export type PostgresTier = 'essential' | 'standard' | 'premium' | 'private' | 'shield';
export type KeyValueTier = 'mini' | 'premium' | 'private' | 'shield';

interface TierFacts {
  /** The HA rule: a standby (Postgres) or replica (Key-Value Store) that takes over. */
  highAvailability: boolean;
  /** What the tier offers, as the parity comparison words it. */
  features: string;
}

export const POSTGRES_TIERS: Readonly<Record<PostgresTier, TierFacts & { note: string }>> = {
  essential: {
    highAvailability: false,
    note: 'Essential: no HA, no rollback, < 4 h/month downtime tolerance',
    features: 'no high availability, no fork or follower, no rollback, few connections',
  },
  standard: {
    highAvailability: false,
    note: 'Standard: no HA, 4-day rollback, < 1 h/month downtime tolerance',
    features: 'no high availability; fork, followers and 4-day rollback',
  },
  premium: {
    highAvailability: true,
    note: 'Premium: HA, 1-week rollback',
    features: 'high availability (a standby fails over), 1-week rollback',
  },
  private: {
    highAvailability: true,
    note: 'Private: HA, 1-week rollback',
    features: 'high availability inside a Private Space network',
  },
  shield: {
    highAvailability: true,
    note: 'Shield: HA, 1-week rollback',
    features: 'high availability inside a Shield Private Space (compliance controls)',
  },
};

export const KEY_VALUE_TIERS: Readonly<Record<KeyValueTier, TierFacts>> = {
  mini: { highAvailability: false, features: 'multitenant, 20 connections, not encrypted at rest' },
  premium: { highAvailability: true, features: 'encrypted at rest, more connections' },
  private: { highAvailability: true, features: 'inside a Private Space network' },
  shield: { highAvailability: true, features: 'inside a Shield Private Space (compliance controls)' },
};

/** Premium, Private and Shield: HA, < 15 min/month downtime tolerance, 1-week rollback. */
export function postgresIsHighlyAvailable(tier: PostgresTier): boolean {
  return POSTGRES_TIERS[tier].highAvailability;
}

/** Common Runtime (eco, basic, standard, performance), Private Space (private-*), Shield (shield-*). */
export type DynoRuntime = 'common' | 'private' | 'shield';

export function dynoRuntime(size: string): DynoRuntime | undefined {
  const name = size.toLowerCase();
  if (/^shield-/.test(name)) return 'shield';
  if (/^private-/.test(name)) return 'private';
  if (/^(eco|basic|free|hobby|standard-|performance-)/.test(name)) return 'common';
  return undefined;
}

/** The Shield dyno with at least the same RAM: Shield-S is 1 GB, Shield-M 2.5 GB, and so on. */
export function nearestShieldDyno(size: string): string | undefined {
  const name = size.toLowerCase();
  if (/^(eco|basic|free|hobby|standard-)/.test(name)) return 'shield-s';
  const suffix = /^(?:performance|private|shield)-(s|m|l|l-ram|xl|2xl)$/.exec(name)?.[1];
  return suffix === undefined ? undefined : `shield-${suffix}`;
}

/** `standard-0` or `heroku-postgresql:standard-0`. Legacy hobby, mini and basic plans sit with Essential. */
export function postgresTier(plan: string): PostgresTier | undefined {
  const name = planName(plan);
  const prefix = /^(essential|standard|premium|private|shield)-/.exec(name)?.[1];
  if (prefix !== undefined) return prefix as PostgresTier;
  if (/^(hobby|mini$|basic$|dev$)/.test(name)) return 'essential';
  return undefined;
}

export function keyValueTier(plan: string): KeyValueTier | undefined {
  const name = planName(plan);
  if (name === 'mini') return 'mini';
  const prefix = /^(premium|private|shield)-/.exec(name)?.[1];
  return prefix as KeyValueTier | undefined;
}

/** Add-on service names as an estimate or the Platform API gives them (`postgres`, `heroku-postgresql`). */
export function isPostgresService(service: string): boolean {
  return /postgres/i.test(service);
}

export function isKeyValueService(service: string): boolean {
  return /redis|key-?value/i.test(service);
}

/** The plan part of `service:plan`. */
export function planName(plan: string): string {
  const name = plan.toLowerCase().trim();
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

// Heroku's own data services, by their Platform API names (third-party Postgres or Redis add-ons
// have tiers of their own).
const POSTGRES_SERVICE = 'heroku-postgresql';
const KEY_VALUE_SERVICES = new Set(['heroku-redis', 'heroku-keyvalue']);

export type DataService = 'postgres' | 'key-value';

export function dataService(service: string): DataService | undefined {
  if (service === POSTGRES_SERVICE) return 'postgres';
  if (KEY_VALUE_SERVICES.has(service)) return 'key-value';
  return undefined;
}

/**
 * The tier of a plan: `essential-1` → essential, `premium-0` → premium, `mini` → mini; a plan of
 * another service is its name without the trailing number.
 */
export function planTier(service: string, plan: string): string {
  const kind = dataService(service);
  const known = kind === 'postgres' ? postgresTier(plan) : kind === 'key-value' ? keyValueTier(plan) : undefined;
  if (known !== undefined) return known;
  const lower = plan.toLowerCase();
  const dash = lower.lastIndexOf('-');
  return dash > 0 && /^\d+$/.test(lower.slice(dash + 1)) ? lower.slice(0, dash) : lower;
}

/** What one tier offers, when Hosting Advisor knows the service. */
export function tierFeatures(service: string, tier: string): string | undefined {
  const kind = dataService(service);
  if (kind === 'postgres') return POSTGRES_TIERS[tier as PostgresTier]?.features;
  if (kind === 'key-value') return KEY_VALUE_TIERS[tier as KeyValueTier]?.features;
  return undefined;
}

export function serviceLabel(service: string): string {
  const kind = dataService(service);
  if (kind === 'postgres') return 'Heroku Postgres';
  if (kind === 'key-value') return 'Heroku Key-Value Store';
  return service;
}
