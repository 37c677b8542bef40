import type { Platform } from '../workload';

/** The words of the estimate grammar, its limits, and the examples its messages show. */

export const HEROKU_EXAMPLE = 'web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0';
export const AWS_EXAMPLE = 'aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small';

export const LIMITS = {
  count: 100,
  reviewApps: 50,
  processTypes: 20,
  parts: 40,
  opsRate: 1000,
  egressGb: 1_000_000,
  logGb: 100_000,
  storageGb: 65_536,
};

export const DYNO_SIZES_TEXT =
  'eco, basic, standard-1x, standard-2x, performance-m/l/l-ram/xl/2xl, private-* and shield-* (s, m, l, l-ram, xl, 2xl)';

export type Setting =
  | 'app'
  | 'postgres'
  | 'redis'
  | 'rds'
  | 'cache'
  | 'review'
  | 'ops-rate'
  | 'egress'
  | 'logs'
  | 'storage'
  | 'region';

/**
 * A table of words with no prototype: looking up what someone typed (`constructor`, `__proto__`,
 * `toString`) finds nothing instead of Object's own members.
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export const SETTINGS = wordTable<Setting>({
  app: 'app',
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  db: 'postgres',
  database: 'postgres',
  'heroku-postgresql': 'postgres',
  redis: 'redis',
  kv: 'redis',
  kvs: 'redis',
  'key-value': 'redis',
  valkey: 'redis',
  'heroku-redis': 'redis',
  rds: 'rds',
  cache: 'cache',
  elasticache: 'cache',
  review: 'review',
  reviews: 'review',
  'review-apps': 'review',
  'review-app': 'review',
  'ops-rate': 'ops-rate',
  opsrate: 'ops-rate',
  ops_rate: 'ops-rate',
  rate: 'ops-rate',
  egress: 'egress',
  bandwidth: 'egress',
  transfer: 'egress',
  logs: 'logs',
  log: 'logs',
  storage: 'storage',
  'db-storage': 'storage',
  disk: 'storage',
  region: 'region',
  'aws-region': 'region',
});

export type Flag = 'aws' | 'heroku' | 'staging' | 'hipaa' | 'pci' | 'share' | 'multi-az' | 'fargate' | 'ec2' | 'arm';

export const FLAGS = wordTable<Flag>({
  aws: 'aws',
  heroku: 'heroku',
  staging: 'staging',
  stage: 'staging',
  hipaa: 'hipaa',
  pci: 'pci',
  'pci-dss': 'pci',
  share: 'share',
  'multi-az': 'multi-az',
  multiaz: 'multi-az',
  multi_az: 'multi-az',
  ha: 'multi-az',
  fargate: 'fargate',
  ec2: 'ec2',
  arm: 'arm',
  arm64: 'arm',
  graviton: 'arm',
});

/** A correct estimate using each flag once, shown when one is given twice. */
export const FLAG_EXAMPLES: Readonly<Record<Flag, string>> = {
  aws: 'aws web=2xm5.large',
  heroku: 'heroku web=2xstandard-2x',
  staging: 'web=2xstandard-2x staging',
  hipaa: 'web=2xstandard-2x hipaa',
  pci: 'web=2xstandard-2x pci',
  share: 'web=2xstandard-2x share',
  'multi-az': 'aws web=2xm5.large rds=db.m6g.large multi-az',
  fargate: 'web=2xstandard-2x fargate',
  ec2: 'web=2xstandard-2x ec2',
  arm: 'web=2xstandard-2x arm',
};

export const COMMON_PROCESSES = ['web', 'worker', 'clock', 'scheduler', 'release', 'api', 'jobs', 'sidekiq', 'celery'];

/** Every flag and setting the grammar takes (README, Commands), named when a word is not known. */
export const FLAGS_TEXT =
  'staging, review=N, hipaa, pci, share, aws, ops-rate=N, egress=500gb, logs=20gb, storage=100gb, multi-az, fargate, arm, region=eu-west-1';

export function settingExample(setting: Setting, platform: Platform): string {
  const examples: Record<Setting, string> = {
    app: '`app=acme-api`',
    postgres: platform === 'aws' ? '`rds=db.m6g.large`' : '`postgres=standard-0`',
    redis: platform === 'aws' ? '`cache=cache.t4g.small`' : '`redis=premium-0`',
    rds: '`aws rds=db.m6g.large`',
    cache: platform === 'aws' ? '`cache=cache.t4g.small`' : '`redis=premium-0`',
    review: '`review=3`',
    'ops-rate': '`ops-rate=120`',
    egress: '`egress=500gb`',
    logs: '`logs=20gb`',
    storage: '`storage=100gb`',
    region: '`region=eu-west-1`',
  };
  return examples[setting];
}
