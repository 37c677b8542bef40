import type { ConfigValues } from './config-schema';
import { DEFAULT_DATABASE } from './store/default-database';

/**
 * The only reader of process.env. Every problem is reported at once, by variable name and with
 * the fix; values are never echoed, so a mistyped secret cannot leak into a log.
 */
export type Config = Omit<ConfigValues, 'AWS_PRICING_REGION'> & {
  /** The AWS region estimates price unless they say `region=`: the first of AWS_PRICING_REGION. */
  AWS_PRICING_REGION: string;
  /** Every region of AWS_PRICING_REGION, without repeats: each gets its own live AWS prices. */
  awsPricingRegions: string[];
  socketMode: boolean;
  awsEnabled: boolean;
  herokuEnabled: boolean;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(
      `Hosting Advisor cannot start: fix these settings (see README, "Configuration").\n${problems.map((p) => `  ✖ ${p}`).join('\n')}`,
    );
  }
}

/** Every variable the configuration reads (a test keeps it equal to the schema's). */
export const CONFIG_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PORT',
  'SLACK_API_URL',
  'HEROKU_API_TOKEN',
  'HEROKU_API_URL',
  'HEROKU_TEAMS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'DATABASE_URL',
  'PGSSLMODE',
  'DATABASE_CA_FILE',
  'HOSTING_LEADS',
  'DIGEST_CHANNEL',
  'DIGEST_SCHEDULE',
  'DIGEST_TIMEZONE',
  'PRICES_SCHEDULE',
  'AWS_PRICING_REGION',
  'ALERTS_CHANNEL',
  'BUDGETS_SCHEDULE',
  'ANOMALIES_SCHEDULE',
  'ANOMALY_MIN_IMPACT',
  'PRICING_FILE',
  'AWS_COST_METRIC',
  'LOG_LEVEL',
] as const;

/** What the schema gives when no variable is set (a test keeps them equal): no need to load it. */
function defaultValues(): ConfigValues {
  return {
    PORT: 3000,
    SLACK_API_URL: 'https://slack.com/api/',
    HEROKU_API_URL: 'https://api.heroku.com',
    HEROKU_TEAMS: [],
    DATABASE_URL: DEFAULT_DATABASE,
    HOSTING_LEADS: [],
    DIGEST_SCHEDULE: '0 9 * * 1',
    DIGEST_TIMEZONE: 'UTC',
    PRICES_SCHEDULE: '0 4 * * *',
    AWS_PRICING_REGION: ['us-east-1'],
    BUDGETS_SCHEDULE: '0 * * * *',
    ANOMALIES_SCHEDULE: '0 7 * * *',
    ANOMALY_MIN_IMPACT: 5,
    AWS_COST_METRIC: 'UnblendedCost',
    LOG_LEVEL: 'info',
  };
}

/**
 * Variables the schema takes as any text. Container images and this kind of machine set the two
 * certificate paths for every process, so they alone must not cost a CLI start the ~40 ms of loading zod.
 */
const ANY_TEXT: ReadonlySet<string> = new Set(['SSL_CERT_FILE', 'SSL_CERT_DIR']);

/** The schema's verdict on `env`; zod is loaded only when a variable it has to check is set. */
function checked(
  env: NodeJS.ProcessEnv,
): { success: true; data: ConfigValues } | { success: false; problems: string[] } {
  const set = CONFIG_VARIABLES.filter((name) => Boolean(env[name]?.trim()));
  if (set.every((name) => ANY_TEXT.has(name))) {
    return { success: true, data: { ...defaultValues(), ...Object.fromEntries(set.map((name) => [name, env[name]])) } };
  }
  const { configSchema } = require('./config-schema') as typeof import('./config-schema');
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return { success: true, data: parsed.data };
  // One line per variable, named by the variable alone (not `HOSTING_LEADS.1`).
  return {
    success: false,
    problems: [
      ...new Set(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`)),
    ],
  };
}

/** Variables the AWS SDK's default credential chain reads; any of them means "AWS is set up". */
const AWS_CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL_COST_EXPLORER',
];

/**
 * Whether NODE_DEBUG turns on Node's debug output of a network section, read as Node reads it:
 * comma-separated sections, `*` a wildcard, any case. Node reads it once at start, so the process
 * cannot turn it off; `http` and `net` print each request's options (its `auth` and Authorization
 * header among them), and the others are the same connections one layer up or down.
 */
function nodeDebugPrintsRequests(value: string | undefined): boolean {
  if (!value?.trim()) return false;
  const sections = value.split(',').map((section) => {
    const pattern = section
      .trim()
      .replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
      .replaceAll('*', '.*');
    return new RegExp(`^${pattern}$`, 'i');
  });
  return ['http', 'https', 'http2', 'net', 'tls'].some((name) => sections.some((section) => section.test(name)));
}

export interface LoadOptions {
  /** The bot needs Slack credentials; the CLI does not. */
  requireSlack: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv, { requireSlack }: LoadOptions): Config {
  const parsed = checked(env);
  const problems = parsed.success ? [] : parsed.problems;
  const value = parsed.success ? parsed.data : undefined;
  const socketMode = Boolean(env.SLACK_APP_TOKEN?.trim());
  if (requireSlack) {
    if (!env.SLACK_BOT_TOKEN?.trim())
      problems.push('SLACK_BOT_TOKEN: is required to run the bot (xoxb-…, OAuth & Permissions page)');
    if (!socketMode && !env.SLACK_SIGNING_SECRET?.trim())
      problems.push(
        'SLACK_SIGNING_SECRET: is required in HTTP mode (Basic Information page); or set SLACK_APP_TOKEN for Socket Mode',
      );
  }
  const credentials = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'HEROKU_API_TOKEN', ...AWS_CREDENTIAL_HINTS];
  if (nodeDebugPrintsRequests(env.NODE_DEBUG) && credentials.some((name) => Boolean(env[name]?.trim())))
    problems.push(
      'NODE_DEBUG: its http, https, http2, net and tls sections make Node print every connection it opens with the request that opens it, headers included, so the Slack, Heroku and AWS credentials would be written to the log; leave those out of NODE_DEBUG (LOG_LEVEL=debug says what the bot does)',
    );
  if (problems.length > 0 || !value) throw new ConfigError(problems);

  const awsPricingRegions = [...new Set(value.AWS_PRICING_REGION)];
  return {
    ...value,
    AWS_PRICING_REGION: awsPricingRegions[0],
    awsPricingRegions,
    socketMode,
    awsEnabled: AWS_CREDENTIAL_HINTS.some((name) => Boolean(env[name]?.trim())),
    herokuEnabled: Boolean(value.HEROKU_API_TOKEN),
  };
}

/** The configured values that are secrets: redacted from every log line and every error text shown to people. */
export function configSecrets(env: NodeJS.ProcessEnv): string[] {
  return [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'HEROKU_API_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
  ]
    .map((name) => env[name]?.trim() ?? '')
    .filter(Boolean)
    .concat(databaseSecrets(env.DATABASE_URL?.trim()));
}

/**
 * A postgres:// DATABASE_URL and the password inside it, which an error may quote without the rest
 * of the URL. A SQLite file path is no secret: messages about the file name it.
 */
function databaseSecrets(url: string | undefined): string[] {
  if (!url?.includes('://')) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [url, password] : [url];
  } catch {
    return [url];
  }
}
