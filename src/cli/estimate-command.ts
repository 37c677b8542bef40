import { estimateFromWords } from '../answers/estimate';
import { renderEstimateText } from '../core/estimate';
import type { Estimate, PlatformCost, PricedCostLine, TierCost } from '../core/model';
import { formatUsd, type Money, sumMoney } from '../core/money';
import { type CliArgsSpec, type CliOption, readCliArgs } from './cli-args';
import type { CliCommand } from './cli-command';

/** Dollars with two decimals, as a string: `1234.50`. */
const amount = (value: Money) => value.toFixed(2);

/**
 * A line as JSON: its own fields, `monthly` as shown (rounded once to the cent) right after the unit
 * price, and `monthlyExact` the unrounded product (a model line works it out only when read).
 */
function lineJson(line: PricedCostLine) {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(line)) {
    if (key === 'monthly') continue;
    json[key] = key === 'unitPrice' ? line.unitPrice.toString() : value;
    if (key === 'unitPrice') json.monthly = amount(line.monthly);
  }
  json.monthlyExact = line.monthly.toString();
  return json;
}

const sumExact = (lines: readonly PricedCostLine[]) => sumMoney(lines.map((l) => l.monthly)).toString();

/** Cost lines as JSON: every total is the sum of the lines' shown amounts; exact sums are kept apart. */
function platformJson(cost: PlatformCost) {
  const infrastructure = cost.lines.filter((l) => l.category !== 'ops');
  return {
    platform: cost.platform,
    infrastructureMonthly: amount(cost.infrastructure),
    opsMonthly: amount(cost.ops),
    totalMonthly: amount(cost.total),
    exact: { infrastructureMonthly: sumExact(infrastructure), totalMonthly: sumExact(cost.lines) },
    display: { infrastructure: formatUsd(cost.infrastructure), total: formatUsd(cost.total) },
    lines: cost.lines.map(lineJson),
    unpriced: cost.unpriced,
  };
}

function tierJson(tier: TierCost) {
  return {
    id: tier.id,
    platform: tier.platform,
    description: tier.description,
    monthly: amount(tier.infrastructure),
    exact: { monthly: sumExact(tier.lines) },
    lines: tier.lines.map(lineJson),
    unpriced: tier.unpriced,
  };
}

function estimateJson(result: Estimate) {
  const v = result.verdict;
  return {
    period: 'month',
    estimated: true,
    currency: 'USD',
    priceListDate: result.priceListDate,
    current: result.current,
    range: { low: amount(result.range.low), high: amount(result.range.high) },
    verdict: {
      tier: v.tier,
      kind: v.kind,
      ...(v.cheaper ? { cheaper: v.cheaper } : {}),
      ...(v.difference ? { difference: amount(v.difference) } : {}),
      missing: v.missing,
    },
    cheaper: result.cheaper,
    difference: amount(result.difference),
    withOps: { cheaper: result.withOps.cheaper, difference: amount(result.withOps.difference) },
    excludesUnpriced: result.excludesUnpriced,
    tiers: result.tiers.map(tierJson),
    heroku: platformJson(result.heroku),
    aws: platformJson(result.aws),
    assumptions: result.assumptions,
    workload: result.workload,
  };
}

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: 'npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0 --json',
} satisfies CliArgsSpec<Record<string, CliOption>>;

export const estimateCliCommand: CliCommand = {
  name: 'estimate',
  usage: 'estimate <workload> [--json]',
  summary: 'price a workload on Heroku and model it on AWS (or the reverse with `aws`)',
  examples: [
    'estimate web=2xstandard-2x postgres=standard-0',
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az --json',
  ],
  async run(args, { io, prices }) {
    const read = readCliArgs(args, ARGS);
    if ('error' in read) {
      io.err(read.error);
      return 1;
    }
    const json = read.values.json === true;
    const answer = estimateFromWords(read.words.join(' '), await prices());
    switch (answer.kind) {
      case 'refused':
      case 'failed':
        io.err(answer.message);
        return 1;
      case 'form':
        io.err('Describe a workload, for example: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0');
        return 1;
      case 'needs-heroku':
        io.err(
          `Estimating the live Heroku app "${answer.app}" needs HEROKU_API_TOKEN. Meanwhile, describe it: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0`,
        );
        return 1;
      case 'estimate': {
        const note = answer.pricingNote;
        if (json)
          io.out(JSON.stringify({ ...(note ? { pricingNote: note } : {}), ...estimateJson(answer.estimate) }, null, 2));
        else io.out([...(note ? [`Note: ${note}`] : []), renderEstimateText(answer.estimate)].join('\n'));
        return 0;
      }
    }
  },
};
