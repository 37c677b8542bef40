import type { Catalog } from '../pricing';
import { compareAddOns } from './compare-add-ons';
import { compareProcesses } from './compare-processes';
import type { AppPair, Difference, ParityApp, ParityCostLine } from './types';

/**
 * One staging app against one production app: every difference, classed as a risk (behaviour can
 * differ) or a cost choice (same behaviour, smaller), and what removing the risks would cost.
 */

const risk = (topic: Difference['topic'], what: string, why: string): Difference => ({
  class: 'risk',
  topic,
  what,
  why,
});

const orNone = (value: string | null) => value ?? 'unknown';

function spaceName(space: ParityApp['space']): string {
  if (!space) return 'the Common Runtime';
  return `${space.shield ? 'Shield' : 'Private'} Space ${space.name}`;
}

function platformDifferences(staging: ParityApp, production: ParityApp, toMatch: ParityCostLine[]): Difference[] {
  const found: Difference[] = [];
  const WHY = {
    stack:
      'Another base image: system libraries and language runtimes differ, so a build or binary that works on one can fail on the other.',
    region: 'Latency to databases and services outside Heroku differs, and so does where data lives.',
  } as const;
  for (const topic of ['stack', 'region'] as const) {
    if (staging[topic] === production[topic]) continue;
    found.push(
      risk(
        topic,
        `${topic}: ${orNone(staging[topic])} in staging, ${orNone(production[topic])} in production`,
        WHY[topic],
      ),
    );
  }
  const kind = (app: ParityApp) => (app.space ? (app.space.shield ? 'shield' : 'private') : 'common');
  if (kind(staging) !== kind(production)) {
    found.push(
      risk(
        'space',
        `space: ${spaceName(staging.space)} in staging, ${spaceName(production.space)} in production`,
        'Network isolation, outbound IPs, internal routing and (Shield) logging and compliance controls differ.',
      ),
    );
    if (production.space && kind(staging) !== 'shield') {
      toMatch.push({
        item: `run staging in a ${production.space.shield ? 'Shield ' : ''}Private Space`,
        monthlyCents: null,
        source: 'contract price',
        note: `the ${production.space.shield ? 'Shield ' : ''}Private Space fee is set by your Heroku contract: set heroku.space.${production.space.shield ? 'shield' : 'private'} in PRICING_FILE`,
      });
    }
  }
  if (staging.buildpacks.join('\n') !== production.buildpacks.join('\n')) {
    const list = (packs: string[]) => (packs.length > 0 ? packs.join(', ') : 'none set (auto-detected)');
    found.push(
      risk(
        'buildpacks',
        `buildpacks: ${list(staging.buildpacks)} in staging; ${list(production.buildpacks)} in production`,
        'The slug is built differently: other runtimes, binaries or build steps end up in it.',
      ),
    );
  }
  return found;
}

/** Names set by add-ons are compared as add-ons (an attachment's name, like HEROKU_POSTGRESQL_RED_URL, differs by app). */
function configVarDifferences(staging: ParityApp, production: ParityApp): Difference[] {
  if (staging.configVarNames === null || production.configVarNames === null) return [];
  const fromAddOns = new Set([...staging.addOns, ...production.addOns].flatMap((addOn) => addOn.configVars));
  const own = (names: string[]) => new Set(names.filter((name) => !fromAddOns.has(name)));
  const inStaging = own(staging.configVarNames);
  const inProduction = own(production.configVarNames);
  const only = (a: Set<string>, b: Set<string>) => [...a].filter((name) => !b.has(name)).sort();
  const sides = [
    { names: only(inStaging, inProduction), where: 'staging', why: 'in staging than in production.' },
    { names: only(inProduction, inStaging), where: 'production', why: 'in production, which staging never tries.' },
  ];
  return sides
    .filter((side) => side.names.length > 0)
    .map((side) =>
      risk(
        'config-vars',
        `config vars set only in ${side.where}: ${side.names.join(', ')}`,
        `Code that reads them takes another path ${side.why}`,
      ),
    );
}

/** `productionApps`: every production app of the pipeline, so staging on any one's add-on is seen (default: the pair's). */
export function compareApps(
  staging: ParityApp,
  production: ParityApp,
  catalog: Catalog,
  productionApps: readonly string[] = [production.name],
): AppPair {
  const toMatch: ParityCostLine[] = [];
  const differences = [
    ...platformDifferences(staging, production, toMatch),
    ...compareProcesses(staging.processes, production.processes, catalog, toMatch),
    ...compareAddOns(staging.addOns, production.addOns, catalog, toMatch, productionApps),
    ...configVarDifferences(staging, production),
  ];
  const priced = toMatch.filter((line) => line.monthlyCents !== null);
  return {
    staging: staging.name,
    production: production.name,
    differences,
    toMatch: priced,
    toMatchCents: priced.reduce((total, line) => total + (line.monthlyCents ?? 0), 0),
    toMatchUnpriced: toMatch.filter((line) => line.monthlyCents === null),
  };
}
