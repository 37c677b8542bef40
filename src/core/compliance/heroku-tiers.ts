/**
 * What a Heroku size or plan name says about where it runs and what it offers (Heroku Dev
 * Center: Dyno Types, Heroku Postgres Plans, Key-Value Store, Shield Private Spaces; docs/references.md). Names are matched without case.
 */

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

export type PostgresTier = 'essential' | 'standard' | 'premium' | 'private' | 'shield';

/** `standard-0` or `heroku-postgresql:standard-0`. Legacy hobby, mini and basic plans sit with Essential. */
export function postgresTier(plan: string): PostgresTier | undefined {
  const name = planName(plan);
  const prefix = /^(essential|standard|premium|private|shield)-/.exec(name)?.[1];
  if (prefix !== undefined) return prefix as PostgresTier;
  if (/^(hobby-|mini$|basic$|dev$)/.test(name)) return 'essential';
  return undefined;
}

/** Premium, Private and Shield: HA, < 15 min/month downtime tolerance, 1-week rollback. */
export function postgresIsHighlyAvailable(tier: PostgresTier): boolean {
  return tier === 'premium' || tier === 'private' || tier === 'shield';
}

export const POSTGRES_TIER_NOTE: Record<PostgresTier, string> = {
  essential: 'Essential: no HA, no rollback, < 4 h/month downtime tolerance',
  standard: 'Standard: no HA, 4-day rollback, < 1 h/month downtime tolerance',
  premium: 'Premium: HA, 1-week rollback',
  private: 'Private: HA, 1-week rollback',
  shield: 'Shield: HA, 1-week rollback',
};

export type KeyValueTier = 'mini' | 'premium' | 'private' | 'shield';

export function keyValueTier(plan: string): KeyValueTier | undefined {
  const name = planName(plan);
  if (name === 'mini') return 'mini';
  const prefix = /^(premium|private|shield)-/.exec(name)?.[1];
  return prefix as KeyValueTier | undefined;
}

/** Add-on service names as the Platform API reports them. */
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
