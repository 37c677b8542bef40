import { type FakeHeroku, HerokuWorld } from './fake-heroku';

/**
 * Pipelines for parity tests, wire-shaped in the local Heroku server:
 * - shop: staging lacks the worker process and the Redis add-on, runs heroku-22 against heroku-24
 *   and sets one config var name production does not (FEATURE_BETA_CHECKOUT); nothing else differs.
 * - docs: staging is production's twin (config var values differ, names do not).
 * - lonely: a production app and no staging app.
 * Every config var value contains SECRET_VALUE_MARKER, so tests can prove no value leaks.
 */
export const SECRET_VALUE_MARKER = 'sk_live_PARITY_SECRET';

const secret = (n: string) => `${SECRET_VALUE_MARKER}_${n}`;

export function parityWorld(): HerokuWorld {
  const w = new HerokuWorld({ seed: 19 });
  const base = {
    buildpacks: ['heroku/nodejs'],
    addOns: [
      { service: 'heroku-postgresql', plan: 'standard-0', cents: 5000 },
      { service: 'papertrail', plan: 'volmar', cents: 1234 },
    ],
  };
  w.addApp('shop-staging', {
    ...base,
    stack: 'heroku-22',
    formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }],
    configVars: { NODE_ENV: secret('staging'), SESSION_SECRET: secret('s1'), FEATURE_BETA_CHECKOUT: secret('on') },
  });
  w.addApp('shop-production', {
    ...base,
    stack: 'heroku-24',
    formation: [
      { type: 'web', quantity: 2, size: 'standard-2X' },
      { type: 'worker', quantity: 2, size: 'standard-2X' },
    ],
    addOns: [...base.addOns, { service: 'heroku-redis', plan: 'premium-0', cents: 1500 }],
    configVars: { NODE_ENV: secret('production'), SESSION_SECRET: secret('p1') },
  });
  w.addPipeline('shop', { staging: ['shop-staging'], production: ['shop-production'], review: [] });

  const docs = {
    buildpacks: ['heroku/ruby'],
    formation: [{ type: 'web', quantity: 1, size: 'basic' }],
    addOns: [{ service: 'heroku-postgresql', plan: 'essential-0', cents: 500 }],
  };
  w.addApp('docs-staging', { ...docs, configVars: { RAILS_ENV: secret('d-staging') } });
  w.addApp('docs-production', { ...docs, configVars: { RAILS_ENV: secret('d-production') } });
  w.addPipeline('docs', { staging: ['docs-staging'], production: ['docs-production'] });

  w.addApp('lonely-production', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addPipeline('lonely', { production: ['lonely-production'] });
  return w;
}

/**
 * Pipeline `multi`: two apps in each stage (api on Performance-M against Standard-2X in staging;
 * admin the same in both) and a third staging app the token may not read (403). Returns that app.
 */
export function addMultiPipeline(heroku: FakeHeroku) {
  const w = heroku.world;
  w.addApp('api', { formation: [{ type: 'web', quantity: 1, size: 'performance-M' }] });
  w.addApp('admin', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  w.addApp('api-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-2X' }] });
  w.addApp('admin-staging', { formation: [{ type: 'web', quantity: 1, size: 'standard-1X' }] });
  const hidden = w.addApp('secret-staging', {});
  w.addPipeline('multi', { staging: ['api-staging', 'admin-staging', 'secret-staging'], production: ['api', 'admin'] });
  heroku.inject({ path: `/apps/${hidden.id}`, times: Infinity, fault: { type: 'forbidden' } });
  return hidden;
}

/** The digest's channel in parity bot tests. */
export const PARITY_DIGEST_CHANNEL = 'CDIGEST01';

/** A bot reading this Heroku server, posting the digest to PARITY_DIGEST_CHANNEL, AWS not connected. */
export function parityBotEnv(heroku: FakeHeroku): Record<string, string> {
  return {
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
    DIGEST_CHANNEL: PARITY_DIGEST_CHANNEL,
    AWS_ACCESS_KEY_ID: '',
    AWS_PROFILE: '',
  };
}
