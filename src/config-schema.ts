/**
 * The checks of every configuration variable (zod), with the fix in each message. Loaded by
 * src/config.ts only when a variable is set: the defaults are known good, so a CLI estimate in a
 * bare shell does not load zod.
 */
import fs from 'node:fs';
import { z } from 'zod';
// The module itself, not core/pricing's index: a CLI start must not load the whole catalog here.
import { AWS_REGION_CODE } from './core/pricing/live-prices';
import { DEFAULT_DATABASE, isPostgresUrl } from './store/default-database';
import { SSL_MODES } from './store/postgres-tls';

// The cron check (node-cron and cron-parser) and luxon are loaded only to check a value that is
// set (the defaults are known good), so a CLI estimate does not pay for them.
const cronProblem = (expression: string): string | undefined =>
  (require('./core/cron-check') as typeof import('./core/cron-check')).cronProblem(expression);
const isTimeZone = (zone: string): boolean => (require('luxon') as typeof import('luxon')).IANAZone.isValidZone(zone);

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

const DATABASE_URL_EXAMPLE =
  'postgres://user:password@host:5432/hosting, or a SQLite file path such as ./data/hosting-advisor.db';

/**
 * Anything with a scheme other than postgres:// would be opened as a SQLite file named after the
 * URL (a directory per segment, the password among them), and each replica would have its own
 * store; a postgres:// URL the driver cannot read would fail start-up as a bare "Invalid URL".
 * The value itself is never quoted: it holds the password.
 */
function databaseUrlProblem(url: string, context: z.RefinementCtx): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim())?.[1];
  if (scheme === undefined) return;
  if (!isPostgresUrl(url.trim())) {
    context.addIssue({
      code: 'custom',
      message: `must be a PostgreSQL URL such as ${DATABASE_URL_EXAMPLE} (this one starts with ${scheme}://)`,
    });
    return;
  }
  if (!URL.canParse(url.trim()))
    context.addIssue({
      code: 'custom',
      message: `must be a PostgreSQL URL such as ${DATABASE_URL_EXAMPLE}; this one is not a URL (a port that is not a number, or a password with @, / or # not percent-encoded)`,
    });
}

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must list Slack user IDs such as U012ABCDEF' });

export const configSchema = z.object({
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
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().superRefine(databaseUrlProblem).default(DEFAULT_DATABASE)),
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

export type ConfigValues = z.infer<typeof configSchema>;
