import type { Catalog } from '../pricing';
import { planTier, serviceLabel, tierFeatures } from '../pricing/heroku-tiers';
import { addOnLine } from './cost';
import type { Difference, ParityAddOn, ParityCostLine } from './types';

/**
 * Add-on services in one stage only (a risk), plan tiers with other features (a risk), and plan
 * size within a tier (a cost choice). Several add-ons of one service are paired largest tier first.
 */

/** Heroku Postgres and Key-Value Store tiers, lowest first; a plan of another service ranks below them all. */
const TIER_ORDER = ['essential', 'mini', 'standard', 'premium', 'private', 'shield'];

const tierRank = (addOn: ParityAddOn) => TIER_ORDER.indexOf(planTier(addOn.service, addOn.plan));

/** Highest tier first, then the larger plan (`premium-2` before `premium-0`), so a primary meets a primary. */
const largestFirst = (a: ParityAddOn, b: ParityAddOn) =>
  tierRank(b) - tierRank(a) || b.plan.localeCompare(a.plan, 'en', { numeric: true });

function byService(addOns: readonly ParityAddOn[]): Map<string, ParityAddOn[]> {
  const map = new Map<string, ParityAddOn[]>();
  for (const addOn of addOns) map.set(addOn.service, [...(map.get(addOn.service) ?? []), addOn]);
  for (const list of map.values()) list.sort(largestFirst);
  return map;
}

const vars = (addOn: ParityAddOn) => (addOn.configVars.length > 0 ? ` (sets ${addOn.configVars.join(', ')})` : '');

function missing(addOn: ParityAddOn, where: 'staging' | 'production'): Difference {
  const label = `${serviceLabel(addOn.service)} ${addOn.plan}`;
  return where === 'staging'
    ? {
        class: 'risk',
        topic: 'add-on',
        what: `add-on ${label}: in production only${vars(addOn)}`,
        why: 'Code that uses it is never tried against it in staging.',
      }
    : {
        class: 'risk',
        topic: 'add-on',
        what: `add-on ${label}: in staging only${vars(addOn)}`,
        why: 'Staging depends on a service production does not have.',
      };
}

function planDifference(
  stage: ParityAddOn,
  prod: ParityAddOn,
  catalog: Catalog,
  toMatch: ParityCostLine[],
): Difference | undefined {
  if (stage.plan === prod.plan) return undefined;
  const label = serviceLabel(prod.service);
  const what = `${label}: ${stage.plan} in staging, ${prod.plan} in production`;
  const fromTier = planTier(stage.service, stage.plan);
  const toTier = planTier(prod.service, prod.plan);
  const fromFeatures = tierFeatures(stage.service, fromTier);
  const toFeatures = tierFeatures(prod.service, toTier);
  if (fromTier !== toTier && fromFeatures && toFeatures) {
    const before = addOnLine(stage, catalog);
    const after = addOnLine(prod, catalog);
    const item = `${label}: ${stage.plan} → ${prod.plan}`;
    if (before.monthlyCents === null || after.monthlyCents === null) {
      toMatch.push({ item, monthlyCents: null, source: after.source, note: after.note ?? before.note });
    } else if (after.monthlyCents > before.monthlyCents) {
      // Dated as the production plan's price is: the difference is shown at that price.
      const { source, asOf, billedOn } = after;
      toMatch.push({
        item,
        monthlyCents: after.monthlyCents - before.monthlyCents,
        source,
        ...(asOf ? { asOf } : {}),
        ...(billedOn ? { billedOn } : {}),
      });
    }
    return {
      class: 'risk',
      topic: 'plan-tier',
      what,
      why: `${capitalise(fromTier)}: ${fromFeatures}; ${capitalise(toTier)}: ${toFeatures}.`,
    };
  }
  return {
    class: 'cost-choice',
    topic: 'plan-size',
    what,
    why: toFeatures
      ? `Same ${capitalise(toTier)} tier: the same features, with less memory, storage or connections.`
      : "Same service on another plan: Hosting Advisor does not know this service's tiers; check its plan page.",
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A staging app attached to an add-on the production app owns: the same plan, and the riskiest difference. */
function sharedWithProduction(addOn: ParityAddOn, productionApp: string): Difference {
  return {
    class: 'risk',
    topic: 'shared-add-on',
    what: `add-on ${serviceLabel(addOn.service)} ${addOn.plan}: staging uses production's own, attached from ${productionApp}${vars(addOn)}`,
    why: "Staging reads and writes production's data: a test, migration or load test run in staging changes production.",
  };
}

export function compareAddOns(
  staging: readonly ParityAddOn[],
  production: readonly ParityAddOn[],
  catalog: Catalog,
  toMatch: ParityCostLine[],
  productionApps: readonly string[],
): Difference[] {
  const inStaging = byService(staging);
  const inProduction = byService(production);
  const found: Difference[] = [];
  for (const addOn of staging) {
    if (addOn.attachedFrom === undefined || !productionApps.includes(addOn.attachedFrom)) continue;
    found.push(sharedWithProduction(addOn, addOn.attachedFrom));
    // Its own copy is what removes the risk: production's price, now billed to staging too.
    const line = addOnLine(addOn, catalog);
    toMatch.push({ ...line, item: `own ${line.item} for staging, instead of production's` });
  }
  for (const [service, prods] of inProduction) {
    const stages = inStaging.get(service) ?? [];
    prods.forEach((prod, index) => {
      const stage = stages[index];
      if (!stage) {
        found.push(missing(prod, 'staging'));
        const line = addOnLine(prod, catalog);
        toMatch.push({ ...line, item: `add ${line.item}` });
        return;
      }
      const difference = planDifference(stage, prod, catalog, toMatch);
      if (difference) found.push(difference);
    });
  }
  for (const [service, stages] of inStaging) {
    const prods = inProduction.get(service) ?? [];
    for (const stage of stages.slice(prods.length)) {
      // Another production app's own add-on is in production: that it is shared is the risk, said above.
      if (stage.attachedFrom === undefined || !productionApps.includes(stage.attachedFrom)) {
        found.push(missing(stage, 'production'));
      }
    }
  }
  return found;
}
