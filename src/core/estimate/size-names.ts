import { wordTable } from './vocabulary';

/**
 * Forgiving spellings of platform names, reduced to the catalog's canonical names. Each function only
 * normalises; whether the name exists is the catalog's call.
 */

const TIER_SUFFIX = '(s|m|l|l-?ram|xl|2xl)';
// Built once: every estimate reads a size through these (the Slack ack waits for it).
const STANDARD_DYNO = /^(?:standard|std|s)?-?([12])x$/;
const PERFORMANCE_DYNO = new RegExp(`^(?:performance|perf|p)-?${TIER_SUFFIX}$`);
const PRIVATE_DYNO = new RegExp(`^(private|priv|shield)-?${TIER_SUFFIX}$`);

/** `std-2x`, `2X`, `standard2x` → `standard-2x`; `perf-m`, `pm` → `performance-m`; `shield_l_ram` → `shield-l-ram`. */
export function canonicalDynoSize(raw: string): string {
  const s = raw.toLowerCase().replace(/_/g, '-');
  let m = STANDARD_DYNO.exec(s);
  if (m) return `standard-${m[1]}x`;
  m = PERFORMANCE_DYNO.exec(s);
  if (m && m[1] !== 's') return `performance-${m[1].replace('lram', 'l-ram')}`;
  m = PRIVATE_DYNO.exec(s);
  if (m) return `${m[1] === 'priv' ? 'private' : m[1]}-${m[2].replace('lram', 'l-ram')}`;
  return s;
}

/** Retired Heroku names, with what replaced them. */
export const LEGACY_DYNOS = wordTable<string>({
  hobby: 'Hobby dynos were replaced by Basic ($7/mo): use `basic`',
  free: 'free dynos ended in 2022; the nearest is Eco ($5/mo for a shared pool): use `eco`',
  px: 'PX dynos are now Performance-L: use `performance-l`',
});

const POSTGRES_PLAN = /^(essential|ess|standard|std|premium|prem|private|priv|shield)-?(\d+)$/;
const POSTGRES_TIERS: Readonly<Record<string, string>> = {
  ess: 'essential',
  std: 'standard',
  prem: 'premium',
  priv: 'private',
};

/** `heroku-postgresql:standard-0`, `std-0`, `standard0` → `standard-0`. */
export function canonicalPostgresPlan(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/^heroku-postgresql:/, '')
    .replace(/_/g, '-');
  const m = POSTGRES_PLAN.exec(s);
  if (!m) return s;
  return `${POSTGRES_TIERS[m[1]] ?? m[1]}-${m[2]}`;
}

export const LEGACY_POSTGRES = wordTable<string>({
  'hobby-dev': 'hobby-dev was retired; the nearest is `essential-0`',
  'hobby-basic': 'hobby-basic was retired; the nearest is `essential-1`',
  mini: 'Postgres mini was retired; the nearest is `essential-0`',
  basic: 'Postgres basic was retired; the nearest is `essential-1`',
});

/** `heroku-redis:premium-0`, `prem-0`, `premium0` → `premium-0`. */
export function canonicalKeyValuePlan(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/^heroku-(redis|key-value-store|kvs):/, '')
    .replace(/_/g, '-');
  const m = /^(premium|prem|private|priv|shield)-?(\d+)$/.exec(s);
  if (!m) return s;
  const tier: Record<string, string> = { prem: 'premium', priv: 'private' };
  return `${tier[m[1]] ?? m[1]}-${m[2]}`;
}

const INSTANCE = /^([a-z]+\d+[a-z]*)[.-]?(nano|micro|small|medium|large|xlarge|\d+xlarge)$/;

/** `m5.large`, `M5-Large`, `m5large` → `m5.large`; undefined when it does not look like an instance type. */
export function canonicalInstanceType(raw: string): string | undefined {
  const m = INSTANCE.exec(raw.toLowerCase());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** `db.m6g.large` or `m6g.large` → `db.m6g.large`. */
export function canonicalRdsClass(raw: string): string | undefined {
  const type = canonicalInstanceType(raw.toLowerCase().replace(/^db\./, ''));
  return type && `db.${type}`;
}

/** `cache.t4g.small` or `t4g.small` → `cache.t4g.small`. */
export function canonicalCacheNode(raw: string): string | undefined {
  const type = canonicalInstanceType(raw.toLowerCase().replace(/^cache\./, ''));
  return type && `cache.${type}`;
}

/** `fargate-1vcpu-2gb`, `fargate:0.5x1gb`, `fargate-1-2gb` → { vcpu: 1, memoryGb: 2 }. */
export function parseFargateSize(raw: string): { vcpu: number; memoryGb: number } | 'fargate' | undefined {
  const s = raw.toLowerCase();
  if (s === 'fargate') return 'fargate';
  const m = /^fargate[-:]?(\d+(?:\.\d+)?)(?:(?:vcpus?|cpus?)[-x:/]?|[-x:/])(\d+(?:\.\d+)?)(?:gb|g)$/.exec(s);
  return m ? { vcpu: Number(m[1]), memoryGb: Number(m[2]) } : undefined;
}
