import fs from 'node:fs';
import { z } from 'zod';
// The module itself, not core/pricing's index: a CLI start must not load the whole catalog here.
import { AWS_REGION_CODE } from './core/pricing/live-prices';
import { DEFAULT_DATABASE } from './store/default-database';
import { SSL_MODES } from './store/postgres-tls';

// The cron check (node-cron and cron-parser) and luxon are loaded only to check a value that is
// set (the defaults are known good), so a CLI estimate does not pay for them.
const cronProblem = (expression: string): string | undefined =>
  (require('./core/cron-check') as typeof import('./core/cron-check')).cronProblem(expression);
const isTimeZone = (zone: string): boolean => (require('luxon') as typeof import('luxon')).IANAZone.isValidZone(zone);

/**
 * The only reader of process.env. Every problem is reported at once, by variable name and with
 * the fix; values are never echoed, so a mistyped secret cannot leak into a log.
 */
export type Config = Omit<z.infer<typeof schema>, 'AWS_PRICING_REGION'> & {
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

/** Each priced region is a weekly read of about 20 Price List requests. */
const MAX_PRICED_REGIONS = 10;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = (check: z.ZodString) => z.preprocess(blankToUndefined, check.optional());

/** A cron variable: the one check the timers and `digest set` use, with an example that is right for it. */
const cronSchedule = (example: string, fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .superRefine((expression, context) => {
        const problem = cronProblem(expression);
        if (problem)
          context.addIssue({
            code: 'custom',
            message: `must be a cron expression such as ${example}: this one ${problem}`,
          });
      })
      .default(fallback),
  );

const commaList = (item: z.ZodString, what: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    z.array(item, { error: `must be a comma-separated list of ${what}` }),
  );

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must list Slack user IDs such as U012ABCDEF' });

const schema = z.object({
  SLACK_BOT_TOKEN: optionalText(
    z.string().startsWith('xoxb-', { error: 'must be a bot token starting with xoxb- (OAuth & Permissions page)' }),
  ),
  SLACK_SIGNING_SECRET: optionalText(
    z.string().regex(/^[0-9a-f]{16,}$/i, { error: 'must be the hex Signing Secret from the Basic Information page' }),
  ),
  SLACK_APP_TOKEN: optionalText(
    z.string().startsWith('xapp-', { error: 'must be an app-level token starting with xapp- (connections:write)' }),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a port number such as 3000' })
      .int({ error: 'must be a whole port number such as 3000' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' })
      .default(3000),
  ),
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .default('https://slack.com/api/'),
  ),
  HEROKU_API_TOKEN: optionalText(z.string().min(8, { error: 'looks too short to be a Heroku API token' })),
  HEROKU_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.heroku.com' })
      .default('https://api.heroku.com'),
  ),
  HEROKU_TEAMS: commaList(
    z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, { error: 'must list team names such as acme-eng' }),
    'team names',
  ),
  // heroku-client's convention: certificates Heroku requests trust besides Node's own CAs.
  SSL_CERT_FILE: optionalText(z.string()),
  SSL_CERT_DIR: optionalText(z.string()),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().default(DEFAULT_DATABASE)),
  // libpq's and node-postgres' name; read here because Heroku manages DATABASE_URL itself.
  PGSSLMODE: z.preprocess(
    blankToUndefined,
    z.enum(SSL_MODES, { error: `must be one of ${SSL_MODES.join(', ')} (README, "PostgreSQL and TLS")` }).optional(),
  ),
  DATABASE_CA_FILE: optionalText(
    z.string().refine((file) => fs.existsSync(file), { error: 'names a file that does not exist' }),
  ),
  HOSTING_LEADS: commaList(slackUserId, 'Slack user IDs'),
  DIGEST_CHANNEL: optionalText(
    z.string().regex(/^[CGD][A-Z0-9]{2,}$/, { error: 'must be a Slack channel ID such as C012ABCDEF (not a #name)' }),
  ),
  DIGEST_SCHEDULE: cronSchedule('"0 9 * * 1" (Mondays 09:00)', '0 9 * * 1'),
  DIGEST_TIMEZONE: z.preprocess(
    blankToUndefined,
    z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or UTC' }).default('UTC'),
  ),
  PRICES_SCHEDULE: cronSchedule('"0 4 * * *" (daily at 04:00 UTC)', '0 4 * * *'),
  // One region, or several (comma-separated): the first is what estimates price unless they say
  // `region=`; each is refreshed from the AWS Price List.
  AWS_PRICING_REGION: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value : 'us-east-1'),
    commaList(
      z.string().regex(AWS_REGION_CODE, { error: 'must be AWS region codes such as us-east-1 or eu-west-1' }),
      'AWS region codes such as us-east-1,eu-west-1',
    ).pipe(z.array(z.string()).max(MAX_PRICED_REGIONS, { error: `can list at most ${MAX_PRICED_REGIONS} regions` })),
  ),
  ALERTS_CHANNEL: optionalText(
    z.string().regex(/^[CG][A-Z0-9]{2,}$/, { error: 'must be a Slack channel ID such as C012ABCDEF (not a #name)' }),
  ),
  BUDGETS_SCHEDULE: cronSchedule('"0 * * * *" (hourly)', '0 * * * *'),
  ANOMALIES_SCHEDULE: cronSchedule('"0 7 * * *" (daily)', '0 7 * * *'),
  ANOMALY_MIN_IMPACT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be dollars a day such as 5' })
      .min(0.01, { error: 'must be at least 0.01 (dollars a day)' })
      .max(1_000_000, { error: 'must be at most 1000000 (dollars a day)' })
      .default(5),
  ),
  PRICING_FILE: optionalText(
    z.string().refine((file) => fs.existsSync(file), { error: 'names a file that does not exist' }),
  ),
  AWS_COST_METRIC: z.preprocess(
    blankToUndefined,
    z
      .enum(['UnblendedCost', 'AmortizedCost', 'BlendedCost', 'NetUnblendedCost', 'NetAmortizedCost'], {
        error: 'must be one of UnblendedCost, AmortizedCost, BlendedCost, NetUnblendedCost, NetAmortizedCost',
      })
      .default('UnblendedCost'),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).default('info'),
  ),
});

/** Variables the AWS SDK's default credential chain reads; any of them means "AWS is set up". */
const AWS_CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL_COST_EXPLORER',
];

export interface LoadOptions {
  /** The bot needs Slack credentials; the CLI does not. */
  requireSlack: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv, { requireSlack }: LoadOptions): Config {
  const parsed = schema.safeParse(env);
  // One line per variable, named by the variable alone (not `HOSTING_LEADS.1`).
  const problems = parsed.success
    ? []
    : [...new Set(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`))];

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
