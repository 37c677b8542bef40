import { priceDatesOfDays } from '../price-dates';
import type { Catalog } from '../pricing';
import { dataService } from '../pricing/heroku-tiers';
import { compareApps } from './compare';
import { appCost, sharePercent } from './cost';
import type {
  AppCost,
  ParityApp,
  ParityCostLine,
  ParityPipelineInput,
  ParityReport,
  PipelineParity,
  PricesUsed,
} from './types';

/**
 * Every pipeline's staging against its production. Several apps in one stage are each compared:
 * each staging app against the production app whose name, without its stage word, it shares the
 * longest start with (`shop-api-staging` and `staging-shop-api` ↔ `shop-api`), so an API and its
 * admin app are not compared crosswise.
 */

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** `staging-shop-api`, `shop-api-stg`, `shop-api-production` → `shop-api`. */
const withoutStage = (name: string) =>
  name
    .split(/[-_]/)
    .filter((word) => !/^(staging|stage|stg|production|prod|prd)$/i.test(word))
    .join('-');

/** How alike two app names are: the shared start without stage words first, then as written. */
const likeness = (a: string, b: string) => [sharedStart(withoutStage(a), withoutStage(b)), sharedStart(a, b)];

function partnerOf(staging: ParityApp, production: readonly ParityApp[]): ParityApp {
  return production.reduce((best, candidate) => {
    const [mine, asWritten] = likeness(staging.name, candidate.name);
    const [theirs, bestAsWritten] = likeness(staging.name, best.name);
    return mine > theirs || (mine === theirs && asWritten > bestAsWritten) ? candidate : best;
  });
}

const names = (apps: readonly ParityApp[]) => apps.map((app) => app.name).join(', ');

function comparePipeline(input: ParityPipelineInput, catalog: Catalog): Omit<PipelineParity, keyof PricesUsed> {
  const staging = input.staging.map((app) => appCost(app, catalog));
  const production = input.production.map((app) => appCost(app, catalog));
  const stagingCents = staging.reduce((total, app) => total + app.monthlyCents, 0);
  const productionCents = production.reduce((total, app) => total + app.monthlyCents, 0);
  const unpriced = (costs: readonly AppCost[]) => costs.reduce((total, app) => total + app.unpriced.length, 0);
  const notes: string[] = [];
  const base = {
    pipeline: input.name,
    staging,
    production,
    stagingCents,
    productionCents,
    stagingUnpriced: unpriced(staging),
    productionUnpriced: unpriced(production),
    sharePercent: sharePercent(stagingCents, productionCents),
    fullCopyCents: Math.max(0, productionCents - stagingCents),
    unreadable: input.unreadable,
    notes,
  };
  for (const app of input.unreadable) notes.push(`${app.stage} app ${app.app} could not be read: ${app.reason}`);

  const status =
    input.staging.length > 0 && input.production.length > 0
      ? 'compared'
      : input.staging.length === 0 && input.production.length === 0
        ? input.unreadable.length > 0
          ? 'nothing-readable'
          : 'no-apps'
        : input.staging.length === 0
          ? 'no-staging'
          : 'no-production';
  if (status !== 'compared') return { ...base, status, pairs: [] };

  const productionApps = input.production.map((app) => app.name);
  const pairs = input.staging.map((app) => compareApps(app, partnerOf(app, input.production), catalog, productionApps));
  if (input.staging.length > 1 || input.production.length > 1) {
    notes.push(
      `Several apps in a stage (staging: ${names(input.staging)}; production: ${names(input.production)}): each staging app is compared with the production app whose name matches it best.`,
    );
  }
  const paired = new Set(pairs.map((pair) => pair.production));
  for (const app of input.production) {
    if (!paired.has(app.name)) notes.push(`Production app ${app.name} has no staging app of its own.`);
  }
  for (const app of [...input.staging, ...input.production]) {
    if (app.configVarNames === null) {
      notes.push(
        `Config var names of ${app.name} were not compared: ${app.configVarsProblem ?? 'this token may not read them'}`,
      );
    }
  }
  return { ...base, status, pairs };
}

/** Caveats that hold for every pipeline shown, said once. */
function reportNotes(inputs: readonly ParityPipelineInput[]): string[] {
  const apps = inputs.flatMap((input) => [...input.staging, ...input.production]);
  const notes: string[] = [];
  const withPostgres = (list: readonly ParityApp[]) =>
    list.some((app) => app.addOns.some((addOn) => dataService(addOn.service) === 'postgres'));
  if (inputs.some((input) => withPostgres(input.staging) && withPostgres(input.production))) {
    notes.push(
      'Postgres major version is not compared: the Heroku Platform API does not report it (`heroku pg:info` shows it).',
    );
  }
  if (apps.some((app) => app.processes.some((p) => p.size === 'eco' && p.quantity > 0))) {
    notes.push('Eco dynos share one account-wide pool with a flat fee, so they count $0 per app here.');
  }
  if (apps.some((app) => app.space)) {
    notes.push('Private and Shield Space fees are set by contract and left out of these figures.');
  }
  return notes;
}

/** Every amount a pipeline shows: each app's lines and what matching production would add. */
function* amountsShown(pipeline: Omit<PipelineParity, keyof PricesUsed>): Generator<ParityCostLine> {
  for (const cost of [...pipeline.staging, ...pipeline.production]) yield* cost.lines;
  for (const pair of pipeline.pairs) yield* pair.toMatch;
}

/** The dates of the prices the given amounts were priced from, in one pass over the priced ones. */
function pricesUsed(lines: Iterable<ParityCostLine>): PricesUsed {
  const listed: string[] = [];
  const billed: string[] = [];
  for (const line of lines) {
    if (line.monthlyCents === null) continue;
    if (line.asOf) listed.push(line.asOf);
    if (line.billedOn) billed.push(line.billedOn);
  }
  const priceDates = priceDatesOfDays(listed);
  // Every app of one read shares its day; the newest, should reads ever mix.
  const billedOn = priceDatesOfDays(billed)?.newest;
  return { ...(priceDates ? { priceDates } : {}), ...(billedOn ? { billedOn } : {}) };
}

export function compareAllPipelines(inputs: readonly ParityPipelineInput[], catalog: Catalog): ParityReport {
  const pipelines = inputs.map((input) => {
    const compared = comparePipeline(input, catalog);
    return { ...compared, ...pricesUsed(amountsShown(compared)) };
  });
  return {
    pipelines,
    ...pricesUsed(pipelines.flatMap((pipeline) => [...amountsShown(pipeline)])),
    notes: reportNotes(inputs),
  };
}

export const riskCount = (pipeline: PipelineParity) =>
  pipeline.pairs.reduce((total, pair) => total + pair.differences.filter((d) => d.class === 'risk').length, 0);
