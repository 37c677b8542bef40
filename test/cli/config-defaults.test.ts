import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';
import { configSchema } from '../../src/config-schema';

/**
 * With no variable set, the configuration is the schema's defaults without loading the schema (a
 * CLI estimate in a bare shell starts faster): the same values, and a set variable is still checked.
 */
/** What loading through the schema gives for `env`, with the values `loadConfig` derives from it. */
const throughSchema = (env: Record<string, string>) => ({
  ...configSchema.parse(env),
  AWS_PRICING_REGION: 'us-east-1',
  awsPricingRegions: ['us-east-1'],
  socketMode: false,
  awsEnabled: false,
  herokuEnabled: false,
});

describe('configuration without any variable set', () => {
  it('reads exactly the variables the schema checks', () => {
    expect([...CONFIG_VARIABLES].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('gives what the schema gives for an empty environment, blank values counting as unset', () => {
    const expected = throughSchema({});
    expect(loadConfig({}, { requireSlack: false })).toEqual(expected);
    expect(loadConfig({ PATH: '/usr/bin', HEROKU_TEAMS: ' ', LOG_LEVEL: '' }, { requireSlack: false })).toEqual(
      expected,
    );
  });

  it('gives what the schema gives when only the certificate paths containers set are there', () => {
    const env = { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt', SSL_CERT_DIR: '/etc/ssl/certs' };
    expect(configSchema.parse(env).SSL_CERT_FILE).toBe(env.SSL_CERT_FILE);
    expect(loadConfig(env, { requireSlack: false })).toEqual(throughSchema(env));
  });

  it('still checks a variable that is set, and still asks the bot for its Slack credentials', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, { requireSlack: false })).toThrow(
      'LOG_LEVEL: must be debug, info, warn or error',
    );
    expect(() => loadConfig({}, { requireSlack: true })).toThrow(ConfigError);
    expect(() => loadConfig({}, { requireSlack: true })).toThrow('SLACK_BOT_TOKEN: is required to run the bot');
  });
});
