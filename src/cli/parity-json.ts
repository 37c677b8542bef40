import type { ParityAnswer } from '../answers/parity';
import { fromCents } from '../core/money';
import type { AppCost, AppPair, ParityCostLine, PipelineParity, PricesUsed } from '../core/parity';
import { pricesBasis } from '../core/parity';

/**
 * `parity --json`: the same answer for scripts. Amounts are decimal strings of US dollars a month
 * (`"162.34"`), exact to the cent; a line without an amount (a contract price, or a list price the bundled list lacks) has `monthly: null`, never "0.00".
 */

const usd = (cents: number) => fromCents(cents).toFixed(2);

function line(cost: ParityCostLine) {
  return {
    item: cost.item,
    monthly: cost.monthlyCents === null ? null : usd(cost.monthlyCents),
    source: cost.source,
    ...(cost.note ? { note: cost.note } : {}),
  };
}

function app(cost: AppCost) {
  return {
    app: cost.app,
    monthly: usd(cost.monthlyCents),
    lines: cost.lines.map(line),
    unpriced: cost.unpriced.map(line),
  };
}

function pair(compared: AppPair) {
  const risks = compared.differences.filter((d) => d.class === 'risk').length;
  return {
    staging: compared.staging,
    production: compared.production,
    risks,
    costChoices: compared.differences.length - risks,
    differences: compared.differences.map((d) => ({ class: d.class, topic: d.topic, what: d.what, why: d.why })),
    toMatch: {
      monthly: usd(compared.toMatchCents),
      lines: compared.toMatch.map(line),
      unpriced: compared.toMatchUnpriced.map(line),
    },
  };
}

/** `prices` with the dates it names: a pipeline's own amounts, or the whole report's. */
const prices = (used: PricesUsed) => ({
  prices: pricesBasis(used),
  ...(used.priceDates ? { priceDates: used.priceDates } : {}),
  ...(used.billedOn ? { billedOn: used.billedOn } : {}),
});

function pipeline(parity: PipelineParity) {
  return {
    pipeline: parity.pipeline,
    status: parity.status,
    ...prices(parity),
    // `monthly` sums the priced lines; `unpricedItems` counts those left out, so it is then a lower bound.
    staging: {
      monthly: usd(parity.stagingCents),
      unpricedItems: parity.stagingUnpriced,
      apps: parity.staging.map(app),
    },
    production: {
      monthly: usd(parity.productionCents),
      unpricedItems: parity.productionUnpriced,
      apps: parity.production.map(app),
    },
    stagingSharePercent: parity.sharePercent,
    fullCopyAdds: usd(parity.fullCopyCents),
    pairs: parity.pairs.map(pair),
    unreadable: parity.unreadable,
    notes: parity.notes,
  };
}

export function parityJson(answer: Extract<ParityAnswer, { kind: 'report' }>): string {
  const { report } = answer;
  return JSON.stringify(
    {
      currency: 'USD',
      period: 'month',
      ...prices(report),
      source: answer.freshness,
      pipelines: report.pipelines.map(pipeline),
      notes: report.notes,
    },
    null,
    2,
  );
}
